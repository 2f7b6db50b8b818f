"""Why a surface form names an entity: the reason kept with every merge.

A build writes it on the entity as ``kg:mergedBecause`` ("Mr Blair:
honorific and surname of the full name"); ``kg entities --merged`` and the
entity page of ``kg serve`` show it, so a user can spot a wrong merge.
"""

from __future__ import annotations

from kg.mentions.surface import clean
from kg.resources.gazetteer import load_gazetteer
from kg.resources.lexicon import load_lexicon

__all__ = ["alias_reason", "merge_note"]


def alias_reason(label: str, kind: str, alias: str) -> str:
    """Why a surface form names the entity.

    Examples:
        >>> alias_reason("North Korea", "Country", "DPRK")
        'country name or code (gazetteer)'
        >>> alias_reason("John Kirby", "Person", "Kirby")
        'surname of the full name'
        >>> alias_reason("Tony Blair", "Person", "Mr Blair")
        'honorific and surname of the full name'
        >>> alias_reason("Conservative Party", "Organization", "Tories")
        'known alias (ontology/organizations.ttl)'
    """
    if alias.casefold() == label.casefold():
        return "same name, other case"
    gazetteer = load_gazetteer()
    if kind == "Country":
        if gazetteer.country(alias) is not None:
            return "country name or code (gazetteer)"
        if gazetteer.demonym(alias) is not None:
            return "demonym"
        if gazetteer.capital(alias) is not None:
            return "capital acting for its country"
    if kind == "Person":
        bare = clean(alias)
        if label.split()[-len(bare.split()) :] == bare.split():
            if bare == alias:
                return "surname of the full name"
            return "honorific and surname of the full name"
    if kind == "Organization":
        if load_lexicon().organization(alias) == label:
            return "known alias (ontology/organizations.ttl)"
        if alias.isupper():
            return "acronym given in the article"
    return "surface form in the article"


def merge_note(label: str, kind: str, alias: str) -> str | None:
    """The ``kg:mergedBecause`` text of a surface form, or None when the form
    is the label itself (case and spaces aside).

    Examples:
        >>> merge_note("John Kirby", "Person", "Kirby")
        'Kirby: surname of the full name'
        >>> merge_note("John Kirby", "Person", "john  kirby") is None
        True
    """
    if " ".join(alias.casefold().split()) == " ".join(label.casefold().split()):
        return None
    return f"{alias}: {alias_reason(label, kind, alias)}"
