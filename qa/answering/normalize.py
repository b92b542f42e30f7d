"""Answer-text normalisation and the SQuAD answer metrics (exact match, token F1).

``normalize_answer``, ``exact_match`` and ``f1`` follow the official SQuAD
v1.1 evaluation script: lower-case, strip punctuation and the articles
a/an/the, collapse whitespace; a score is the max over the gold answers.
Both the answerer (to merge spans that say the same thing) and the
evaluation use this module, so neither imports the other.
"""

from __future__ import annotations

import re
import string
from collections import Counter

_PUNCT = set(string.punctuation)


def normalize_answer(s: str) -> str:
    s = s.lower()
    s = "".join(ch for ch in s if ch not in _PUNCT)
    s = re.sub(r"\b(a|an|the)\b", " ", s)
    return " ".join(s.split())


def _f1_one(prediction: str, gold: str) -> float:
    p = normalize_answer(prediction).split()
    g = normalize_answer(gold).split()
    common = Counter(p) & Counter(g)
    same = sum(common.values())
    if same == 0:
        return 0.0
    precision = same / len(p)
    recall = same / len(g)
    return 2 * precision * recall / (precision + recall)


def exact_match(prediction: str, golds: list[str]) -> float:
    return float(max(normalize_answer(prediction) == normalize_answer(g) for g in golds)) if golds else 0.0


def f1(prediction: str, golds: list[str]) -> float:
    return max(_f1_one(prediction, g) for g in golds) if golds else 0.0
