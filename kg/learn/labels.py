"""Gold facts → labelled candidates: what the models learn from.

Each fact of an annotated article is found in the text by its quote and its
trigger word; the candidate at that word is labelled with the fact's class,
and among its fillers the ones that name the fact's agent and main
participant are marked. Other candidates are no event, except those whose
lemma triggers a fact of the same article elsewhere: a fact is annotated once,
at its clearest mention, so a repeated mention is left out of training rather
than taught as no event.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from kg.eval.realnews import GoldArticle, GoldEvent, same_name
from kg.extract.syntax import text_of
from kg.records import Article, Candidate, Filler

__all__ = ["NONE", "Labelled", "label_article", "locate"]

NONE = "none"


@dataclass(frozen=True, slots=True)
class Labelled:
    """A candidate with what the gold says of it: its class (``NONE`` for no
    event, None to leave it out), and for an event which fillers are its
    agent and its main participant, and its factuality."""

    candidate: Candidate
    label: str | None
    agents: frozenset[int] = frozenset()  # indices into candidate.fillers
    mains: frozenset[int] = frozenset()
    factuality: str | None = None
    agent_known: bool = True  # False when the gold names no agent


def label_article(
    doc: Doc, article: Article, gold: GoldArticle, candidates: Iterable[Candidate]
) -> Iterator[Labelled]:
    """The article's candidates, labelled from its gold facts."""
    found = list(candidates)
    at = {c.trigger: c for c in found}
    taken: dict[int, GoldEvent] = {}
    for event in gold.events:
        token = locate(doc, article, event)
        if token is not None and token in at and token not in taken:
            taken[token] = event
    # lemmas (and words) of the facts' triggers: their other mentions
    repeated = {doc[i].lemma_.lower() for i in taken} | {
        e.trigger.lower() for e in gold.events if e.trigger
    }
    for candidate in found:
        fact = taken.get(candidate.trigger)
        if fact is None:
            lemma = candidate.lemma
            yield Labelled(candidate, None if lemma in repeated else NONE)
            continue
        event = fact
        yield Labelled(
            candidate,
            event.event_class,
            agents=_fills(gold, event.agent, candidate.fillers),
            mains=_fills(gold, _main(event), candidate.fillers),
            factuality=event.factuality,
            agent_known=bool(event.agent),
        )


def locate(doc: Doc, article: Article, event: GoldEvent) -> int | None:
    """The Doc token of the fact's trigger: the quote found in the text, the
    trigger word found in the quote (None when the text has neither, as for
    a quote from a headline kg reads apart from the body)."""
    quote = event.quote
    at = article.text.find(quote) if quote else -1
    if at < 0 or not event.trigger:
        return None
    inside = quote.find(event.trigger)
    if inside < 0:
        lowered = quote.lower().find(event.trigger.lower())
        if lowered < 0:
            return None
        inside = lowered
    start = at + inside - article.body_start
    end = start + len(event.trigger)
    if start < 0 or end > len(text_of(doc)):
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    # a trigger of several words ("held talks"): the event word is its root
    # within the span, preferring a noun or verb
    words = [t for t in span if t.pos_ in {"VERB", "NOUN", "PROPN"}] or list(span)
    return words[-1].i if span.root not in words else span.root.i


def _main(event: GoldEvent) -> tuple[str, ...]:
    main = event.main()
    return main[1] if main is not None else ()


def _fills(
    gold: GoldArticle, values: tuple[str, ...], fillers: tuple[Filler, ...]
) -> frozenset[int]:
    return frozenset(
        index
        for index, filler in enumerate(fillers)
        if any(same_name(gold, v, filler.mention.entity) for v in values)
    )
