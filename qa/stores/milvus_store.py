"""The Milvus back end: chunks, vectors, BM25, documents and manifest inside Milvus.

One ``pymilvus`` client talks either to a Milvus Lite database file
(``milvus-lite`` package, embedded, no server) or to a Milvus server, so
several app servers can share one store. Two collections per store ``NAME``:

* ``NAME`` — one row per chunk: ``id`` (auto), ``doc_id``, ``start``, ``end``,
  ``text`` (VARCHAR analysed by Milvus: standard tokenizer, lower case,
  English stop words, English stemmer), ``sparse`` (SPARSE_FLOAT_VECTOR filled
  by a ``FunctionType.BM25`` function over ``text``; SPARSE_INVERTED_INDEX,
  metric BM25) and ``dense`` (FLOAT_VECTOR, inner product of normalised
  embeddings).
* ``NAME_meta`` — the manifest (key ``__manifest__``: model, dimension,
  chunking, index type) and the documents (id, path, title, date, sha256, text in
  parts of at most ``TEXT_PART`` characters). Milvus wants a vector field in
  every collection: ``unused`` is a 2-d zero vector. A collection made before
  documents had dates has no ``date`` field: it is read and written without one.

Hybrid retrieval runs in the engine: ``hybrid_search`` over the dense and
BM25 requests fused with ``RRFRanker(rrf_k)``. Writes use Strong consistency,
so a search right after an add sees it.

Leaves out: partitions, multi-tenancy, the engine's own per-list scores in
hybrid results (only the fused score comes back), locking between writers.
"""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path

import numpy as np

from qa.errors import IndexMismatchError, IndexNotFoundError
from qa.ingest.chunking import ChunkingConfig, chunk_text
from qa.ingest.documents import content_hash
from qa.stores.base import AddStats, CompatibilityMixin, Encode, check_vectors, plan_add
from qa.types import Chunk, Document

FORMAT_VERSION = 1
MANIFEST_KEY = "__manifest__"
TEXT_PART = 16_000  # characters per document part (<= 64,000 UTF-8 bytes < VARCHAR's 65,535)
MAX_VARCHAR = 65_535
INSERT_BATCH = 2_000
ANALYZER = {"tokenizer": "standard",
            "filter": ["lowercase", {"type": "stop", "stop_words": ["_english_"]},
                       {"type": "stemmer", "language": "english"}]}
#: qa index types -> Milvus dense index (type, build params, search params)
DENSE_INDEXES = {
    "flat": ("FLAT", {}, {}),
    "hnsw": ("HNSW", {"M": 32, "efConstruction": 80}, {"ef": 128}),
    "ivf": ("IVF_FLAT", {"nlist": 1024}, {"nprobe": 32}),
}
CHUNK_FIELDS = ["doc_id", "start", "end", "text"]


def _pymilvus():
    try:
        import pymilvus
        # query_iterator warns on every call against Milvus Lite (no server-side timestamp); harmless.
        logging.getLogger("pymilvus.client.iterator.query_iterator").setLevel(logging.ERROR)
    except ImportError as e:
        raise ImportError("The Milvus store needs pymilvus and milvus-lite: pip install 'qa[milvus]' "
                          "(pymilvus>=3.0, milvus-lite>=3.2)") from e
    return pymilvus


def _dense_kind(index_type: str) -> str:
    from qa.stores.faiss_store import resolve_index_type
    resolve_index_type(index_type, 0)  # validates
    return "hnsw" if index_type == "auto" else index_type


def _client(uri: str):
    pm = _pymilvus()
    if not uri.startswith(("http://", "https://")):
        Path(uri).parent.mkdir(parents=True, exist_ok=True)
    token = os.environ.get("QA_MILVUS_TOKEN", "")
    return pm.MilvusClient(uri=uri, token=token) if token else pm.MilvusClient(uri=uri)


def _in_filter(field: str, values: list[str]) -> str:
    return f"{field} in {json.dumps(list(values))}"


class MilvusStore(CompatibilityMixin):
    """A store whose chunks, vectors, BM25 index and documents live in one Milvus database."""

    native_hybrid = True

    def __init__(self, client, uri: str, collection: str, embedder_name: str, dim: int,
                 chunking: ChunkingConfig, index_type: str, created: float) -> None:
        self.client = client
        self.uri = uri
        self.collection = collection
        self.meta = f"{collection}_meta"
        self.embedder_name = embedder_name
        self.dim = int(dim)
        self.chunking = chunking
        self.index_type = index_type
        self.created = created
        self._chunks: list[Chunk] | None = None
        fields = client.describe_collection(self.meta).get("fields", ()) if client.has_collection(self.meta) else ()
        self._dated = any(f.get("name") == "date" for f in fields)  # collections made before dates had none

    # ---- opening ----------------------------------------------------------
    @classmethod
    def exists(cls, uri: str, collection: str) -> bool:
        client = _client(uri)
        return client.has_collection(collection) and client.has_collection(f"{collection}_meta")

    @classmethod
    def create(cls, uri: str, collection: str, embedder_name: str, dim: int,
               chunking: ChunkingConfig = ChunkingConfig(), index_type: str = "auto") -> "MilvusStore":
        """A new empty store (an existing one of that name is dropped)."""
        pm = _pymilvus()
        kind = _dense_kind(index_type)
        client = _client(uri)
        for name in (collection, f"{collection}_meta"):
            if client.has_collection(name):
                client.drop_collection(name)
        D = pm.DataType
        s = client.create_schema(auto_id=True, enable_dynamic_field=False)
        s.add_field("id", D.INT64, is_primary=True)
        s.add_field("doc_id", D.VARCHAR, max_length=1024)
        s.add_field("start", D.INT64)
        s.add_field("end", D.INT64)
        s.add_field("text", D.VARCHAR, max_length=MAX_VARCHAR, enable_analyzer=True, analyzer_params=ANALYZER)
        s.add_field("sparse", D.SPARSE_FLOAT_VECTOR)
        s.add_field("dense", D.FLOAT_VECTOR, dim=int(dim))
        s.add_function(pm.Function(name="bm25", function_type=pm.FunctionType.BM25,
                                   input_field_names=["text"], output_field_names=["sparse"]))
        ip = client.prepare_index_params()
        itype, params, _ = DENSE_INDEXES[kind]
        ip.add_index(field_name="dense", index_type=itype, metric_type="IP", params=params)
        ip.add_index(field_name="sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25")
        ip.add_index(field_name="doc_id", index_type="INVERTED")
        client.create_collection(collection, schema=s, index_params=ip, consistency_level="Strong")

        m = client.create_schema(auto_id=False, enable_dynamic_field=False)
        m.add_field("key", D.VARCHAR, max_length=1100, is_primary=True)
        m.add_field("doc_id", D.VARCHAR, max_length=1024)
        m.add_field("part", D.INT64)
        m.add_field("sha256", D.VARCHAR, max_length=64)
        m.add_field("path", D.VARCHAR, max_length=4096)
        m.add_field("title", D.VARCHAR, max_length=4096)
        m.add_field("date", D.VARCHAR, max_length=64)  # Document.date (ISO), "" when the file gives none
        m.add_field("text", D.VARCHAR, max_length=MAX_VARCHAR)
        m.add_field("unused", D.FLOAT_VECTOR, dim=2)
        mi = client.prepare_index_params()
        mi.add_index(field_name="unused", index_type="FLAT", metric_type="L2")
        client.create_collection(f"{collection}_meta", schema=m, index_params=mi, consistency_level="Strong")
        store = cls(client, uri, collection, embedder_name, dim, chunking, index_type, time.time())
        store._write_manifest()
        return store

    @classmethod
    def open(cls, uri: str, collection: str) -> "MilvusStore":
        where = f"{uri} collection {collection}"
        client = _client(uri)
        if not (client.has_collection(collection) and client.has_collection(f"{collection}_meta")):
            raise IndexNotFoundError(f"no index in Milvus at {where}. Build one with "
                                     f"`qa index PATH --store URI`.")
        rows = client.get(f"{collection}_meta", ids=[MANIFEST_KEY], output_fields=["text"])
        if not rows:
            raise IndexNotFoundError(f"Milvus at {where} has no manifest. Rebuild it with `qa index PATH --rebuild`.")
        manifest = json.loads(rows[0]["text"])
        if manifest.get("format") != FORMAT_VERSION:
            raise IndexMismatchError(f"index at {where} has format {manifest.get('format')}, this version reads "
                                     f"{FORMAT_VERSION}. Rebuild it with `qa index PATH --rebuild`.")
        store = cls(client, uri, collection, manifest["embedder"]["name"], manifest["embedder"]["dim"],
                    ChunkingConfig(**manifest["chunking"]), manifest.get("index_type", "auto"),
                    manifest.get("created", time.time()))
        store.load_embedder_info(manifest)
        return store

    def close(self) -> None:
        self.client.close()

    # ---- contents -----------------------------------------------------------
    def _query_all(self, collection: str, filter: str, fields: list[str]) -> list[dict]:
        it = self.client.query_iterator(collection, batch_size=1000, filter=filter, output_fields=fields)
        out: list[dict] = []
        while True:
            batch = it.next()
            if not batch:
                it.close()
                return out
            out.extend(batch)

    def __len__(self) -> int:
        rows = self.client.query(self.collection, filter="", output_fields=["count(*)"])
        return int(rows[0]["count(*)"])

    @property
    def documents(self) -> dict[str, dict]:
        """id -> {id, path, title, sha256[, date]} of every document (texts: ``document``)."""
        rows = self._query_all(self.meta, 'part == 0 and key != "__manifest__"',
                               ["doc_id", "path", "title", "sha256"] + (["date"] if self._dated else []))
        out = {}
        for r in sorted(rows, key=lambda r: r["doc_id"]):
            out[r["doc_id"]] = {"id": r["doc_id"], "path": r["path"], "title": r["title"], "sha256": r["sha256"]}
            if r.get("date"):
                out[r["doc_id"]]["date"] = r["date"]
        return out

    @property
    def chunks(self) -> list[Chunk]:
        """Every chunk (loaded on first use and after writes; for the reader's question-overlap idf)."""
        if self._chunks is None:
            rows = self._query_all(self.collection, "id >= 0", ["id"] + CHUNK_FIELDS)
            rows.sort(key=lambda r: r["id"])
            self._chunks = [self._chunk(r) for r in rows]
        return self._chunks

    def document(self, doc_id: str) -> Document:
        rows = self.client.query(self.meta, filter=_in_filter("doc_id", [doc_id]),
                                 output_fields=["part", "path", "title", "text"] + (["date"] if self._dated else []))
        if not rows:
            raise KeyError(doc_id)
        rows.sort(key=lambda r: r["part"])
        return Document(id=doc_id, text="".join(r["text"] for r in rows), path=rows[0]["path"],
                        title=rows[0]["title"], date=rows[0].get("date") or "")

    def manifest(self) -> dict:
        return self.base_manifest(FORMAT_VERSION, len(self),
                                  milvus_index=DENSE_INDEXES[_dense_kind(self.index_type)][0])

    def _write_manifest(self) -> None:
        embedding = {"embedding": dict(self.embedder_info)} if self.embedder_info else {}
        m = {"format": FORMAT_VERSION, "embedder": {"name": self.embedder_name, "dim": self.dim}, **embedding,
             "chunking": self.chunking.as_dict(), "index_type": self.index_type, "created": self.created,
             "updated": time.time()}
        row = {"key": MANIFEST_KEY, "doc_id": "", "part": -1, "sha256": "", "path": "", "title": "",
               "text": json.dumps(m), "unused": [0.0, 0.0]}
        self.client.upsert(self.meta, [dict(row, date="") if self._dated else row])

    # ---- searching ----------------------------------------------------------
    @staticmethod
    def _chunk(row: dict) -> Chunk:
        e = row.get("entity", row)
        return Chunk(e["doc_id"], e["text"], int(e["start"]), int(e["end"]))

    def _check_query(self, query_vec: np.ndarray) -> list[float]:
        q = np.asarray(query_vec, dtype=np.float32).reshape(-1)
        if q.shape[0] != self.dim:
            raise IndexMismatchError(f"query vectors have dimension {q.shape[0]}, index has {self.dim}")
        return q.tolist()

    def _dense_params(self) -> dict:
        return {"metric_type": "IP", "params": DENSE_INDEXES[_dense_kind(self.index_type)][2]}

    def dense_search(self, query_vec: np.ndarray, k: int) -> list[tuple[Chunk, float]]:
        """The ``k`` nearest chunks to one query vector, best first, with their inner product."""
        res = self.client.search(self.collection, data=[self._check_query(query_vec)], anns_field="dense",
                                 limit=int(k), output_fields=CHUNK_FIELDS, search_params=self._dense_params())
        return [(self._chunk(h), float(h["distance"])) for h in res[0]]

    def bm25_search(self, question: str, k: int) -> list[tuple[Chunk, float]]:
        """The ``k`` best chunks for ``question`` by the engine's BM25 (score > 0 only)."""
        res = self.client.search(self.collection, data=[question], anns_field="sparse", limit=int(k),
                                 output_fields=CHUNK_FIELDS, search_params={"metric_type": "BM25"})
        return [(self._chunk(h), abs(float(h["distance"]))) for h in res[0] if h["distance"] != 0]

    def engine_search(self, question: str, query_vec: np.ndarray, k: int, mode: str = "hybrid",
                      rrf_k: int = 60, depth: int = 50) -> list[tuple[Chunk, float, float | None, float | None]]:
        """(chunk, score, dense score, BM25 score) best first; hybrid = the engine's RRF over both lists."""
        if mode == "dense":
            return [(c, s, s, None) for c, s in self.dense_search(query_vec, k)]
        if mode == "bm25":
            return [(c, s, None, s) for c, s in self.bm25_search(question, k)]
        pm = _pymilvus()
        reqs = [pm.AnnSearchRequest(data=[self._check_query(query_vec)], anns_field="dense",
                                    param=self._dense_params(), limit=int(depth)),
                pm.AnnSearchRequest(data=[question], anns_field="sparse", param={"metric_type": "BM25"},
                                    limit=int(depth))]
        res = self.client.hybrid_search(self.collection, reqs, ranker=pm.RRFRanker(int(rrf_k)), limit=int(k),
                                        output_fields=CHUNK_FIELDS)
        return [(self._chunk(h), float(h["distance"]), None, None) for h in res[0]]

    # ---- building -----------------------------------------------------------
    def add_documents(self, docs: list[Document], encode: Encode, progress: bool = False) -> AddStats:
        """Add new documents and replace changed ones (same id, other text); embed only those."""
        existing = {i: d["sha256"] for i, d in self.documents.items()}
        fresh, stats = plan_add(existing, docs)
        if not fresh:
            return stats
        new_chunks = [c for d in fresh.values() for c in chunk_text(d.text, d.id, self.chunking)]
        for c in new_chunks:
            if len(c.text.encode("utf-8")) > MAX_VARCHAR:
                raise ValueError(f"chunk of {c.doc_id!r} is over {MAX_VARCHAR} bytes; use a chunk_size below 16000")
        vecs = encode([c.text for c in new_chunks], progress)
        check_vectors(vecs, len(new_chunks), self.dim)
        self.insert_embedded(list(fresh.values()), new_chunks, vecs, replace=[i for i in fresh if i in existing])
        stats.chunks_embedded = len(new_chunks)
        return stats

    def insert_embedded(self, docs: list[Document], chunks: list[Chunk], vecs: np.ndarray,
                        replace: list[str] = ()) -> None:
        """Write documents with their already embedded chunks; ``replace`` ids are deleted first."""
        if replace:
            self._delete(list(replace))
        rows = [{"doc_id": c.doc_id, "start": c.start, "end": c.end, "text": c.text, "dense": v}
                for c, v in zip(chunks, np.asarray(vecs, dtype=np.float32))]
        for i in range(0, len(rows), INSERT_BATCH):
            self.client.insert(self.collection, rows[i:i + INSERT_BATCH])
        meta = []
        for d in docs:
            digest = content_hash(d.text)
            parts = [d.text[i:i + TEXT_PART] for i in range(0, len(d.text), TEXT_PART)] or [""]
            dated = {"date": d.date or ""} if self._dated else {}
            meta += [{"key": f"{d.id}#{p:06d}", "doc_id": d.id, "part": p, "sha256": digest, "path": d.path or "",
                      "title": d.title or "", "text": t, "unused": [0.0, 0.0], **dated} for p, t in enumerate(parts)]
        for i in range(0, len(meta), 200):
            self.client.insert(self.meta, meta[i:i + 200])
        self._chunks = None
        self._write_manifest()

    def _delete(self, doc_ids: list[str]) -> None:
        for i in range(0, len(doc_ids), 500):
            part = doc_ids[i:i + 500]
            self.client.delete(self.collection, filter=_in_filter("doc_id", part))
            self.client.delete(self.meta, filter=_in_filter("doc_id", part))
        self._chunks = None

    def remove_documents(self, doc_ids: list[str]) -> int:
        """Drop these documents and their chunks (unknown ids are ignored); returns how many were removed."""
        known = self.documents
        gone = [i for i in dict.fromkeys(doc_ids) if i in known]
        if gone:
            self._delete(gone)
            self._write_manifest()
        return len(gone)

    def save(self, root=None, keep_old: int = 0) -> str:
        """Milvus persists every write; this flushes the collections and returns the store's name."""
        self.client.flush(self.collection)
        self.client.flush(self.meta)
        return f"{self.uri} (collection {self.collection})"
