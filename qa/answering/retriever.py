"""Dense, BM25 and hybrid retrieval over an index store.

Dense: FAISS inner product of normalised embeddings (cosine). Sparse: BM25
(``bm25s``, English stop words, Snowball stemming when PyStemmer is
installed). Hybrid (default): reciprocal rank fusion of both rankings,
``score = sum 1 / (rrf_k + rank)`` over the lists a chunk appears in
(Cormack et al. 2009, rrf_k = 60). ``retrieve`` returns ``Passage`` objects
with the fused score and each retriever's own score. A store that searches
by itself (``store.native_hybrid``, the Milvus back end) runs all three modes
in its engine (BM25 and RRF included); ``bm25`` is then only used for the
reader's question-overlap idf.

Leaves out: cross-encoder re-ranking, metadata filters.
"""

from __future__ import annotations

import math

import numpy as np

from qa.stores.base import Store
from qa.types import Passage

MODES = ("hybrid", "dense", "bm25")


def _stemmer():
    try:
        import Stemmer
    except ImportError:
        return None
    return Stemmer.Stemmer("english")


class BM25Index:
    """BM25 over chunk texts; rebuilt from the store (fast: sparse matrices)."""

    def __init__(self, texts: list[str]) -> None:
        try:
            import bm25s
        except ImportError as e:  # pragma: no cover - declared dependency
            raise ImportError("BM25 retrieval needs bm25s: pip install bm25s") from e
        self._bm25s = bm25s
        self.stemmer = _stemmer()
        self.n = len(texts)
        self.model = bm25s.BM25()
        self.vocab: dict[str, int] = {}
        self.df = np.zeros(0, dtype=np.int64)  # chunks holding each vocab term
        if texts:
            tokens = bm25s.tokenize(texts, stopwords="en", stemmer=self.stemmer, show_progress=False)
            self.model.index(tokens, show_progress=False)
            self.vocab = dict(tokens.vocab)
            unique = [np.unique(np.asarray(ids, dtype=np.int64)) for ids in tokens.ids if len(ids)]
            self.df = np.bincount(np.concatenate(unique), minlength=len(self.vocab)) if unique \
                else np.zeros(len(self.vocab), dtype=np.int64)

    def tokens(self, text: str, extra_stopwords=()) -> list[str]:
        """``text`` as BM25 sees it: lower-cased, stop words dropped, stemmed."""
        from bm25s.stopwords import STOPWORDS_EN
        stop = list(STOPWORDS_EN) + list(extra_stopwords)
        return self._bm25s.tokenize([text], stopwords=stop, stemmer=self.stemmer, return_ids=False,
                                    show_progress=False)[0]

    def idf(self, term: str) -> float:
        """BM25's idf of a stemmed term: ln(1 + (N - df + 0.5) / (df + 0.5))."""
        i = self.vocab.get(term)
        df = int(self.df[i]) if i is not None else 0
        return math.log(1.0 + (self.n - df + 0.5) / (df + 0.5))

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        if not self.n:
            return []
        tokens = self._bm25s.tokenize([query], stopwords="en", stemmer=self.stemmer, show_progress=False)
        if not tokens.vocab:  # only stop words
            return []
        ids, scores = self.model.retrieve(tokens, k=min(k, self.n), show_progress=False)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if s > 0]


class Retriever:
    def __init__(self, store: Store, embedder, rrf_k: int = 60, depth: int = 50) -> None:
        store.check_compatible(embedder.name, embedder.dim)
        self.store = store
        self.embedder = embedder
        self.rrf_k = rrf_k
        self.depth = depth
        self._bm25: BM25Index | None = None

    @property
    def bm25(self) -> BM25Index:
        if self._bm25 is None or self._bm25.n != len(self.store.chunks):
            self._bm25 = BM25Index([c.text for c in self.store.chunks])
        return self._bm25

    def refresh(self) -> None:
        """Call after the store changed: BM25 is rebuilt on next use."""
        self._bm25 = None

    def dense(self, question: str, k: int) -> list[tuple[int, float]]:
        if not self.store.chunks:
            return []
        scores, ids = self.store.search(self.embedder.encode_query(question), k)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]

    def retrieve(self, question: str, k: int = 5, mode: str = "hybrid", prefer_doc: str | None = None,
                 prior: float = 0.0) -> list[Passage]:
        """The ``k`` best passages; ``prefer_doc`` (a follow-up's document) adds ``prior`` x the score of a
        first rank in one list to each of its passages among the candidates."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
        if not isinstance(k, int) or k < 1:
            raise ValueError(f"k must be a positive int, got {k!r}")
        if not question or not question.strip():
            raise ValueError("question is empty")
        depth = max(self.depth, 4 * k)
        if getattr(self.store, "native_hybrid", False):
            hits = self.store.engine_search(question, self.embedder.encode_query(question),
                                            depth if prefer_doc and prior else k, mode, self.rrf_k, depth)
            if prefer_doc and prior:
                bonus = prior / (self.rrf_k + 1)
                hits = sorted(hits, key=lambda h: -(h[1] + (bonus if h[0].doc_id == prefer_doc else 0.0)))[:k]
            return [Passage(chunk=c, score=s, dense_score=d, bm25_score=b, rank=r)
                    for r, (c, s, d, b) in enumerate(hits, start=1)]
        dense = self.dense(question, depth) if mode in ("hybrid", "dense") else []
        sparse = self.bm25.search(question, depth) if mode in ("hybrid", "bm25") else []
        dense_s = dict(dense)
        sparse_s = dict(sparse)
        if mode == "dense":
            fused = {i: s for i, s in dense}
        elif mode == "bm25":
            fused = {i: s for i, s in sparse}
        else:
            fused: dict[int, float] = {}
            for ranking in (dense, sparse):
                for rank, (i, _) in enumerate(ranking, start=1):
                    fused[i] = fused.get(i, 0.0) + 1.0 / (self.rrf_k + rank)
        if prefer_doc and prior:
            bonus = prior / (self.rrf_k + 1)
            fused = {i: s + (bonus if self.store.chunks[i].doc_id == prefer_doc else 0.0) for i, s in fused.items()}
        order = sorted(fused, key=lambda i: (-fused[i], i))[:k]
        return [Passage(chunk=self.store.chunks[i], score=float(fused[i]), dense_score=dense_s.get(i),
                        bm25_score=sparse_s.get(i), rank=r)
                for r, i in enumerate(order, start=1)]


def hit_rates(retriever: Retriever, items: list[tuple[str, str]], mode: str, ks=(1, 5)) -> dict:
    """Fraction of (question, doc_id) pairs whose doc is in the top k, for each k; plus MRR."""
    hits = {k: 0 for k in ks}
    rr = 0.0
    for q, doc in items:
        docs = [p.chunk.doc_id for p in retriever.retrieve(q, max(ks), mode)]
        for k in ks:
            hits[k] += doc in docs[:k]
        rr += 1.0 / (docs.index(doc) + 1) if doc in docs else 0.0
    n = max(1, len(items))
    out = {f"hit@{k}": hits[k] / n for k in ks}
    out["mrr"] = rr / n
    return out
