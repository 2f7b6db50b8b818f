"""Closed lists of function words: quantifiers, pronouns, auxiliaries, hedges,
negations, quotes, prepositions, currency words and month names.
"""

from __future__ import annotations

import calendar

from kg.records import EntityType

__all__ = [
    "ADDITIONAL_WORDS",
    "ADJUNCT_PREPOSITIONS",
    "CHARGE_PREPOSITIONS",
    "CLOSING_QUOTES",
    "CONDITION_WORDS",
    "CURRENCY_SYMBOLS",
    "CURRENCY_WORDS",
    "FIRST_PERSON",
    "FUTURE_AUXILIARIES",
    "GERUND_ADJUNCT_PREPOSITIONS",
    "HEDGES",
    "LISTING_WORDS",
    "MONTHS",
    "NEGATIONS",
    "OPENING_QUOTES",
    "PLACE_PREPOSITIONS",
    "POSSIBLE_AUXILIARIES",
    "PRONOUNS",
    "RELATIVE_WORDS",
    "SCALE_WORDS",
    "TIME_PREPOSITIONS",
    "VAGUE_QUANTIFIERS",
]

_PERSON = frozenset({EntityType.PERSON})
_BODY = frozenset({EntityType.ORGANIZATION, EntityType.COUNTRY})

# Modifiers that say how many, not what: left out of a thing's label.
VAGUE_QUANTIFIERS = frozenset(
    {
        "several",
        "many",
        "multiple",
        "additional",
        "other",
        "more",
        "few",
        "some",
        "further",
        "numerous",
        "various",
        "certain",
        "such",
        "own",
        "least",
        "most",
    }
)

LISTING_WORDS = frozenset({"including", "include", "like", "among"})
# "in Quetta", "near Kismayo", "from Bayelsa": prepositions of place.
PLACE_PREPOSITIONS = frozenset(
    [
        "in",
        "near",
        "from",
        "outside",
        "across",
        "around",
        "at",
        "into",
        "through",
        "towards",
        "toward",
        "via",
        "within",
        "throughout",
    ]
)

PRONOUNS = {
    **dict.fromkeys(("he", "him", "his", "himself"), _PERSON),
    **dict.fromkeys(("she", "her", "hers", "herself"), _PERSON),
    **dict.fromkeys(("it", "its", "itself"), _BODY),
    **dict.fromkeys(("they", "them", "their", "theirs", "themselves"), _BODY),
}

FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "wo"})

# Conditions: "if the talks fail", "once the government approves the deal".
CONDITION_WORDS = frozenset(
    {"if", "unless", "once", "until", "whether", "provided", "lest"}
)

# Hedges: "allegedly supplied", "reportedly met".
HEDGES = frozenset(
    {
        "allegedly",
        "reportedly",
        "presumably",
        "purportedly",
        "apparently",
        "possibly",
        "probably",
        "perhaps",
        "maybe",
        "supposedly",
    }
)

POSSIBLE_AUXILIARIES = frozenset({"may", "might", "could", "can", "would"})

NEGATIONS = frozenset({"not", "n't", "never", "no"})

OPENING_QUOTES = frozenset({'"', "“", "«"})

CLOSING_QUOTES = frozenset({'"', "”", "»"})

FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})

# Adjuncts that make a visit or meeting the main clause subject's:
# "he said during a visit to South Africa".
ADJUNCT_PREPOSITIONS = frozenset(
    {"during", "on", "after", "before", "following", "ahead"}
)

TIME_PREPOSITIONS = frozenset({"in", "on", "at", "during", "since", "by", "until"})

SCALE_WORDS = {
    "hundred": 100,
    "thousand": 1_000,
    "k": 1_000,
    "million": 1_000_000,
    "mn": 1_000_000,
    "m": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "tn": 1_000_000_000_000,
}

ADDITIONAL_WORDS = frozenset({"more", "additional", "further", "extra", "another"})

CURRENCY_SYMBOLS = {
    "$": "USD",
    "us$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "₽": "RUB",
    "₩": "KRW",
    "₴": "UAH",
    "c$": "CAD",
    "a$": "AUD",
    "hk$": "HKD",
}

CURRENCY_WORDS = {
    "dollar": "USD",
    "euro": "EUR",
    "pound": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rouble": "RUB",
    "ruble": "RUB",
    "rupee": "INR",
    "won": "KRW",
    "hryvnia": "UAH",
    "hryvnias": "UAH",
    "franc": "CHF",
    "lira": "TRY",
    "rand": "ZAR",
    "real": "BRL",
    "peso": "MXN",
    "dinar": "KWD",
    "riyal": "SAR",
    "dirham": "AED",
    "shekel": "ILS",
}

RELATIVE_WORDS = frozenset({"that", "which", "who", "whom"})

CHARGE_PREPOSITIONS = frozenset({"of", "with", "for"})

# Adjunct gerunds done by the clause's subject: "retaliated by announcing".
GERUND_ADJUNCT_PREPOSITIONS = frozenset(
    {"by", "after", "before", "while", "without", "since", "in"}
)

MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (
        calendar.month_name[number].lower(),
        calendar.month_abbr[number].lower(),
        f"{calendar.month_abbr[number].lower()}.",
    )
} | {"sept": 9, "sept.": 9}
