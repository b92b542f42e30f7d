"""``Reader``: one extractive QA model reading question + passage windows.

Each passage (optionally preceded by its document title, as context only:
no span may start in it) is cut into windows of ``max_length`` tokens that
share ``stride`` tokens. Per window, the best spans by logit
(``qa.reader.decoding``) are taken in order until one passes the boundary
rules (``qa.reader.spans``: no line break inside, not in a heading, not
inside a word); that span may then be completed to its closing quote or
bound to the counted noun (``qa.reader.numbers``). Each passage keeps its
best span by ``span_logit - null_logit``; ``score`` is the reader's own
probability ``sigmoid(span_logit - null_logit)`` (``qa.answering.scoring`` calibrates
the score shown to users). Spans at the same document offsets are merged.

The network runs in PyTorch or ONNX Runtime (``qa.reader.runtime``: ONNX
Runtime by default for fp32 on the CPU, about twice as fast, same logits).
``read`` may be called from several threads at once (the tokenizer is
guarded); a server replaces ``model`` by a stand-in that batches the passes of
concurrent questions (``qa.serve.batching``).

Leaves out: several spans per passage, answer generation.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from qa.reader.decoding import Window, decode_spans, merge_duplicates, sigmoid  # noqa: E402
from qa.reader.models import choose_device, choose_precision, load_config, load_model, quantize_int8, resolve_reader
from qa.reader.numbers import bind_count  # noqa: E402
from qa.reader.runtime import OnnxRunner, TorchRunner, choose_runtime  # noqa: E402
from qa.reader.spans import clean, complete_link, complete_quote, valid  # noqa: E402
from qa.types import Answer, Passage  # noqa: E402

QUOTE_MAX_DROP = 1.0  # issue 11: prefer the quoted whole when within 1 logit
COUNT_MAX_DROP = 4.0


def title_prefix(title: str) -> str:
    """What ``Reader.read`` puts before a passage for its document title ("" for none)."""
    title = title.strip()
    return title + "\n\n" if title else ""


class Reader:
    """An ``AutoModelForQuestionAnswering`` reader; see the module docstring."""

    def __init__(self, model: str | Path | None = None, max_length: int = 256, stride: int = 96,
                 max_answer_tokens: int = 30, batch_size: int = 16, precision: str | None = None,
                 device: str | None = None, runtime: str | None = None, quote_max_drop: float = QUOTE_MAX_DROP,
                 count_max_drop: float = COUNT_MAX_DROP) -> None:
        path = resolve_reader(model)
        if stride >= max_length // 2:
            raise ValueError(f"stride must be < max_length/2, got stride={stride}, max_length={max_length}")
        try:
            import torch
            from transformers import AutoTokenizer
        except ImportError as e:  # pragma: no cover - declared dependency
            raise ImportError("The reader needs torch and transformers: pip install torch==2.13.0 transformers") from e
        self.path = path
        self.config = load_config(path)
        self.name = self.config.name or path.name
        self.device = choose_device(torch, device)
        self.precision = choose_precision(torch, precision, self.device, self.config)
        self.tokenizer = AutoTokenizer.from_pretrained(str(path))
        self._tokenizer_lock = threading.Lock()  # a fast tokenizer is not safe to call from several threads
        model_ = load_model(path)
        if self.precision == "int8":
            model_ = quantize_int8(model_)
        model_ = model_.to(self.device)
        self.runtime = choose_runtime(runtime, self.device, self.precision)
        if self.runtime == "onnx":
            self.model = OnnxRunner(model_, self.input_names())
            del model_  # the session holds its own copy of the weights
        else:
            self.model = TorchRunner(model_, self.device, bf16=self.precision == "bf16")
        self.max_length = max_length
        self.stride = stride
        self.max_answer_tokens = max_answer_tokens
        self.batch_size = batch_size
        self.quote_max_drop = quote_max_drop
        self.count_max_drop = count_max_drop

    @property
    def threshold(self) -> float:
        return self.config.threshold

    def __repr__(self) -> str:
        return (f"Reader({self.name!r}, device={self.device!r}, precision={self.precision!r}, "
                f"runtime={self.runtime!r})")

    # ---- model --------------------------------------------------------------
    def input_names(self) -> list[str]:
        """The inputs this model takes (``token_type_ids`` only for readers that use them)."""
        names = ["input_ids", "attention_mask"]
        return names + ["token_type_ids"] if self.config.token_type_ids in ("segments", "zeros") else names

    def _inputs(self, enc, sl, width: int) -> dict[str, np.ndarray]:
        inputs = {"input_ids": enc["input_ids"][sl, :width], "attention_mask": enc["attention_mask"][sl, :width]}
        kind = self.config.token_type_ids
        if kind == "segments" and "token_type_ids" in enc:
            inputs["token_type_ids"] = enc["token_type_ids"][sl, :width]
        elif kind in ("segments", "zeros"):
            inputs["token_type_ids"] = np.zeros_like(inputs["input_ids"])
        return {k: np.ascontiguousarray(v, dtype=np.int64) for k, v in inputs.items()}

    def logits(self, question: str, contexts: list[str]):
        """Tokenised windows of (question, context) pairs and their start/end logits (padded with -1e4)."""
        with self._tokenizer_lock:
            enc = self.tokenizer([question] * len(contexts), contexts, truncation="only_second",
                                 max_length=self.max_length, stride=self.stride, return_overflowing_tokens=True,
                                 return_offsets_mapping=True, padding=True, return_tensors="np")
        starts, ends = [], []
        for b in range(0, len(enc["input_ids"]), self.batch_size):
            sl = slice(b, b + self.batch_size)
            width = int(enc["attention_mask"][sl].sum(axis=1).max())
            s, e = self.model(self._inputs(enc, sl, width))
            starts.append(s)
            ends.append(e)
        width = max(x.shape[1] for x in starts)
        pad = lambda arrs: np.concatenate([np.pad(a, ((0, 0), (0, width - a.shape[1])), constant_values=-1e4)
                                           for a in arrs])
        return enc, pad(starts), pad(ends)

    # ---- reading ------------------------------------------------------------
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
        question = question.strip()
        contexts, prefix = [], []
        for i, p in enumerate(passages):
            head = title_prefix(titles[i] if titles else "")
            if p.chunk.text.startswith(head.strip()):  # the chunk opens with its title already
                head = ""
            contexts.append(head + p.chunk.text)
            prefix.append(len(head))
        enc, start_logits, end_logits = self.logits(question, contexts)
        best: dict[int, Answer] = {}
        width = start_logits.shape[1]
        for w in range(len(enc["input_ids"])):
            p_idx = int(enc["overflow_to_sample_mapping"][w])
            ans = self._read_window(question, passages[p_idx], prefix[p_idx], enc, w, width,
                                    start_logits[w], end_logits[w])
            if ans is not None and (p_idx not in best or ans.score > best[p_idx].score):
                best[p_idx] = ans
        return merge_duplicates(list(best.values()))[:top_n]

    def _read_window(self, question, passage, skip, enc, w, width, start_logits, end_logits) -> Answer | None:
        seq_ids = enc.sequence_ids(w)
        offsets = np.asarray(enc["offset_mapping"][w], dtype=np.int64) - skip
        mask = np.array([sid == 1 and offsets[k][0] >= 0 for k, sid in enumerate(seq_ids)]
                        + [False] * (width - len(seq_ids)))
        offsets = np.vstack([offsets, np.zeros((width - len(offsets), 2), dtype=np.int64)])
        spans, null = decode_spans(start_logits, end_logits, mask, self.max_answer_tokens)
        window = Window(start_logits, end_logits, offsets, mask, null)
        text = passage.chunk.text
        for s_tok, e_tok, logit in spans[:20]:
            c0, c1 = complete_link(text, *clean(text, *window.char_span(s_tok, e_tok)))
            if not valid(text, c0, c1, passage.chunk.start):
                continue
            c0, c1, logit = complete_quote(text, c0, c1, logit, window.logit_of, self.quote_max_drop)
            c0, c1, logit = bind_count(question, text, c0, c1, logit, window.logit_of, self.count_max_drop)
            return Answer(text=text[c0:c1], score=sigmoid(logit - null), passage=passage,
                          start=passage.chunk.start + c0, end=passage.chunk.start + c1,
                          span_logit=logit, null_logit=null)
        return None

    def no_answer(self, spans: list[Answer]) -> Answer:
        """The no-answer option for these spans: score = 1 - best span score."""
        best = max((s.score for s in spans), default=0.0)
        return Answer(text=None, score=1.0 - best, passage=None)
