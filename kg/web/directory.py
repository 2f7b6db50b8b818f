"""Entity search as you type: every label and alias, folded and sorted.

Examples:
    >>> from kg.records import Node
    >>> nk = Node("http://x/country/nk", "North Korea", "Country", ("DPRK",), 9)
    >>> nr = Node("http://x/person/nora", "Nora Kim", "Person", (), 2)
    >>> d = Directory.of({n.iri: n for n in (nk, nr)})
    >>> [(m.node.label, m.name) for m in d.search("dpr")]
    [('North Korea', 'DPRK')]
    >>> [m.node.label for m in d.search("n")]
    ['North Korea', 'Nora Kim']
    >>> d.counts()
    {'Country': 1, 'Person': 1}
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from kg.records import Node
from kg.store.entities import EntityIndex, fold

__all__ = ["Directory", "Match"]


@dataclass(frozen=True, slots=True)
class Match:
    """An entity found by search, and the label or alias that matched."""

    node: Node
    name: str


@dataclass(frozen=True)
class Directory:
    """Entities by the start of any of their names or name words."""

    index: EntityIndex
    keys: tuple[str, ...]  # folded name or name suffix starting at a word, sorted
    entries: tuple[tuple[str, str], ...]  # (iri, name) for each key

    @classmethod
    def of(cls, nodes: Mapping[str, Node]) -> Directory:
        """Index the names of ``nodes``."""
        rows: set[tuple[str, str, str]] = set()
        for iri, node in nodes.items():
            for name in (node.label, *node.aliases):
                words = fold(name).split(" ")
                for start in range(len(words)):
                    rows.add((" ".join(words[start:]), iri, name))
        ordered = sorted(rows)
        return cls(
            index=EntityIndex.of(nodes),
            keys=tuple(key for key, _, _ in ordered),
            entries=tuple((iri, name) for _, iri, name in ordered),
        )

    def search(
        self, text: str, *, limit: int = 10, kind: str | None = None
    ) -> list[Match]:
        """Entities with a name, or a word of a name, starting with ``text``:
        entities with mentions before those with none, then whole-name
        matches first, then by mentions, then by label."""
        folded = fold(text)
        if not folded:
            return []
        found: dict[str, tuple[tuple[bool, int, int, str], Match]] = {}
        start = bisect.bisect_left(self.keys, folded)
        for position in range(start, len(self.keys)):
            key = self.keys[position]
            if not key.startswith(folded):
                break
            iri, name = self.entries[position]
            node = self.index.nodes[iri]
            if kind is not None and node.type != kind:
                continue
            whole = fold(name) == key  # matched from the name's first word
            tier = 0 if whole and key == folded else 1 if whole else 2
            # a name never mentioned never comes before one that is
            order = (node.mentions == 0, tier, -node.mentions, node.label)
            if iri not in found or order < found[iri][0]:
                found[iri] = (order, Match(node, name))
        ranked = sorted(found.values(), key=lambda pair: pair[0])
        return [match for _, match in ranked[:limit]]

    def counts(self) -> dict[str, int]:
        """How many entities of each type, by type name."""
        return dict(sorted(Counter(n.type for n in self.index.nodes.values()).items()))
