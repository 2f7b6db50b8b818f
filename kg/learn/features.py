"""The one place that turns a Doc and a candidate into numbers.

Three kinds of example, each a sparse map of feature names to values:

* :func:`trigger_features`: does the word state an event, and of which class?
  Its lemma and neighbours, its syntax, the words and entity types around it,
  the rules' reading, and the parser's own vector of the word.
* :func:`filler_features`: is this mention the agent (or the main
  participant) of a ``cls`` event at the trigger? The dependency path between
  them, where the mention sits, its entity type, the role the rules gave it.
* :func:`factuality_features`: asserted, negated, future, possible, expected?
  Auxiliaries, negation, the verbs and conjunctions that govern the trigger.

Names are plain strings ("lem=attack", "agent|path=nsubj↑"), so a model file
is readable and its weights can be looked up without any fitted vectoriser.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc, Token

from kg.extract.syntax import text_of
from kg.records import Candidate, EntityType, Event, Filler, Role

__all__ = [
    "MAIN",
    "SLOTS",
    "bands",
    "event_features",
    "factuality_features",
    "filler_features",
    "main_role",
    "trigger_features",
]

Features = dict[str, float]
SLOTS = ("agent", "main")
# The role of a class's main participant (as the real-news gold defines it).
MAIN: dict[str, tuple[Role, ...]] = {
    "Supply": (Role.RECIPIENT, Role.THEME),
    "Funding": (Role.RECIPIENT, Role.THEME),
    "Attack": (Role.TARGET,),
    "Fight": (Role.TARGET,),
    "Sanction": (Role.TARGET,),
    "Meeting": (Role.RECIPIENT,),
    "Visit": (Role.PLACE,),
    "Agreement": (Role.RECIPIENT, Role.THEME),
    "Cooperation": (Role.RECIPIENT, Role.THEME),
    "Acquisition": (Role.THEME,),
    "Appointment": (Role.THEME,),
    "Support": (Role.RECIPIENT, Role.THEME),
    "Request": (Role.RECIPIENT, Role.THEME),
    "Condemnation": (Role.TARGET,),
    "Rejection": (Role.THEME,),
    "Threat": (Role.TARGET, Role.THEME),
    "Protest": (Role.TARGET,),
    "Coercion": (Role.TARGET,),
    "Investigation": (Role.TARGET,),
    "Withdrawal": (Role.PLACE, Role.THEME),
    "Mobilization": (Role.THEME,),
    "Concession": (Role.THEME,),
    "Approval": (Role.THEME,),
    "Development": (Role.THEME,),
    "Manufacture": (Role.THEME,),
}
_MODALS = frozenset(
    ["will", "would", "shall", "should", "could", "can", "may", "might", "must"]
)
_MARKS = frozenset(
    ["if", "unless", "whether", "once", "until", "before", "after", "when"]
)
_PATH_HOPS = 4
_INSIDE = frozenset({"compound", "flat", "amod", "det", "nummod", "poss", "case"})


def main_role(cls: str) -> Role:
    """The role that holds a class's main participant.

    Examples:
        >>> main_role("Supply"), main_role("Visit")
        (<Role.RECIPIENT: 'recipient'>, <Role.PLACE: 'place'>)
    """
    return MAIN.get(cls, (Role.THEME,))[0]


def trigger_features(doc: Doc, candidate: Candidate) -> Features:
    """Whether, and as which class, the candidate's word states an event."""
    token = doc[candidate.trigger]
    lemma = candidate.lemma
    found: Features = {
        "bias": 1.0,
        f"lem={lemma}": 1.0,
        f"low={token.lower_}": 1.0,
        f"pos={token.pos_}": 1.0,
        f"tag={token.tag_}": 1.0,
        f"dep={token.dep_}": 1.0,
        f"lem|pos={lemma}|{token.pos_}": 1.0,
        f"head={token.head.lemma_.lower()}": 1.0,
        f"dep|head={token.dep_}|{token.head.pos_}": 1.0,
        f"lem|dep={lemma}|{token.dep_}": 1.0,
    }
    for cls in candidate.allowed:
        found[f"allows={cls}"] = 1.0
        found[f"lem|allows={lemma}|{cls}"] = 1.0
    for cls in candidate.rule_classes:
        found[f"rule={cls}"] = 1.0
    if not candidate.rule_classes:
        found["rule=none"] = 1.0
    for child in token.children:
        dep = child.dep_
        found[f"child={dep}"] = 1.0
        if dep in {"dobj", "obj", "nsubj", "nsubjpass", "attr", "agent", "dative"}:
            found[f"{dep}={child.lemma_.lower()}"] = 1.0
            found[f"lem|{dep}={lemma}|{child.lemma_.lower()}"] = 1.0
            found[f"{dep}.ent={child.ent_type_ or '-'}"] = 1.0
        elif dep == "prep":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            found[f"prep={child.lower_}"] = 1.0
            found[f"lem|prep={lemma}|{child.lower_}"] = 1.0
            for obj in objects:
                found[f"prep|obj={child.lower_}|{obj.lemma_.lower()}"] = 1.0
                found[f"prep.ent={child.lower_}|{obj.ent_type_ or '-'}"] = 1.0
        elif dep in {"neg", "aux", "auxpass"}:
            found[f"{dep}={child.lower_}"] = 1.0
        elif dep in {"amod", "compound"}:
            found[f"mod={child.lemma_.lower()}"] = 1.0
    for step in (-2, -1, 1, 2):
        i = token.i + step
        if 0 <= i < len(doc):
            found[f"w{step}={doc[i].lower_}"] = 1.0
    sent = token.sent
    found[f"sentpos={min(sent.start, 1)}"] = 1.0
    found[f"types={_sentence_types(doc, candidate)}"] = 1.0
    if doc.tensor is not None and doc.tensor.shape[0] > token.i:
        for index, value in enumerate(doc.tensor[token.i]):
            found[f"v{index}"] = float(value)
    return found


def filler_features(
    doc: Doc, candidate: Candidate, filler: Filler, cls: str, slot: str
) -> Features:
    """Whether ``filler`` is the ``slot`` ("agent" or "main") of a ``cls``
    event at the candidate's word."""
    trigger = doc[candidate.trigger]
    head = doc[filler.token]
    entity = filler.mention.entity
    path = _path(trigger, head)
    where = "before" if head.i < trigger.i else "after"
    distance = abs(head.i - trigger.i)
    bucket = (
        "1"
        if distance <= 1
        else "3"
        if distance <= 3
        else "6"
        if distance <= 6
        else "far"
    )
    role = main_role(cls) if slot == "main" else Role.AGENT
    kind = entity.type.value
    found: Features = {
        f"{slot}|bias": 1.0,
        f"{slot}|path={path}": 1.0,
        f"{slot}|{cls}|path={path}": 1.0,
        f"{slot}|{where}": 1.0,
        f"{slot}|dist={bucket}": 1.0,
        f"{slot}|type={kind}": 1.0,
        f"{slot}|{cls}|type={kind}": 1.0,
        f"{slot}|place={filler.place}": 1.0,
        f"{slot}|{cls}|place={filler.place}": 1.0,
        f"{slot}|dep={head.dep_}": 1.0,
        f"{slot}|{cls}|dep={head.dep_}|{where}": 1.0,
        f"{slot}|pos={head.pos_}": 1.0,
    }
    if head.dep_ == "pobj":
        found[f"{slot}|prep={head.head.lower_}"] = 1.0
        found[f"{slot}|{cls}|prep={head.head.lower_}"] = 1.0
    if filler.mention.antecedent is not None:
        found[f"{slot}|resolved"] = 1.0
    if entity.type is EntityType.THING:
        found[f"{slot}|thing={entity.label.split()[-1].lower()}"] = 1.0
    if filler.rule_roles:
        for given in filler.rule_roles:
            found[f"{slot}|rule={given.value}"] = 1.0
            found[f"{slot}|rule-fits={given is role}"] = 1.0
    else:
        found[f"{slot}|rule=none"] = 1.0
    if head.i in {t.i for t in trigger.subtree}:
        found[f"{slot}|in-subtree"] = 1.0
    if _speaker(trigger, head):
        found[f"{slot}|speaker"] = 1.0
    return found


def factuality_features(doc: Doc, candidate: Candidate) -> Features:
    """Whether the event at the candidate's word happened, did not, will,
    may, or is expected."""
    token = doc[candidate.trigger]
    found: Features = {"bias": 1.0, f"tag={token.tag_}": 1.0, f"pos={token.pos_}": 1.0}
    node: Token = token
    for depth in range(4):
        for child in node.children:
            if child.dep_ in {"aux", "auxpass", "neg"} or child.lower_ in _MODALS:
                found[f"{depth}|{child.dep_}={child.lower_}"] = 1.0
                found[f"any|{child.lower_}"] = 1.0
            if child.dep_ == "mark" and child.lower_ in _MARKS:
                found[f"mark={child.lower_}"] = 1.0
            if child.dep_ == "advmod" and child.lower_ in {
                "not",
                "never",
                "yet",
                "already",
            }:
                found[f"adv={child.lower_}"] = 1.0
        if depth:
            found[f"{depth}|gov={node.lemma_.lower()}"] = 1.0
            found[f"gov={node.lemma_.lower()}"] = 1.0
        if node.head.i == node.i:
            break
        found[f"{depth}|up={node.dep_}"] = 1.0
        node = node.head
    if token.head.lower_ in {"to"} or any(c.lower_ == "to" for c in token.children):
        found["to"] = 1.0
    return found


def _path(trigger: Token, head: Token) -> str:
    """The dependency path from the trigger up to the common ancestor and down
    to the filler, as labels ("nsubj↑", "prep↓pobj↓"), cut to a few hops."""
    up: list[Token] = [trigger]
    while up[-1].head.i != up[-1].i and len(up) < 12:
        up.append(up[-1].head)
    down: list[Token] = [head]
    while down[-1].head.i != down[-1].i and len(down) < 12:
        down.append(down[-1].head)
    ups = {t.i: n for n, t in enumerate(up)}
    for n, node in enumerate(down):
        if node.i in ups:
            rising = [t.dep_ + "↑" for t in up[: ups[node.i]]]
            falling = [t.dep_ + "↓" for t in reversed(down[:n])]
            hops = rising + falling
            if len(hops) > _PATH_HOPS:
                return "".join(hops[:2]) + "…" + "".join(hops[-2:])
            return "".join(hops) or "self"
    return "none"


def _speaker(trigger: Token, head: Token) -> bool:
    """The filler is the subject of a verb that governs the trigger ("X said
    ... attacked")."""
    node = trigger
    for _ in range(4):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.pos_ == "VERB" and any(
            c.i == head.i and c.dep_ in {"nsubj", "nsubjpass"} for c in node.children
        ):
            return True
    return False


def _sentence_types(doc: Doc, candidate: Candidate) -> str:
    """Which actor types the sentence names: "C+O+P" and the like."""
    kinds = {f.mention.entity.type.value[0] for f in candidate.fillers if not f.place}
    return "+".join(sorted(kinds)) or "-"


def event_features(
    doc: Doc,
    event: Event,
    offset: int,
    trigger: Mapping[str, float],
    *,
    source: str,
) -> Features:
    """Whether a whole candidate event is right: its class, how it was found
    (``source``: a rule's construction, or "model"), what fills its roles and
    how they hang on the trigger, and ``trigger``, the class probabilities
    the trigger model gave its word."""
    cls = event.event_class
    found: Features = {
        "bias": 1.0,
        f"cls={cls}": 1.0,
        f"src={source}": 1.0,
        f"src|cls={source}|{cls}": 1.0,
        f"lem={event.relation}": 1.0,
        f"lem|cls={event.relation}|{cls}": 1.0,
        f"fac={event.factuality.value}": 1.0,
        f"args={len(event.arguments)}": 1.0,
        "p-class": trigger.get(cls, 0.0),
        "p-none": trigger.get("none", 0.0),
        "p-best": max((p for c, p in trigger.items() if c != "none"), default=0.0),
    }
    best = max(
        (c for c in trigger if c != "none"), key=lambda c: trigger[c], default=None
    )
    found[f"best-is-cls={best == cls}"] = 1.0
    # the probabilities by bands too: a linear model then weighs them unevenly
    band = bands(trigger.get(cls, 0.0))
    found[f"p-class~{band}"] = 1.0
    found[f"p-class~{band}|src={source}"] = 1.0
    found[f"p-class~{band}|cls={cls}"] = 1.0
    found[f"p-none~{bands(trigger.get('none', 0.0))}"] = 1.0
    if event.attributed_to:
        found["attributed"] = 1.0
    head = _token_at(doc, event.trigger_start - offset)
    roles = {a.role for a in event.arguments}
    if Role.AGENT not in roles:
        found["no-agent"] = 1.0
        found[f"no-agent|{cls}"] = 1.0
    if main_role(cls) not in roles:
        found["no-main"] = 1.0
        found[f"no-main|{cls}"] = 1.0
    for argument in event.arguments:
        role = argument.role.value
        entity = argument.mention.entity
        found[f"arg={role}|{entity.type.value}"] = 1.0
        found[f"arg|cls={cls}|{role}|{entity.type.value}"] = 1.0
        if argument.mention.antecedent is not None:
            found[f"resolved={role}"] = 1.0
        filler = _token_at(doc, argument.mention.start - offset)
        if head is not None and filler is not None:
            path = _path(head, filler)
            found[f"path={role}|{path}"] = 1.0
            found[f"path|cls={cls}|{role}|{path}"] = 1.0
            if argument.role is Role.AGENT and _speaker(head, filler):
                found["agent-speaks"] = 1.0
    return found


def bands(p: float) -> str:
    """A probability's band, as a feature value.

    Examples:
        >>> bands(0.05), bands(0.5), bands(0.95)
        ('0', '4', '8')
    """
    return str(min(8, int(p * 9)))


def _token_at(doc: Doc, char: int) -> Token | None:
    """The token that holds character ``char`` of the Doc (its phrase's head
    for a mention's first character: the root of the phrase's span)."""
    if not 0 <= char < len(text_of(doc)):
        return None
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span[0]
    # from a mention's first word to the head of its phrase
    while token.dep_ in _INSIDE and token.head.i > token.i:
        token = token.head
    return token
