"""WiRe57: token-level, one-to-one matching of tuples, as its README describes.

For a (predicted, gold) pair, arg1, rel and arg2 must each share a token with
the gold slot (unless the gold slot holds only inferred words); pair precision
is the predicted tokens found in the gold slots over the predicted tokens, pair
recall the same matches over the gold tokens that occur in the sentence. Pairs
are chosen greedily by highest pair F1; precision and recall are pooled.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from kg.extract.openie import OpenTuple

__all__ = ["read_wire57", "score_wire57"]

Slots = list[tuple[list[str], list[str]]]  # (all words, words in the sentence)


def read_wire57(path: Path) -> list[dict[str, Any]]:
    """The 57 annotated sentences with their tokens and gold tuples."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [sentence for document in data.values() for sentence in document]


def score_wire57(
    sentences: list[dict[str, Any]], predicted: dict[str, list[OpenTuple]]
) -> tuple[float, float, float]:
    """Precision, recall and F1 pooled over all sentences."""
    p_sum = r_sum = 0.0
    n_pred = n_gold = 0
    for sentence in sentences:
        golds = [_gold_slots(t) for t in sentence["tuples"]]
        preds = [_pred_slots(t) for t in predicted.get(sentence["id"], [])]
        n_pred += len(preds)
        n_gold += len(golds)
        pairs = []
        for i, gold in enumerate(golds):
            for j, pred in enumerate(preds):
                scored = _pair(gold, pred)
                if scored is not None:
                    pairs.append((scored[2], i, j, scored))
        used_g: set[int] = set()
        used_p: set[int] = set()
        for _, i, j, (p, r, _f) in sorted(pairs, key=lambda x: -x[0]):
            if i in used_g or j in used_p:
                continue
            used_g.add(i)
            used_p.add(j)
            p_sum += p
            r_sum += r
    precision = p_sum / n_pred if n_pred else 0.0
    recall = r_sum / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _gold_slots(item: dict[str, Any]) -> Slots:
    slots = [item["arg1"], item["rel"], item["arg2"], *item.get("arg3+", [])]
    out = []
    for slot in slots:
        words = list(slot.get("words", []))
        indexes = slot.get("words_indexes", [])
        real = [w for w, i in zip(words, indexes, strict=False) if i != "inf"]
        out.append((words, real))
    return out


def _pred_slots(found: OpenTuple) -> list[list[str]]:
    return [
        s.split()
        for s in (found.arg1, found.relation, *found.args[:1], *found.args[1:])
    ]


def _pair(gold: Slots, pred: list[list[str]]) -> tuple[float, float, float] | None:
    matched = pred_tokens = 0
    gold_tokens = sum(len(real) for _, real in gold)
    for position, (words, real) in enumerate(gold):
        guess = pred[position] if position < len(pred) else []
        found = sum((Counter(guess) & Counter(words)).values())
        if position < 3 and real and found == 0:
            return None
        matched += found
    pred_tokens = sum(len(slot) for slot in pred)
    if not pred_tokens or not gold_tokens:
        return None
    p = matched / pred_tokens
    r = min(1.0, matched / gold_tokens)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
