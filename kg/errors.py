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


class UnknownEntityError(KGError, LookupError):
    """A name matches no entity in the graph; ``suggestions`` holds close ones."""

    def __init__(self, message: str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.suggestions = suggestions


class AmbiguousEntityError(KGError, LookupError):
    """A name matches several entities; ``candidates`` lists their IRIs."""

    def __init__(self, message: str, candidates: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.candidates = candidates


class QueryError(KGError, ValueError):
    """A SPARQL query is malformed, unknown or given bad parameters."""


class ParameterError(KGError, ValueError):
    """A request parameter of ``kg serve`` that cannot be used; the message
    says what to give instead."""


class RefusedQueryError(QueryError):
    """A SPARQL query the endpoint does not run or answer (an update, a
    syntax error, too many results, too slow); ``status`` is the HTTP status."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status
