"""Sentence-aware chunking with overlap that keeps character offsets.

Sentences are found with Bling Fire's sentence breaker (the ``blingfire`` package:
``text_to_sentences_and_offsets``, a compiled finite-state model shipped in the wheel, no
downloads), one paragraph at a time, so paragraph breaks always end a sentence; the sentence
starts it finds are mapped back onto the original text, and the spans between them are
whitespace-trimmed, so every span indexes ``text`` exactly. Whole sentences are packed into
chunks of at most ``chunk_size`` characters; each new chunk starts with the trailing sentences
of the previous one, up to ``overlap`` characters. A sentence longer than ``chunk_size`` is
cut at whitespace into windows. Every chunk satisfies ``doc.text[chunk.start:chunk.end] == chunk.text``.

Chosen by measurement (benchmarks/quality/sentence_split.py on benchmarks/sets/sentence_gold.jsonl:
191 paragraphs, 455 hand-labelled sentences, 264 boundaries, about a third each from the sample
corpus, the Python docs and SQuAD dev). Boundary errors, false + missed: Bling Fire 1 + 36, the
hand-written rules it replaced 0 + 37 (boundary F1 0.925 both; 33 of the misses of each are line
breaks inside code listings, which neither splits); spaCy en_core_web_sm parser 7 + 30 but 12.7 s
to chunk 1 MB (senter 7 + 34, 4.8 s); pysbd 12 + 6 (it splits at line breaks) but 11 false
boundaries in prose and 4.0 s; syntok 16 + 37; Punkt (english) 14 + 34; spaCy sentencizer 20 + 43.
Where Bling Fire and the rules disagree on 1 MB of SQuAD dev text (107 boundaries, all read by
hand), the rules were wrong 88 times (70 missed: sentences ending in a one-letter word "Saturn V."
/ "in C.", after "[citation needed]" or a ":33" page reference, after "etc." / "Inc."; 18 false:
"p.m. Eastern", "J.I. Pontanus", "Rev. Elie") and Bling Fire 19 times (12 missed: 9 sentences
that start with a digit, 3 after a word taken for an abbreviation, "Purus Arch. Water"; 7 false,
such as "FCC v. Pacifica"). Speed, chunk_text on 1 MB of text: 0.16 s
with Bling Fire, 0.12 s with the rules.

The hand-written rules (terminal punctuation followed by a capital/digit/quote, not after a
known abbreviation or an initial) stay as the fallback, per paragraph: for a paragraph over
100,000 characters (Bling Fire's buffers grow with it), when Bling Fire fails on a text, or
when its native library cannot be loaded (the wheel ships x86-64 builds only, for Linux, macOS
and Windows); ``split_sentences_by_rules`` applies them alone.

Leaves out: language-specific sentence models, a line break inside a paragraph as a sentence
end (lines of code stay one unit), token-exact sizing (sizes are in characters; ~4 chars per
token for English).
"""

from __future__ import annotations

import bisect
import functools
import logging
import re
from dataclasses import dataclass

from qa.types import Chunk, Document

log = logging.getLogger(__name__)
try:
    import blingfire as _blingfire
except (ImportError, OSError) as _e:  # no native library for this platform: the rules alone
    _blingfire = None
    log.warning("blingfire unavailable (%s): sentences are split by the hand-written rules", _e)

_LIBRARY_MAX_CHARS = 100_000  # longer paragraphs go to the rules
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


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of the stretches of ``text`` between paragraph breaks (blank lines)."""
    out, start = [], 0
    for m in _PARAGRAPH.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _rule_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of the paragraph text[start:end] by the hand-written rules."""
    spans: list[tuple[int, int]] = []
    s = start
    for m in _BOUNDARY.finditer(text, start, end):
        word = re.search(r"([\w.]+)[.!?。！？]*[\"'”’)\]]*$", text[s:m.end()])
        token = word.group(1).rstrip(".").lower() if word else ""
        if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
            continue  # "Mr. Akram", "Bruce F. Knotts"
        span = _trimmed(text, s, m.end())
        if span:
            spans.append(span)
        s = m.end()
    span = _trimmed(text, s, end)
    if span:
        spans.append(span)
    return spans


def _library_starts(paragraph: str) -> list[int] | None:
    """Offsets in ``paragraph`` where Bling Fire starts a sentence; None where it cannot be used."""
    if _blingfire is None or len(paragraph) > _LIBRARY_MAX_CHARS or not paragraph.strip():
        return None
    try:
        _, offsets = _blingfire.text_to_sentences_and_offsets(paragraph)
    except Exception as e:  # noqa: BLE001  (e.g. a lone surrogate cannot be encoded as UTF-8)
        log.debug("blingfire failed on a paragraph (%s): the rules split it", e)
        return None
    if not offsets or any(not 0 <= s <= len(paragraph) for s, _ in offsets):
        return None
    return [s for s, _ in offsets]


def split_sentences_by_rules(text: str) -> list[tuple[int, int]]:
    """``split_sentences`` by the hand-written rules alone (the fallback; kept for the benchmark)."""
    return [span for start, end in _paragraphs(text) for span in _rule_spans(text, start, end)]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of sentences in ``text``, whitespace-trimmed, in order; paragraph breaks end one."""
    spans: list[tuple[int, int]] = []
    for start, end in _paragraphs(text):
        starts = _library_starts(text[start:end])
        if starts is None:
            spans.extend(_rule_spans(text, start, end))
            continue
        edges = sorted({start, end} | {start + s for s in starts if 0 < s < end - start})
        for a, b in zip(edges, edges[1:]):
            span = _trimmed(text, a, b)
            if span:
                spans.append(span)
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
