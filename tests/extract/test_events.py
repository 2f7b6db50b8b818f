"""Rules on hand-built Docs (no model): one construction per test."""

from __future__ import annotations

from kg.extract.events import extract_events
from kg.mentions.resolver import Resolver
from kg.records import Article, Factuality
from kg.resources.lexicon import load_lexicon

from ..conftest import make_doc

Found = tuple[str, dict[str, str]]


def _parse(spec: str) -> list[tuple[str, str, str, str, str, int]]:
    rows = []
    for item in spec.split():
        word, lemma, pos, tag, dep, head = item.split("/")
        rows.append((word.replace("_", " "), lemma, pos, tag, dep, int(head)))
    return rows


def _events(
    spec: str, ents: list[tuple[int, int, str]], date: str | None = None
) -> list[Found]:
    doc = make_doc(_parse(spec), ents)
    article = Article(id="t", text=doc.text, origin="test", date=date)
    resolver = Resolver(doc, 0)
    out = []
    for event in extract_events(doc, article, resolver, load_lexicon()):
        roles = {a.role.value: a.mention.entity.label for a in event.arguments}
        out.append((event.event_class, roles))
    return out


def _full(spec: str, ents: list[tuple[int, int, str]]):  # type: ignore[no-untyped-def]
    doc = make_doc(_parse(spec), ents)
    article = Article(id="t", text=doc.text, origin="test", date="2024-01-04")
    return list(extract_events(doc, article, Resolver(doc, 0), load_lexicon()))


def test_events_passive_with_by_agent() -> None:
    spec = (
        "Missiles/missile/NOUN/NNS/nsubjpass/2 were/be/AUX/VBD/auxpass/2 "
        "provided/provide/VERB/VBN/ROOT/2 by/by/ADP/IN/agent/2 "
        "North/North/PROPN/NNP/compound/5 Korea/Korea/PROPN/NNP/pobj/3 "
        "././PUNCT/./punct/2"
    )
    assert _events(spec, [(4, 6, "GPE")]) == [
        ("Supply", {"agent": "North Korea", "theme": "missile"})
    ]


def test_events_passive_without_agent_is_no_typed_event() -> None:
    # a typed event needs its doer (issue 9): nobody is said to deliver here
    spec = (
        "Missiles/missile/NOUN/NNS/nsubjpass/2 were/be/AUX/VBD/auxpass/2 "
        "delivered/deliver/VERB/VBN/ROOT/2 to/to/ADP/IN/prep/2 "
        "Russia/Russia/PROPN/NNP/pobj/3 ././PUNCT/./punct/2"
    )
    assert _events(spec, [(4, 5, "GPE")]) == []


def test_events_relative_clause_and_inferred_recipient() -> None:
    spec = (
        "Russia/Russia/PROPN/NNP/nsubj/1 fired/fire/VERB/VBD/ROOT/1 "
        "missiles/missile/NOUN/NNS/dobj/1 that/that/PRON/WDT/nsubjpass/5 "
        "were/be/AUX/VBD/auxpass/5 provided/provide/VERB/VBN/relcl/2 "
        "by/by/ADP/IN/agent/5 North/North/PROPN/NNP/compound/8 "
        "Korea/Korea/PROPN/NNP/pobj/6 ././PUNCT/./punct/1"
    )
    found = _events(spec, [(0, 1, "GPE"), (7, 9, "GPE")])
    assert ("Attack", {"agent": "Russia", "theme": "missile"}) in found
    assert (
        "Supply",
        {"agent": "North Korea", "theme": "missile", "recipient": "Russia"},
    ) in found


def test_events_conjoined_participles_share_the_modified_noun() -> None:
    spec = (
        "WHO/WHO/PROPN/NNP/nsubj/1 approved/approve/VERB/VBD/ROOT/1 "
        "a/a/DET/DT/det/3 vaccine/vaccine/NOUN/NN/dobj/1 "
        "developed/develop/VERB/VBN/acl/3 by/by/ADP/IN/agent/4 "
        "Oxford/Oxford/PROPN/NNP/pobj/5 and/and/CCONJ/CC/cc/4 "
        "manufactured/manufacture/VERB/VBN/conj/4 by/by/ADP/IN/agent/8 "
        "Serum/Serum/PROPN/NNP/pobj/9 ././PUNCT/./punct/1"
    )
    found = _events(spec, [(0, 1, "ORG"), (6, 7, "ORG"), (10, 11, "ORG")])
    assert (
        "Approval",
        {"agent": "World Health Organization", "theme": "vaccine"},
    ) in found
    assert ("Development", {"agent": "Oxford", "theme": "vaccine"}) in found
    assert ("Manufacture", {"agent": "Serum", "theme": "vaccine"}) in found


def test_events_ditransitive_with_paraphrase_splits_conjoined_themes() -> None:
    spec = (
        "Pyongyang/Pyongyang/PROPN/NNP/nsubj/1 provided/provide/VERB/VBD/ROOT/1 "
        "Russia/Russia/PROPN/NNP/dobj/1 with/with/ADP/IN/prep/1 "
        "a/a/DET/DT/det/5 launcher/launcher/NOUN/NN/pobj/3 and/and/CCONJ/CC/cc/5 "
        "missiles/missile/NOUN/NNS/conj/5 ././PUNCT/./punct/1"
    )
    found = _events(spec, [(0, 1, "GPE"), (2, 3, "GPE")])
    assert found == [
        (
            "Supply",
            {"agent": "North Korea", "theme": "launcher", "recipient": "Russia"},
        ),
        ("Supply", {"agent": "North Korea", "theme": "missile", "recipient": "Russia"}),
    ]


def test_events_double_object_dative_is_recipient() -> None:
    spec = (
        "Germany/Germany/PROPN/NNP/nsubj/2 will/will/AUX/MD/aux/2 "
        "send/send/VERB/VB/ROOT/2 Ukraine/Ukraine/PROPN/NNP/dative/2 "
        "four/four/NUM/CD/nummod/5 systems/system/NOUN/NNS/dobj/2 ././PUNCT/./punct/2"
    )
    events = _full(spec, [(0, 1, "GPE"), (3, 4, "GPE"), (4, 5, "CARDINAL")])
    assert [
        (e.event_class, {a.role.value: a.mention.entity.label for a in e.arguments})
        for e in events
    ] == [("Supply", {"agent": "Germany", "theme": "system", "recipient": "Ukraine"})]
    assert events[0].factuality is Factuality.FUTURE


def test_events_by_rail_is_instrument_and_from_is_source() -> None:
    spec = (
        "Germany/Germany/PROPN/NNP/nsubj/1 delivered/deliver/VERB/VBD/ROOT/1 "
        "systems/system/NOUN/NNS/dobj/1 by/by/ADP/IN/prep/1 "
        "rail/rail/NOUN/NN/pobj/3 from/from/ADP/IN/prep/1 "
        "Poland/Poland/PROPN/NNP/pobj/5 ././PUNCT/./punct/1"
    )
    assert _events(spec, [(0, 1, "GPE"), (6, 7, "GPE")]) == [
        (
            "Supply",
            {
                "agent": "Germany",
                "theme": "system",
                "source": "Poland",
                "instrument": "rail",
            },
        )
    ]


def test_events_conjoined_subjects_give_one_event_each() -> None:
    spec = (
        "Netherlands/Netherlands/PROPN/NNP/nsubj/3 and/and/CCONJ/CC/cc/0 "
        "Denmark/Denmark/PROPN/NNP/conj/0 pledged/pledge/VERB/VBD/ROOT/3 "
        "jets/jet/NOUN/NNS/dobj/3 to/to/ADP/IN/prep/3 "
        "Ukraine/Ukraine/PROPN/NNP/pobj/5 ././PUNCT/./punct/3"
    )
    found = _events(spec, [(0, 1, "GPE"), (2, 3, "GPE"), (6, 7, "GPE")])
    assert found == [
        ("Supply", {"agent": "Netherlands", "theme": "jet", "recipient": "Ukraine"}),
        ("Supply", {"agent": "Denmark", "theme": "jet", "recipient": "Ukraine"}),
    ]


def test_events_reported_clause_is_attributed_to_the_speaker() -> None:
    spec = (
        "Kirby/Kirby/PROPN/NNP/nsubj/1 said/say/VERB/VBD/ROOT/1 "
        "Russia/Russia/PROPN/NNP/nsubj/3 fired/fire/VERB/VBD/ccomp/1 "
        "missiles/missile/NOUN/NNS/dobj/3 into/into/ADP/IN/prep/3 "
        "Ukraine/Ukraine/PROPN/NNP/pobj/5 ././PUNCT/./punct/1"
    )
    events = _full(spec, [(0, 1, "PERSON"), (2, 3, "GPE"), (6, 7, "GPE")])
    attack = next(e for e in events if e.event_class == "Attack")
    assert {a.role.value: a.mention.entity.label for a in attack.arguments} == {
        "agent": "Russia",
        "theme": "missile",
        "target": "Ukraine",
    }
    assert [s.label for s in attack.attributed_to] == ["Kirby"]
    statement = next(e for e in events if e.event_class == "Statement")
    assert [a.mention.entity.label for a in statement.arguments] == ["Kirby"]


def test_events_nominal_possessor_is_agent() -> None:
    spec = (
        "Kirby/Kirby/PROPN/NNP/nsubj/1 condemned/condemn/VERB/VBD/ROOT/1 "
        "the/the/DET/DT/det/3 DPRK/DPRK/PROPN/NNP/poss/5 's/'s/PART/POS/case/3 "
        "support/support/NOUN/NN/dobj/1 for/for/ADP/IN/prep/5 "
        "Russia/Russia/PROPN/NNP/pobj/6 ././PUNCT/./punct/1"
    )
    found = _events(spec, [(0, 1, "PERSON"), (3, 4, "ORG"), (7, 8, "GPE")])
    assert ("Support", {"agent": "North Korea", "recipient": "Russia"}) in found


def test_events_nominal_with_of_object_is_target_of_attack() -> None:
    spec = (
        "Russia/Russia/PROPN/NNP/poss/2 's/'s/PART/POS/case/0 "
        "invasion/invasion/NOUN/NN/nsubj/6 "
        "of/of/ADP/IN/prep/2 Ukraine/Ukraine/PROPN/NNP/pobj/3 "
        "has/have/AUX/VBZ/aux/6 continued/continue/VERB/VBN/ROOT/6 ././PUNCT/./punct/6"
    )
    found = _events(spec, [(0, 1, "GPE"), (4, 5, "GPE")])
    assert ("Attack", {"agent": "Russia", "target": "Ukraine"}) in found


def test_events_nominal_without_an_agent_is_no_typed_event() -> None:
    # kg:nominalNeeds kg:agent: nobody in the sentence invaded
    spec = (
        "They/they/PRON/PRP/nsubj/1 condemned/condemn/VERB/VBD/ROOT/1 "
        "the/the/DET/DT/det/3 invasion/invasion/NOUN/NN/dobj/1 "
        "of/of/ADP/IN/prep/3 Ukraine/Ukraine/PROPN/NNP/pobj/4 ././PUNCT/./punct/1"
    )
    assert all(cls != "Attack" for cls, _ in _events(spec, [(5, 6, "GPE")]))


def test_events_capital_as_actor_is_its_country() -> None:
    spec = (
        "Moscow/Moscow/PROPN/NNP/nsubj/1 attacked/attack/VERB/VBD/ROOT/1 "
        "Kyiv/Kyiv/PROPN/NNP/dobj/1 ././PUNCT/./punct/1"
    )
    assert _events(spec, [(0, 1, "GPE"), (2, 3, "GPE")]) == [
        ("Attack", {"agent": "Russia", "target": "Kyiv"})
    ]


def test_events_unknown_trigger_is_generic_with_its_lemma() -> None:
    spec = (
        "Hungary/Hungary/PROPN/NNP/nsubj/1 blocked/block/VERB/VBD/ROOT/1 "
        "the/the/DET/DT/det/3 package/package/NOUN/NN/dobj/1 ././PUNCT/./punct/1"
    )
    events = _full(spec, [(0, 1, "GPE")])
    assert [(e.event_class, e.relation) for e in events] == [("Event", "block")]


def test_events_negation_is_negated() -> None:
    spec = (
        "Iran/Iran/PROPN/NNP/nsubj/3 did/do/AUX/VBD/aux/3 not/not/PART/RB/neg/3 "
        "send/send/VERB/VB/ROOT/3 drones/drone/NOUN/NNS/dobj/3 ././PUNCT/./punct/3"
    )
    (event,) = _full(spec, [(0, 1, "GPE")])
    assert event.factuality is Factuality.NEGATED


def test_events_offsets_point_at_trigger_and_sentence() -> None:
    spec = (
        "Norway/Norway/PROPN/NNP/nsubj/1 sent/send/VERB/VBD/ROOT/1 "
        "shells/shell/NOUN/NNS/dobj/1 ././PUNCT/./punct/1"
    )
    (event,) = _full(spec, [(0, 1, "GPE")])
    text = "Norway sent shells . "
    assert text[event.trigger_start : event.trigger_end] == "sent"
    assert text[event.sentence_start : event.sentence_end] == event.sentence
    for argument in event.arguments:
        assert (
            text[argument.mention.start : argument.mention.end] == argument.mention.text
        )
