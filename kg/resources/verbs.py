"""Closed lists of verbs (and a few adjectives) the extractors read: light verbs,
reporting and stance verbs, control verbs, verbs of planning and trying.
"""

from __future__ import annotations

from kg.records import Stance

__all__ = [
    "AIM_VERBS",
    "BLAME_VERBS",
    "CAUSE_VERBS",
    "CHARGE_VERBS",
    "DEMAND_VERBS",
    "DONE_FIRSTS",
    "EXPECT_VERBS",
    "HARM_VERBS",
    "HELP_VERBS",
    "LAUNCH_VERBS",
    "LIGHT_VERBS",
    "MAYBE_WORDS",
    "NOT_DONE_WORDS",
    "OBJECT_CONTROL_VERBS",
    "OPEN_IE_CONTROL_VERBS",
    "PLAN_NOUNS",
    "PLAN_WORDS",
    "RECIPROCAL_WORDS",
    "STANCE_VERBS",
    "TIE_WORDS",
    "TRY_VERBS",
    "WEAPON_VERBS",
]

EXPECT_VERBS = frozenset({"expect", "anticipate", "predict", "forecast", "project"})

PLAN_WORDS = frozenset(
    {
        "plan",
        "intend",
        "aim",
        "prepare",
        "promise",
        "pledge",
        "vow",
        "threaten",
        "agree",
        "decide",
        "want",
        "hope",
        "seek",
        "set",
        "schedule",
        "due",
    }
)

# Purposes that name who a supply is for: "sent weapons to help Ukraine".
HELP_VERBS = frozenset(
    {"help", "assist", "support", "aid", "equip", "arm", "bolster", "strengthen"}
)
# Nouns whose infinitive is planned: "a deal to develop a platform".
PLAN_NOUNS = frozenset(
    {"plan", "deal", "agreement", "pact", "contract", "proposal", "scheme"}
)
# Words that make a noun's infinitive done: "the first country to send
# troops", "the decision to release him" (news reports decisions carried out).
DONE_FIRSTS = frozenset({"first", "last", "only", "second", "third", "decision"})
# Verbs whose clausal complement they cause or let happen, not report: "is
# likely to see the firms develop", "will let Iran buy".
CAUSE_VERBS = frozenset({"see", "let"})

# Verbs whose clause is asked for, not reported: "demanded that X leave".
DEMAND_VERBS = frozenset(
    {"demand", "ask", "urge", "request", "insist", "propose", "suggest", "recommend"}
)

# Governors whose infinitive did not happen: "failed to meet", "refused to pay".
NOT_DONE_WORDS = frozenset(
    {"fail", "refuse", "decline", "reluctant", "unwilling", "unable"}
)

# Reporting lemmas by the stance they give the claim (anything else: stated).
STANCE_VERBS = {
    Stance.DENIED: frozenset({"deny", "reject", "dismiss", "refute", "rebut"}),
    Stance.BELIEVED: frozenset(
        {
            "believe",
            "think",
            "suspect",
            "fear",
            "determine",
            "assess",
            "conclude",
            "consider",
            "doubt",
            "suppose",
        }
    ),
    Stance.ESTIMATED: frozenset(
        {
            "estimate",
            "expect",
            "anticipate",
            "predict",
            "forecast",
            "project",
            "calculate",
            "reckon",
        }
    ),
}

# Verbs too light to be a relation on their own.
LIGHT_VERBS = frozenset(
    {
        "be",
        "have",
        "do",
        "become",
        "seem",
        "appear",
        "get",
        "go",
        "come",
        "remain",
        "begin",
        "start",
        "continue",
        "try",
        "want",
        "need",
        "let",
        "keep",
        "look",
        "learn",
        "include",
        "mean",
        "make",
        "take",
        "see",
        "know",
        "run",
        "stress",
        "acknowledge",
        "bolster",
        "defend",
    }
)

# Attack verbs whose object is the weapon, not the target: "fired missiles".
WEAPON_VERBS = frozenset({"fire", "launch", "shoot", "drop", "use"})

# Verbs whose object must be a weapon for an attack: "fired missiles".
LAUNCH_VERBS = frozenset({"fire", "launch"})

# Verbs of harm done by an attack named as their subject: "a missile strike
# killed five people", "the bombing wounded 30" ("hit" is left out: "the
# strike by dock workers hit exports").
HARM_VERBS = frozenset(
    {"kill", "wound", "injure", "destroy", "damage", "level", "flatten"}
)

# Verbs whose infinitive is an attempt, not the event: "sought to extend".
TRY_VERBS = frozenset({"seek", "try", "attempt", "aim", "strive"})

# Criticism that names its cause, not its target, is no criticism:
# "blamed geological problems for the loss".
BLAME_VERBS = frozenset({"blame", "accuse"})

# Verbs that aim an event noun at someone: "sanctions targeting two firms".
AIM_VERBS = frozenset({"target", "hit", "affect", "cover", "aim", "penalize", "punish"})

# Verbs whose object is the subject of their infinitive: "urged Iran to
# release", "called on Iran to release", "asked the court to delay".
OBJECT_CONTROL_VERBS = frozenset(
    {
        "urge",
        "ask",
        "call",
        "press",
        "order",
        "instruct",
        "encourage",
        "force",
        "allow",
        "invite",
        "tell",
        "persuade",
        "request",
        "require",
        "pressure",
        "permit",
        "authorize",
        "authorise",
        "implore",
        "warn",
        "challenge",
        "compel",
        "oblige",
    }
)

# Verbs that say someone did something: "accused X of", "charged X with".
CHARGE_VERBS = frozenset(
    {"accuse", "charge", "blame", "suspect", "convict", "indict", "arrest", "sentence"}
)

OPEN_IE_CONTROL_VERBS = frozenset(
    {"urge", "ask", "force", "allow", "order", "persuade"}
)

# Governors whose infinitive may not happen: "is likely to", "tried to".
MAYBE_WORDS = frozenset(
    {
        "likely",
        "unlikely",
        "possible",
        "try",
        "attempt",
        "able",
        "threaten",
        "believe",
        "think",
        "say",
        "report",
        "rumour",
        "rumor",
        "understand",
        "consider",
        "look",
        "offer",
        "hope",
        "want",
    }
)

# Verbs a group does among itself: "the ministers met", "the two sides agreed".
RECIPROCAL_WORDS = frozenset(
    {
        "meet",
        "meeting",
        "summit",
        "talks",
        "talk",
        "negotiate",
        "confer",
        "consult",
        "agree",
        "cooperate",
        "collaborate",
    }
)

TIE_WORDS = frozenset(
    {"link", "linked", "affiliate", "affiliated", "loyal", "belong", "tie", "tied"}
)
