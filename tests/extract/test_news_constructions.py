"""The constructions of real news (issue 9), on sentences written for these tests.

Each case is (sentence, event class, roles that must be there); the negative
cases are sentences that must give no typed event of a class.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.extract.attribution import factuality
from kg.pipeline.article import extract_article
from kg.records import Article, Event, Extraction, Role
from kg.resources.lexicon import load_lexicon

pytestmark = pytest.mark.model

# light verb + event noun
LIGHT_VERBS = [
    (
        "Japan announced sanctions on North Korea on Friday.",
        "Sanction",
        {"agent": "Japan", "target": "North Korea"},
    ),
    (
        "Canada imposed sanctions on Belarus.",
        "Sanction",
        {"agent": "Canada", "target": "Belarus"},
    ),
    (
        "Israel carried out strikes on Gaza overnight.",
        "Attack",
        {"agent": "Israel", "target": "Gaza"},
    ),
    (
        "Rebels launched an attack on the town of Kidal.",
        "Attack",
        {"agent": "rebel"},
    ),
    (
        "Iran held talks with the European Union in Geneva.",
        "Meeting",
        {"agent": "Iran", "recipient": "European Union"},
    ),
    (
        "Kenya signed a trade deal with Ethiopia.",
        "Agreement",
        {"agent": "Kenya", "recipient": "Ethiopia"},
    ),
]

# "to" on the object of a transfer is the recipient
TRANSFERS = [
    (
        "The purchase came after China donated vaccines to the Philippines in March.",
        "Supply",
        {"agent": "China", "theme": "vaccine", "recipient": "Philippines"},
    ),
]

# meetings between parties, hosting and visits
MEETINGS = [
    (
        "Talks were held between Armenia and Azerbaijan in Moscow.",
        "Meeting",
        {"agent": "Armenia", "recipient": "Azerbaijan"},
    ),
    (
        "A meeting between Narendra Modi and Xi Jinping ended without a deal.",
        "Meeting",
        {"agent": "Narendra Modi", "recipient": "Xi Jinping"},
    ),
    (
        "Xi Jinping hosted Vladimir Putin in Beijing.",
        "Meeting",
        {"agent": "Xi Jinping", "recipient": "Vladimir Putin"},
    ),
    pytest.param(
        "Recep Tayyip Erdogan hosted Vladimir Putin in Ankara.",
        "Meeting",
        {"agent": "Recep Tayyip Erdogan", "recipient": "Vladimir Putin"},
        marks=pytest.mark.xfail(
            reason="the sm model's PERSON span is only 'Erdogan', without "
            "'Recep Tayyip'"
        ),
    ),
    (
        "Emmanuel Macron received Olaf Scholz at the Elysee Palace.",
        "Meeting",
        {"agent": "Emmanuel Macron", "recipient": "Olaf Scholz"},
    ),
    (
        "Antony Blinken, on his visit to Beijing, met Wang Yi.",
        "Visit",
        {"agent": "Antony Blinken", "place": "Beijing"},
    ),
]

# sanctions aimed at someone are sanctions, never attacks
SANCTIONS = [
    (
        "Washington announced new sanctions targeting Iran.",
        "Sanction",
        {"agent": "United States", "target": "Iran"},
    ),
    (
        "Britain imposed sanctions on two firms, Arctic Metals and Volga Marine.",
        "Sanction",
        {"agent": "United Kingdom", "target": "Volga Marine"},
    ),
]

# who is behind an attack
CLAIMS = [
    (
        "Al-Shabab claimed responsibility for the attack on the hotel.",
        "Attack",
        {"agent": "al-Shabab", "target": "hotel"},
    ),
    (
        "Militants linked with the Baloch Liberation Army attacked a train near Sibi.",
        "Attack",
        {"agent": "Baloch Liberation Army", "target": "train"},
    ),
    (
        "The opposition leader attacked the government over the budget.",
        "Condemnation",
        {"target": "government"},
    ),
    (
        "Russia attacked Kyiv with drones.",
        "Attack",
        {"agent": "Russia", "target": "Kyiv"},
    ),
    (
        "Labour launched an attack on the cost of the plan.",
        "Condemnation",
        {"agent": "Labour Party", "target": "cost"},
    ),
    ("Rebels launched an attack on the army base.", "Attack", {"target": "army base"}),
]

# descriptors that carry their country
DESCRIPTORS = [
    (
        "The French government condemned the attack on the embassy.",
        "Condemnation",
        {"agent": "France"},
    ),
    (
        "Israeli forces struck a school in Gaza.",
        "Attack",
        {"agent": "Israel", "target": "school"},
    ),
    (
        "Russian and North Korean leaders signed a defence treaty.",
        "Agreement",
        {"agent": "Russia", "recipient": "North Korea"},
    ),
    (
        "Pakistani troops attacked militants near the border.",
        "Attack",
        {"agent": "Pakistan", "target": "militant"},
    ),
]

NO_TYPED_EVENT = [
    # a noun the model reads as a bare verb after a gerund
    ("Low-cost firms are driving down prices and demand dipping.", "Request"),
    # the agent is a doer, never a date, a weapon, a statistic or a noun event
    ("On Monday, missiles hit the city of Kharkiv.", "Attack"),
    ("US retail sales fell 0.3% in January.", "Supply"),
    ("The firm made a loss of 27.2m euros last year.", "Manufacture"),
    ("The sanctions target 12 firms and six individuals.", "Attack"),
    ("Higher oil prices hit profits at the airline.", "Attack"),
    ("The strike by dock workers hit exports.", "Attack"),
    ("The attack sparked outrage across Europe.", "Attack"),
    ("The minister played a key role in the negotiations.", "Event"),
    ("Shares in the retailer rallied after the results.", "Attack"),
    ("The company launched a new phone in March.", "Attack"),
    ("The bank will meet its profit target this year.", "Meeting"),
    ("The minister gave advice to the firms.", "Supply"),
    ("The party abandoned hopes of a majority.", "Withdrawal"),
    ("The carmaker will seek bankruptcy protection.", "Request"),
    ("The government will launch a White Paper on Monday.", "Attack"),
    ("The board fired the chief executive last week.", "Attack"),
    ("The minister agreed that the plan was wise.", "Agreement"),
    ("The firm is promoting its new products in Asia.", "Appointment"),
]

FACTUALITY = [
    ("Russia could send more troops to Belarus.", "Mobilization", "possible"),
    ("Iran reportedly supplied drones to Russia.", "Supply", "possible"),
    ("If Iran attacks Israel, the United States will respond.", "Attack", "possible"),
    ("Will China invade Taiwan?", "Attack", "possible"),
    ("Germany plans to deliver tanks to Ukraine.", "Supply", "future"),
    ("Venezuela is to review its mining contracts.", "Investigation", "future"),
    ("Turkey is expected to buy Russian jets.", "Acquisition", "expected"),
    (
        "Once the regulator approves the deal, Shell will buy the unit.",
        "Acquisition",
        "future",
    ),
    ("Germany supplied tanks to Ukraine.", "Supply", "asserted"),
    ("Air India is considering buying Boeing jets.", "Acquisition", "possible"),
    ("Pervez Musharraf is due to visit Washington.", "Visit", "future"),
    (
        "The United States urged Israel to stop the strikes on Rafah.",
        "Event",
        "possible",
    ),
    # a caused clause under "likely"; "going to"; an infinitive of purpose
    # under an offer; a noun's infinitive (planned, or done after "first")
    (
        "The agreement is likely to see the two companies develop refineries.",
        "Development",
        "possible",
    ),
    ('"We are going to ask voters to back us," Tamimi said.', "Request", "future"),
    (
        "Time Warner offered to pay $300m to settle the charges.",
        "Agreement",
        "possible",
    ),
    ("Exxon paid $300m to settle the charges with the SEC.", "Agreement", "asserted"),
    (
        "Boeing announced a deal with HCL Technologies to develop a platform.",
        "Development",
        "future",
    ),
    # an open question: said neither to have happened nor not to
    ("He asked if Russia had supplied the missiles.", "Supply", "possible"),
    (
        "The spokesman declined to say whether Britain had backed the plan.",
        "Support",
        "possible",
    ),
]


def _extract(nlp: Language, text: str) -> Extraction:
    article = Article(id="n", text=text, origin="test", date="2024-03-15")
    return extract_article(nlp(text), article, load_lexicon())


def _labels(event: Event, role: str) -> set[str]:
    return {m.entity.label for m in event.role(Role(role))}


def _assert_has(extraction: Extraction, cls: str, roles: dict[str, str]) -> None:
    assert _has(extraction, cls, roles), [
        (e.event_class, [(a.role.value, a.mention.entity.label) for a in e.arguments])
        for e in extraction.events
    ]


def _of_class(nlp: Language, text: str, cls: str) -> list[Event]:
    return [e for e in _extract(nlp, text).events if e.event_class == cls]


def _has(extraction: Extraction, cls: str, roles: dict[str, str]) -> bool:
    return any(
        e.event_class == cls
        and all(label in _labels(e, role) for role, label in roles.items())
        for e in extraction.events
    )


@pytest.mark.parametrize(("text", "cls", "roles"), LIGHT_VERBS)
def test_news_light_verb_and_event_noun(
    nlp: Language, text: str, cls: str, roles: dict[str, str]
) -> None:
    _assert_has(_extract(nlp, text), cls, roles)


@pytest.mark.parametrize(("text", "cls", "roles"), TRANSFERS)
def test_news_transfers_find_their_recipient(
    nlp: Language, text: str, cls: str, roles: dict[str, str]
) -> None:
    assert _has(_extract(nlp, text), cls, roles)


@pytest.mark.parametrize(("text", "cls", "roles"), MEETINGS)
def test_news_meetings_hosting_and_visits(
    nlp: Language, text: str, cls: str, roles: dict[str, str]
) -> None:
    assert _has(_extract(nlp, text), cls, roles)


@pytest.mark.parametrize(("text", "cls", "roles"), SANCTIONS)
def test_news_sanctions_are_never_attacks(
    nlp: Language, text: str, cls: str, roles: dict[str, str]
) -> None:
    extraction = _extract(nlp, text)
    assert _has(extraction, cls, roles)
    assert all(e.event_class != "Attack" for e in extraction.events)


@pytest.mark.parametrize(("text", "cls", "roles"), CLAIMS)
def test_news_claims_affiliations_and_words_that_attack(
    nlp: Language, text: str, cls: str, roles: dict[str, str]
) -> None:
    assert _has(_extract(nlp, text), cls, roles)


@pytest.mark.parametrize(("text", "cls", "roles"), DESCRIPTORS)
def test_news_descriptors_stand_for_their_country(
    nlp: Language, text: str, cls: str, roles: dict[str, str]
) -> None:
    extraction = _extract(nlp, text)
    assert _has(extraction, cls, roles)
    labels = {a.mention.entity.label for e in extraction.events for a in e.arguments}
    assert not labels & {"government", "force", "leader", "troop"}


# a body of a state acts as itself, an organisation of that country
STATE_BODIES = [
    (
        "The Afghan foreign ministry condemned the attack.",
        "Condemnation",
        "Afghan foreign ministry",
        "Afghanistan",
    ),
    ("Chinese police arrested two men.", "Coercion", "Chinese police", "China"),
    (
        "The Chinese army fired missiles at the island.",
        "Attack",
        "Chinese army",
        "China",
    ),
]


@pytest.mark.parametrize(("text", "cls", "label", "country"), STATE_BODIES)
def test_news_a_state_s_body_is_an_organisation_of_that_state(
    nlp: Language, text: str, cls: str, label: str, country: str
) -> None:
    agents = [
        a.mention.entity
        for e in _extract(nlp, text).events
        if e.event_class == cls
        for a in e.arguments
        if a.role is Role.AGENT
    ]
    assert [(a.label, a.type.value, a.based_in) for a in agents] == [
        (label, "Organization", country)
    ]


def test_news_a_word_of_region_or_people_is_no_body(nlp: Language) -> None:
    """ "Western officials", "Arab leaders": no organisation "Western"."""
    extraction = _extract(
        nlp, "Western officials accused Russia of lying. Arab leaders condemned it."
    )
    agents = {
        a.mention.entity.type.value
        for e in extraction.events
        for a in e.arguments
        if a.role is Role.AGENT
    }
    assert agents == {"Thing"}


def test_news_the_embassies_of_two_states_stay_the_states(nlp: Language) -> None:
    """A plural or coordinated body names no one organisation."""
    extraction = _extract(nlp, "The French and German embassies condemned the raid.")
    agents = {
        a.mention.entity.label
        for e in extraction.events
        for a in e.arguments
        if a.role is Role.AGENT
    }
    assert agents == {"France", "Germany"}


@pytest.mark.parametrize(("text", "cls"), NO_TYPED_EVENT)
def test_news_no_typed_event_without_a_doer_or_the_sense(
    nlp: Language, text: str, cls: str
) -> None:
    found = [e for e in _extract(nlp, text).events if e.event_class == cls]
    if cls == "Event":
        found = [e for e in found if e.relation == "play"]
    assert found == [], [
        [(a.role.value, a.mention.entity.label) for a in e.arguments] for e in found
    ]


@pytest.mark.parametrize(("text", "cls", "value"), FACTUALITY)
def test_news_hedges_and_conditions_change_factuality(
    nlp: Language, text: str, cls: str, value: str
) -> None:
    found = [e for e in _extract(nlp, text).events if e.event_class == cls]
    assert found, text
    assert {e.factuality.value for e in found} == {value}


@pytest.mark.parametrize(
    ("text", "verb", "value"),
    [
        ("Germany was the first country to deliver tanks.", "deliver", "asserted"),
        ("Germany has a plan to deliver tanks.", "deliver", "future"),
        ("Germany has no money to deliver tanks.", "deliver", "possible"),
        # "made clear" reports the clause, it does not cause it
        ("It was not made clear where Nur was arrested.", "arrested", "asserted"),
    ],
)
def test_news_a_noun_s_infinitive_is_not_done_unless_a_first(
    nlp: Language, text: str, verb: str, value: str
) -> None:
    doc = nlp(text)
    [token] = [t for t in doc if t.text == verb]
    assert factuality(token).value == value


def test_news_statement_gives_the_speaker_not_the_document(nlp: Language) -> None:
    text = (
        "According to a statement by the Foreign Ministry, Russia attacked Odesa. "
        "In a statement, the Kremlin said Ukraine attacked Belgorod."
    )
    sources = {s.label for e in _extract(nlp, text).events for s in e.attributed_to}
    assert "statement" not in {s.casefold() for s in sources}
    assert {"Foreign Ministry", "Kremlin"} <= sources


def test_news_the_same_firms_are_the_ones_listed_before(nlp: Language) -> None:
    text = (
        "Washington sanctioned three firms, including Volga Shipping. "
        "Tokyo sanctioned the same three firms on Friday."
    )
    tokyo = [
        e
        for e in _extract(nlp, text).events
        if e.event_class == "Sanction" and _labels(e, "agent") == {"Japan"}
    ]
    assert tokyo, "no Sanction by Japan"
    assert {"Volga Shipping"} <= {
        label for e in tokyo for label in _labels(e, "target")
    }


def test_news_a_country_prefix_stays_with_its_organisation(nlp: Language) -> None:
    text = "Robert Kilroy-Silk has quit the UK Independence Party."
    labels = {m.entity.label for m in _extract(nlp, text).mentions}
    assert "UK Independence Party" in labels, labels


def test_news_a_quotation_over_sentences_keeps_its_speaker(nlp: Language) -> None:
    text = (
        '"Russia fired missiles at Kyiv. It also attacked Kharkiv," '
        "John Kirby told reporters."
    )
    attacks = [e for e in _extract(nlp, text).events if e.event_class == "Attack"]
    assert len(attacks) >= 2
    assert all({s.label for s in e.attributed_to} == {"John Kirby"} for e in attacks)


def test_news_unnamed_sources_are_sources(nlp: Language) -> None:
    text = "Military sources said rebels attacked ten villages near Bocaranga."
    [attack] = [e for e in _extract(nlp, text).events if e.event_class == "Attack"]
    assert {s.label for s in attack.attributed_to} == {"military source"}


def test_news_a_surname_tagged_as_a_place_is_the_person(nlp: Language) -> None:
    text = "Russian envoy Vassily Nebenzia spoke. Nebenzia dismissed the findings."
    [rejection] = [
        e for e in _extract(nlp, text).events if e.event_class == "Rejection"
    ]
    assert _labels(rejection, "agent") == {"Vassily Nebenzia"}


def test_news_half_bracket_is_cut_from_an_organisation(nlp: Language) -> None:
    text = "The Agency for Trade (AFT) fined Atlas Shipping on Monday."
    labels = {m.entity.label for m in _extract(nlp, text).mentions}
    assert not any("(" in label or ")" in label for label in labels), labels


def test_news_a_name_before_its_title_is_the_person(nlp: Language) -> None:
    text = "Lee Min-ho, the country's trade minister, said Seoul would fine the firm."
    people = {
        m.entity.label
        for m in _extract(nlp, text).mentions
        if m.entity.type.value == "Person"
    }
    assert "Lee Min-ho" in people
    assert not any("minister" in p for p in people)


# who does a verb that has no subject of its own
DOERS = [
    # the attack that did the harm is no doer: its own doer is
    (
        "A Russian missile strike killed five people in Kharkiv.",
        "Attack",
        {"agent": "Russia", "target": "people"},
    ),
    (
        "The bombing by the militants wounded 30 villagers.",
        "Attack",
        {"agent": "militant", "target": "villager"},
    ),
    (
        "The panel accused Eritrea of sending weapons to Sudan.",
        "Supply",
        {"agent": "Eritrea", "recipient": "Sudan"},
    ),
    (
        "Police charged Amadou Diallo with attacking two journalists in Bamako.",
        "Attack",
        {"agent": "Amadou Diallo", "target": "journalist"},
    ),
    (
        "The Houthis took responsibility for attacking a tanker in the Red Sea.",
        "Attack",
        {"agent": "Houthis", "target": "tanker"},
    ),
    (
        "Argentina retaliated by imposing tariffs on Chilean wine.",
        "Sanction",
        {"agent": "Argentina", "target": "Chile", "theme": "wine"},
    ),
    (
        "Norway has funded a programme to train Somali coast guards.",
        "Funding",
        {"agent": "Norway"},
    ),
    (
        "Officials said Vietnam is capable of manufacturing its own drones.",
        "Manufacture",
        {"agent": "Vietnam", "theme": "drone"},
    ),
    (
        "Burkina Faso, Mali and Niger withdrew from ECOWAS last year.",
        "Withdrawal",
        {"agent": "Mali", "theme": "ECOWAS"},
    ),
]


@pytest.mark.parametrize(("text", "cls", "roles"), DOERS)
def test_news_a_subjectless_verb_finds_its_doer(
    nlp: Language, text: str, cls: str, roles: dict[str, str]
) -> None:
    _assert_has(_extract(nlp, text), cls, roles)


def test_news_the_accuser_is_the_source_of_the_charged_act(nlp: Language) -> None:
    text = "Uganda accused the rebels of the ADF of killing villagers near Beni."
    attacks = _of_class(nlp, text, "Attack")
    assert attacks
    assert all("Uganda" in {s.label for s in e.attributed_to} for e in attacks)


def test_news_we_in_a_quotation_is_its_speaker(nlp: Language) -> None:
    text = (
        '"We urge Serbia to release the detained officers," '
        "Kosovo's foreign minister Donika Gervalla said."
    )
    [request] = _of_class(nlp, text, "Request")
    assert _labels(request, "agent") == {"Donika Gervalla"}
    assert _labels(request, "recipient") == {"Serbia"}
    # an act done by saying it is not attributed to its own doer
    assert request.attributed_to == ()


def test_news_a_capital_asked_to_act_is_its_government(nlp: Language) -> None:
    text = "The French envoy urged Moscow to stop the shelling."
    [request] = _of_class(nlp, text, "Request")
    assert _labels(request, "recipient") == {"Russia"}


def test_news_parties_fighting_a_third_do_not_fight_each_other(
    nlp: Language,
) -> None:
    text = "Ghana and Togo agreed to jointly combat what they call piracy."
    fights = _of_class(nlp, text, "Fight")
    assert not any(
        _labels(e, "agent") | _labels(e, "target") == {"Ghana", "Togo"} for e in fights
    )


# blame in a name: a judging verb with a word of blame is a condemnation
JUDGED = [
    (
        "The senator called the company's offer reckless.",
        "Condemnation",
        {"agent": "senator", "target": "company", "theme": "offer"},
    ),
    (
        "Chancellor Olaf Scholz described the blockade as illegal.",
        "Condemnation",
        {"agent": "Olaf Scholz", "theme": "blockade"},
    ),
    (
        "Ankara called the Greek naval exercises a provocation.",
        "Condemnation",
        {"agent": "Turkey", "target": "Greece", "theme": "naval exercise"},
    ),
]


@pytest.mark.parametrize(("text", "cls", "roles"), JUDGED)
def test_news_a_name_of_blame_is_a_condemnation(
    nlp: Language, text: str, cls: str, roles: dict[str, str]
) -> None:
    _assert_has(_extract(nlp, text), cls, roles)


def test_news_a_name_without_blame_is_no_condemnation(nlp: Language) -> None:
    text = "The minister called the summit a success."
    assert not _of_class(nlp, text, "Condemnation")


def test_news_an_arrest_without_a_named_doer_is_an_event(nlp: Language) -> None:
    text = "Opposition leader Kizza Besigye was arrested in Nairobi in November."
    [arrest] = _of_class(nlp, text, "Coercion")
    assert _labels(arrest, "target") == {"Kizza Besigye"}
    assert _labels(arrest, "agent") == set()


def test_news_things_seized_without_a_doer_are_no_event(nlp: Language) -> None:
    text = "Large quantities of ammunition were seized near the border."
    assert not _of_class(nlp, text, "Coercion")


# meetings of bodies, events counted, visits ended, orders given
GROUPS_AND_ORDERS = [
    (
        "The talks took place at a meeting of the African Union in Addis Ababa.",
        "Meeting",
        {"agent": "African Union"},
    ),
    (
        "G20 leaders agreed at a summit in Rio to tax billionaires.",
        "Meeting",
        {"agent": "G20"},
    ),
    (
        "Israeli forces carried out a wave of airstrikes on Hezbollah in Lebanon.",
        "Attack",
        {"agent": "Israel", "target": "Hezbollah"},
    ),
    (
        "Prime Minister Mark Carney returned from a tour of Asia on Sunday.",
        "Visit",
        {"agent": "Mark Carney", "place": "Asia"},
    ),
    (
        "President Bola Tinubu ordered the army to secure the northern border.",
        "Request",
        {"agent": "Bola Tinubu", "recipient": "army"},
    ),
]


@pytest.mark.parametrize(("text", "cls", "roles"), GROUPS_AND_ORDERS)
def test_news_bodies_meet_counted_events_and_orders(
    nlp: Language, text: str, cls: str, roles: dict[str, str]
) -> None:
    _assert_has(_extract(nlp, text), cls, roles)


def test_news_an_order_of_goods_is_no_request(nlp: Language) -> None:
    assert not _of_class(nlp, "Air India ordered 50 jets from Boeing.", "Request")


def test_news_a_group_named_once_is_the_group_later(nlp: Language) -> None:
    text = (
        "Militants linked with the Baloch Liberation Army attacked a train. "
        "Officials said the militants later released dozens of women."
    )
    [release] = _of_class(nlp, text, "Concession")
    assert _labels(release, "agent") == {"Baloch Liberation Army"}


# senses the lexicon keeps apart
SENSES = [
    ("In 2017, China released an AI development programme.", "Concession"),
    ("The United States will defend its security and that of its allies.", "Support"),
    ("Donald Trump ramped up his trade war with Canada on Tuesday.", "Fight"),
    ("On Wednesday, Emmanuel Macron called the subsidies unfair.", "Request"),
    ("The plan would provide maximum benefits to the country.", "Supply"),
]


@pytest.mark.parametrize(("text", "cls"), SENSES)
def test_news_a_word_in_another_sense_is_no_event_of_the_class(
    nlp: Language, text: str, cls: str
) -> None:
    assert not _of_class(nlp, text, cls)


def test_news_giving_sanctuary_is_support(nlp: Language) -> None:
    text = "The Taliban deny providing sanctuary to the fighters of the TTP."
    assert _of_class(nlp, text, "Support")


def test_news_an_interview_s_answers_are_the_answerer_s(nlp: Language) -> None:
    """ "VOA: ...? Armitage: ..." — the answer's events are Armitage's, the
    question's nobody's."""
    text = (
        "VOA spoke with Richard Armitage about his trip. "
        "VOA: Did Russia attack Ukraine again? "
        "Armitage: Russia attacked Kharkiv with missiles last week. "
        "VOA: Thank you."
    )
    attacks = [e for e in _extract(nlp, text).events if e.event_class == "Attack"]
    answered = [e for e in attacks if "Kharkiv" in e.sentence]
    assert answered
    assert all(
        {s.label for s in e.attributed_to} == {"Richard Armitage"} for e in answered
    )
    asked = [e for e in attacks if "again" in e.sentence]
    assert all(
        "Richard Armitage" not in {s.label for s in e.attributed_to} for e in asked
    )


def test_news_one_colon_label_is_no_interview(nlp: Language) -> None:
    text = (
        "Richard Armitage visited Taiwan. "
        "Armitage: Russia attacked Kharkiv with missiles last week."
    )
    attacks = [e for e in _extract(nlp, text).events if e.event_class == "Attack"]
    assert attacks
    assert all(not e.attributed_to for e in attacks)


@pytest.mark.parametrize(
    "text",
    [
        "Mr Lishman urged the next government to boost the state pension.",
        "The union has called on the management to recall the notices.",
    ],
)
def test_news_the_one_asked_is_the_recipient_even_unnamed(
    nlp: Language, text: str
) -> None:
    """A government or a management asked to act is who is asked, not what."""
    [request] = [e for e in _extract(nlp, text).events if e.event_class == "Request"]
    asked = _labels(request, "recipient")
    assert asked and asked <= {"next government", "management"}


def test_news_a_spokesman_s_we_is_the_body_named_with_them(nlp: Language) -> None:
    text = '"We are going to ask voters to back us," MAB spokesman Azzam Tamimi said.'
    [ask] = [e for e in _extract(nlp, text).events if e.event_class == "Request"]
    assert _labels(ask, "agent") == {"MAB"}


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        # "to" on what is moved, after a noun of transfer
        ("They discussed North Korea's transfer of arms to Russia.", "Russia"),
        # the purpose names who the supply is for
        ("Germany sent weapons to help Ukraine.", "Ukraine"),
    ],
)
def test_news_who_a_supply_is_for(nlp: Language, text: str, recipient: str) -> None:
    supplies = [e for e in _extract(nlp, text).events if e.event_class == "Supply"]
    assert supplies and all(_labels(e, "recipient") == {recipient} for e in supplies)
