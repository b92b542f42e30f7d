"""Span decoding: from a window's start/end logits to scored character spans.

* a span (i, j) is valid when both tokens are passage tokens, ``i <= j`` and it
  is at most ``max_answer_tokens`` long; its logit is ``start[i] + end[j]``;
* the window's no-answer logit is ``start[CLS] + end[CLS]`` (token 0);
* ``sigmoid(span_logit - null_logit)`` is the probability that the span beats
  "no answer" in its own window, comparable across windows and passages
  (SQuAD 2.0 null-score rule);
* ``Window`` maps token spans to character spans of the passage and back, so
  span rules (``qa.reader.spans``) can score a span they construct;
* ``merge_duplicates`` keeps one answer per (document, start, end).

Leaves out: beam search over several answers per window, answer-type models.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from qa.types import Answer


def decode_spans(start_logits: np.ndarray, end_logits: np.ndarray, context_mask: np.ndarray,
                 max_answer_tokens: int = 30, top_n: int = 20) -> tuple[list[tuple[int, int, float]], float]:
    """Best spans of one window as (start_tok, end_tok, span_logit), best first, and the null logit.

    ``context_mask[t]`` is True for tokens of the passage (the only tokens a
    span may use). Token 0 must be the [CLS] token (the no-answer slot).
    """
    start_logits = np.asarray(start_logits, dtype=np.float64)
    end_logits = np.asarray(end_logits, dtype=np.float64)
    mask = np.asarray(context_mask, dtype=bool)
    if not (start_logits.shape == end_logits.shape == mask.shape) or start_logits.ndim != 1:
        raise ValueError(f"logits and mask must be 1-D of one length, got {start_logits.shape}, "
                         f"{end_logits.shape}, {mask.shape}")
    if max_answer_tokens < 1:
        raise ValueError(f"max_answer_tokens must be >= 1, got {max_answer_tokens}")
    null = float(start_logits[0] + end_logits[0])
    ctx = np.flatnonzero(mask)
    if ctx.size == 0:
        return [], null
    s = start_logits[ctx]
    e = end_logits[ctx]
    n = min(top_n, ctx.size)
    s_best = ctx[np.argsort(-s)[:n]]
    e_best = ctx[np.argsort(-e)[:n]]
    spans = []
    for i in s_best:
        for j in e_best:
            if j < i or j - i + 1 > max_answer_tokens:
                continue
            spans.append((int(i), int(j), float(start_logits[i] + end_logits[j])))
    spans.sort(key=lambda t: -t[2])
    return spans, null


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))


@dataclass(frozen=True)
class Window:
    """One tokenised window of a passage: logits, token offsets into the passage text, valid tokens.

    ``offsets[t]`` are character offsets into the *passage* (the title prefix
    already subtracted); ``mask[t]`` marks passage tokens a span may use.
    """

    start_logits: np.ndarray
    end_logits: np.ndarray
    offsets: np.ndarray  # (tokens, 2)
    mask: np.ndarray
    null_logit: float

    def char_span(self, i: int, j: int) -> tuple[int, int]:
        return int(self.offsets[i][0]), int(self.offsets[j][1])

    def logit_of(self, c0: int, c1: int, max_tokens: int = 30) -> float | None:
        """Logit of the span passage[c0:c1] when both ends fall on passage tokens of this window, else None."""
        idx = np.flatnonzero(self.mask)
        starts = [t for t in idx if self.offsets[t][0] == c0]
        ends = [t for t in idx if self.offsets[t][1] == c1]
        if not starts or not ends or ends[-1] < starts[0] or ends[-1] - starts[0] + 1 > max_tokens:
            return None
        return float(self.start_logits[starts[0]] + self.end_logits[ends[-1]])


def merge_duplicates(answers: list[Answer]) -> list[Answer]:
    """One answer per (document, start, end), keeping the highest score; best first."""
    best: dict[tuple, Answer] = {}
    for a in answers:
        key = (a.doc_id, a.start, a.end)
        if key not in best or a.score > best[key].score:
            best[key] = a
    return sorted(best.values(), key=lambda a: -a.score)
