"""Extractive reader: find the answer span of a question in retrieved passages.

Runs an ``AutoModelForQuestionAnswering`` (by default the reader trained by
``qa train-reader`` and shipped in ``qa/models/reader``) over question +
passage windows: passages longer than ``max_length`` tokens are cut into
overlapping windows (``stride`` tokens shared). Span decoding is written
out here (transformers 5 has no QA pipeline):

* a span (i, j) is valid when both tokens are passage tokens, ``i <= j`` and
  it is at most ``max_answer_tokens`` long; its logit is ``start[i] + end[j]``;
* the window's no-answer logit is ``start[CLS] + end[CLS]``;
* the span's score is ``sigmoid(span_logit - null_logit)``: the probability
  that this span beats "no answer" in its own window, which makes scores
  comparable across windows and passages (SQuAD 2.0 null-score rule);
* a passage may be preceded by its document's title, as context only
  (no span may start in it), so that "this event" in a chunk cut from the
  middle of an article is read as the article's subject;
* spans that run across a paragraph break, or lie in a heading (a short
  line of its own without final punctuation, followed by more text), are
  skipped: the body states the same facts with their context;
* each passage keeps its best span; spans with the same document offsets
  (from overlapping chunks) are merged, keeping the higher score;
* the no-answer score is ``1 - best span score``; ``Reader.read`` returns
  spans best first and leaves the threshold decision to the caller.

Leaves out: answer-type constraints, ensembling, ONNX runtime.
"""

from __future__ import annotations

import math
import os
from dataclasses import replace
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from .defaults import READER_DIR  # noqa: E402
from .errors import ModelNotFoundError  # noqa: E402
from .types import Answer, Passage  # noqa: E402

_STRIP = " \t\n,;:"
# "bf16": bf16 autocast, for CPUs with avx512_bf16 or AMX (about 2x faster on this CPU; see
# benchmarks/RESULTS.md for the quality cost); "auto": bf16 where the CPU has it, else fp32.
PRECISIONS = ("auto", "fp32", "bf16")


def title_prefix(title: str) -> str:
    """What ``Reader.read`` puts before a passage for its document title ("" for none)."""
    title = title.strip()
    return title + "\n\n" if title else ""


def native_bf16(torch) -> bool:
    """True when this CPU computes bf16 natively (emulated bf16 would be slower than fp32)."""
    try:
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):  # pragma: no cover - depends on the torch build
        return False


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


def _in_heading(text: str, start: int, end: int) -> bool:
    """True when the span lies in a heading: a short line of its own with no sentence-ending punctuation."""
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    b = len(text) if b == -1 else b
    line = text[a:b].strip()
    # A paragraph of its own, with more text after it (b == len(text) can never be a heading).
    own_paragraph = (a == 0 or text[max(0, a - 2):a] == "\n\n") and text[b:b + 2] == "\n\n"
    return own_paragraph and len(line) <= 150 and not line.endswith((".", "!", "?", "\"", "”", ")"))


def merge_duplicates(answers: list[Answer]) -> list[Answer]:
    """One answer per (document, start, end), keeping the highest score; best first."""
    best: dict[tuple, Answer] = {}
    for a in answers:
        key = (a.doc_id, a.start, a.end)
        if key not in best or a.score > best[key].score:
            best[key] = a
    return sorted(best.values(), key=lambda a: -a.score)


class Reader:
    def __init__(self, model_dir: str | Path | None = None, max_length: int = 256, stride: int = 96,
                 max_answer_tokens: int = 30, batch_size: int = 16, precision: str | None = None) -> None:
        precision = precision or os.environ.get("QA_READER_PRECISION", "auto")
        if precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {', '.join(PRECISIONS)}, got {precision!r}")
        path = Path(model_dir) if model_dir else READER_DIR
        if not (path / "config.json").is_file():
            raise ModelNotFoundError(
                f"no reader model at {path}. The shipped reader lives in qa/models/reader; "
                f"train one with `qa train-reader --train train-v1.1.json` and export it.")
        try:
            import torch
            from transformers import AutoModelForQuestionAnswering, AutoTokenizer
        except ImportError as e:  # pragma: no cover - declared dependency
            raise ImportError("The reader needs torch and transformers: pip install torch==2.13.0 transformers") from e
        self.torch = torch
        self.path = path
        self.tokenizer = AutoTokenizer.from_pretrained(str(path))
        self.model = AutoModelForQuestionAnswering.from_pretrained(str(path), dtype=torch.float32)
        self.model.eval()
        if precision == "auto":
            precision = "bf16" if native_bf16(torch) else "fp32"
        self.precision = precision
        if stride >= max_length // 2:
            raise ValueError(f"stride must be < max_length/2, got stride={stride}, max_length={max_length}")
        self.max_length = max_length
        self.stride = stride
        self.max_answer_tokens = max_answer_tokens
        self.batch_size = batch_size

    def _logits(self, question: str, contexts: list[str]):
        enc = self.tokenizer([question] * len(contexts), contexts, truncation="only_second",
                             max_length=self.max_length, stride=self.stride, return_overflowing_tokens=True,
                             return_offsets_mapping=True, padding=True, return_tensors="np")
        starts, ends = [], []
        autocast = self.torch.autocast("cpu", dtype=self.torch.bfloat16, enabled=self.precision == "bf16")
        with self.torch.inference_mode(), autocast:
            for b in range(0, len(enc["input_ids"]), self.batch_size):
                sl = slice(b, b + self.batch_size)
                width = int(enc["attention_mask"][sl].sum(axis=1).max())
                out = self.model(
                    input_ids=self.torch.from_numpy(enc["input_ids"][sl, :width]),
                    attention_mask=self.torch.from_numpy(enc["attention_mask"][sl, :width]),
                    token_type_ids=self.torch.from_numpy(enc["token_type_ids"][sl, :width]),
                )
                starts.append(out.start_logits.float().numpy())
                ends.append(out.end_logits.float().numpy())
        width = max(x.shape[1] for x in starts)
        pad = lambda arrs: np.concatenate([np.pad(a, ((0, 0), (0, width - a.shape[1])), constant_values=-1e4)
                                           for a in arrs])
        return enc, pad(starts), pad(ends)

    def read(self, question: str, passages: list[Passage], top_n: int = 10,
             titles: list[str] | None = None) -> list[Answer]:
        """Best span of each passage (duplicates merged), best first; empty if no passage.

        ``titles`` (one per passage, "" for none) are put before their passage
        as context, never as answer text: a chunk cut from the middle of a
        document often calls its subject "the event" or "it", and the
        document title says what that is.
        """
        if not question or not question.strip():
            raise ValueError("question is empty")
        if not passages:
            return []
        if titles is not None and len(titles) != len(passages):
            raise ValueError(f"titles must be one per passage: got {len(titles)} for {len(passages)} passages")
        contexts, prefix = [], []
        for i, p in enumerate(passages):
            head = title_prefix(titles[i] if titles else "")
            if p.chunk.text.startswith(head.strip()):  # the chunk opens with its title already
                head = ""
            contexts.append(head + p.chunk.text)
            prefix.append(len(head))
        enc, start_logits, end_logits = self._logits(question.strip(), contexts)
        per_passage: dict[int, Answer] = {}
        width = start_logits.shape[1]
        for w in range(len(enc["input_ids"])):
            p_idx = int(enc["overflow_to_sample_mapping"][w])
            passage = passages[p_idx]
            offsets = enc["offset_mapping"][w]
            seq_ids = enc.sequence_ids(w)
            skip = prefix[p_idx]
            mask = np.array([sid == 1 and int(offsets[k][0]) >= skip for k, sid in enumerate(seq_ids)]
                            + [False] * (width - len(seq_ids)))
            spans, null = decode_spans(start_logits[w], end_logits[w], mask[:width], self.max_answer_tokens)
            text = passage.chunk.text
            for s_tok, e_tok, logit in spans[:20]:
                c0, c1 = int(offsets[s_tok][0]) - skip, int(offsets[e_tok][1]) - skip
                while c0 < c1 and text[c0] in _STRIP:
                    c0 += 1
                while c1 > c0 and text[c1 - 1] in _STRIP:
                    c1 -= 1
                if text.count("(", c0, c1) > text.count(")", c0, c1) and text[c1:c1 + 1] == ")":
                    c1 += 1  # "(UNOSSC" -> "(UNOSSC)"
                if c1 <= c0 or "\n\n" in text[c0:c1] or _in_heading(text, c0, c1):
                    continue  # empty, across a paragraph break, or inside a heading line
                ans = Answer(text=text[c0:c1], score=sigmoid(logit - null), passage=passage,
                             start=passage.chunk.start + c0, end=passage.chunk.start + c1,
                             span_logit=logit, null_logit=null)
                if p_idx not in per_passage or ans.score > per_passage[p_idx].score:
                    per_passage[p_idx] = ans
                break
        return merge_duplicates(list(per_passage.values()))[:top_n]

    def no_answer(self, spans: list[Answer]) -> Answer:
        """The no-answer option for these spans: score = 1 - best span score."""
        best = max((s.score for s in spans), default=0.0)
        return Answer(text=None, score=1.0 - best, passage=None)


def with_span(answer: Answer, doc_text: str, start: int, end: int) -> Answer:
    """The same answer moved to other document offsets (e.g. a widened enumeration)."""
    return replace(answer, text=doc_text[start:end], start=start, end=end)
