"""Errors kg raises; each message says what failed and how to fix it."""


class KGError(Exception):
    """Base class for every error kg reports to the user."""


class ModelNotFoundError(KGError):
    """No usable spaCy pipeline is installed."""


class InputError(KGError, ValueError):
    """An input path or file cannot be used."""


class OutputFormatError(KGError, ValueError):
    """The output format cannot be derived from the file name."""


class OntologyError(KGError):
    """``ontology/kg.ttl`` is missing or inconsistent."""
