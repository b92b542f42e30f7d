"""The question-answering API: the one place where the parts are wired.

``Answerer.from_dir("index/")`` loads the index, the embedder and the
reader; ``ask(question, history=None, top_k=5)`` resolves a follow-up
against the history, retrieves passages (hybrid dense + BM25), reads them,
re-ranks the spans by the question words around them (``qa.rerank``), widens
the span to the whole enumeration for list questions, and returns an
``AnswerResult``: the best answer (or an explicit no-answer when no span's
reader score reaches ``threshold``), alternatives, the passages used and the
supporting sentence. ``add_files``/``add_folder`` grow the index in place.

Leaves out: generative answers, answers spanning several passages.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from .chunking import document_sentences, sentences_overlapping
from .defaults import INDEX_DIR, SAMPLE_CORPUS
from .enumeration import expand_enumeration, is_list_question
from .evaluate import normalize_answer
from .followup import resolve_followup
from .indexing import add_to_index, build_index
from .rerank import DEFAULT_WEIGHT, OverlapReranker
from .store import IndexStore, index_exists
from .types import Answer, AnswerResult

NOT_FOUND = "I don't know: the answer is not in the documents."
DEFAULT_THRESHOLD = 0.5
MAX_QUESTION_CHARS = 1000


def open_retriever(index_dir: str | Path = INDEX_DIR, embedder=None):
    from .embedding import Embedder
    from .retriever import Retriever
    store = IndexStore.load(index_dir)
    return Retriever(store, embedder or Embedder())


def supporting_sentence(doc_text: str, start: int, end: int) -> str:
    """The sentence(s) of the document that contain text[start:end]."""
    sents = document_sentences(doc_text)
    hit = sentences_overlapping(sents, start, end)
    if not hit:
        return doc_text[max(0, start - 200): end + 200]
    return doc_text[sents[hit[0]][0]: sents[hit[-1]][1]]


class Answerer:
    def __init__(self, store: IndexStore, embedder, reader, index_dir: str | Path = INDEX_DIR,
                 threshold: float = DEFAULT_THRESHOLD, top_k: int = 5, use_titles: bool = True,
                 rerank_weight: float = DEFAULT_WEIGHT) -> None:
        from .retriever import Retriever
        if not 0.0 <= threshold <= 1.0:
            raise ValueError(f"threshold must be in [0, 1], got {threshold!r}")
        self.store = store
        self.embedder = embedder
        self.reader = reader
        self.index_dir = Path(index_dir)
        self.threshold = threshold
        self.top_k = top_k
        self.use_titles = use_titles  # give the reader each passage's document title as context
        self.retriever = Retriever(store, embedder)
        self._reranker = OverlapReranker(rerank_weight)
        self._lock = threading.RLock()

    @property
    def rerank_weight(self) -> float:
        """Weight of the question-word overlap in span ranking (``qa.rerank``); 0 = the reader's order."""
        return self._reranker.weight

    @rerank_weight.setter
    def rerank_weight(self, weight: float) -> None:
        self._reranker = OverlapReranker(weight)

    @classmethod
    def from_dir(cls, index_dir: str | Path = INDEX_DIR, reader_dir: str | Path | None = None,
                 threshold: float = DEFAULT_THRESHOLD, top_k: int = 5,
                 build_from: str | Path | None = None, embedder=None, reader=None,
                 use_titles: bool = True, rerank_weight: float = DEFAULT_WEIGHT) -> "Answerer":
        """Load the index at ``index_dir``; if there is none and ``build_from`` is given, build it."""
        from .embedding import Embedder
        from .reader import Reader
        embedder = embedder or Embedder()
        if not index_exists(index_dir) and build_from is not None:
            build_index(build_from, index_dir, embedder=embedder)
        store = IndexStore.load(index_dir)
        return cls(store, embedder, reader or Reader(reader_dir), index_dir, threshold, top_k, use_titles,
                   rerank_weight)

    @classmethod
    def default(cls) -> "Answerer":
        """The answerer over ``index/``, built from the sample corpus on first use."""
        return cls.from_dir(INDEX_DIR, build_from=SAMPLE_CORPUS)

    # ---- asking ---------------------------------------------------------
    def ask(self, question: str, history: list[str] | None = None, top_k: int | None = None) -> AnswerResult:
        if not isinstance(question, str) or not question.strip():
            raise ValueError("question must be a non-empty string")
        if len(question) > MAX_QUESTION_CHARS:
            raise ValueError(f"question is {len(question)} characters; the limit is {MAX_QUESTION_CHARS}")
        k = self.top_k if top_k is None else top_k
        if not isinstance(k, int) or not 1 <= k <= 50:
            raise ValueError(f"top_k must be an int in [1, 50], got {k!r}")
        t0 = time.perf_counter()
        resolved = resolve_followup(question, history)
        with self._lock:
            passages = self.retriever.retrieve(resolved, k=k)
            t1 = time.perf_counter()
            titles = ([self.store.documents[p.chunk.doc_id].get("title", "") for p in passages]
                      if self.use_titles else None)
            spans = self.reader.read(resolved, passages, titles=titles)
            spans = self._rerank(resolved, spans)
        t2 = time.perf_counter()
        timings = {"retrieve_ms": 1000 * (t1 - t0), "read_ms": 1000 * (t2 - t1)}
        # Spans the reader itself trusts come first, in the re-ranked order.
        spans = [a for a in spans if a.score >= self.threshold] + [a for a in spans if a.score < self.threshold]
        if spans and is_list_question(resolved):
            spans[0] = self._widen(spans[0])
        alternatives = _distinct(spans)
        best = alternatives[0] if alternatives else None
        if best is None or best.score < self.threshold:
            alts = tuple(alternatives[:5])
            return AnswerResult(question=question, answer=self.reader.no_answer(spans), alternatives=alts,
                                passages=tuple(passages), alternative_sentences=self._sentences(alts),
                                resolved_question=resolved, timings=timings)
        alts = tuple(alternatives[1:5])
        return AnswerResult(question=question, answer=best, alternatives=alts, passages=tuple(passages),
                            supporting_sentence=self._sentences((best,))[0],
                            alternative_sentences=self._sentences(alts),
                            resolved_question=resolved, timings=timings)

    def _rerank(self, question: str, spans: list[Answer]) -> list[Answer]:
        if not spans or self._reranker.weight == 0:
            return spans
        docs = {a.doc_id: self.store.documents[a.doc_id]["text"] for a in spans}
        return self._reranker.rerank(question, spans, docs, self.retriever.bm25)

    def _sentences(self, answers) -> tuple[str, ...]:
        return tuple(supporting_sentence(self.store.documents[a.doc_id]["text"], a.start, a.end) for a in answers)

    def _widen(self, answer: Answer) -> Answer:
        from .reader import with_span
        doc_text = self.store.documents[answer.doc_id]["text"]
        s, e = expand_enumeration(doc_text, answer.start, answer.end)
        return answer if (s, e) == (answer.start, answer.end) else with_span(answer, doc_text, s, e)

    # ---- growing the index ------------------------------------------------
    def add_folder(self, path: str | Path):
        from .documents import load_folder
        return self.add_documents(load_folder(path))

    def add_files(self, paths: list[str | Path]):
        from .documents import load_document
        return self.add_documents([load_document(p, Path(p).name) for p in paths])

    def add_documents(self, docs):
        with self._lock:
            stats = add_to_index(self.store, [d for d in docs if d.text], self.embedder, self.index_dir)
            self.retriever.refresh()
        return stats


def _distinct(spans: list[Answer]) -> list[Answer]:
    """The spans in their order, one entry per normalised answer text (the first one)."""
    seen, out = set(), []
    for a in spans:
        key = normalize_answer(a.text or "")
        if key in seen:
            continue
        seen.add(key)
        out.append(a)
    return out
