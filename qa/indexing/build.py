"""Build or update an index from a folder: read documents, chunk, embed, save.

``build_index`` is what ``qa index PATH`` runs: files are read and chunked in worker processes
while this process embeds (``qa.indexing.pipeline``). An existing index at ``out``
is updated in place (new documents added, changed ones replaced, nothing
re-embedded that did not change) unless ``rebuild=True``; asking for other
settings than the existing index has raises ``IndexMismatchError``. ``out``
is a folder (embedded FAISS store) or a Milvus URI (see ``qa.stores``). For
a folder, its write lock (``qa.stores.locking``) is held from reading the live
version to saving the next one, so two writers never interleave
(``IndexLockedError`` after ``lock_timeout`` seconds); a Milvus collection
takes writes from several clients itself.

Leaves out: watching folders for changes, removing documents that vanished
(``remove_from_index`` removes named ones).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Callable

import numpy as np

from qa.errors import DocumentError
from qa.indexing.pipeline import Precomputed, read_and_embed
from qa.ingest.chunking import ChunkingConfig
from qa.ingest.documents import SUPPORTED_SUFFIXES, iter_files
from qa.stores import create_store, is_store_uri, open_store, store_exists
from qa.stores.base import AddStats, Store
from qa.stores.locking import write_lock
from qa.types import Document

log = logging.getLogger(__name__)


def open_or_create(out: str | Path, embedder, chunking: ChunkingConfig | None, index_type: str | None,
                   rebuild: bool) -> Store:
    """The store at ``out`` checked against the wanted settings, or a new empty one."""
    if store_exists(out) and not rebuild:
        store = open_store(out)
        store.check_compatible(embedder.name, embedder.dim, chunking, where=str(out))
        if index_type is not None and index_type != store.index_type:
            store.index_type = index_type  # applied at the next rebuild of the FAISS index
        return store
    return create_store(out, embedder.name, embedder.dim, chunking or ChunkingConfig(), index_type or "auto")


def encode_in_batches(embedder, texts: list[str], report: Callable[[str], None], batch: int = 256) -> np.ndarray:
    """``embedder.encode`` over ``texts`` in slices, calling ``report("embedding i/n passages")`` after each."""
    parts = []
    for i in range(0, len(texts), batch):
        report(f"embedding passages: {i}/{len(texts)}")
        parts.append(embedder.encode(texts[i:i + batch]))
    report(f"embedding passages: {len(texts)}/{len(texts)}")
    return np.vstack(parts) if parts else embedder.encode([])


def record_embedder(store: Store, embedder) -> None:
    """Note in ``store`` how ``embedder`` makes its vectors, where both sides know how (``manifest_info``)."""
    info = embedder.manifest_info() if hasattr(embedder, "manifest_info") else None
    if info and hasattr(store, "record_embedder"):
        store.record_embedder(info)


def add_to_index(store: Store, docs: list[Document], embedder, out: str | Path,
                 progress: bool = False, report: Callable[[str], None] | None = None) -> AddStats:
    """Add ``docs`` to ``store`` and save it to ``out`` if anything changed (the caller holds the lock).

    The store's manifest records how the embedder makes its vectors (``Embedder.manifest_info()``).
    """
    record_embedder(store, embedder)
    if report is None:
        def encode(texts, p):
            return embedder.encode(texts, progress=p)
    else:
        def encode(texts, p):
            return encode_in_batches(embedder, texts, report)
    stats = store.add_documents(docs, encode, progress=progress)
    if report is not None and (stats.added or stats.updated):
        report("saving the new index version")
    if stats.added or stats.updated or not store_exists(out):
        store.save(out)
    return stats


def build_index(path: str | Path, out: str | Path = "index", embedder=None,
                chunking: ChunkingConfig | None = None, index_type: str | None = None,
                rebuild: bool = False, progress: bool = False,
                lock_timeout: float | None = None, workers: int | None = None) -> tuple[Store, AddStats, float]:
    """Index every supported file under ``path`` into ``out``; returns (store, stats, seconds).

    Files are read and chunked by ``workers`` processes (``QA_INDEX_WORKERS``; default: half the
    CPUs, at most 4, none for fewer than ``PARALLEL_MIN_FILES`` files) while this process embeds
    what they have read; ``progress`` shows a bar with chunks/s and the time left. A file that
    cannot be read is logged as a warning with its reason and left out, as ``load_folder`` does.
    """
    if embedder is None:
        from qa.indexing.embedding import Embedder
        embedder = Embedder()
    t0 = time.perf_counter()
    root = Path(path)
    files = iter_files(root)
    if not files:
        raise DocumentError(f"no {', '.join(SUPPORTED_SUFFIXES)} files under {root}")
    with _writing(out, lock_timeout):
        store = open_or_create(out, embedder, chunking, index_type, rebuild)
        docs, vectors, skipped = read_and_embed(root, files, store, embedder, workers, progress)
        for s in skipped:
            log.warning("skipped %s: %s", s.path, s.reason)
        stats = add_to_index(store, docs, Precomputed(embedder, docs, vectors), out)
    return store, stats, time.perf_counter() - t0


def _writing(out: str | Path, lock_timeout: float | None):
    """The folder's write lock; nothing for a Milvus URI."""
    from contextlib import nullcontext
    return nullcontext() if is_store_uri(out) else write_lock(out, lock_timeout)


def remove_from_index(out: str | Path, doc_ids: list[str]) -> tuple[Store, int]:
    """Remove documents (by id) from the store at ``out`` and persist it; returns (store, removed)."""
    with _writing(out, None):
        store = open_store(out)
        n = store.remove_documents(list(doc_ids))
        if n:
            store.save(out)
    return store, n
