"""Closed lists of nouns the extractors read: kinds of actor, documents, operations,
quantities and titles. Rules are data: change a list here, not the code that reads it.
"""

from __future__ import annotations

__all__ = [
    "COLLECTIVE_NOUNS",
    "COMPASS_WORDS",
    "CONTAINER_NOUNS",
    "CONTINENTS",
    "CONTINENT_ADJECTIVES",
    "COUNTRY_NOUNS",
    "CREDIT_NOUNS",
    "DOCUMENT_NOUNS",
    "FACILITY_NOUNS",
    "KIN_NOUNS",
    "OCCUPATION_NOUNS",
    "OFFICE_NOUNS",
    "OPERATION_NOUNS",
    "ORGANIZATION_NOUNS",
    "ORGANIZATION_PARTS",
    "PERSON_NOUNS",
    "PLACE_NAME_ENDS",
    "PLACE_NAME_OPENERS",
    "PLACE_NOUNS",
    "QUANTITY_NOUNS",
    "SPEAKER_NOUNS",
    "STANCE_NOUNS",
    "TIME_UNITS",
    "TITLE_NOUNS",
    "TOWN_NOUNS",
]

# "1,000 containers of munitions": the thing is the munitions.
CONTAINER_NOUNS = frozenset(
    {
        "container",
        "batch",
        "shipment",
        "consignment",
        "ton",
        "tonne",
        "round",
        "lot",
        "load",
        "crate",
        "box",
        "piece",
        "number",
        "quantity",
        "amount",
        "range",
        "variety",
        "kind",
        "type",
        "set",
        "pair",
        "dozen",
        "hundred",
        "thousand",
        "million",
        "billion",
        "supply",
        "one",
        "some",
        "part",
        "cargo",
        "tranche",
        "package",
        "stock",
        "stockpile",
        "unit",
        "dose",
        "use",
    }
)

# Ties of a group to the body it belongs to: "militants linked with the BLA".
# Descriptor nouns that name a group in the singular: "the military".
COLLECTIVE_NOUNS = frozenset(
    {"military", "army", "navy", "police", "militia", "force", "delegation", "side"}
)

ORGANIZATION_NOUNS = frozenset(
    {
        "company",
        "firm",
        "carmaker",
        "automaker",
        "group",
        "agency",
        "bank",
        "bloc",
        "alliance",
        "organization",
        "organisation",
        "body",
        "institute",
        "regulator",
        "ministry",
        "department",
        "maker",
        "manufacturer",
        "producer",
        "lender",
        "insurer",
        "retailer",
        "giant",
        "conglomerate",
        "startup",
        "union",
        "council",
        "commission",
        "court",
        "party",
    }
)

COUNTRY_NOUNS = frozenset(
    {"country", "nation", "government", "state", "kingdom", "administration", "regime"}
)

PERSON_NOUNS = frozenset(
    {"leader", "president", "minister", "official", "spokesman", "spokeswoman"}
)

# Settlements a description refers back to: "the city" is the place named last.
TOWN_NOUNS = frozenset({"city", "town", "village"})

# Places and bodies a description refers back to only when one named before
# has the word in its name: "Heathrow Airport ... the airport".
FACILITY_NOUNS = frozenset(
    {
        "airport",
        "school",
        "university",
        "hospital",
        "prison",
        "church",
        "museum",
        "stadium",
        "station",
        "newspaper",
        "magazine",
        "airline",
        "network",
    }
)

# Offices a person is named with, whose singular description refers back to
# that person: "Prime Minister Tony Blair ... the prime minister".
OFFICE_NOUNS = frozenset(
    {
        "president",
        "minister",
        "chancellor",
        "premier",
        "pope",
        "mayor",
        "governor",
        "secretary",
        "chairman",
        "chairwoman",
        "ambassador",
        "envoy",
        "senator",
        "king",
        "queen",
        "prince",
        "judge",
        "prosecutor",
        "commissioner",
        "spokesman",
        "spokeswoman",
        "leader",
    }
)

OPERATION_NOUNS = frozenset(
    [
        "operation",
        "campaign",
        "barrage",
        "salvo",
        "incursion",
        "bombardment",
        "counteroffensive",
        "counterattack",
        "volley",
        "round",
        "shot",
    ]
)

# Noun events whose "of" object is the target: "the invasion of Ukraine".
# Nouns that count events: "a series of airstrikes", "a wave of arrests".
QUANTITY_NOUNS = frozenset(
    {
        "series",
        "wave",
        "string",
        "spate",
        "round",
        "barrage",
        "volley",
        "flurry",
        "number",
    }
)

# People who are sources without acting: "military sources said", "analysts say".
SPEAKER_NOUNS = frozenset(
    {
        "source",
        "analyst",
        "witness",
        "expert",
        "observer",
        "spokesperson",
        "researcher",
        "commentator",
        "economist",
        "insider",
        "survivor",
        "eyewitness",
    }
)

# Nouns that carry someone's words: their author is the source.
DOCUMENT_NOUNS = frozenset(
    {
        "statement",
        "report",
        "release",
        "communique",
        "letter",
        "tweet",
        "post",
        "document",
        "notice",
        "announcement",
        "memo",
        "note",
        "declaration",
        "message",
        "filing",
        "briefing",
    }
)

# What words, not arms, go for: "an attack on the cost of living".
STANCE_NOUNS = frozenset(
    [
        "cost",
        "plan",
        "policy",
        "record",
        "idea",
        "claim",
        "lie",
        "word",
        "remark",
        "comment",
        "budget",
        "tax",
        "price",
        "proposal",
        "decision",
        "law",
        "bill",
        "reform",
        "stance",
        "strategy",
        "approach",
        "spending",
        "handling",
        "response",
        "manifesto",
        "promise",
        "pledge",
        "performance",
        "leadership",
    ]
)

TITLE_NOUNS = frozenset(
    {
        "leader",
        "minister",
        "president",
        "mp",
        "spokesman",
        "spokeswoman",
        "critic",
        "opponent",
        "official",
        "chairman",
        "chief",
        "lawmaker",
        "senator",
        "secretary",
        "chancellor",
        "candidate",
    }
)

# "claimed responsibility for the attack": the claimant did it.
CREDIT_NOUNS = frozenset({"responsibility", "credit", "blame"})

TIME_UNITS = frozenset(
    {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"}
)

# "Quetta railway station", "the Bayelsa state capital": a name that modifies
# one of these is a place.
PLACE_NOUNS = frozenset(
    [
        "station",
        "airport",
        "province",
        "district",
        "city",
        "town",
        "region",
        "port",
        "county",
        "state",
        "capital",
        "border",
        "area",
        "village",
        "suburb",
        "outskirts",
        "camp",
    ]
)
# "her daughter, Makeda Mbewe": words for a relative, said of people only.
KIN_NOUNS = frozenset(
    [
        "daughter",
        "son",
        "wife",
        "husband",
        "mother",
        "father",
        "sister",
        "brother",
        "widow",
        "widower",
        "grandmother",
        "grandfather",
        "niece",
        "nephew",
        "cousin",
        "aunt",
        "uncle",
    ]
)
# The last word of a place's name ("Scarborough Shoal", "Gaza Strip",
# "Heathrow Airport"): a name ending in one names a place, whatever the model
# tagged it. Words that end people's names as often ("Hill", "Bay", "Lake",
# "Park") or bodies' ("Bank", "State") are left out.
PLACE_NAME_ENDS = frozenset(
    [
        "reef",
        "reefs",
        "shoal",
        "shoals",
        "island",
        "islands",
        "isles",
        "atoll",
        "archipelago",
        "peninsula",
        "sea",
        "ocean",
        "strait",
        "straits",
        "gulf",
        "river",
        "mountains",
        "hills",
        "valley",
        "desert",
        "plateau",
        "delta",
        "basin",
        "canal",
        "coast",
        "heights",
        "strip",
        "corridor",
        "crossing",
        "highway",
        "motorway",
        "road",
        "street",
        "avenue",
        "square",
        "airport",
        "airbase",
        "harbour",
        "harbor",
        "province",
        "region",
        "county",
        "district",
        "prefecture",
        "oblast",
        "governorate",
        "territory",
        "territories",
    ]
)
# A continent with a word of direction before it names a region of its own
# ("southern Africa", "sub-Saharan Africa", "south Asia", "western Europe"),
# as annotators and atlases keep them; a country or a city with one stays
# itself ("southern China" is China, "central London" is London).
CONTINENTS = frozenset(["africa", "asia", "europe", "america"])
# The world's regions by their usual names: places, whatever the model tagged
# them ("the Indo-Pacific" is no body, "Sahel" no person).
WORLD_REGIONS = frozenset(
    [
        "arctic",
        "asia-pacific",
        "balkans",
        "caribbean",
        "caucasus",
        "central america",
        "central asia",
        "east asia",
        "eurasia",
        "far east",
        "horn of africa",
        "indo-pacific",
        "latin america",
        "levant",
        "maghreb",
        "mediterranean",
        "middle east",
        "north africa",
        "north america",
        "persian gulf",
        "sahel",
        "scandinavia",
        "south america",
        "south asia",
        "southeast asia",
        "south-east asia",
        "sub-saharan africa",
        "west africa",
        "east africa",
    ]
)
# "European brands", "African leaders": the continent, as annotators read them
# (the peoples, "Europeans", are groups of their own).
CONTINENT_ADJECTIVES = {"european": "Europe", "african": "Africa"}
COMPASS_WORDS = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "north-east",
        "north-west",
        "south-east",
        "south-west",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "saharan",
    ]
)
# The first word of a place's name ("Mount Sinjar", "Lake Chad", "Wadi Rum").
PLACE_NAME_OPENERS = frozenset(["mount", "lake", "wadi", "gulf", "strait", "isle"])
# "Sizzler staff", "Twitter's shares": a name that modifies one of these is a
# body (a firm, a party, a club), not a person or a place.
ORGANIZATION_PARTS = frozenset(
    [
        "staff",
        "shares",
        "share",
        "stake",
        "stores",
        "store",
        "restaurants",
        "restaurant",
        "outlets",
        "branch",
        "branches",
        "subsidiary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "executives",
        "executive",
        "employees",
        "workers",
        "board",
        "shareholders",
        "customers",
        "products",
        "platform",
        "account",
        "accounts",
        "app",
        "website",
        "headquarters",
    ]
)
# "chief executive Mervyn Davies", "analyst Vadim Mitroshin": a name just
# after one of these is a person's.
OCCUPATION_NOUNS = frozenset(
    [
        *TITLE_NOUNS,
        *[
            "analyst",
            "executive",
            "economist",
            "chairwoman",
            "director",
            "manager",
            "boss",
            "founder",
            "owner",
            "tycoon",
            "investor",
            "lawyer",
            "attorney",
            "professor",
            "researcher",
            "journalist",
            "correspondent",
            "reporter",
            "editor",
            "actor",
            "actress",
            "singer",
            "player",
            "striker",
            "coach",
            "captain",
            "governor",
            "mayor",
            "ambassador",
            "envoy",
            "general",
            "commander",
            "officer",
            "judge",
            "prosecutor",
            "adviser",
            "advisor",
            "aide",
            "deputy",
            "head",
            "activist",
            "author",
            "writer",
            "historian",
            "expert",
            "scientist",
            "doctor",
            "teacher",
            "student",
            "mep",
            "billionaire",
            "businessman",
            "businesswoman",
            "entrepreneur",
            "banker",
            "trader",
            "footballer",
            "defender",
            "midfielder",
            "goalkeeper",
            "manager",
        ],
    ]
)
