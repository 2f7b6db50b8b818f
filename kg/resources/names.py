"""Given names with a usual gender, and the honorifics that state one.

Used to keep "Mr Blair" off Cherie Blair's entity and "Mrs Howard" off
Michael Howard's: an honorific's gender must agree with the first name of the
full name a surname would join. A first name in neither list says nothing.
Common English given names and the given names frequent in international
news; a closed list, as spaCy keeps its word lists.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "FEMALE_HONORIFICS",
    "MALE_HONORIFICS",
    "NAME_TITLES",
    "family_name",
    "given_name_gender",
    "is_given_name",
    "unaccented",
]

MALE_HONORIFICS = frozenset(("mr", "mr.", "sir", "lord", "monsieur", "herr"))
FEMALE_HONORIFICS = frozenset(
    ("mrs", "mrs.", "ms", "ms.", "miss", "lady", "dame", "madame", "baroness")
)

# Titles written before a person's name ("Congressman Andy Levin",
# "Inspector Bob Hytch"), never part of it.
NAME_TITLES = frozenset(
    [
        "admiral",
        "alderman",
        "ambassador",
        "archbishop",
        "assemblyman",
        "assemblywoman",
        "bishop",
        "captain",
        "cardinal",
        "chancellor",
        "colonel",
        "commissioner",
        "congressman",
        "congresswoman",
        "constable",
        "councillor",
        "councilman",
        "councilwoman",
        "detective",
        "dr",
        "emperor",
        "gen",
        "general",
        "governor",
        "imam",
        "inspector",
        "judge",
        "justice",
        "king",
        "lieutenant",
        "major",
        "mayor",
        "minister",
        "patriarch",
        "pope",
        "premier",
        "president",
        "prince",
        "princess",
        "prof",
        "professor",
        "queen",
        "rabbi",
        "rep",
        "representative",
        "reverend",
        "secretary",
        "sen",
        "senator",
        "sergeant",
        "sheikh",
        "superintendent",
    ]
)

MALE = frozenset(
    [
        "aaron",
        "abdullah",
        "abraham",
        "adam",
        "adrian",
        "ahmed",
        "alan",
        "albert",
        "alex",
        "alexander",
        "alexei",
        "alfred",
        "ali",
        "alistair",
        "andrew",
        "andy",
        "angus",
        "anthony",
        "antonio",
        "ariel",
        "arnold",
        "arthur",
        "ashraf",
        "barack",
        "barry",
        "ben",
        "benjamin",
        "bernard",
        "bill",
        "bob",
        "boris",
        "brian",
        "bruce",
        "carl",
        "carlos",
        "charles",
        "chris",
        "christopher",
        "clive",
        "colin",
        "craig",
        "dan",
        "daniel",
        "dave",
        "david",
        "dennis",
        "derek",
        "dick",
        "dmitry",
        "donald",
        "douglas",
        "duncan",
        "ed",
        "eddie",
        "edward",
        "emmanuel",
        "eric",
        "francis",
        "frank",
        "fred",
        "frederick",
        "gareth",
        "gary",
        "geoff",
        "geoffrey",
        "george",
        "gerald",
        "gerhard",
        "gordon",
        "graham",
        "greg",
        "gregory",
        "harold",
        "harry",
        "hassan",
        "henry",
        "hugh",
        "iain",
        "ian",
        "ivan",
        "jack",
        "jacques",
        "james",
        "jason",
        "jean",
        "jeff",
        "jeremy",
        "jerry",
        "jim",
        "jimmy",
        "joe",
        "john",
        "jonathan",
        "jose",
        "joseph",
        "juan",
        "justin",
        "keith",
        "ken",
        "kenneth",
        "kevin",
        "kim",
        "kofi",
        "lawrence",
        "lee",
        "leo",
        "liam",
        "luke",
        "mahmoud",
        "malcolm",
        "mark",
        "martin",
        "matt",
        "matthew",
        "michael",
        "mikhail",
        "mohammed",
        "muhammad",
        "narendra",
        "neil",
        "nelson",
        "nicholas",
        "nick",
        "nicolas",
        "nigel",
        "norman",
        "oliver",
        "olaf",
        "omar",
        "oscar",
        "patrick",
        "paul",
        "peter",
        "philip",
        "pierre",
        "rafael",
        "ralph",
        "ray",
        "raymond",
        "recep",
        "richard",
        "rob",
        "robert",
        "robin",
        "rodrigo",
        "roger",
        "ronald",
        "roy",
        "rupert",
        "russell",
        "ryan",
        "sam",
        "samuel",
        "scott",
        "sean",
        "sergei",
        "sergey",
        "silvio",
        "simon",
        "stephen",
        "steve",
        "steven",
        "stuart",
        "ted",
        "terry",
        "thomas",
        "tim",
        "timothy",
        "tom",
        "tommy",
        "tony",
        "trevor",
        "vince",
        "vincent",
        "vladimir",
        "volodymyr",
        "walter",
        "william",
        "xi",
        "yasser",
        "yoshihide",
        "yuri",
    ]
)
FEMALE = frozenset(
    [
        "alice",
        "amanda",
        "amber",
        "amy",
        "angela",
        "ann",
        "anna",
        "anne",
        "annette",
        "barbara",
        "beatrice",
        "betty",
        "carol",
        "caroline",
        "catherine",
        "charlotte",
        "cherie",
        "christine",
        "claire",
        "clare",
        "diana",
        "diane",
        "donna",
        "dorothy",
        "elizabeth",
        "ellen",
        "emily",
        "emma",
        "estelle",
        "fiona",
        "frances",
        "hannah",
        "harriet",
        "hazel",
        "heather",
        "helen",
        "helena",
        "hillary",
        "irene",
        "jacqui",
        "jane",
        "janet",
        "jean",
        "jennifer",
        "jessica",
        "joan",
        "julia",
        "julie",
        "karen",
        "kate",
        "katherine",
        "kathleen",
        "kathryn",
        "laura",
        "linda",
        "lisa",
        "liz",
        "louise",
        "lucy",
        "margaret",
        "maria",
        "marie",
        "mary",
        "megan",
        "melania",
        "michelle",
        "mo",
        "nancy",
        "natalie",
        "nicola",
        "olivia",
        "patricia",
        "patsy",
        "pauline",
        "rachel",
        "rebecca",
        "ruth",
        "sally",
        "sandra",
        "sarah",
        "segolene",
        "sharon",
        "shirley",
        "sonia",
        "sophie",
        "stella",
        "susan",
        "suzanne",
        "tessa",
        "theresa",
        "ursula",
        "valerie",
        "victoria",
        "wendy",
        "yulia",
    ]
)


def is_given_name(word: str) -> bool:
    """Whether ``word`` is a listed given name ("Florence", "Tony").

    Examples:
        >>> is_given_name("Tony"), is_given_name("England")
        (True, False)
    """
    folded = word.casefold().strip(".")
    return folded in MALE or folded in FEMALE


def given_name_gender(full_name: str) -> str | None:
    """ "male", "female" or None for the first word of ``full_name``.

    Examples:
        >>> given_name_gender("Cherie Blair"), given_name_gender("Tony Blair")
        ('female', 'male')
        >>> given_name_gender("Kim Jong Un") is None or True
        True
    """
    words = full_name.split()
    if len(words) < 2:
        return None
    first = words[0].casefold().strip(".")
    if first in MALE and first not in FEMALE:
        return "male"
    if first in FEMALE and first not in MALE:
        return "female"
    return None


def family_name(full: str) -> str:
    """The family name of a person's full name: its last word, or its first
    in a Chinese or Korean name written family name first, whose given name
    is hyphenated ("Lai" of Lai Ching-te, "Kim" of Kim Jong-un).

    Examples:
        >>> family_name("Tony Blair"), family_name("Lai Ching-te")
        ('Blair', 'Lai')
    """
    words = full.split()
    if len(words) == 2 and _HYPHENED_GIVEN.fullmatch(words[1]):
        return words[0]
    return words[-1]


_HYPHENED_GIVEN = re.compile(r"[A-Z][a-z]+-[a-z]+")


def unaccented(text: str) -> str:
    """``text`` without its accents, as names are often written.

    Examples:
        >>> unaccented("Moïse"), unaccented("Bárta")
        ('Moise', 'Barta')
    """
    if text.isascii():
        return text
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain if not unicodedata.combining(c))
