"""What every index store offers, and the pieces the back ends share.

``Store`` is the protocol the indexer, retriever and answerer rely on; the
back ends are ``faiss_store.IndexStore`` (embedded default: FAISS + files)
and ``milvus_store.MilvusStore`` (Milvus Lite file or Milvus server).
``plan_add`` decides which documents need embedding (new or changed text)
and ``CompatibilityMixin.check_compatible`` raises the same
``IndexMismatchError`` messages on every back end.

Leaves out: the storage itself (each back end), locking between writers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping, Protocol, Sequence, runtime_checkable

import numpy as np

from qa.defaults import LEGACY_EMBED_INFO, embedder_family, family_runtimes
from qa.errors import IndexMismatchError
from qa.ingest.chunking import ChunkingConfig
from qa.ingest.documents import content_hash
from qa.types import Chunk, Document

Encode = Callable[[list[str], bool], np.ndarray]
REBUILD_HINT = " Rebuild it with `qa index PATH --rebuild`."


@dataclass
class AddStats:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    chunks_embedded: int = 0
    removed: int = 0


def plan_add(existing: Mapping[str, str], docs: list[Document]) -> tuple[dict[str, Document], AddStats]:
    """The documents to (re-)embed by id, and the counts; ``existing`` maps id -> sha256 of its text."""
    stats = AddStats()
    fresh: dict[str, Document] = {}
    for d in docs:
        old = existing.get(d.id)
        if old is not None and old == content_hash(d.text):
            stats.unchanged += 1
            continue
        if d.id in fresh:
            raise ValueError(f"duplicate document id {d.id!r} in one batch")
        fresh[d.id] = d
        if old is None:
            stats.added += 1
        else:
            stats.updated += 1
    return fresh, stats


class CompatibilityMixin:
    """``check_compatible``, ``fingerprint`` and the common manifest for stores with ``embedder_name``,
    ``dim``, ``chunking``, ``index_type``, ``documents`` and ``created``.

    ``embedder_info`` is how the vectors were made (``Embedder.manifest_info()``: runtime, precision,
    device, vector family, and ``runtimes``: every runtime that added vectors); the manifest records it
    as ``embedding``. An index written before it was recorded was made by torch fp32.
    """

    embedder_name: str
    dim: int
    chunking: ChunkingConfig
    embedder_info: dict | None = None  # None: not recorded (a store filled by a caller that did not say)

    def record_embedder(self, info: dict) -> None:
        """Note that vectors made as ``info`` says (an ``Embedder.manifest_info()``) are being added."""
        old = self.embedder_info or {}
        before = list(old.get("runtimes") or ([old["runtime"]] if old.get("runtime") else []))
        if not len(self):  # an empty store: nothing made another way is in it
            before = []
        runtimes = list(dict.fromkeys(before + [info.get("runtime")]))
        self.embedder_info = {**info, "runtimes": [r for r in runtimes if r]}

    def load_embedder_info(self, manifest: dict) -> None:
        """``embedder_info`` from a manifest's ``embedding`` entry (torch fp32 when it predates the record)."""
        info = manifest.get("embedding")
        self.embedder_info = dict(info) if isinstance(info, dict) and info else dict(
            LEGACY_EMBED_INFO, runtimes=[LEGACY_EMBED_INFO["runtime"]])

    def check_compatible(self, embedder_name: str | None = None, dim: int | None = None,
                         chunking: ChunkingConfig | None = None, where: str = "") -> None:
        """Raise ``IndexMismatchError`` if the index was built with other settings."""
        if embedder_name is not None and embedder_name != self.embedder_name:
            (model, family), (own_model, own_family) = embedder_family(embedder_name), embedder_family(self.embedder_name)
            if model == own_model and family != own_family:
                made = (self.embedder_info or {}).get("runtime", "")
                raise IndexMismatchError(
                    f"index {where} holds {own_family} vectors (made with the {made or own_family} embedder path); "
                    f"this embedder makes {family} vectors ({family_runtimes(family)}), which are too far from "
                    f"them (cosine to fp32 below 0.999). Set QA_EMBED_RUNTIME to one of "
                    f"{family_runtimes(own_family)}, or rebuild the index with this path.{REBUILD_HINT}")
            raise IndexMismatchError(f"index {where} was built with embedder {self.embedder_name!r}, "
                                     f"not {embedder_name!r}.{REBUILD_HINT}")
        if dim is not None and int(dim) != self.dim:
            raise IndexMismatchError(f"index {where} has dimension {self.dim}, the embedder gives {dim}.{REBUILD_HINT}")
        if chunking is not None and chunking != self.chunking:
            raise IndexMismatchError(f"index {where} was chunked with {self.chunking.as_dict()}, "
                                     f"not {chunking.as_dict()}.{REBUILD_HINT}")

    def fingerprint(self) -> str:
        return corpus_fingerprint(self.documents)

    def base_manifest(self, format_version: int, n_chunks: int, **backend) -> dict:
        """The manifest both back ends write: settings, the back end's own keys, fingerprint and counts."""
        import time
        embedding = {"embedding": dict(self.embedder_info)} if self.embedder_info else {}
        return {"format": format_version, "embedder": {"name": self.embedder_name, "dim": self.dim}, **embedding,
                "chunking": self.chunking.as_dict(), "index_type": self.index_type, **backend,
                "corpus_fingerprint": self.fingerprint(), "n_documents": len(self.documents),
                "n_chunks": n_chunks, "created": self.created, "updated": time.time()}


def corpus_fingerprint(documents: Mapping[str, dict]) -> str:
    """sha256 over the sorted (id, text sha256) pairs of a store's documents: same documents, same print."""
    import hashlib
    h = hashlib.sha256()
    for doc_id in sorted(documents):
        h.update(f"{doc_id}\0{documents[doc_id]['sha256']}\n".encode())
    return h.hexdigest()


def check_vectors(vecs: np.ndarray, n: int, dim: int) -> None:
    if vecs.shape != (n, dim):
        raise IndexMismatchError(f"embedder returned shape {vecs.shape}, expected ({n}, {dim})")


@runtime_checkable
class Store(Protocol):
    """An index of chunks, their vectors, their documents and the settings that built them."""

    embedder_name: str
    dim: int
    chunking: ChunkingConfig
    #: True when the store runs dense + BM25 + fusion itself (``engine_search``).
    native_hybrid: bool

    def __len__(self) -> int: ...

    @property
    def documents(self) -> Mapping[str, dict]: ...

    @property
    def chunks(self) -> Sequence[Chunk]: ...

    def document(self, doc_id: str) -> Document: ...

    def manifest(self) -> dict: ...

    def check_compatible(self, embedder_name: str | None = None, dim: int | None = None,
                         chunking: ChunkingConfig | None = None, where: str = "") -> None: ...

    def dense_search(self, query_vec: np.ndarray, k: int) -> list[tuple[Chunk, float]]: ...

    def add_documents(self, docs: list[Document], encode: Encode, progress: bool = False) -> AddStats: ...

    def remove_documents(self, doc_ids: list[str]) -> int: ...

    def save(self, root=None, keep_old: int = 0): ...
