"""The embedded default store: a persisted FAISS index with its chunks, documents and a manifest.

On disk (``root`` is e.g. ``index/``)::

    root/CURRENT            name of the live version folder (replaced atomically)
    root/v-<stamp>/manifest.json   model name, dimension, how the vectors were made
                                   (``embedding``: runtime, precision), chunking, index type,
                                   corpus fingerprint, counts
    root/v-<stamp>/faiss.index     vectors (row i = chunk i)
    root/v-<stamp>/chunks.jsonl    doc_id, start, end per chunk
    root/v-<stamp>/documents.jsonl id, path, title, sha256, text per document

A save writes a complete new version folder, fsyncs it, then swaps
``CURRENT`` with ``os.replace``: a crash at any point leaves the previous
version live; a full disk raises ``IndexWriteError`` and leaves it live too.
The manifest records the sha256 of each file, so a load names the file that
is truncated or corrupt (``IndexCorruptError``) and says how to rebuild,
before FAISS or JSON parsing ever sees it. Adding documents embeds only new
or changed documents; the vectors of unchanged chunks are reconstructed from
the FAISS index.

Index types: ``flat`` (exact inner product), ``hnsw`` (graph, approximate),
``ivf`` (inverted lists, approximate), ``auto`` (flat below
``AUTO_HNSW_MIN`` chunks, else hnsw).

Shared with the other back ends (``qa.stores.base``): the add plan (what to
embed), the mismatch errors, ``AddStats``.

Writers serialise with ``qa.stores.locking.write_lock`` (taken by ``qa.indexing.build``
and the answerer), not here.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import time
from pathlib import Path
from typing import Callable

import numpy as np

from qa.errors import IndexCorruptError, IndexMismatchError, IndexNotFoundError, IndexWriteError
from qa.ingest.chunking import ChunkingConfig, chunk_text
from qa.ingest.documents import content_hash
from qa.stores.base import AddStats, CompatibilityMixin, plan_add
from qa.types import Chunk, Document

FORMAT_VERSION = 1
INDEX_TYPES = ("auto", "flat", "hnsw", "ivf")
AUTO_HNSW_MIN = 50_000


def _faiss():
    try:
        import faiss
    except ImportError as e:  # pragma: no cover - declared dependency
        raise ImportError("The vector index needs FAISS: pip install faiss-cpu") from e
    return faiss


def resolve_index_type(index_type: str, n: int) -> str:
    if index_type not in INDEX_TYPES:
        raise ValueError(f"index_type must be one of {INDEX_TYPES}, got {index_type!r}")
    if index_type == "auto":
        return "flat" if n < AUTO_HNSW_MIN else "hnsw"
    if index_type == "ivf" and n < 1000:
        return "flat"  # too few points to train inverted lists
    return index_type


def build_faiss(vectors: np.ndarray, index_type: str, hnsw_m: int = 32, ef_search: int = 128,
                nprobe: int = 16):
    """A FAISS inner-product index of the given type holding ``vectors`` (row i = id i)."""
    faiss = _faiss()
    n, d = vectors.shape
    kind = resolve_index_type(index_type, n)
    if kind == "flat":
        index = faiss.IndexFlatIP(d)
    elif kind == "hnsw":
        index = faiss.IndexHNSWFlat(d, hnsw_m, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 80
        index.hnsw.efSearch = ef_search
    else:
        nlist = max(16, int(4 * np.sqrt(n)))
        quantizer = faiss.IndexFlatIP(d)
        index = faiss.IndexIVFFlat(quantizer, d, nlist, faiss.METRIC_INNER_PRODUCT)
        index.train(vectors)
        index.nprobe = nprobe
    if n:
        index.add(vectors)
    return index


def faiss_kind(index) -> str:
    faiss = _faiss()
    if isinstance(index, faiss.IndexHNSW):
        return "hnsw"
    if isinstance(index, faiss.IndexIVF):
        return "ivf"
    return "flat"


def _reconstruct_all(index) -> np.ndarray:
    if index.ntotal == 0:
        return np.zeros((0, index.d), dtype=np.float32)
    if faiss_kind(index) == "ivf":
        index.make_direct_map()
    return index.reconstruct_n(0, index.ntotal)


class IndexStore(CompatibilityMixin):
    """Chunks + vectors + documents, in memory; ``save``/``load`` persist them."""

    native_hybrid = False  # BM25 and fusion run in ``qa.answering.retriever``

    def __init__(self, embedder_name: str, dim: int, chunking: ChunkingConfig = ChunkingConfig(),
                 index_type: str = "auto") -> None:
        resolve_index_type(index_type, 0)  # validates
        self.embedder_name = embedder_name
        self.dim = int(dim)
        self.chunking = chunking
        self.index_type = index_type
        self.chunks: list[Chunk] = []
        self.documents: dict[str, dict] = {}
        self.index = build_faiss(np.zeros((0, self.dim), dtype=np.float32), "flat")
        self.created = time.time()
        self.version: str | None = None  # name of the version folder this store was loaded from / saved as

    def copy(self) -> "IndexStore":
        """An independent copy (own FAISS index, chunk list and document table) to grow off-line."""
        other = IndexStore(self.embedder_name, self.dim, self.chunking, self.index_type)
        other.index = _faiss().clone_index(self.index)
        other.chunks = list(self.chunks)
        other.documents = dict(self.documents)
        other.created, other.version = self.created, self.version
        other.embedder_info = dict(self.embedder_info) if self.embedder_info else None
        return other

    # ---- contents -------------------------------------------------------
    def __len__(self) -> int:
        return len(self.chunks)

    def document(self, doc_id: str) -> Document:
        d = self.documents[doc_id]
        return Document(id=doc_id, text=d["text"], path=d.get("path", ""), title=d.get("title", ""),
                        pages=tuple(d.get("pages", ())), date=d.get("date", ""))

    def manifest(self) -> dict:
        return self.base_manifest(FORMAT_VERSION, len(self.chunks), faiss_type=faiss_kind(self.index))

    def search(self, query_vecs: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(scores, ids) arrays of shape (n_queries, k); ids are chunk positions, -1 = none."""
        q = np.ascontiguousarray(np.atleast_2d(query_vecs), dtype=np.float32)
        if q.shape[1] != self.dim:
            raise IndexMismatchError(f"query vectors have dimension {q.shape[1]}, index has {self.dim}")
        k = max(1, min(int(k), max(1, len(self.chunks))))
        return self.index.search(q, k)

    def dense_search(self, query_vec: np.ndarray, k: int) -> list[tuple[Chunk, float]]:
        """The ``k`` nearest chunks to one query vector, best first, with their inner product."""
        if not self.chunks:
            return []
        scores, ids = self.search(query_vec, k)
        return [(self.chunks[int(i)], float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]

    # ---- building -------------------------------------------------------
    def add_documents(self, docs: list[Document], encode: Callable[[list[str], bool], np.ndarray],
                      progress: bool = False) -> AddStats:
        """Add new documents and replace changed ones (same id, other text); embed only those."""
        fresh, stats = plan_add({i: d["sha256"] for i, d in self.documents.items()}, docs)
        if not fresh:
            return stats
        new_chunks = [c for d in fresh.values() for c in chunk_text(d.text, d.id, self.chunking)]
        new_vecs = encode([c.text for c in new_chunks], progress)
        if new_vecs.shape != (len(new_chunks), self.dim):
            raise IndexMismatchError(f"embedder returned shape {new_vecs.shape}, expected ({len(new_chunks)}, {self.dim})")
        stats.chunks_embedded = len(new_chunks)
        keep = [i for i, c in enumerate(self.chunks) if c.doc_id not in fresh]
        total = len(keep) + len(new_chunks)
        wanted = resolve_index_type(self.index_type, total)
        if self.chunks and len(keep) == len(self.chunks) and wanted == faiss_kind(self.index) != "ivf":
            self.index.add(new_vecs)  # pure append: no rebuild
        else:
            old_vecs = _reconstruct_all(self.index)[keep] if keep else np.zeros((0, self.dim), np.float32)
            self.index = build_faiss(np.vstack([old_vecs, new_vecs]).astype(np.float32), self.index_type)
        self.chunks = [self.chunks[i] for i in keep] + new_chunks
        for d in fresh.values():
            self.documents[d.id] = {"id": d.id, "path": d.path, "title": d.title,
                                    "sha256": content_hash(d.text), "text": d.text}
            if d.pages:
                self.documents[d.id]["pages"] = list(d.pages)
            if d.date:
                self.documents[d.id]["date"] = d.date
        return stats

    def remove_documents(self, doc_ids: list[str]) -> int:
        """Drop these documents and their chunks (unknown ids are ignored); returns how many were removed."""
        gone = {i for i in doc_ids if i in self.documents}
        if not gone:
            return 0
        keep = [i for i, c in enumerate(self.chunks) if c.doc_id not in gone]
        vecs = _reconstruct_all(self.index)[keep] if keep else np.zeros((0, self.dim), np.float32)
        self.index = build_faiss(np.ascontiguousarray(vecs, dtype=np.float32), self.index_type)
        self.chunks = [self.chunks[i] for i in keep]
        for i in gone:
            del self.documents[i]
        return len(gone)

    # ---- persistence ----------------------------------------------------
    def save(self, root: str | Path, keep_old: int = 0) -> Path:
        """Write a new version under ``root`` and make it live atomically."""
        faiss = _faiss()
        root = Path(root)
        root.mkdir(parents=True, exist_ok=True)
        name = f"v-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.time_ns() % 10**6:06d}"
        tmp = root / f".tmp-{name}"
        tmp.mkdir()
        try:
            faiss.write_index(self.index, str(tmp / "faiss.index"))
            with open(tmp / "chunks.jsonl", "w", encoding="utf-8") as f:
                for c in self.chunks:
                    f.write(json.dumps({"doc_id": c.doc_id, "start": c.start, "end": c.end}) + "\n")
            with open(tmp / "documents.jsonl", "w", encoding="utf-8") as f:
                for d in self.documents.values():
                    f.write(json.dumps(d, ensure_ascii=False) + "\n")
            manifest = self.manifest()
            manifest["files"] = {n: _sha256(tmp / n) for n in DATA_FILES}
            (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2))
            for p in tmp.iterdir():
                with open(p, "rb") as fh:
                    os.fsync(fh.fileno())
            final = root / name
            os.rename(tmp, final)
            pointer = root / f".CURRENT.{name}"
            pointer.write_text(name + "\n")
            with open(pointer, "rb") as fh:
                os.fsync(fh.fileno())
            os.replace(pointer, root / "CURRENT")
        except BaseException as e:
            shutil.rmtree(tmp, ignore_errors=True)
            for p in root.glob(f".CURRENT.{name}"):
                p.unlink(missing_ok=True)
            if _disk_full(e):
                raise IndexWriteError(f"no space left on the device while saving index {root}; nothing was "
                                      f"changed, the previous version is still live. Free some space and "
                                      f"try again.") from None
            raise
        self.version = name
        _prune(root, name, keep_old)
        return final

    @classmethod
    def load(cls, root: str | Path) -> "IndexStore":
        """The live version under ``root``; a version pruned by a writer while being read is retried once."""
        root = Path(root)
        name = current_version(root)
        try:
            return cls._load_version(root, name)
        except IndexCorruptError:
            newer = current_version(root)
            if newer is None or newer == name:
                raise
            return cls._load_version(root, newer)

    @classmethod
    def _load_version(cls, root: Path, name: str | None) -> "IndexStore":
        faiss = _faiss()
        if name is None:
            raise IndexNotFoundError(f"no index at {root} (missing {root / 'CURRENT'}). "
                                     f"Build one with `qa index PATH --out {root}`.")
        vdir = root / name
        rebuild = f"Rebuild it with `qa index PATH --out {root} --rebuild`."

        def broken(file: str, why: str) -> IndexCorruptError:
            return IndexCorruptError(f"index at {root} is broken: {name}/{file} {why}. {rebuild}")

        if not vdir.is_dir():
            raise IndexCorruptError(f"index at {root} is broken: CURRENT names the version folder {name[:60]!r}, "
                                    f"which does not exist. {rebuild}")
        try:
            manifest = json.loads((vdir / "manifest.json").read_text(encoding="utf-8"))
            if not isinstance(manifest, dict):
                raise ValueError("not a JSON object")
        except FileNotFoundError:
            raise broken("manifest.json", "is missing") from None
        except (OSError, ValueError) as e:
            raise broken("manifest.json", f"is unreadable ({_short(e)})") from None
        if manifest.get("format") != FORMAT_VERSION:
            raise IndexMismatchError(f"index at {root} has format {manifest.get('format')}, this version reads "
                                     f"{FORMAT_VERSION}. {rebuild}")
        for file in DATA_FILES:
            if not (vdir / file).is_file():
                raise broken(file, "is missing")
            want = (manifest.get("files") or {}).get(file)
            if want is not None and _sha256(vdir / file) != want:
                raise broken(file, "is truncated or corrupt (its sha256 does not match the manifest)")
        try:
            store = cls(manifest["embedder"]["name"], manifest["embedder"]["dim"],
                        ChunkingConfig(**manifest["chunking"]), manifest.get("index_type", "auto"))
        except (KeyError, TypeError, ValueError) as e:
            raise broken("manifest.json", f"lacks a valid setting ({_short(e)})") from None
        store.created = manifest.get("created", store.created)
        store.load_embedder_info(manifest)
        try:
            store.index = faiss.read_index(str(vdir / "faiss.index"))
        except Exception as e:  # FAISS raises RuntimeError with a C++ trace for a bad file
            raise broken("faiss.index", f"is unreadable ({_short(e)})") from None
        file = "documents.jsonl"
        try:
            with open(vdir / file, encoding="utf-8") as f:
                for line in f:
                    d = json.loads(line)
                    store.documents[d["id"]] = d
            file = "chunks.jsonl"
            with open(vdir / file, encoding="utf-8") as f:
                for line in f:
                    c = json.loads(line)
                    text = store.documents[c["doc_id"]]["text"][c["start"]:c["end"]]
                    store.chunks.append(Chunk(c["doc_id"], text, c["start"], c["end"]))
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise broken(file, f"is unreadable ({_short(e)})") from None
        if store.index.ntotal != len(store.chunks) or store.index.d != store.dim:
            raise IndexMismatchError(f"index at {root} is inconsistent: {store.index.ntotal} vectors of dim "
                                     f"{store.index.d} for {len(store.chunks)} chunks of dim {store.dim}. {rebuild}")
        if manifest.get("corpus_fingerprint") != store.fingerprint():
            raise IndexMismatchError(f"index at {root}: documents do not match the manifest's corpus fingerprint. "
                                     f"{rebuild}")
        store.version = name
        return store


DATA_FILES = ("faiss.index", "chunks.jsonl", "documents.jsonl")


def current_version(root: str | Path) -> str | None:
    """The name of the live version folder under ``root``, or None when there is no index."""
    try:
        name = (Path(root) / "CURRENT").read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except (OSError, ValueError) as e:
        raise IndexCorruptError(f"index at {root}: CURRENT is unreadable ({_short(e)}). "
                                f"Rebuild it with `qa index PATH --out {root} --rebuild`.") from None
    if not name or "/" in name or "\\" in name or not name.startswith("v-"):
        raise IndexCorruptError(f"index at {root}: CURRENT names no version folder ({name[:40]!r}). "
                                f"Rebuild it with `qa index PATH --out {root} --rebuild`.")
    return name


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _short(e: BaseException) -> str:
    """The first line of an exception's message (FAISS appends a C++ trace), at most 160 characters."""
    text = (str(e).strip().splitlines() or [type(e).__name__])[0]
    return text[:160]


def _disk_full(e: BaseException) -> bool:
    return (isinstance(e, OSError) and e.errno in (errno.ENOSPC, errno.EDQUOT)) or "No space left" in str(e)


def index_exists(root: str | Path) -> bool:
    return (Path(root) / "CURRENT").is_file()


def _prune(root: Path, live: str, keep_old: int) -> None:
    versions = sorted(p for p in root.iterdir() if p.is_dir() and p.name.startswith("v-") and p.name != live)
    for p in versions[:max(0, len(versions) - keep_old)]:
        shutil.rmtree(p, ignore_errors=True)
    for p in root.glob(".tmp-*"):
        if time.time() - p.stat().st_mtime > 3600:  # leftovers of a crashed build
            shutil.rmtree(p, ignore_errors=True)
