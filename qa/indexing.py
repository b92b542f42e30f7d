"""Build or update an index from a folder: read documents, chunk, embed, save.

``build_index`` is what ``qa index PATH`` runs. An existing index at ``out``
is updated in place (new documents added, changed ones replaced, nothing
re-embedded that did not change) unless ``rebuild=True``; asking for other
settings than the existing index has raises ``IndexMismatchError``. ``out``
is a folder (embedded FAISS store) or a Milvus URI (see ``qa.stores``).

Leaves out: watching folders for changes, removing documents that vanished
(``remove_from_index`` removes named ones).
"""

from __future__ import annotations

import time
from pathlib import Path

from .chunking import ChunkingConfig
from .documents import load_folder
from .stores import create_store, open_store, store_exists
from .stores.base import AddStats, Store
from .types import Document


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


def add_to_index(store: Store, docs: list[Document], embedder, out: str | Path,
                 progress: bool = False) -> AddStats:
    stats = store.add_documents(docs, lambda texts, p: embedder.encode(texts, progress=p), progress=progress)
    if stats.added or stats.updated or not store_exists(out):
        store.save(out)
    return stats


def build_index(path: str | Path, out: str | Path = "index", embedder=None,
                chunking: ChunkingConfig | None = None, index_type: str | None = None,
                rebuild: bool = False, progress: bool = False) -> tuple[Store, AddStats, float]:
    """Index every supported file under ``path`` into ``out``; returns (store, stats, seconds)."""
    if embedder is None:
        from .embedding import Embedder
        embedder = Embedder()
    t0 = time.perf_counter()
    docs = load_folder(path)
    store = open_or_create(out, embedder, chunking, index_type, rebuild)
    stats = add_to_index(store, docs, embedder, out, progress)
    return store, stats, time.perf_counter() - t0


def remove_from_index(out: str | Path, doc_ids: list[str]) -> tuple[Store, int]:
    """Remove documents (by id) from the store at ``out`` and persist it; returns (store, removed)."""
    store = open_store(out)
    n = store.remove_documents(list(doc_ids))
    if n:
        store.save(out)
    return store, n
