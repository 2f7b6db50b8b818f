"""Mentions: a Doc's names and descriptions resolved to canonical entities."""
