"""Quantities and sums of money on events: "more than 1,000 containers", "$28 billion".

An amount is read from the phrases an event governs (its objects and
prepositional objects, not its subject or embedded clauses): a counted noun
with a number ("four more IRIS-T systems"), a MONEY entity ("USD 250
million", "$28 billion") or a number before a currency word ("600 million
euros"). Values are exact decimals; currencies are ISO 4217 codes; the
qualifier says how the number is meant (at-least, at-most, about,
additional).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import pycountry
from spacy.tokens import Span, Token

from kg.extract.syntax import (
    AMOUNT_SCOPE_DEPS,
    text_of,
)
from kg.records import Amount
from kg.resources.function_words import (
    ADDITIONAL_WORDS,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    SCALE_WORDS,
)
from kg.resources.nouns import (
    TIME_UNITS,
)

__all__ = ["amounts", "currency_code", "parse_number"]

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
)
_WORDS = {word: n for n, word in enumerate(_UNITS.split())} | {
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
    "a": 1,
    "an": 1,
}
_QUALIFIERS = (
    (
        re.compile(r"\b(?:more than|over|at least|upwards of|in excess of|above)\b"),
        "at-least",
    ),
    (re.compile(r"\b(?:less than|fewer than|under|up to|at most|below)\b"), "at-most"),
    (
        re.compile(
            r"\b(?:about|around|roughly|nearly|almost|some|approximately|close to"
            r"|an estimated)\b"
        ),
        "about",
    ),
)
# Numbers that are dates, times, ranks or rates, and counts of time ("two-day").
_NOT_AMOUNTS = frozenset({"DATE", "TIME", "ORDINAL", "PERCENT"})
_NUMBER = re.compile(r"^\d[\d,]*(?:\.\d+)?$")


def amounts(trigger: Token, offset: int) -> tuple[Amount, ...]:
    """The amounts in the phrases ``trigger`` governs, in text order.

    ``offset`` converts Doc character offsets into article offsets.
    """
    found: dict[int, Amount] = {}
    for head, span in _candidates(trigger):
        amount = _amount(head, span, offset)
        if amount is not None:
            found.setdefault(amount.start, amount)
    return tuple(found[k] for k in sorted(found))


def parse_number(words: list[str]) -> Decimal | None:
    """The value of number words: ``["2.5", "million"]`` → 2500000.

    Examples:
        >>> parse_number(["1,000"]), parse_number(["four"])
        (Decimal('1000'), Decimal('4'))
        >>> parse_number(["2.5", "million"])
        Decimal('2500000.0')
        >>> parse_number(["several"]) is None
        True
    """
    value: Decimal | None = None
    for word in words:
        lower = word.lower().replace(",", "")
        if _NUMBER.match(lower):
            try:
                number = Decimal(lower)
            except InvalidOperation:
                return None
            value = number if value is None else value + number
        elif lower in _WORDS and value is None:
            value = Decimal(_WORDS[lower])
        elif lower in SCALE_WORDS and value is not None:
            value *= SCALE_WORDS[lower]
        elif lower in SCALE_WORDS and value is None and lower not in {"m", "b", "k"}:
            value = Decimal(SCALE_WORDS[lower])
    return value


def currency_code(word: str) -> str | None:
    """ISO 4217 code of a currency symbol, code or name.

    Examples:
        >>> [currency_code(w) for w in ("$", "USD", "euros", "Kuwaiti dinar", "apples")]
        ['USD', 'USD', 'EUR', 'KWD', None]
    """
    lower = word.strip().lower()
    if lower in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[lower]
    if len(word) == 3 and word.isupper() and pycountry.currencies.get(alpha_3=word):
        return word
    singular = (
        lower[:-1] if lower.endswith("s") and lower[:-1] in CURRENCY_WORDS else lower
    )
    if singular in CURRENCY_WORDS:
        return CURRENCY_WORDS[singular]
    return _currency_names().get(lower)


@lru_cache(maxsize=1)
def _currency_names() -> dict[str, str]:
    return {c.name.lower(): c.alpha_3 for c in pycountry.currencies}


def _candidates(trigger: Token) -> Iterator[tuple[Token, Span]]:
    """(counted or money head, the amount's words) in the trigger's phrases."""
    roots = [c for c in trigger.children if c.dep_ in AMOUNT_SCOPE_DEPS]
    # a nominal event inside an amount: "USD 250 million in funding"
    if trigger.pos_ == "NOUN" and trigger.head.dep_ == "prep":
        roots.append(trigger.head.head)
    seen: set[int] = set()
    for root in roots:
        for token in _phrase_tokens(root):
            if token.i in seen:
                continue
            seen.add(token.i)
            if token.ent_type_ == "MONEY" and token.ent_iob_ == "B":
                span = _entity(token)
                yield span.root, span
            elif (
                token.dep_ == "nummod"
                and token.head.pos_ in {"NOUN", "PROPN"}
                and token.ent_type_ not in _NOT_AMOUNTS
                and token.head.ent_type_ not in _NOT_AMOUNTS
                and token.head.lemma_.lower() not in TIME_UNITS
            ):
                number = token.doc[token.left_edge.i : token.i + 1]
                yield token.head, number


def _phrase_tokens(root: Token) -> Iterator[Token]:
    """The tokens of a phrase, without descending into clauses."""
    yield root
    for child in root.children:
        if child.dep_ in {"relcl", "ccomp", "xcomp", "advcl", "acl", "csubj"}:
            continue
        yield from _phrase_tokens(child)


def _entity(token: Token) -> Span:
    doc = token.doc
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[token.i : end]


def _amount(head: Token, words: Span, offset: int) -> Amount | None:
    tokens = list(words)
    currency = None
    for token in tokens:
        currency = currency or currency_code(token.text)
    if currency is None and head.ent_type_ != "MONEY":
        currency = currency_code(head.text)
    value = parse_number([t.text for t in tokens if t.text not in CURRENCY_SYMBOLS])
    if value is None:
        return None
    text = " ".join(t.text for t in tokens).lower()
    qualifier = next(
        (name for pattern, name in _QUALIFIERS if pattern.search(text)), None
    )
    if qualifier is None and any(
        c.lower_ in ADDITIONAL_WORDS for c in [*head.children, *words[-1].children]
    ):
        qualifier = "additional"
    start, end = words.start_char, words.end_char
    unit = None
    if head.ent_type_ != "MONEY":
        end = max(end, head.idx + len(head.text))
        unit = None if currency else head.lemma_.lower()
    return Amount(
        text=text_of(head.doc)[start:end],
        start=start + offset,
        end=end + offset,
        value=value,
        unit=unit,
        currency=currency,
        qualifier=qualifier,
    )
