"""Where exported ONNX graphs are kept, how a graph file is written there, and how one is opened.

``$QA_CACHE_DIR/onnx`` (default ``~/.cache/qa/onnx``), shared by the readers'
runtime (``qa.reader.runtime``) and the embedder's (``qa.indexing.embedding``).
A graph is written to a temporary file and renamed into place, so a reader of
the cache never sees half a file; where the cache cannot be written (read-only
home, full disk) the caller runs from the bytes in memory. ``cpu_session`` opens a
graph (path or bytes) in ONNX Runtime on the CPU with the settings both use. Leaves out:
eviction of old graphs (each is keyed by a hash of its weights and versions).
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


def cpu_session(graph: bytes | str, threads: int | None = None):
    """An ONNX Runtime CPU session of ``graph``: ``threads`` intra-op threads (default torch's), all graph
    optimisations, and no busy-waiting after a run (torch work runs next on the same cores)."""
    import onnxruntime as ort
    import torch
    so = ort.SessionOptions()
    so.intra_op_num_threads = threads or torch.get_num_threads()
    so.inter_op_num_threads = 1
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    so.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(graph, so, providers=["CPUExecutionProvider"])
