"""Span decoding and answer merging on hand-made logits (no model)."""

import numpy as np
import pytest

from qa.reader import decode_spans, merge_duplicates, sigmoid
from qa.types import Answer, Chunk, Passage


def logits(n, start=None, end=None, cls=(0.0, 0.0), base=-5.0):
    s = np.full(n, base)
    e = np.full(n, base)
    s[0], e[0] = cls
    for i, v in (start or {}).items():
        s[i] = v
    for i, v in (end or {}).items():
        e[i] = v
    return s, e


def mask(n, ctx_from):
    m = np.zeros(n, dtype=bool)
    m[ctx_from:n - 1] = True  # [CLS] question [SEP] context [SEP]
    return m


def test_best_span_and_null():
    s, e = logits(12, {6: 4.0, 8: 1.0}, {7: 3.0, 9: 2.5}, cls=(0.5, 0.25))
    spans, null = decode_spans(s, e, mask(12, 5))
    assert spans[0] == (6, 7, 7.0)
    assert null == 0.75
    assert all(a[2] >= b[2] for a, b in zip(spans, spans[1:]))


def test_end_before_start_is_invalid():
    s, e = logits(12, {8: 5.0, 6: 0.0}, {6: 5.0, 9: 0.5})
    spans, _ = decode_spans(s, e, mask(12, 5))
    assert spans[0][:2] == (8, 9)  # (8, 6) would score 10 but ends before it starts
    assert all(j >= i for i, j, _ in spans)


def test_max_answer_length():
    s, e = logits(40, {6: 5.0, 20: 1.0}, {35: 5.0, 22: 1.0})
    spans, _ = decode_spans(s, e, mask(40, 5), max_answer_tokens=10)
    assert all(j - i + 1 <= 10 for i, j, _ in spans)
    assert spans[0][:2] == (20, 22)
    spans, _ = decode_spans(s, e, mask(40, 5), max_answer_tokens=30)
    assert spans[0][:2] == (6, 35)


def test_question_tokens_never_in_answer():
    s, e = logits(12, {2: 9.0, 6: 1.0}, {3: 9.0, 7: 1.0})  # tokens 2-3 are question tokens
    spans, _ = decode_spans(s, e, mask(12, 5))
    assert spans[0][:2] == (6, 7)
    assert all(i >= 5 and j < 11 for i, j, _ in spans)


def test_no_context_tokens():
    s, e = logits(6)
    spans, null = decode_spans(s, e, np.zeros(6, dtype=bool))
    assert spans == [] and null == 0.0


def test_shape_errors():
    with pytest.raises(ValueError, match="1-D of one length"):
        decode_spans(np.zeros(5), np.zeros(6), np.ones(5, dtype=bool))
    with pytest.raises(ValueError, match="max_answer_tokens"):
        decode_spans(np.zeros(5), np.zeros(5), np.ones(5, dtype=bool), max_answer_tokens=0)


def test_scores_comparable_across_windows():
    # Window A: span logit 6 vs null 2 -> sigmoid(4); window B: span 9 vs null 8 -> sigmoid(1).
    sa, ea = logits(10, {5: 3.0}, {6: 3.0}, cls=(1.0, 1.0))
    sb, eb = logits(10, {5: 4.5}, {6: 4.5}, cls=(4.0, 4.0))
    (a, null_a), (b, null_b) = decode_spans(sa, ea, mask(10, 4)), decode_spans(sb, eb, mask(10, 4))
    score_a, score_b = sigmoid(a[0][2] - null_a), sigmoid(b[0][2] - null_b)
    assert score_a > score_b  # B has the higher raw logit but a much stronger no-answer
    assert sigmoid(-800) == pytest.approx(0.0) and sigmoid(800) == pytest.approx(1.0)


def test_merge_duplicates_from_overlapping_chunks():
    text = "The forum took place in Beijing on 3 September."
    c1 = Chunk("d", text, 0, len(text))
    c2 = Chunk("d", text[10:], 10, len(text))
    a1 = Answer("Beijing", 0.7, Passage(c1, 0.03), 24, 31)
    a2 = Answer("Beijing", 0.9, Passage(c2, 0.02), 24, 31)
    a3 = Answer("3 September", 0.4, Passage(c2, 0.02), 35, 46)
    merged = merge_duplicates([a1, a2, a3])
    assert [(m.text, m.score) for m in merged] == [("Beijing", 0.9), ("3 September", 0.4)]
