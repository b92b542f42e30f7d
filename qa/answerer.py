"""The question-answering API: the one place where the parts are wired.

``Answerer.from_dir("index/")`` loads the index, the embedder and the
reader; ``ask(question, history=None, top_k=5)`` resolves a follow-up
against the history (earlier questions, or (question, answer) turns:
``qa.answering.conversation``), retrieves passages (hybrid dense + BM25; a
follow-up's passages from the document the conversation is about get a prior), reads them
(``qa.reader``), scores every span with one calibrated probability from the
reader's margin and the question words around it (``qa.answering.evidence``,
``qa.answering.scoring``), shapes the best span (one item of a "respectively" pair, or
the whole enumeration for list questions) and returns an ``AnswerResult``:
the best answer (or an explicit no-answer when no span's score reaches the
reader's threshold), alternatives in the same order, the passages used and
the supporting sentence. ``add_files``/``add_folder`` grow the index: under
the folder's write lock they add to a copy of the live version (or to the
newer version another process saved), save it, build its retriever, and only
then swap it in, so questions asked meanwhile are answered from the previous
version and never wait for the embedding.

Leaves out: generative answers, answers spanning several passages.
"""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import replace
from pathlib import Path

from qa.answering.answer_types import lacks_asked_quantity, type_match
from qa.answering.conversation import resolve
from qa.answering.enumeration import expand_enumeration, is_list_question, respective_item
from qa.answering.evidence import add_overlap, missing_name, missing_year, other_editions, unmentioned_years
from qa.answering.normalize import normalize_answer
from qa.answering.scoring import Calibration
from qa.defaults import INDEX_DIR, SAMPLE_CORPUS
from qa.indexing.build import add_to_index, build_index
from qa.ingest.chunking import document_sentences, sentences_overlapping
from qa.stores import is_store_uri, open_store, store_exists
from qa.stores.base import Store
from qa.stores.faiss_store import IndexStore, current_version
from qa.stores.locking import write_lock
from qa.types import Answer, AnswerResult

NOT_FOUND = "I don't know: the answer is not in the documents."
MAX_QUESTION_CHARS = 1000
FOLLOWUP_PRIOR = 1.0
RULES = ("year", "edition", "count")
# The rules on by default: a rule stays on only where it helps on at least two corpora and hurts on none
# (issue 23). benchmarks/quality/rule_table.py, 2026-12-07 (shared, regression, fresh, open-domain SQuAD,
# blind news, blind manuals): year helped regression 1 and blind news 2, edition regression 1 and fresh 2,
# count regression 1 and blind news 1; none hurt a question anywhere.
DEFAULT_RULES = frozenset(RULES)


def open_retriever(index_dir: str | Path = INDEX_DIR, embedder=None):
    from qa.answering.retriever import Retriever
    from qa.indexing.embedding import Embedder
    store = open_store(index_dir)
    return Retriever(store, embedder or Embedder())


def supporting_sentence(doc_text: str, start: int, end: int) -> str:
    """The sentence(s) of the document that contain text[start:end]."""
    sents = document_sentences(doc_text)
    hit = sentences_overlapping(sents, start, end)
    if not hit:
        return doc_text[max(0, start - 200): end + 200]
    return doc_text[sents[hit[0]][0]: sents[hit[-1]][1]]


class Answerer:
    def __init__(self, store: Store, embedder, reader, index_dir: str | Path = INDEX_DIR,
                 threshold: float | None = None, top_k: int = 5, use_titles: bool = True,
                 calibration: Calibration | None = None) -> None:
        from qa.answering.retriever import Retriever
        if threshold is not None and not 0.0 <= threshold <= 1.0:
            raise ValueError(f"threshold must be in [0, 1], got {threshold!r}")
        self.store = store
        self.embedder = embedder
        self.reader = reader
        self.index_dir = index_dir if is_store_uri(index_dir) else Path(index_dir)
        # The reader's own threshold and calibration (reader.json, fitted on SQuAD dev) unless given.
        self.threshold = reader.config.threshold if threshold is None else threshold
        self.calibration = calibration or Calibration.from_dict(reader.config.calibration)
        self.top_k = top_k
        self.use_titles = use_titles  # give the reader each passage's document title as context
        self.retriever = Retriever(store, embedder)
        # A follow-up's passages from the document the conversation is about rank higher by this many
        # first-rank RRF scores (benchmarks/RESULTS.md, chat tuning half).
        self.followup_prior = FOLLOWUP_PRIOR
        # The answer rules in use, a subset of RULES (benchmarks/quality/rule_table.py measures each per corpus).
        self.rules = DEFAULT_RULES
        self._lock = VersionLock()  # ``with``: the swap to a new store version; ``shared()``: answering

    @classmethod
    def from_dir(cls, index_dir: str | Path = INDEX_DIR, reader: str | Path | object | None = None,
                 threshold: float | None = None, top_k: int = 5,
                 build_from: str | Path | None = None, embedder=None, use_titles: bool = True,
                 calibration: Calibration | None = None) -> "Answerer":
        """Load the index at ``index_dir``; if there is none and ``build_from`` is given, build it.

        ``reader`` is "accurate" (default, or ``QA_READER``), "fast", a model folder, or a
        loaded reader object (shared between answerers).
        """
        from qa.indexing.embedding import Embedder
        from qa.reader import load_reader
        embedder = embedder or Embedder()
        if not store_exists(index_dir) and build_from is not None:
            build_index(build_from, index_dir, embedder=embedder)
        store = open_store(index_dir)
        if reader is None or isinstance(reader, (str, Path)):
            reader = load_reader(reader)
        return cls(store, embedder, reader, index_dir, threshold, top_k, use_titles, calibration)

    @classmethod
    def default(cls) -> "Answerer":
        """The answerer over ``index/``, built from the sample corpus on first use."""
        return cls.from_dir(INDEX_DIR, build_from=SAMPLE_CORPUS)

    # ---- asking ---------------------------------------------------------
    def ask(self, question: str, history=None, top_k: int | None = None,
            reader=None) -> AnswerResult:
        """Answer ``question``; ``reader`` (a loaded reader) overrides this answerer's for this call,
        with that reader's own threshold and calibration.

        ``history``: the conversation so far, oldest first: earlier questions (strings), or
        ``(question, answer_text)`` pairs (``None``/"" for a turn the bot could not answer), or
        ``qa.answering.conversation.Turn``s (which may also carry the answer's document).
        """
        if not isinstance(question, str) or not question.strip():
            raise ValueError("question must be a non-empty string")
        if len(question) > MAX_QUESTION_CHARS:
            raise ValueError(f"question is {len(question)} characters; the limit is {MAX_QUESTION_CHARS}")
        k = self.top_k if top_k is None else top_k
        if not isinstance(k, int) or not 1 <= k <= 50:
            raise ValueError(f"top_k must be an int in [1, 50], got {k!r}")
        t0 = time.perf_counter()
        resolution = resolve(question, history)
        resolved = resolution.question
        prior = self.followup_prior if resolution.kind not in ("first", "self_contained") else 0.0
        # One store version for the whole answer (add_documents swaps under the exclusive lock); questions
        # are answered side by side (a server batches their reader passes: qa.serve.batching).
        with self._lock.shared():
            passages = self.retriever.retrieve(resolved, k=k, prefer_doc=resolution.doc_id, prior=prior)
            t1 = time.perf_counter()
            titles = ([self.store.document(p.chunk.doc_id).title for p in passages]
                      if self.use_titles else None)
            if reader is None or reader is self.reader:
                reader, calibration, threshold = self.reader, self.calibration, self.threshold
            else:
                calibration = Calibration.from_dict(reader.config.calibration)
                threshold = reader.config.threshold
            spans, n_read = self._read(resolved, passages, titles, reader)
            spans = self.score(resolved, spans, calibration)
            t2 = time.perf_counter()
            if spans:
                spans[0] = self._shape(resolved, spans[0])
            return self._result(question, resolved, spans, passages,
                                {"retrieve_ms": 1000 * (t1 - t0), "read_ms": 1000 * (t2 - t1),
                                 "passages_read": n_read}, threshold)

    def _result(self, question, resolved, spans, passages, timings, threshold: float) -> AnswerResult:
        alternatives = _distinct(spans)
        best = alternatives[0] if alternatives else None
        if best is None or best.score < threshold:
            alts = tuple(alternatives[:5])
            no = Answer(text=None, score=1.0 - (best.score if best else 0.0), passage=None)
            return AnswerResult(question=question, answer=no, alternatives=alts,
                                passages=tuple(passages), alternative_sentences=self._sentences(alts),
                                resolved_question=resolved, timings=timings)
        alts = tuple(alternatives[1:5])
        return AnswerResult(question=question, answer=best, alternatives=alts, passages=tuple(passages),
                            supporting_sentence=self._sentences((best,))[0],
                            alternative_sentences=self._sentences(alts),
                            resolved_question=resolved, timings=timings)

    def _read(self, question: str, passages, titles, reader) -> tuple[list[Answer], int]:
        """(spans, passages the final reader read): in stages, in the order the passages deserve.

        A plain reader takes them in retrieval order; for a cascade, the fast
        reader reads them all and its calibrated spans set the accurate reader's order.
        """
        from qa.reader import CascadeReader, read_staged
        if not isinstance(reader, CascadeReader):
            return read_staged(reader, question, passages, titles)
        first = reader.first.read(question, passages, top_n=len(passages), titles=titles)
        ranked = self.score(question, first, Calibration.from_dict(reader.first.config.calibration))
        return read_staged(reader.second, question, passages, titles, reader.order(passages, ranked))

    def score(self, question: str, spans: list[Answer], calibration: Calibration | None = None) -> list[Answer]:
        """The spans with their question-word overlap and calibrated score, best first."""
        if not spans:
            return []
        documents = {a.doc_id: self.store.document(a.doc_id) for a in spans}
        spans = add_overlap(question, spans, {d: doc.text for d, doc in documents.items()}, self.retriever.bm25)
        cal = calibration or self.calibration
        kind = (lambda a: type_match(question, a.text)) if cal.answer_type else (lambda a: 0.0)
        # Whether the question names something, or a year, that the span's document never does (evidence.py).
        missing = {d: (missing_name(question, doc.title or "", doc.text) if cal.missing_name else 0.0,
                       missing_year(question, doc.title or "", doc.text, date=doc.date) if cal.missing_year else 0.0)
                   for d, doc in documents.items()}
        scored = [replace(a, missing_name=missing[a.doc_id][0], missing_year=missing[a.doc_id][1],
                          score=cal.score(a.margin, a.overlap, kind(a), *missing[a.doc_id])) for a in spans]
        # A document that never names the year (or the numbered edition) the question asks about cannot
        # answer it (evidence.py).
        rules = self.rules
        lacks = {d for d, doc in documents.items()
                 if ("year" in rules and unmentioned_years(question, doc.title, doc.text, date=doc.date))
                 or ("edition" in rules and other_editions(question, doc.title, doc.text))}
        # Nor is a "how many" question answered by a span that holds no quantity (answer_types.py).
        count = "count" in rules
        scored = [replace(a, score=0.0) if a.doc_id in lacks or (count and lacks_asked_quantity(question, a.text))
                  else a for a in scored]
        return sorted(scored, key=lambda a: -a.score)

    def _sentences(self, answers) -> tuple[str, ...]:
        return tuple(supporting_sentence(self.store.document(a.doc_id).text, a.start, a.end) for a in answers)

    def _shape(self, question: str, answer: Answer) -> Answer:
        """The best span as the question wants it: one item of a "respectively" pair, or the whole list."""
        from qa.reader import with_span
        doc_text = self.store.document(answer.doc_id).text
        item = respective_item(doc_text, answer.start, answer.end, question)
        if item is not None:
            return with_span(answer, doc_text, *item)
        if is_list_question(question):
            s, e = expand_enumeration(doc_text, answer.start, answer.end)
            if (s, e) != (answer.start, answer.end):
                return with_span(answer, doc_text, s, e)
        return answer

    # ---- growing the index ------------------------------------------------
    def add_folder(self, path: str | Path, report=None, lock_timeout: float | None = None):
        from qa.ingest.documents import load_folder
        return self.add_documents(load_folder(path), report, lock_timeout)

    def add_files(self, paths: list[str | Path], report=None, lock_timeout: float | None = None):
        from qa.ingest.documents import load_document
        if report is not None:
            report(f"reading {len(paths)} file(s)")
        return self.add_documents([load_document(p, Path(p).name) for p in paths], report, lock_timeout)

    def add_documents(self, docs, report=None, lock_timeout: float | None = None):
        """Add ``docs`` to the index on disk and switch to the new version; ``report(str)`` gets progress.

        Questions keep being answered from the current version until the switch.
        """
        from qa.answering.retriever import Retriever
        docs = [d for d in docs if d.text]
        if not isinstance(self.store, IndexStore):  # a database store (Milvus) adds in place, in the engine
            with self._lock:
                stats = add_to_index(self.store, docs, self.embedder, self.index_dir, report=report)
                self.retriever.refresh()
            return stats
        with write_lock(self.index_dir, lock_timeout):
            live = current_version(self.index_dir)
            base = self.store
            if live is not None and live != base.version:
                base = IndexStore.load(self.index_dir)  # another writer saved a newer version
                base.check_compatible(self.embedder.name, self.embedder.dim, where=str(self.index_dir))
            store = base.copy()
            stats = add_to_index(store, docs, self.embedder, self.index_dir, report=report)
        if store.version == self.store.version:
            return stats  # nothing changed
        retriever = Retriever(store, self.embedder)
        retriever.bm25  # build the keyword index before the switch, not on the first question
        with self._lock:
            self.store, self.retriever = store, retriever
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


class VersionLock:
    """Many holders of ``shared()`` (questions being answered) or one holder of ``with lock:`` (the switch to
    a new index version, reentrant); a thread waiting for ``with`` holds back new ``shared()`` holders."""

    def __init__(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._shared = 0
        self._owner: int | None = None
        self._depth = 0
        self._waiting = 0

    def __enter__(self) -> "VersionLock":
        me = threading.get_ident()
        with self._cond:
            if self._owner == me:
                self._depth += 1
                return self
            self._waiting += 1
            try:
                while self._owner is not None or self._shared:
                    self._cond.wait()
            finally:
                self._waiting -= 1
            self._owner, self._depth = me, 1
        return self

    def __exit__(self, *exc) -> None:
        with self._cond:
            self._depth -= 1
            if self._depth == 0:
                self._owner = None
                self._cond.notify_all()

    @contextlib.contextmanager
    def shared(self):
        with self._cond:
            if self._owner == threading.get_ident():  # the switching thread itself asks: it holds the version
                held = False
            else:
                while self._owner is not None or self._waiting:
                    self._cond.wait()
                self._shared += 1
                held = True
        try:
            yield
        finally:
            if held:
                with self._cond:
                    self._shared -= 1
                    if not self._shared:
                        self._cond.notify_all()
