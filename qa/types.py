"""Frozen dataclasses that flow between the parts of the pipeline.

Offsets are character offsets into ``Document.text`` so that every chunk and
every answer can be located in its source: ``doc.text[c.start:c.end] == c.text``
and ``doc.text[a.start:a.end] == a.text``. "No answer" is an ``Answer`` whose
``text`` is ``None``, never another shape.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    """One file's cleaned text. ``pages`` (PDF only, else empty) holds the offset in ``text``
    where each page starts, so an offset can be named by its page (``qa.ingest.documents.page_of``)."""

    id: str
    text: str
    path: str = ""
    title: str = ""
    pages: tuple[int, ...] = ()
    date: str = ""  # ISO publication date when the file says it (qa.ingest.dates), else ""


@dataclass(frozen=True)
class Chunk:
    doc_id: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with its fused score and the per-retriever evidence."""

    chunk: Chunk
    score: float
    dense_score: float | None = None
    bm25_score: float | None = None
    rank: int = 0


@dataclass(frozen=True)
class Answer:
    """A span copied from a document, or no answer (``text is None``).

    ``score`` is the calibrated probability that the span is right (0..1,
    comparable across passages; ``qa.answering.scoring``): it orders the answers and
    decides "I don't know". ``span_logit - null_logit`` (``margin``) is the
    reader's own evidence, ``overlap`` the share of the question's words around
    the span, ``missing_name`` / ``missing_year`` 1.0 when the question names something
    or a year that the span's document never does (``qa.answering.evidence``). ``start``/``end`` are offsets into the
    document; ``passage`` carries doc id and passage score. For a no-answer,
    ``score`` is the no-answer confidence and offsets are -1.
    """

    text: str | None
    score: float
    passage: Passage | None
    start: int = -1
    end: int = -1
    span_logit: float = 0.0
    null_logit: float = 0.0
    overlap: float = 0.0
    missing_name: float = 0.0
    missing_year: float = 0.0

    @property
    def doc_id(self) -> str | None:
        return self.passage.chunk.doc_id if self.passage else None

    @property
    def is_answer(self) -> bool:
        return self.text is not None

    @property
    def margin(self) -> float:
        """The reader's span logit minus its no-answer logit."""
        return self.span_logit - self.null_logit

    @property
    def reader_score(self) -> float:
        """The reader's own probability that the span beats "no answer": sigmoid(margin)."""
        m = self.margin
        return 1.0 / (1.0 + math.exp(-m)) if m >= 0 else math.exp(m) / (1.0 + math.exp(m))


@dataclass(frozen=True)
class AnswerResult:
    """What ``Answerer.ask`` returns: best answer, alternatives and the context used."""

    question: str
    answer: Answer
    alternatives: tuple[Answer, ...] = ()
    passages: tuple[Passage, ...] = ()
    supporting_sentence: str = ""
    alternative_sentences: tuple[str, ...] = ()  # supporting sentence of each alternative
    resolved_question: str = ""
    timings: dict = field(default_factory=dict, compare=False)

    @property
    def found(self) -> bool:
        return self.answer.text is not None
