"""Writing files: N-Triples lines sort as strings in term order (s, p, o)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kg.rdf.quads import _plain

_IRIS = st.sampled_from(
    [
        "<http://x/a>",
        "<http://x/a/b>",
        "<http://x/a-b>",
        "<http://x/ab>",
        "_:b1",
        "_:b10",
    ]
)
_OBJECTS = st.one_of(_IRIS, st.text(max_size=12).map(_plain))


@given(st.lists(st.tuples(_IRIS, _IRIS, _OBJECTS), max_size=30))
def test_write_string_order_is_term_order(triples: list[tuple[str, str, str]]) -> None:
    lines = [f"{s} {p} {o} .\n" for s, p, o in triples]
    assert sorted(lines) == [f"{s} {p} {o} .\n" for s, p, o in sorted(triples)]
