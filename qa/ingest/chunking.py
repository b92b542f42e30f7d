"""Sentence-aware chunking with overlap that keeps character offsets.

Sentences are found with a rule-based splitter (terminal punctuation followed
by a capital/digit/quote, not after a known abbreviation or an initial;
paragraph breaks always end a sentence). Whole sentences are packed into
chunks of at most ``chunk_size`` characters; each new chunk starts with the
trailing sentences of the previous one, up to ``overlap`` characters. A
sentence longer than ``chunk_size`` is cut at whitespace into windows.
Every chunk satisfies ``doc.text[chunk.start:chunk.end] == chunk.text``.

Leaves out: language-specific sentence models (no downloads), token-exact
sizing (sizes are in characters; ~4 chars per token for English).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from .types import Chunk, Document

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "no", "vs", "etc", "inc", "ltd", "co",
    "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "e.g", "i.e", "u.s", "u.k", "u.n", "fig", "vol", "gen", "gov", "rep", "sen", "mt", "ft", "approx",
}
# Candidate boundary: end punctuation (+ closing quotes/brackets), whitespace, then a sentence start.
_BOUNDARY = re.compile(r"[.!?。！？]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9\u00C0-\u024F\u4e00-\u9fff])")
_PARAGRAPH = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class ChunkingConfig:
    chunk_size: int = 700
    overlap: int = 150

    def __post_init__(self) -> None:
        if not isinstance(self.chunk_size, int) or self.chunk_size < 50:
            raise ValueError(f"chunk_size must be an int >= 50, got {self.chunk_size!r}")
        if not isinstance(self.overlap, int) or not 0 <= self.overlap < self.chunk_size // 2:
            raise ValueError(f"overlap must be an int in [0, chunk_size/2), got {self.overlap!r}")

    def as_dict(self) -> dict:
        return {"chunk_size": self.chunk_size, "overlap": self.overlap}


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of sentences in ``text``, whitespace-trimmed, in order."""
    spans: list[tuple[int, int]] = []
    para_start = 0
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)] + [(len(text), len(text))]
    for p_end, next_start in paragraphs:
        s = para_start
        for m in _BOUNDARY.finditer(text, para_start, p_end):
            word = re.search(r"([\w.]+)[.!?。！？]*[\"'”’)\]]*$", text[s:m.end()])
            token = word.group(1).rstrip(".").lower() if word else ""
            if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                continue  # "Mr. Akram", "Bruce F. Knotts"
            span = _trimmed(text, s, m.end())
            if span:
                spans.append(span)
            s = m.end()
        span = _trimmed(text, s, p_end)
        if span:
            spans.append(span)
        para_start = next_start
    return spans


@functools.lru_cache(maxsize=256)
def document_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """``split_sentences(text)``, remembered for the last 256 texts (documents read at every question)."""
    return tuple(split_sentences(text))


def sentences_overlapping(sentences, start: int, end: int) -> range:
    """Indices of the sentences (ordered ``(start, end)`` spans) that overlap text[start:end]."""
    first = bisect.bisect_right(sentences, start, key=lambda s: s[1])  # first sentence ending after start
    last = first
    while last < len(sentences) and sentences[last][0] < end:
        last += 1
    return range(first, last)


def _split_long(text: str, start: int, end: int, size: int, overlap: int) -> list[tuple[int, int]]:
    """Cut one over-long span into windows of <= size chars at whitespace, overlapping."""
    out = []
    s = start
    while s < end:
        e = min(end, s + size)
        if e < end:
            cut = text.rfind(" ", s + size // 2, e)
            if cut > s:
                e = cut
        span = _trimmed(text, s, e)
        if span:
            out.append(span)
        if e >= end:
            break
        nxt = max(s + 1, e - overlap)
        sp = text.find(" ", nxt, e)
        s = sp + 1 if sp != -1 else nxt
    return out


def chunk_text(text: str, doc_id: str, config: ChunkingConfig = ChunkingConfig()) -> list[Chunk]:
    """Pack sentences of ``text`` into overlapping chunks with exact offsets."""
    units: list[tuple[int, int]] = []
    for s, e in split_sentences(text):
        if e - s > config.chunk_size:
            units.extend(_split_long(text, s, e, config.chunk_size, config.overlap))
        else:
            units.append((s, e))
    chunks: list[Chunk] = []
    i = 0
    while i < len(units):
        j = i
        while j + 1 < len(units) and units[j + 1][1] - units[i][0] <= config.chunk_size:
            j += 1
        start, end = units[i][0], units[j][1]
        chunks.append(Chunk(doc_id=doc_id, text=text[start:end], start=start, end=end))
        if j + 1 >= len(units):
            break
        # Next chunk starts with the trailing sentences of this one that fit in the overlap.
        k = j + 1
        while k - 1 > i and units[j][1] - units[k - 1][0] <= config.overlap:
            k -= 1
        i = k
    return chunks


def chunk_documents(docs: list[Document], config: ChunkingConfig = ChunkingConfig()) -> list[Chunk]:
    out: list[Chunk] = []
    for d in docs:
        out.extend(chunk_text(d.text, d.id, config))
    return out
