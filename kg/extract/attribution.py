"""Who asserted an event, and how the text presents it (factuality).

An event inside the clausal complement of a reporting or cognition verb
("Kirby said ...", "the US determined ...") is attributed to that verb's
subject; nested reporting keeps every reporter, innermost first.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.extract.syntax import (
    NOMINAL_SUBJECT_DEPS,
    REPORTED_CLAUSE_DEPS,
    attribute_ids,
    is_passive,
    preps,
    span_text,
    subjects,
    to_marked,
)
from kg.records import Factuality, Stance
from kg.resources.function_words import (
    CLOSING_QUOTES,
    CONDITION_WORDS,
    FUTURE_AUXILIARIES,
    HEDGES,
    NEGATIONS,
    OPENING_QUOTES,
    POSSIBLE_AUXILIARIES,
)
from kg.resources.verbs import (
    CAUSE_VERBS,
    CHARGE_VERBS,
    DEMAND_VERBS,
    DONE_FIRSTS,
    EXPECT_VERBS,
    MAYBE_WORDS,
    NOT_DONE_WORDS,
    OBJECT_CONTROL_VERBS,
    PLAN_NOUNS,
    PLAN_WORDS,
    STANCE_VERBS,
)

__all__ = [
    "according_to",
    "accusers",
    "claim_factuality",
    "factuality",
    "interview_speakers",
    "quote_speakers",
    "reporters",
    "spoken_by",
    "stance",
]


def stance(reporter: Token | None, trigger: Token | None = None) -> Stance | None:
    """The stance the innermost reporting verb gives its claims.

    ``None`` when nobody is reported as the source. An "according to" source
    (no verb) states; so does a denial for the events merely named in the
    denied clause ("since the invasion of Ukraine").
    """
    if reporter is None:
        return None
    lemma = reporter.lemma_.lower()
    if trigger is not None and not _clausal(trigger, reporter):
        return Stance.STATED
    for value, lemmas in STANCE_VERBS.items():
        if lemma in lemmas:
            return value
    return Stance.STATED


def claim_factuality(
    own: Factuality, reporter: Token | None, trigger: Token | None = None
) -> Factuality:
    """The factuality of a claim, given its reporting verb.

    A denied claim ("Tehran denied sending weapons") and a claim under a
    negated reporting verb ("the ministry did not confirm that ...") are
    negated; otherwise the claim keeps its own factuality. Only the clauses
    the verb governs are denied, not events named inside them ("denied
    targeting civilians since the invasion" does not deny the invasion).
    """
    if reporter is None or (trigger is not None and not _clausal(trigger, reporter)):
        return own
    if reporter.lemma_.lower() in STANCE_VERBS[Stance.DENIED] or _local(reporter) is (
        Factuality.NEGATED
    ):
        return Factuality.NEGATED
    return own


def reporters(trigger: Token, reporting: frozenset[str]) -> list[Token]:
    """The reporting verbs that govern ``trigger``, innermost first.

    ``reporting`` is the set of reporting/cognition lemmas (the Statement
    triggers of the lexicon).
    """
    found: list[Token] = []
    node = trigger
    while node.head.i != node.i:
        parent = node.head
        if node.dep_ in REPORTED_CLAUSE_DEPS and parent.lemma_.lower() in reporting:
            found.append(parent)
        node = parent
    # "Russia fired missiles, Kirby said" parsed with "said" below the event.
    for child in trigger.children:
        if child.dep_ == "parataxis" and child.lemma_.lower() in reporting:
            found.append(child)
    return found


def according_to(trigger: Token) -> list[Token]:
    """The objects of an "according to X" attached to the trigger's clause."""
    out: list[Token] = []
    for node in [trigger, *trigger.ancestors]:
        for child in node.children:
            if child.lower_ == "according":
                for to in child.children:
                    out.extend(t for t in to.children if t.dep_ == "pobj")
    return out


def accusers(trigger: Token) -> list[Token]:
    """Who says a charged act was done: "the C.A.R. accuses the group of
    killing civilians", "were accused by the U.N. of looting"."""
    node = trigger.head if trigger.dep_ == "conj" else trigger
    if node.dep_ != "pcomp":
        return []
    verb = node.head.head
    if verb.lemma_.lower() not in CHARGE_VERBS or verb.pos_ != "VERB":
        return []
    if is_passive(verb):
        return [o for word, o in preps(verb) if word == "by"]
    return subjects(verb)


def factuality(trigger: Token) -> Factuality:
    """Asserted, negated, future, possible or expected, from the verb chain.

    The trigger's own auxiliaries and negation count first; then each
    governing verb up the chain of complements (``to target`` under ``will
    use``, ``will use`` under ``we anticipate``).
    """
    verb = _governing_verb(trigger)
    if verb is None:
        return Factuality.ASSERTED
    value = Factuality.ASSERTED
    if _question(trigger) or _hedged(trigger):
        value = Factuality.POSSIBLE
    if value is Factuality.ASSERTED and verb.i == trigger.i:
        value = _infinitive_of_noun(verb)
    node: Token | None = verb
    while node is not None:
        local = _local(node)
        if local is Factuality.ASSERTED and (_hedged(node) or _conditional(node)):
            local = Factuality.POSSIBLE
        if local is Factuality.NEGATED:
            return Factuality.NEGATED
        if local is not Factuality.ASSERTED and value is Factuality.ASSERTED:
            value = local
        parent = node.head
        if parent.i == node.i or not (
            node.dep_ in {"xcomp", "ccomp", "conj"} or _purpose(node)
        ):
            break
        lemma = parent.lemma_.lower()
        if lemma in EXPECT_VERBS:
            return Factuality.EXPECTED
        if (
            node.dep_ == "ccomp"
            and lemma in DEMAND_VERBS
            and value is Factuality.ASSERTED
        ):
            return Factuality.POSSIBLE  # "demanded that Beijing remove them"
        if node.dep_ == "ccomp" and lemma not in CAUSE_VERBS:
            break  # a reported clause keeps its own factuality ("is likely to
            # see the firms develop": a caused one does not)
        if lemma == "go" and parent.tag_ == "VBG" and value is Factuality.ASSERTED:
            value = Factuality.FUTURE  # "we are going to ask"
        if (
            lemma in PLAN_WORDS
            and node.dep_ == "xcomp"
            and value is Factuality.ASSERTED
        ):
            value = Factuality.FUTURE
        if lemma == "be" and node.dep_ == "xcomp" and value is Factuality.ASSERTED:
            value = Factuality.FUTURE  # "Venezuela is to review its deals"
        if (
            lemma in MAYBE_WORDS
            and node.dep_ == "xcomp"
            and value is Factuality.ASSERTED
        ):
            value = Factuality.POSSIBLE  # "is likely to", "is believed to have"
        if lemma in NOT_DONE_WORDS and node.dep_ == "xcomp":
            return Factuality.NEGATED  # "refused to pay", "were reluctant to provide"
        if node.dep_ == "conj" and any(
            c.dep_ in {"aux", "auxpass"} for c in node.children
        ):
            break  # "have not been drawn in, but have called for": own auxiliaries
        if (
            lemma in OBJECT_CONTROL_VERBS
            and node.dep_ == "xcomp"
            and value is Factuality.ASSERTED
        ):
            # asked of someone, not done: "urged Iran to release"
            value = Factuality.POSSIBLE
        node = parent
    return value


def _purpose(verb: Token) -> bool:
    """An infinitive of purpose: "offered to pay $300m to settle charges" (the
    settlement is as real as the paying)."""
    return verb.dep_ == "advcl" and to_marked(verb)


def _infinitive_of_noun(verb: Token) -> Factuality:
    """An infinitive that modifies a noun is not done yet: "a deal with HCL to
    develop a platform" (planned), "the way for it to conclude a deal"
    (possible); "the first country to send troops" is done."""
    if verb.dep_ not in {"acl", "relcl"} or not to_marked(verb):
        return Factuality.ASSERTED
    noun = verb.head
    if noun.lemma_.lower() in DONE_FIRSTS or any(
        c.lower_ in DONE_FIRSTS or (c.dep_ == "amod" and c.tag_ == "JJS")
        for c in noun.children
    ):
        return Factuality.ASSERTED
    if noun.lemma_.lower() in PLAN_NOUNS:
        return Factuality.FUTURE
    return Factuality.POSSIBLE


def _conditional(verb: Token) -> bool:
    """A clause under a condition: "if it fails", "once the deal is approved",
    a present tense after "before"/"until": "before Britain takes over", or
    an open question: "declined to say whether he backed the plans"."""
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    if verb.dep_ == "ccomp":
        return bool(marks & {"whether", "if"})  # "to say whether he backed it"
    if verb.dep_ != "advcl":
        return False
    if marks & CONDITION_WORDS:
        return True
    return bool(marks & {"before", "until", "till"}) and verb.tag_ in {"VBZ", "VBP"}


def _hedged(token: Token) -> bool:
    return any(c.dep_ == "advmod" and c.lower_ in HEDGES for c in token.children)


def _question(token: Token) -> bool:
    return span_text(token.sent).rstrip().rstrip("\"”’'").endswith("?")


def _clausal(trigger: Token, reporter: Token) -> bool:
    """Whether ``trigger`` heads a clause that ``reporter`` governs."""
    node = trigger
    while node.i != reporter.i:
        if node.dep_ not in REPORTED_CLAUSE_DEPS or node.head.i == node.i:
            return False
        node = node.head
    return True


def _local(verb: Token) -> Factuality:
    for child in verb.children:
        if child.dep_ == "neg" or (
            child.dep_ == "advmod" and child.lower_ in NEGATIONS
        ):
            return Factuality.NEGATED
    auxes = [c.lower_ for c in verb.children if c.dep_ == "aux"]
    if any(a in FUTURE_AUXILIARIES for a in auxes):
        return Factuality.FUTURE
    if any(a in POSSIBLE_AUXILIARIES for a in auxes):
        return Factuality.POSSIBLE
    return Factuality.ASSERTED


def _governing_verb(token: Token) -> Token | None:
    node = token
    for _ in range(8):
        if node.pos_ in {"VERB", "AUX"}:
            return node
        if node.head.i == node.i:
            return None
        node = node.head
    return None


_QUOTE_REACH = 10  # tokens between a closing quote and its "the ... spokesman X said"


def quote_speakers(doc: Doc, reporting: frozenset[str]) -> dict[int, list[Token]]:
    """Token index → the subjects of the verb that reports the quotation holding it.

    Quotations that run over several sentences are attributed as a whole:
    "“He opened fire on a patrol. ... ,” the police said." and "Kirby said:
    “... .”" Pairs straight quotes in order; curly quotes by their direction.
    """
    out: dict[int, list[Token]] = {}
    opened: int | None = None
    # the quotation marks, found by their string ids without a Token per word
    marks = {doc.vocab.strings[q] for q in OPENING_QUOTES | CLOSING_QUOTES}
    words = attribute_ids(doc, "ORTH")
    for i in (i for i, word in enumerate(words) if word in marks):
        token = doc[i]
        text = token.text
        if opened is None and (text in OPENING_QUOTES and text != "”"):
            opened = token.i
        elif opened is not None and text in CLOSING_QUOTES:
            speakers = _reporter_after(doc, token.i, reporting) or _reporter_before(
                doc, opened, reporting
            )
            if speakers:
                for i in range(opened + 1, token.i):
                    out[i] = speakers
            opened = None
    return out


def spoken_by(doc: Doc, reporting: frozenset[str]) -> dict[int, list[Token]]:
    """Token index → who says it: the speakers of quotations
    (:func:`quote_speakers`), else of an interview's answers
    (:func:`interview_speakers`)."""
    found = quote_speakers(doc, reporting)
    for i, speakers in interview_speakers(doc).items():
        found.setdefault(i, speakers)
    return found


def interview_speakers(doc: Doc) -> dict[int, list[Token]]:
    """Token index → the person who says it, in an interview written as
    "VOA: ...? Armitage: That type of exercise was expected. ...": every
    sentence after a person's name and a colon, up to the next such label,
    is that person's. A Doc needs two labels to read as an interview; a label
    that names no person (the outlet asking) gives its sentences no speaker.
    """
    labels: list[tuple[int, int, Token | None]] = []  # (start, after colon, who)
    # the words a person of the article is named by ("Armitage" of Richard
    # Armitage: the model seldom tags a bare name before a colon)
    named = {ent[-1].text: ent[-1] for ent in doc.ents if ent.label_ == "PERSON"}
    for sent in doc.sents:
        words: list[Token] = []
        for token in sent[:5]:
            if token.text == ":":
                break
            words.append(token)
        else:
            continue
        if (
            not words
            or len(words) > 4
            or not all((w.is_title or w.is_upper) and w.is_alpha for w in words)
        ):
            continue
        last = words[-1]
        # the person's own mention elsewhere, which the resolver reads as one
        who = last if last.ent_type_ == "PERSON" else named.get(last.text)
        labels.append((sent.start, words[-1].i + 2, who))
    if len(labels) < 2:
        return {}
    out: dict[int, list[Token]] = {}
    for n, (_, after, who) in enumerate(labels):
        end = labels[n + 1][0] if n + 1 < len(labels) else len(doc)
        if who is not None:
            for i in range(after, end):
                out[i] = [who]
    return out


def _reporter_after(doc: Doc, closing: int, reporting: frozenset[str]) -> list[Token]:
    for token in doc[closing + 1 : closing + 1 + _QUOTE_REACH]:
        if token.text in OPENING_QUOTES or (
            token.is_sent_start and token.i > closing + 1
        ):
            break
        if token.pos_ == "VERB" and token.lemma_.lower() in reporting:
            return [c for c in token.children if c.dep_ in NOMINAL_SUBJECT_DEPS]
    return []


def _reporter_before(doc: Doc, opening: int, reporting: frozenset[str]) -> list[Token]:
    """ "Kirby said: “…”": a reporting verb just before the opening quote."""
    for token in reversed(doc[max(0, opening - _QUOTE_REACH) : opening]):
        if token.pos_ == "VERB" and token.lemma_.lower() in reporting:
            return [c for c in token.children if c.dep_ in NOMINAL_SUBJECT_DEPS]
    return []
