"""How well kg finds, joins, types and names the entities of real news.

The real-news gold lists every named entity of each article with its type,
label and every other form the text uses for it. Each occurrence of a gold
form in the parsed text is an occurrence of that entity; kg's mention over
its head word (if any) says which kg entity kg made of it, as coreference
scorers match mentions by their heads: in "Liberal Democrat leader Charles
Kennedy", kg's mention of "Liberal Democrat" is the party's, not Kennedy's.
Then, within each article:

* **clustering**: B³ and pairwise precision, recall and F1 of kg's entities
  against the gold ones, over the occurrences (an occurrence kg did not
  mention is a cluster of its own);
* **types**: the share of gold people, organisations, countries and places
  whose kg entity (the one most of their occurrences map to) has their type;
* **labels**: the share of them whose kg entity is labelled with the gold
  label or one of the gold forms;
* **coverage**: the share of occurrences kg mentions at all.

Named things (``thing``) are left out: kg keeps them as common nouns.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from kg.eval.gold import Tally
from kg.eval.realnews import GoldArticle, norm_name
from kg.records import Extraction

__all__ = ["EntityReport", "head_of", "kg_entity_of", "score_entities"]

_TYPES = {
    "person": "Person",
    "organization": "Organization",
    "country": "Country",
    "place": "Place",
}


@dataclass
class EntityReport:
    """Entity scores summed over articles."""

    occurrences: int = 0
    covered: int = 0
    b3_precision: float = 0.0  # sums over occurrences
    b3_recall: float = 0.0
    pairs: Tally | None = None
    entities: int = 0
    typed_right: int = 0
    labelled_right: int = 0

    def __post_init__(self) -> None:
        if self.pairs is None:
            self.pairs = Tally()

    @property
    def b3(self) -> tuple[float, float, float]:
        if not self.occurrences:
            return 0.0, 0.0, 0.0
        p = self.b3_precision / self.occurrences
        r = self.b3_recall / self.occurrences
        return p, r, 2 * p * r / (p + r) if p + r else 0.0

    @property
    def type_accuracy(self) -> float:
        return self.typed_right / self.entities if self.entities else 0.0

    @property
    def label_accuracy(self) -> float:
        return self.labelled_right / self.entities if self.entities else 0.0

    @property
    def coverage(self) -> float:
        return self.covered / self.occurrences if self.occurrences else 0.0


def score_entities(
    gold: Iterable[GoldArticle], extractions: Iterable[Extraction]
) -> EntityReport:
    """Score the entities of ``extractions`` (in gold order) against the gold."""
    report = EntityReport()
    for article, extraction in zip(gold, extractions, strict=True):
        _score_article(report, article, extraction)
    return report


def _score_article(
    report: EntityReport, gold: GoldArticle, extraction: Extraction
) -> None:
    found = _occurrences(gold, extraction)
    if not found:
        return
    spans = _spans(extraction)
    entities = {m.entity.key: m.entity for m in extraction.mentions}
    assigned: list[tuple[str, str]] = []  # (gold label, kg key or a singleton)
    for index, (start, end, label) in enumerate(found):
        key = _covering(spans, start, end, extraction.article.text)
        report.occurrences += 1
        if key is None:
            key = f"~{index}"
        else:
            report.covered += 1
        assigned.append((label, key))
    by_gold: dict[str, list[int]] = defaultdict(list)
    by_kg: dict[str, list[int]] = defaultdict(list)
    for index, (label, key) in enumerate(assigned):
        by_gold[label].append(index)
        by_kg[key].append(index)
    for label, key in assigned:
        same = set(by_gold[label]) & set(by_kg[key])
        report.b3_precision += len(same) / len(by_kg[key])
        report.b3_recall += len(same) / len(by_gold[label])
    pairs = report.pairs
    assert pairs is not None
    for i in range(len(assigned)):
        for j in range(i + 1, len(assigned)):
            same_gold = assigned[i][0] == assigned[j][0]
            same_kg = assigned[i][1] == assigned[j][1]
            pairs.tp += same_gold and same_kg
            pairs.fp += same_kg and not same_gold
            pairs.fn += same_gold and not same_kg
    for label, indices in by_gold.items():
        keys = Counter(
            assigned[i][1] for i in indices if not assigned[i][1].startswith("~")
        )
        report.entities += 1
        if not keys:
            continue
        entity = entities[keys.most_common(1)[0][0]]
        report.typed_right += entity.type.value == _TYPES[gold.types[label]]
        report.labelled_right += norm_name(entity.label) in gold.names[label]


def kg_entity_of(gold: GoldArticle, extraction: Extraction) -> dict[str, str | None]:
    """Each gold entity's kg entity key in one article: the one most of its
    occurrences map to, None when kg mentions none of them."""
    spans = _spans(extraction)
    keys: dict[str, Counter[str]] = defaultdict(Counter)
    for start, end, label in _occurrences(gold, extraction):
        key = _covering(spans, start, end, extraction.article.text)
        keys[label]  # every gold entity with an occurrence gets an entry
        if key is not None:
            keys[label][key] += 1
    return {
        label: (found.most_common(1)[0][0] if found else None)
        for label, found in keys.items()
    }


def _occurrences(
    gold: GoldArticle, extraction: Extraction
) -> list[tuple[int, int, str]]:
    """Every occurrence of a gold form in the parsed body, longest first where
    forms overlap; a span two gold entities claim is left out."""
    article = extraction.article
    text = article.text
    claims: dict[tuple[int, int], set[str]] = defaultdict(set)
    for label, forms in gold.forms.items():
        if gold.types.get(label) not in _TYPES:
            continue
        for form in forms:
            if len(form) < 2:
                continue
            pattern = re.compile(rf"(?<!\w){re.escape(form)}(?!\w)")
            for match in pattern.finditer(text, article.body_start, article.body_end):
                claims[match.start(), match.end()].add(label)
    taken: list[tuple[int, int, str]] = []
    for (start, end), labels in sorted(
        claims.items(), key=lambda item: (-(item[0][1] - item[0][0]), item[0][0])
    ):
        if len(labels) != 1:
            continue
        if any(s < end and start < e for s, e, _ in taken):
            continue
        taken.append((start, end, next(iter(labels))))
    return sorted(taken)


def _spans(extraction: Extraction) -> list[tuple[int, int, str]]:
    """kg's mentions as (start, end, entity key), longest first at a start."""
    return sorted(
        ((m.start, m.end, m.entity.key) for m in extraction.mentions),
        key=lambda s: (s[0], -s[1]),
    )


def _covering(
    spans: list[tuple[int, int, str]], start: int, end: int, text: str
) -> str | None:
    """The kg entity of the mention of the occurrence [start, end): of the
    mentions over its head word (see :func:`head_of`), the one that overlaps
    it the most; of those that overlap it as much, the shortest ("Enron"
    itself rather than "the Enron and WorldCom frauds" around it). A mention
    of a word before the head names something else: "Liberal Democrat" in
    "Liberal Democrat leader Charles Kennedy" is the party, not Kennedy. Where
    no mention is over a head that only says what kind of thing the name is,
    the name before it stands in ("the Reuters news agency": Reuters)."""
    for head_start, head_end in _heads(text, start, end):
        best, overlap, length = None, 0, 0
        for s, e, key in spans:
            if s >= end:
                break
            if e <= head_start or s >= head_end:
                continue
            shared = min(e, end) - max(s, start)
            if shared > overlap or (shared == overlap > 0 and e - s < length):
                best, overlap, length = key, shared, e - s
        if best is not None:
            return best
    return None


# Words after which a name's head is behind: "Bank of England", "Embassy of
# Germany in Kiev", "High Commissioner for Refugees".
_HEAD_ENDS = re.compile(r"\s+(?:of|for|in|at|on)\s|,|\s\(")


# Common nouns that say what kind of thing a name is, so that the name before
# them is the head: "the Reuters news agency", "Punjab province".
_KIND_NOUNS = frozenset(
    {"agency", "company", "firm", "group", "party", "bank", "network", "channel"}
    | {"newspaper", "paper", "broadcaster", "service", "station", "organisation"}
    | {"organization", "movement", "militia", "club", "team", "airline", "carmaker"}
    | {"province", "region", "state", "city", "town", "village", "county"}
    | {"district", "island", "islands", "territory", "area", "river", "country"}
    | {"countries", "nation", "nations", "continent"}
)


def head_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the head word of the phrase ``text[start:end]``: its
    last word before any "of", "for", "in", "at", "on", comma or bracket,
    without a possessive "'s".

    Examples:
        >>> t = "Liberal Democrat leader Charles Kennedy"
        >>> s, e = head_of(t, 0, len(t)); t[s:e]
        'Kennedy'
        >>> t = "the Bank of England's governor"
        >>> s, e = head_of(t, 4, 24); t[s:e]
        'Bank'
    """
    words = _words(text, start, end)
    if not words:
        return start, end
    return start + words[-1].start(), start + words[-1].end()


def _heads(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The head word's offsets and, when it only says what kind of thing the
    name is ("province", "agency"), the name's last capitalised word before
    it, unless that is a determiner or a possessor ("The company",
    "Germany's central bank" have no other head).

    Examples:
        >>> t = "the eastern Punjab province"
        >>> [t[s:e] for s, e in _heads(t, 4, len(t))]
        ['province', 'Punjab']
        >>> t = "Germany's central bank"
        >>> [t[s:e] for s, e in _heads(t, 0, len(t))]
        ['bank']
    """
    words = _words(text, start, end)
    if not words:
        return [(start, end)]
    last = words[-1]
    out = [(start + last.start(), start + last.end())]
    if last.group().casefold() in _KIND_NOUNS:
        for word in reversed(words[:-1]):
            form = word.group()
            if not form[:1].isupper():
                continue
            if form.casefold() not in _DETERMINERS and not re.search(r"['’]s?$", form):
                out.append((start + word.start(), start + word.end()))
            break
    return out


# Capitalised words before a kind noun that are no name: "The company".
_DETERMINERS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"}
    | {"our", "your", "my"}
)


def _words(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The words of a phrase up to where its head ends (see :func:`head_of`)."""
    phrase = text[start:end]
    cut = _HEAD_ENDS.search(phrase)
    if cut is not None and cut.start() > 0:
        phrase = phrase[: cut.start()]
    phrase = re.sub(r"(?:'s|’s|'|’)$", "", phrase.rstrip())
    return list(re.finditer(r"\S+", phrase))
