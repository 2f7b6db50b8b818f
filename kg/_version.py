"""The one version string of kg: the package, ``--resume`` and extractor versions."""

__version__ = "0.1.0"
