"""One writer at a time per index folder, across processes.

``write_lock(index_dir)`` takes an exclusive lock on ``<index_dir>/.write.lock``
with the ``filelock`` package (``flock`` on POSIX, so the lock dies with its
process: a ``kill -9`` never leaves a stale lock). Writers (``qa index``,
``Answerer.add_documents``) hold it while they read the live version, add to
it and save the next one; readers never take it: they load whatever
``CURRENT`` names, which is always a complete version. A writer that waits
longer than ``timeout`` seconds gets ``IndexLockedError``.

Leaves out: locks on network file systems without ``flock``, reader locks.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from qa.errors import IndexLockedError

LOCK_NAME = ".write.lock"


def default_timeout() -> float:
    """Seconds a writer waits for the lock: ``QA_LOCK_TIMEOUT`` or 10."""
    raw = os.environ.get("QA_LOCK_TIMEOUT", "10")
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"QA_LOCK_TIMEOUT must be a number of seconds, got {raw!r}") from None
    if value < 0:
        raise ValueError(f"QA_LOCK_TIMEOUT must be >= 0, got {raw!r}")
    return value


@contextmanager
def write_lock(index_dir: str | Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the write lock of ``index_dir`` (created if missing) for the ``with`` block."""
    from filelock import FileLock, Timeout
    root = Path(index_dir)
    root.mkdir(parents=True, exist_ok=True)
    wait = default_timeout() if timeout is None else timeout
    lock = FileLock(str(root / LOCK_NAME), timeout=wait, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        raise IndexLockedError(f"index {root} is being written by another process (waited {wait:g} s); "
                               f"try again when it has finished") from None
    try:
        yield
    finally:
        lock.release()
