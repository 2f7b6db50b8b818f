"""Closed namespace mirroring ``ontology/kg.ttl``; a typo raises instead of minting an IRI.

A test checks that this file and the ontology agree both ways.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

from kg.resources.ontology import KG as KG_IRI

__all__ = ["KG"]


class KG(DefinedNamespace):
    """The kg ontology namespace."""

    _fail = True
    _NS = Namespace(KG_IRI)

    Acquisition: URIRef
    Actor: URIRef
    Agreement: URIRef
    Amount: URIRef
    Appointment: URIRef
    Approval: URIRef
    Argument: URIRef
    Asserted: URIRef
    Attack: URIRef
    Believed: URIRef
    Coercion: URIRef
    Concession: URIRef
    Condemnation: URIRef
    Cooperation: URIRef
    Country: URIRef
    Denied: URIRef
    Development: URIRef
    Entity: URIRef
    EntityNetwork: URIRef
    Estimated: URIRef
    Event: URIRef
    Expected: URIRef
    Factuality: URIRef
    Fight: URIRef
    Funding: URIRef
    Future: URIRef
    Investigation: URIRef
    Manufacture: URIRef
    Meeting: URIRef
    MergedEvent: URIRef
    Mobilization: URIRef
    Negated: URIRef
    Organization: URIRef
    Person: URIRef
    Place: URIRef
    Possible: URIRef
    Protest: URIRef
    Rejection: URIRef
    Request: URIRef
    Sanction: URIRef
    Stance: URIRef
    Stated: URIRef
    Statement: URIRef
    Supply: URIRef
    Support: URIRef
    Thing: URIRef
    Threat: URIRef
    Visit: URIRef
    Weapon: URIRef
    Withdrawal: URIRef
    acquired: URIRef
    actorNoun: URIRef
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
    articleDigest: URIRef
    attacked: URIRef
    attributedTo: URIRef
    basedIn: URIRef
    beginOffset: URIRef
    betweenness: URIRef
    betweennessSampled: URIRef
    cameo: URIRef
    classEvents: URIRef
    coerced: URIRef
    conceded: URIRef
    condemned: URIRef
    confidence: URIRef
    contentHash: URIRef
    controlTrigger: URIRef
    cooperatedWith: URIRef
    currency: URIRef
    dateline: URIRef
    degree: URIRef
    descriptorNoun: URIRef
    developed: URIRef
    directProperty: URIRef
    endOffset: URIRef
    entity: URIRef
    entityClass: URIRef
    entityCount: URIRef
    entityMentions: URIRef
    eventCount: URIRef
    evidence: URIRef
    evokedBy: URIRef
    extractor: URIRef
    extractorVersion: URIRef
    factuality: URIRef
    figurativeOf: URIRef
    figuresArticles: URIRef
    figuresDigest: URIRef
    fought: URIRef
    funded: URIRef
    instrument: URIRef
    investigated: URIRef
    isoAlpha3: URIRef
    isoCode: URIRef
    judgingVerb: URIRef
    lightVerb: URIRef
    linkCount: URIRef
    linkedTo: URIRef
    listPosition: URIRef
    manufactured: URIRef
    mention: URIRef
    mergedBecause: URIRef
    mentionCount: URIRef
    met: URIRef
    mobilized: URIRef
    modifierAgent: URIRef
    nameKey: URIRef
    nameWord: URIRef
    nominalNeeds: URIRef
    notActorNoun: URIRef
    notEvent: URIRef
    notTheme: URIRef
    onRole: URIRef
    pageRank: URIRef
    patientSuffices: URIRef
    pejorative: URIRef
    place: URIRef
    plover: URIRef
    protested: URIRef
    qualifier: URIRef
    rankPosition: URIRef
    recipient: URIRef
    rejected: URIRef
    relatedTo: URIRef
    relation: URIRef
    requested: URIRef
    requiresOneOf: URIRef
    role: URIRef
    roleAccepts: URIRef
    roleProperty: URIRef
    sanctioned: URIRef
    source: URIRef
    sourceFile: URIRef
    stance: URIRef
    stated: URIRef
    supplied: URIRef
    supported: URIRef
    target: URIRef
    text: URIRef
    theme: URIRef
    threatened: URIRef
    time: URIRef
    timeBegin: URIRef
    timeEnd: URIRef
    timeText: URIRef
    triggerBegin: URIRef
    triggerEnd: URIRef
    triggerLemma: URIRef
    triggerText: URIRef
    tripleCount: URIRef
    unit: URIRef
    value: URIRef
    verbOnly: URIRef
    visited: URIRef
    weaponNoun: URIRef
    withdrewFrom: URIRef
