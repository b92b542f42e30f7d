"""Serving many questions at once: micro-batched network passes and admission control.

**One inference lane.** Every network forward pass of a server (query
embeddings, the fast reader, the accurate reader) runs on one thread, the
``InferenceLane``: request threads tokenise, decode and score in parallel, and
hand their network inputs to the lane and wait. The lane takes the waiting
work of the network whose oldest question came first, joins it into one
batch (windows padded to the widest, up to ``max_batch`` windows or
queries), runs it once and hands each request its own rows of the logits. A
question alone takes the lane at once with its own inputs, so its logits
(and answer) are those of the unbatched reader; while other questions are in
flight the lane waits up to ``QA_BATCH_WAIT_MS`` (default 10 ms) for their
work to arrive. Work is taken oldest question first, so questions finish
in about the order they came. One thread means the cores are never split
between competing forward passes (concurrent PyTorch calls each start their
own OpenMP threads), and a batch costs less per window than single passes:
with 50 users on 2 cores, batching alone (no bounds) answered 1.4 times as
many questions per second as the old one-question-at-a-time lock.

**Admission.** ``Admission`` counts the questions in flight in a server.
A question that arrives when ``QA_DEGRADE_AT`` (default 6) or more are in
flight is read by the fast reader alone (the cascade holds it; the reply says
"answered by the fast reader: the server is busy"); one that arrives when
``QA_REJECT_AT`` (default 16) or more are in flight gets ``BUSY_REPLY`` at
once instead of waiting. ``QA_BATCH=0`` turns the lane off (each request
runs its network passes itself, as before).

Leaves out: batching across processes, GPU streams, adaptive bounds.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections import Counter
from dataclasses import dataclass

import numpy as np

BUSY_REPLY = "⏳ The server is busy: try again in a few seconds."
DEGRADED_NOTE = "*Answered by the fast reader: the server is busy.*"
DEGRADE_AT = 6
REJECT_AT = 16
BATCH_WAIT_MS = 10.0
READER_BATCH = {"accurate": 4}  # windows per pass; other readers READER_BATCH_DEFAULT
READER_BATCH_DEFAULT = 16
QUERY_BATCH = 64


def _env_int(name: str, default: int, low: int = 0) -> int:
    raw = os.environ.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{name} must be an integer, got {raw!r}") from None
    if value < low:
        raise ValueError(f"{name} must be >= {low}, got {value}")
    return value


# ---- the lane ------------------------------------------------------------------
class _Item:
    __slots__ = ("model", "payload", "size", "priority", "done", "result", "error")

    def __init__(self, model, payload, priority: float) -> None:
        self.model, self.payload, self.priority = model, payload, priority
        self.size = model.size(payload)
        self.done = threading.Event()
        self.result = self.error = None


class InferenceLane:
    """One thread that runs submitted network work in batches (module doc)."""

    def __init__(self, wait_ms: float = BATCH_WAIT_MS) -> None:
        self.wait_s = max(0.0, wait_ms) / 1000
        self._cond = threading.Condition()
        self._pending: list[_Item] = []
        self._thread: threading.Thread | None = None
        self._active = 0  # questions in flight (``question()``) that may still hand work in
        self._local = threading.local()
        self.stats: Counter = Counter()  # per model name: passes, items, rows

    @contextlib.contextmanager
    def question(self, started: float | None = None):
        """Marks the calling thread as answering one question (its work is ordered by ``started``)."""
        self._local.priority = time.monotonic() if started is None else started
        with self._cond:
            self._active += 1
        try:
            yield
        finally:
            self._local.priority = None
            with self._cond:
                self._active -= 1
                self._cond.notify_all()

    def submit(self, model, payload):
        """Run ``model`` on ``payload`` in the lane (batched with other requests) and return its result."""
        priority = getattr(self._local, "priority", None)
        item = _Item(model, payload, time.monotonic() if priority is None else priority)
        with self._cond:
            self._pending.append(item)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="qa-inference-lane", daemon=True)
                self._thread.start()
            self._cond.notify_all()
        item.done.wait()
        if item.error is not None:
            raise item.error
        return item.result

    def _take(self) -> list[_Item]:
        """The next batch: the waiting work of the model whose oldest question came first."""
        with self._cond:
            while not self._pending:
                self._cond.wait()
            model = min(self._pending, key=lambda i: i.priority).model
            deadline = time.monotonic() + self.wait_s
            while True:
                mine = [i for i in self._pending if i.model is model]
                if (sum(i.size for i in mine) >= model.max_batch or len(self._pending) >= self._active
                        or time.monotonic() >= deadline):
                    break  # full, or no question left that could add work, or waited long enough
                self._cond.wait(deadline - time.monotonic())
            mine.sort(key=lambda i: i.priority)
            batch, size = [], 0
            for i in mine:
                if batch and size + i.size > model.max_batch:
                    break
                batch.append(i)
                size += i.size
            taken = {id(i) for i in batch}
            self._pending = [i for i in self._pending if id(i) not in taken]
            return batch

    def _run(self) -> None:
        while True:
            batch = self._take()
            model = batch[0].model
            t0 = time.perf_counter()
            try:
                results = model.run([i.payload for i in batch])
                if len(results) != len(batch):
                    raise RuntimeError(f"{model.name} returned {len(results)} results for {len(batch)} requests")
            except BaseException as e:  # noqa: BLE001 - handed to every waiting request
                for i in batch:
                    i.error = e
                    i.done.set()
                continue
            self.stats[(model.name, "seconds")] += time.perf_counter() - t0
            self.stats[(model.name, "passes")] += 1
            self.stats[(model.name, "requests")] += len(batch)
            self.stats[(model.name, "rows")] += sum(i.size for i in batch)
            for i, r in zip(batch, results):
                i.result = r
                i.done.set()


_LANE: InferenceLane | None = None
_LANE_LOCK = threading.Lock()


def shared_lane() -> InferenceLane:
    """The process's one lane (one set of cores, one lane)."""
    global _LANE
    with _LANE_LOCK:
        if _LANE is None:
            _LANE = InferenceLane(float(os.environ.get("QA_BATCH_WAIT_MS", BATCH_WAIT_MS)))
        return _LANE


# ---- what runs in the lane -------------------------------------------------------
class ReaderPass:
    """A reader network in the lane: input dicts of windows joined (padded to the widest) into one pass."""

    def __init__(self, runner, pad_id: int, name: str, max_batch: int) -> None:
        self.runner, self.pad_id, self.name, self.max_batch = runner, int(pad_id), name, max_batch

    @staticmethod
    def size(inputs) -> int:
        return int(inputs["input_ids"].shape[0])

    def run(self, payloads: list[dict]) -> list[tuple[np.ndarray, np.ndarray]]:
        if len(payloads) == 1:  # alone: exactly the unbatched call
            return [self.runner(payloads[0])]
        width = max(p["input_ids"].shape[1] for p in payloads)
        feed = {}
        for key in payloads[0]:
            fill = self.pad_id if key == "input_ids" else 0
            feed[key] = np.ascontiguousarray(np.concatenate(
                [np.pad(p[key], ((0, 0), (0, width - p[key].shape[1])), constant_values=fill) for p in payloads]))
        start, end = self.runner(feed)
        out, row = [], 0
        for p in payloads:
            n, w = p["input_ids"].shape
            out.append((start[row:row + n, :w], end[row:row + n, :w]))
            row += n
        return out


class BatchedRunner:
    """Stands in for a ``Reader.model``: the same call, answered by the lane."""

    def __init__(self, lane: InferenceLane, inner, work: ReaderPass) -> None:
        self.lane, self.inner, self.work = lane, inner, work
        self.name = getattr(inner, "name", "runner")

    def __call__(self, inputs):
        return self.lane.submit(self.work, inputs)


class QueryPass:
    """The embedder's query encoding in the lane: questions embedded together."""

    def __init__(self, embedder, max_batch: int = QUERY_BATCH) -> None:
        self.embedder, self.name, self.max_batch = embedder, "embedder", max_batch

    @staticmethod
    def size(text) -> int:
        return 1

    def run(self, texts: list[str]) -> list[np.ndarray]:
        return list(self.embedder.encode(list(texts)))


class BatchedEmbedder:
    """The embedder with ``encode_query`` answered by the lane; bulk ``encode`` (indexing) runs directly."""

    def __init__(self, lane: InferenceLane, inner) -> None:
        self.lane, self.inner, self.work = lane, inner, QueryPass(inner)
        self.name, self.dim = inner.name, inner.dim

    def encode(self, texts, progress: bool = False):
        return self.inner.encode(texts, progress=progress)

    def encode_query(self, text: str):
        return self.lane.submit(self.work, text)

    def __getattr__(self, name):  # model, path, batch_size...
        return getattr(self.inner, name)


def batch_reader(reader, lane: InferenceLane | None = None):
    """Route ``reader``'s network passes (both stages of a cascade) through ``lane``; idempotent."""
    lane = lane or shared_lane()
    stages = (reader.first, reader.second) if hasattr(reader, "second") else (reader,)
    for r in stages:
        if not hasattr(r, "model") or (isinstance(r.model, BatchedRunner) and r.model.lane is lane):
            continue
        if isinstance(r.model, BatchedRunner):  # another lane's: route it through this one instead
            r.model = r.model.inner
        name = getattr(r, "name", "reader")
        pad = getattr(getattr(r, "tokenizer", None), "pad_token_id", None) or 0
        r.model = BatchedRunner(lane, r.model, ReaderPass(r.model, pad, name,
                                                          READER_BATCH.get(name, READER_BATCH_DEFAULT)))
    return reader


def unbatch_reader(reader):
    """Undo ``batch_reader``: the reader runs its own network passes again."""
    for r in (getattr(reader, "first", None), getattr(reader, "second", None), reader):
        if r is not None and isinstance(getattr(r, "model", None), BatchedRunner):
            r.model = r.model.inner
    return reader


def batch_answerer(answerer, lane: InferenceLane | None = None):
    """Route an answerer's query embeddings and reader passes through ``lane``; idempotent."""
    lane = lane or shared_lane()
    batch_reader(answerer.reader, lane)
    if not (isinstance(answerer.embedder, BatchedEmbedder) and answerer.embedder.lane is lane):
        inner = answerer.embedder.inner if isinstance(answerer.embedder, BatchedEmbedder) else answerer.embedder
        answerer.embedder = BatchedEmbedder(lane, inner)
    answerer.retriever.embedder = answerer.embedder
    return answerer


# ---- admission -------------------------------------------------------------------
@dataclass(frozen=True)
class Ticket:
    """How one question is served: ``mode`` is "full", "degraded" (fast reader) or "rejected"."""

    mode: str
    in_flight: int  # questions in flight when it arrived (itself not counted)


class Admission:
    """Counts the questions in flight; degrades and rejects past the bounds (module doc)."""

    def __init__(self, degrade_at: int | None = None, reject_at: int | None = None,
                 lane: InferenceLane | None = None) -> None:
        self.degrade_at = _env_int("QA_DEGRADE_AT", DEGRADE_AT) if degrade_at is None else degrade_at
        self.reject_at = _env_int("QA_REJECT_AT", REJECT_AT) if reject_at is None else reject_at
        if self.degrade_at < 0 or self.reject_at < 0:
            raise ValueError(f"bounds must be >= 0, got degrade_at={self.degrade_at}, reject_at={self.reject_at}")
        self.lane = lane
        self._lock = threading.Lock()
        self.in_flight = 0
        self.counts: Counter = Counter()

    @classmethod
    def from_env(cls) -> "Admission":
        """Bounds from ``QA_DEGRADE_AT``/``QA_REJECT_AT``; the shared lane unless ``QA_BATCH=0``."""
        return cls(lane=shared_lane() if os.environ.get("QA_BATCH", "1") != "0" else None)

    @property
    def concurrency(self) -> int:
        """How many question events the web server should run at once: enough that every question
        reaches ``enter`` (and is rejected there at once) instead of waiting in the web framework's queue."""
        return max(64, 4 * self.reject_at)

    @contextlib.contextmanager
    def enter(self, can_degrade: bool = True):
        """A ``Ticket`` for one question; the question counts as in flight until the block ends."""
        started = time.monotonic()
        with self._lock:
            n = self.in_flight
            if n >= self.reject_at:
                self.counts["rejected"] += 1
                mode = "rejected"
            else:
                mode = "degraded" if can_degrade and n >= self.degrade_at else "full"
                self.counts[mode] += 1
                self.in_flight += 1
        if mode == "rejected":
            yield Ticket(mode, n)
            return
        try:
            with self.lane.question(started) if self.lane is not None else contextlib.nullcontext():
                yield Ticket(mode, n)
        finally:
            with self._lock:
                self.in_flight -= 1
