"""Stage 3, stores: where vectors, chunks and documents live, and how a location names one.

A location is either a folder (the embedded FAISS store, the default) or a
Milvus URI:

* ``milvus-lite:///abs/path/qa.db?collection=NAME`` or
  ``milvus-lite://relative/qa.db`` — an embedded Milvus Lite database file
  (needs ``pip install 'qa[milvus]'``; one process at a time);
* ``milvus://HOST:PORT/COLLECTION`` (``milvus+https://`` for TLS) — a Milvus
  standalone or cluster server shared by several app servers; a token, if the
  server wants one, comes from ``QA_MILVUS_TOKEN``.

The collection defaults to ``qa``. ``open_store`` opens an existing store,
``create_store`` makes a new empty one (dropping what was there), and
``store_exists`` tells whether a location holds one.

Leaves out: other engines, credentials in URIs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from qa.ingest.chunking import ChunkingConfig
from qa.stores.base import AddStats, Store  # noqa: F401

SCHEMES = ("milvus-lite", "milvus", "milvus+https")
DEFAULT_COLLECTION = "qa"


@dataclass(frozen=True)
class StoreLocation:
    backend: str  # "faiss" or "milvus"
    uri: str  # folder for faiss; client URI for milvus (file path or http(s)://host:port)
    collection: str = ""

    def __str__(self) -> str:
        return self.uri if self.backend == "faiss" else f"{self.uri} (collection {self.collection})"


def is_store_uri(location) -> bool:
    return isinstance(location, str) and "://" in location


def parse_location(location) -> StoreLocation:
    """A folder or a Milvus URI (see the module doc) as a ``StoreLocation``."""
    if not is_store_uri(location):
        return StoreLocation("faiss", str(Path(location)))
    scheme, rest = location.split("://", 1)
    if scheme not in SCHEMES:
        raise ValueError(f"store URI scheme must be one of {SCHEMES} (or a plain folder), got {scheme!r} in {location!r}")
    if scheme == "milvus-lite":
        path, _, query = rest.partition("?")
        collection = parse_qs(query).get("collection", [DEFAULT_COLLECTION])[0]
        if not path or not path.endswith(".db"):
            raise ValueError(f"a Milvus Lite URI names a .db file, e.g. milvus-lite:///data/qa.db, got {location!r}")
        return StoreLocation("milvus", path, _check_collection(collection, location))
    parts = urlsplit(location)
    if not parts.hostname:
        raise ValueError(f"a Milvus URI names a server, e.g. milvus://localhost:19530/qa, got {location!r}")
    http = "https" if scheme == "milvus+https" else "http"
    collection = parts.path.strip("/") or DEFAULT_COLLECTION
    return StoreLocation("milvus", f"{http}://{parts.hostname}:{parts.port or 19530}",
                         _check_collection(collection, location))


def _check_collection(name: str, location: str) -> str:
    if not name.replace("_", "a").isalnum() or name[0].isdigit():
        raise ValueError(f"collection name must be letters, digits and '_' (not first a digit), "
                         f"got {name!r} in {location!r}")
    return name


def store_exists(location) -> bool:
    loc = parse_location(location)
    if loc.backend == "faiss":
        from qa.stores.faiss_store import index_exists
        return index_exists(loc.uri)
    from qa.stores.milvus_store import MilvusStore
    return MilvusStore.exists(loc.uri, loc.collection)


def open_store(location):
    """The store at ``location``; ``IndexNotFoundError`` if there is none."""
    loc = parse_location(location)
    if loc.backend == "faiss":
        from qa.stores.faiss_store import IndexStore
        return IndexStore.load(loc.uri)
    from qa.stores.milvus_store import MilvusStore
    return MilvusStore.open(loc.uri, loc.collection)


def create_store(location, embedder_name: str, dim: int, chunking: ChunkingConfig | None = None,
                 index_type: str = "auto"):
    """A new empty store for ``location`` (a FAISS store is written on its first ``save``)."""
    loc = parse_location(location)
    chunking = chunking or ChunkingConfig()
    if loc.backend == "faiss":
        from qa.stores.faiss_store import IndexStore
        return IndexStore(embedder_name, dim, chunking, index_type)
    from qa.stores.milvus_store import MilvusStore
    return MilvusStore.create(loc.uri, loc.collection, embedder_name, dim, chunking, index_type)
