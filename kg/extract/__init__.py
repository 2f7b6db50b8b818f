"""Extractors: Doc → events (n-ary records with evidence)."""
