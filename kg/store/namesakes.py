"""Which forms and articles were merged into one entity, and which namesakes were not.

``kg entities --merged`` reads this report: every entity that more than one
article describes or that several surface forms name, each form with the
reason it was merged, and every label that names several entities, with the
reason they were kept apart (different type, or tied to different countries).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from kg.mentions.reasons import alias_reason
from kg.records import EntityType
from kg.store.sparql import Queryable, select

__all__ = ["Homonyms", "Merge", "alias_reason", "merge_report"]

_TYPES = " ".join(f"kg:{t.value}" for t in EntityType if t is not EntityType.THING)
_ENTITIES = f"""
SELECT ?e ?label ?type ?home (COUNT(DISTINCT ?g) AS ?articles)
       (GROUP_CONCAT(DISTINCT ?alias; separator="\\u001f") AS ?aliases)
WHERE {{
  VALUES ?t {{ {_TYPES} }}
  GRAPH ?g {{ ?g a schema:NewsArticle . ?e a ?t }}
  ?e rdfs:label ?label .
  OPTIONAL {{ ?e skos:altLabel ?alias }}
  OPTIONAL {{ ?e kg:basedIn/rdfs:label ?home }}
  BIND (STRAFTER(STR(?t), "#") AS ?type)
}}
GROUP BY ?e ?label ?type ?home"""


@dataclass(frozen=True, slots=True)
class Merge:
    """One entity built from several forms or articles."""

    iri: str
    label: str
    type: str
    articles: int
    forms: tuple[tuple[str, str], ...]  # (surface form, reason)


@dataclass(frozen=True, slots=True)
class Homonyms:
    """One label naming several entities, and why they were kept apart."""

    label: str
    entities: tuple[str, ...]
    reason: str


def merge_report(store: Queryable) -> tuple[list[Merge], list[Homonyms]]:
    """Merged entities and kept-apart namesakes, sorted by label."""
    merges: list[Merge] = []
    by_label: dict[str, list[tuple[str, str, str | None]]] = defaultdict(list)
    labels: dict[str, str] = {}
    for row in select(store, _ENTITIES):
        iri, label, kind = row["e"].value, row["label"].value, row["type"].value
        home = row["home"].value if row["home"] is not None else None
        by_label[label.casefold()].append((iri, kind, home))
        labels.setdefault(label.casefold(), label)
        # GROUP_CONCAT over no alias is unbound in Oxigraph, not ""
        joined = row["aliases"].value if row["aliases"] is not None else ""
        aliases = [a for a in joined.split("\x1f") if a]
        forms = tuple(
            (alias, alias_reason(label, kind, alias))
            for alias in sorted(aliases)
            if alias != label
        )
        articles = int(row["articles"].value)
        if articles > 1 or forms:
            merges.append(Merge(iri, label, kind, articles, forms))
    homonyms = [
        Homonyms(
            label=labels[key],
            entities=tuple(sorted(iri for iri, _, _ in group)),
            reason=_apart(group),
        )
        for key, group in sorted(by_label.items())
        if len({iri for iri, _, _ in group}) > 1
    ]
    return sorted(merges, key=lambda m: (m.label, m.iri)), homonyms


def _apart(group: list[tuple[str, str, str | None]]) -> str:
    kinds = sorted({kind for _, kind, _ in group})
    if len(kinds) > 1:
        return f"different types: {', '.join(kinds)}"
    homes = sorted({home or "no country" for _, _, home in group})
    return f"tied to different countries: {', '.join(homes)}"
