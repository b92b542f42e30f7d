"""Where exported ONNX graphs are kept, and how a graph file is written there.

``$QA_CACHE_DIR/onnx`` (default ``~/.cache/qa/onnx``), shared by the readers'
runtime (``qa.reader.runtime``) and the embedder's (``qa.indexing.embedding``).
A graph is written to a temporary file and renamed into place, so a reader of
the cache never sees half a file; where the cache cannot be written (read-only
home, full disk) the caller runs from the bytes in memory. Leaves out: eviction
of old graphs (each is keyed by a hash of its weights and versions).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def cache_dir() -> Path:
    return Path(os.environ.get("QA_CACHE_DIR") or Path.home() / ".cache" / "qa") / "onnx"


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` through a temporary file; False (nothing left behind) when that fails."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
        return True
    except OSError:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return False
