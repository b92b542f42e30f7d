"""Stage 4, reader: extractive readers: find the answer span of a question in retrieved passages.

``load_reader("accurate" | "fast" | PATH)`` gives what the product uses:
``fast`` is the distilled MiniLM reading every passage; ``accurate`` is the
MPNet reader, run as a cascade behind the fast one (``CascadeReader``) so it
fits the latency budget on a CPU; a path is one checkpoint read as it is.
Each reads passages in stages (``read_staged``). Modules: ``models`` (names, folders, device, precision), ``quantized``
(int8 weight storage), ``decoding`` (logits to spans), ``spans`` and
``numbers`` (boundary rules), ``runtime`` (PyTorch or ONNX Runtime), ``core`` (``Reader``),
``cascade``.
"""

from __future__ import annotations

from pathlib import Path

from qa.reader.cascade import CascadeReader, read_staged
from qa.reader.core import Reader, title_prefix
from qa.reader.decoding import decode_spans, merge_duplicates, sigmoid
from qa.reader.models import DEFAULT_READER, PRECISIONS, READERS, ReaderConfig, load_config, resolve_reader

__all__ = ["Reader", "CascadeReader", "read_staged", "load_reader", "title_prefix", "decode_spans",
           "merge_duplicates", "sigmoid", "READERS", "DEFAULT_READER", "PRECISIONS", "ReaderConfig", "load_config",
           "resolve_reader", "with_span"]


def load_reader(spec: str | Path | None = None, cascade: bool = True, **kwargs):
    """The reader the product uses for ``spec`` (default ``QA_READER`` or "accurate"); see module doc.

    With ``cascade=False`` the accurate reader reads the passages itself (slower).
    """
    import os
    spec = spec if spec not in (None, "") else os.environ.get("QA_READER") or DEFAULT_READER
    if str(spec) != "accurate":
        return Reader(spec, **kwargs)
    accurate = Reader("accurate", **kwargs)
    return CascadeReader(Reader("fast", **kwargs), accurate) if cascade else accurate


def with_span(answer, doc_text: str, start: int, end: int):
    """The same answer moved to other document offsets (e.g. a widened enumeration)."""
    from dataclasses import replace
    return replace(answer, text=doc_text[start:end], start=start, end=end)
