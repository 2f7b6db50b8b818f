"""Closed namespace mirroring ``ontology/kg.ttl``; a typo raises instead of minting an IRI.

A test checks that this file and the ontology agree both ways.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["KG"]


class KG(DefinedNamespace):
    """The kg ontology namespace."""

    _fail = True
    _NS = Namespace("https://w3id.org/kgnews/ontology#")

    Acquisition: URIRef
    Agreement: URIRef
    Amount: URIRef
    Appointment: URIRef
    Approval: URIRef
    Argument: URIRef
    Asserted: URIRef
    Attack: URIRef
    Believed: URIRef
    Condemnation: URIRef
    Country: URIRef
    Denied: URIRef
    Development: URIRef
    Entity: URIRef
    Estimated: URIRef
    Event: URIRef
    Expected: URIRef
    Factuality: URIRef
    Funding: URIRef
    Future: URIRef
    Manufacture: URIRef
    Meeting: URIRef
    MergedEvent: URIRef
    Negated: URIRef
    Organization: URIRef
    Person: URIRef
    Place: URIRef
    Possible: URIRef
    Request: URIRef
    Sanction: URIRef
    Stance: URIRef
    Stated: URIRef
    Statement: URIRef
    Supply: URIRef
    Support: URIRef
    Thing: URIRef
    Visit: URIRef
    acquired: URIRef
    agency: URIRef
    agent: URIRef
    agreedWith: URIRef
    amount: URIRef
    antecedentBegin: URIRef
    antecedentEnd: URIRef
    antecedentText: URIRef
    appointed: URIRef
    approved: URIRef
    argument: URIRef
    attacked: URIRef
    attributedTo: URIRef
    basedIn: URIRef
    beginOffset: URIRef
    cameo: URIRef
    condemned: URIRef
    confidence: URIRef
    contentHash: URIRef
    currency: URIRef
    dateline: URIRef
    developed: URIRef
    directProperty: URIRef
    endOffset: URIRef
    entity: URIRef
    evidence: URIRef
    extractor: URIRef
    extractorVersion: URIRef
    factuality: URIRef
    funded: URIRef
    instrument: URIRef
    isoAlpha3: URIRef
    isoCode: URIRef
    manufactured: URIRef
    mention: URIRef
    mentionCount: URIRef
    met: URIRef
    place: URIRef
    plover: URIRef
    qualifier: URIRef
    recipient: URIRef
    relatedTo: URIRef
    relation: URIRef
    requested: URIRef
    role: URIRef
    roleProperty: URIRef
    sanctioned: URIRef
    source: URIRef
    stance: URIRef
    stated: URIRef
    supplied: URIRef
    supported: URIRef
    target: URIRef
    text: URIRef
    theme: URIRef
    time: URIRef
    timeBegin: URIRef
    timeEnd: URIRef
    timeText: URIRef
    triggerBegin: URIRef
    triggerEnd: URIRef
    triggerLemma: URIRef
    triggerText: URIRef
    unit: URIRef
    value: URIRef
    visited: URIRef
