"""Compatibility alias: the embedded FAISS store now lives in ``qa.stores.faiss_store``.

Everything that was importable from ``qa.store`` still is (``IndexStore``,
``build_faiss``, ``index_exists``, ``AddStats``...). New code should use
``qa.stores`` (``open_store`` picks the back end from a location).
"""

from .stores.base import AddStats  # noqa: F401
from .stores.faiss_store import (  # noqa: F401
    AUTO_HNSW_MIN,
    DATA_FILES,
    FORMAT_VERSION,
    INDEX_TYPES,
    IndexStore,
    build_faiss,
    current_version,
    faiss_kind,
    index_exists,
    resolve_index_type,
)
