"""One calibrated score per answer: the probability that the span is right.

The reader's margin (``span_logit - null_logit``) says how much the span beats
"no answer" in its own window; the question words around the span
(``qa.answering.evidence.overlap``) say whether its sentence is about what was asked;
``qa.answering.answer_types.type_match`` says whether the span is the kind of answer
asked for (a number for "how old", a date for "when"; +1 / -1 / 0; weight 0
in the shipped calibrations: it did not help on held-out SQuAD).
``missing_name`` / ``missing_year`` (0 or 1, ``qa.answering.evidence``) say
whether the question names something or a year that the span's document never
does. ``Calibration`` combines them with a logistic model,

    score = sigmoid(m * margin + o * overlap + t * type_match + n * missing_name + y * missing_year + bias)

fitted per reader on the tuning half of SQuAD v1.1 dev: the reader's best span
in answerable paragraphs, labelled right or wrong, in near-miss paragraphs with
the answer's sentence removed and, for the accurate reader, for near-miss
questions made by ``qa.training.adversarial`` (``benchmarks/quality/verifier.py``;
the fast reader keeps ``benchmarks/quality/abstention.py``'s margin + overlap fit:
the two name/year inputs measured no better for it at the same false abstention). That one number
orders the candidates, is compared with the reader's threshold to decide
"I don't know", and is the confidence shown to the user, so the order and
the shown confidence can never disagree.

Leaves out: per-question-type calibration, isotonic regression.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from qa.reader.decoding import sigmoid

FEATURES = ("margin", "overlap", "answer_type", "missing_name", "missing_year")  # the weighted inputs; plus a bias


@dataclass(frozen=True)
class Calibration:
    margin: float = 1.0
    overlap: float = 0.0
    answer_type: float = 0.0
    missing_name: float = 0.0
    missing_year: float = 0.0
    bias: float = 0.0

    def __post_init__(self) -> None:
        for name in (*FEATURES, "bias"):
            v = getattr(self, name)
            if not isinstance(v, (int, float)) or not np.isfinite(v):
                raise ValueError(f"calibration {name} must be a finite number, got {v!r}")
        if self.margin <= 0:
            raise ValueError(f"calibration margin weight must be > 0 (scores must grow with the reader's "
                             f"margin), got {self.margin!r}")

    @classmethod
    def from_dict(cls, d: dict) -> "Calibration":
        return cls(**{k: float(v) for k, v in d.items() if k in (*FEATURES, "bias")})

    def as_dict(self) -> dict:
        return asdict(self)

    def logit(self, margin: float, overlap: float = 0.0, type_match: float = 0.0,
              missing_name: float = 0.0, missing_year: float = 0.0) -> float:
        return (self.margin * margin + self.overlap * overlap + self.answer_type * type_match
                + self.missing_name * missing_name + self.missing_year * missing_year + self.bias)

    def score(self, margin: float, overlap: float = 0.0, type_match: float = 0.0,
              missing_name: float = 0.0, missing_year: float = 0.0) -> float:
        return sigmoid(self.logit(margin, overlap, type_match, missing_name, missing_year))


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, iters: int = 100) -> tuple[np.ndarray, float]:
    """Weights and bias of an L2-regularised logistic regression (Newton's method, no extra dependency)."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if x.ndim != 2 or len(x) != len(y) or len(y) == 0:
        raise ValueError(f"x must be (n, d) and y (n,), got {x.shape} and {y.shape}")
    if not set(np.unique(y)) <= {0.0, 1.0} or y.min() == y.max():
        raise ValueError("y must hold both labels 0 and 1")
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    reg = l2 * len(y) * np.eye(xb.shape[1])
    reg[-1, -1] = 0.0  # no penalty on the bias
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ w, -30, 30)))
        grad = xb.T @ (p - y) + reg @ w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + reg
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])

