"""Background indexing jobs: one at a time per index, with a progress line to show.

``IndexingJobs.start(name, work)`` runs ``work(report)`` in a daemon thread;
``work`` calls ``report("...")`` as it goes and returns the final summary.
``status(name)`` is a ``JobStatus`` (state, last message, seconds) that a
page or API polls. A second job for an index that is still running is
refused with ``JobBusyError``; jobs for different indexes run side by side.

Leaves out: queues of jobs, cancelling, surviving a server restart.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, replace
from typing import Callable

from qa.errors import QAError

STATES = ("idle", "running", "done", "failed")


class JobBusyError(QAError):
    """An indexing job for this index is still running."""


@dataclass(frozen=True)
class JobStatus:
    name: str
    state: str = "idle"
    message: str = ""
    started: float = 0.0
    finished: float = 0.0

    @property
    def running(self) -> bool:
        return self.state == "running"

    @property
    def seconds(self) -> float:
        end = self.finished if self.finished else time.time()
        return max(0.0, end - self.started) if self.started else 0.0


class IndexingJobs:
    def __init__(self, public_message: Callable[[BaseException], str] = str) -> None:
        """``public_message`` turns an exception of a failed job into the text shown to users."""
        self._status: dict[str, JobStatus] = {}
        self._threads: dict[str, threading.Thread] = {}
        self._lock = threading.Lock()
        self._public = public_message

    def status(self, name: str) -> JobStatus:
        with self._lock:
            return self._status.get(name, JobStatus(name))

    def _set(self, name: str, **changes) -> None:
        with self._lock:
            self._status[name] = replace(self._status.get(name, JobStatus(name)), **changes)

    def start(self, name: str, work: Callable[[Callable[[str], None]], str]) -> JobStatus:
        with self._lock:
            if self._status.get(name, JobStatus(name)).running:
                raise JobBusyError(f"files for index {name!r} are still being indexed; "
                                   f"wait until that has finished")
            self._status[name] = JobStatus(name, "running", "starting", time.time())
            thread = threading.Thread(target=self._run, args=(name, work), name=f"index-{name}", daemon=True)
            self._threads[name] = thread
        thread.start()
        return self.status(name)

    def _run(self, name: str, work) -> None:
        try:
            summary = work(lambda message: self._set(name, message=str(message)))
        except (QAError, ValueError, OSError) as e:
            self._set(name, state="failed", message=self._public(e), finished=time.time())
        except Exception as e:  # a bug: keep the server up, log the trace here, show no trace to users
            logging.getLogger(__name__).exception("indexing job for %r failed", name)
            self._set(name, state="failed", message=f"indexing failed: {type(e).__name__}", finished=time.time())
        else:
            self._set(name, state="done", message=summary, finished=time.time())

    def wait(self, name: str, timeout: float | None = None) -> JobStatus:
        """Block until the job of ``name`` has ended (or ``timeout``); its status."""
        with self._lock:
            thread = self._threads.get(name)
        if thread is not None:
            thread.join(timeout)
        return self.status(name)
