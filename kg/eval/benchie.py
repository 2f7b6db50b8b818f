"""BenchIE (English): exact fact-synset matching of binary triples.

Written from the benchmark README's description (its scoring software is under a
non-commercial licence and is not used). A triple is correct when it equals,
slot by slot after whitespace normalisation, one variant of a gold cluster of
its sentence, a variant being the gold triple with any of its ``[optional]``
words left out. Precision counts correct triples; recall counts clusters hit.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from pathlib import Path

from kg.extract.openie import OpenTuple

__all__ = ["binary", "read_benchie", "score_benchie"]

Triple = tuple[str, str, str]
_OPTIONAL = re.compile(r"\[([^\]]*)\]")


def read_benchie(path: Path) -> dict[int, list[set[Triple]]]:
    """Sentence id → clusters, each the set of all its accepted variants."""
    clusters: dict[int, list[set[Triple]]] = {}
    current: set[Triple] | None = None
    sentence = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("sent_id:"):
            sentence = int(line.split("\t", 1)[0].split(":")[1])
            clusters[sentence] = []
        elif "--> Cluster" in line:
            current = set()
            clusters[sentence].append(current)
        elif "-->" in line and current is not None:
            slots = [s.strip() for s in line.split("-->")]
            if len(slots) == 3:
                for variant in itertools.product(*(_variants(s) for s in slots)):
                    current.add((variant[0], variant[1], variant[2]))
    return clusters


def binary(found: OpenTuple) -> list[Triple]:
    """Binary triples of an n-ary tuple: the first argument as object, then each
    further argument with the first folded into the relation."""
    if not found.args:
        return []
    first = found.args[0]
    triples = [(found.arg1, found.relation, first)]
    for extra in found.args[1:]:
        triples.append((found.arg1, f"{found.relation} {first}", extra))
    return triples


def score_benchie(
    gold: dict[int, list[set[Triple]]], predicted: Iterable[tuple[int, Triple]]
) -> tuple[float, float, float]:
    """Precision, recall and F1."""
    correct = total = 0
    hit: set[tuple[int, int]] = set()
    for sentence, triple in predicted:
        total += 1
        normal = tuple(" ".join(s.split()) for s in triple)
        for number, cluster in enumerate(gold.get(sentence, [])):
            if normal in cluster:
                correct += 1
                hit.add((sentence, number))
                break
    clusters = sum(len(c) for c in gold.values())
    p = correct / total if total else 0.0
    r = len(hit) / clusters if clusters else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _variants(slot: str) -> list[str]:
    optional = _OPTIONAL.findall(slot)
    pieces = _OPTIONAL.split(slot)  # text, optional, text, optional, ..., text
    out = set()
    for keep in itertools.product((True, False), repeat=len(optional)):
        words = []
        for index, piece in enumerate(pieces):
            if index % 2 == 0 or keep[index // 2]:
                words.append(piece)
        out.add(" ".join(" ".join(words).split()))
    return sorted(out)
