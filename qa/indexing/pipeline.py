"""Read and chunk files in worker processes while this process embeds: the pipeline behind ``build_index``.

``read_and_embed`` hands each file to a ``concurrent.futures.ProcessPoolExecutor`` (``workers``
processes; 0 reads them here, one after the other) that reads it (``qa.ingest.documents.read_one``:
the same cleaning and the same skip reasons as ``scan_folder``), and, unless the store already holds
the same text, chunks it with the store's settings. This process takes the results as they come,
collects chunk texts into windows of ``WINDOW`` and embeds each window (sorted by length inside
``Embedder.encode``) while the workers read on. A file that cannot be read is returned as a
``SkippedFile`` with its reason; a worker that dies (a crashing PDF library, the kernel's OOM killer)
makes the pool restart with one worker, and the file it died on is skipped with that reason.

The progress bar (``tqdm``) counts chunks: the total is the chunks of the files read so far plus an
estimate for the rest (chunks per byte so far times the bytes still to read), so its rate is
chunks/s and its time left firms up as the files are read.

Worker processes start with ``forkserver`` where there is one (Linux), else ``spawn``: never a
plain fork of this process, which holds the embedder's thread pools.

Leaves out: reading in threads (the extractors hold the GIL), per-file timeouts.
"""

from __future__ import annotations

import inspect
import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Iterator

import numpy as np

from qa.ingest.chunking import ChunkingConfig, chunk_text
from qa.ingest.documents import MAX_FILE_BYTES, SkippedFile, content_hash, doc_id_of, read_one
from qa.types import Document

log = logging.getLogger(__name__)
PARALLEL_MIN_FILES = 16  # fewer files are read here: starting workers costs more than it saves
MAX_WORKERS = 4
WINDOW = 512  # chunk texts embedded together (sorted by length inside)

Job = tuple[str, str, "str | None", ChunkingConfig, int]


def worker_count(workers: int | None, n_files: int) -> int:
    """How many reading processes for ``n_files`` files (``workers`` or ``QA_INDEX_WORKERS``; 0 = none)."""
    if workers is None:
        env = os.environ.get("QA_INDEX_WORKERS", "").strip()
        if env:
            try:
                workers = int(env)
            except ValueError:
                raise ValueError(f"QA_INDEX_WORKERS must be a whole number of processes, got {env!r}") from None
        elif n_files < PARALLEL_MIN_FILES:
            workers = 0
        else:
            workers = max(1, min(MAX_WORKERS, (os.cpu_count() or 2) // 2))
    if workers < 0:
        raise ValueError(f"workers must be 0 or more, got {workers}")
    return min(workers, n_files)


def read_and_chunk(path: str, doc_id: str, old_sha: str | None, chunking: ChunkingConfig,
                   max_bytes: int = MAX_FILE_BYTES) -> tuple[Document | SkippedFile, list[str] | None]:
    """One file read and, unless its text is ``old_sha``'s, chunked: (document or skip reason, chunk texts)."""
    got = read_one(Path(path), doc_id, max_bytes)
    if isinstance(got, SkippedFile) or content_hash(got.text) == old_sha:
        return got, None
    return got, [c.text for c in chunk_text(got.text, got.id, chunking)]


def _context():
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload([__name__])  # the extractors are imported once, in the server
        return ctx
    return multiprocessing.get_context("spawn")


def _serial(jobs: list[tuple[int, Job]]) -> Iterator[tuple[int, Document | SkippedFile, list[str] | None]]:
    for i, job in jobs:
        yield (i, *read_and_chunk(*job))


def _parallel(jobs: list[tuple[int, Job]], workers: int, read=None
              ) -> Iterator[tuple[int, Document | SkippedFile, list[str] | None]]:
    """Results of ``read`` (``read_and_chunk``) as the workers finish them; a dead worker restarts the
    pool with one worker, whose next death names its file exactly (the first unfinished in order)."""
    read = read or read_and_chunk
    todo = dict(jobs)
    while todo:
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context())
        # every file is handed over at once: the workers read on while this process embeds (their
        # results wait here, as the documents would anyway), in order, so one worker's death names its file
        running = {pool.submit(read, *todo[i]): i for i in todo}
        broke = False
        try:
            for fut in as_completed(running):
                try:
                    got, texts = fut.result()
                except BrokenProcessPool:
                    broke = True
                    break
                i = running[fut]
                del todo[i]
                yield i, got, texts
        finally:
            pool.shutdown(wait=not broke, cancel_futures=True)
        if broke:
            for fut, i in running.items():  # what was read before the death still counts
                if i in todo and fut.done() and not fut.cancelled() and fut.exception() is None:
                    del todo[i]
                    yield (i, *fut.result())
            if workers == 1 and todo:
                first = min(todo)
                path, doc_id = todo.pop(first)[:2]
                log.warning("the file reader process died on %s", path)
                yield first, SkippedFile(doc_id, "the reading process died on this file (crash or out of "
                                                 "memory)"), None
            workers = 1


def _sizes(files: list[Path]) -> list[int]:
    out = []
    for f in files:
        try:
            out.append(f.stat().st_size)
        except OSError:
            out.append(0)
    return out


def read_and_embed(root: Path, files: list[Path], store, embedder, workers: int | None = None,
                   progress: bool = False
                   ) -> tuple[list[Document], dict[str, tuple[list[str], np.ndarray]], list[SkippedFile]]:
    """Read every file (in workers), embed the chunks of the documents ``store`` lacks or holds other
    text of; (documents in file order, (chunk texts, vectors) by document id, skipped files in file order)."""
    existing = {i: d["sha256"] for i, d in store.documents.items()}
    jobs: list[tuple[int, Job]] = []
    for i, f in enumerate(files):
        doc_id = doc_id_of(root, f)
        jobs.append((i, (str(f), doc_id, existing.get(doc_id), store.chunking, MAX_FILE_BYTES)))
    n_workers = worker_count(workers, len(files))
    results = _parallel(jobs, n_workers) if n_workers else _serial(jobs)
    sizes = _sizes(files)
    total_bytes, bytes_read, chunks_known, files_read = sum(sizes), 0, 0, 0
    bar = None
    if progress:
        from tqdm import tqdm
        bar = tqdm(total=0, unit="chunk", desc="indexing", dynamic_ncols=True, smoothing=0.1)

    takes_on_batch = "on_batch" in inspect.signature(embedder.encode).parameters
    got_by_index: dict[int, Document | SkippedFile] = {}
    vectors: dict[str, tuple[list[str], np.ndarray]] = {}
    pending: list[str] = []
    owners: list[tuple[str, int]] = []

    def flush() -> None:
        if not pending:
            return
        if bar is not None and takes_on_batch:
            vecs = embedder.encode(pending, on_batch=bar.update)
        else:
            vecs = embedder.encode(pending)
            if bar is not None:
                bar.update(len(pending))
        at = 0
        for doc_id, n in owners:
            vectors[doc_id] = (pending[at:at + n], vecs[at:at + n])
            at += n
        pending.clear()
        owners.clear()

    try:
        for i, got, texts in results:
            got_by_index[i] = got
            files_read += 1
            bytes_read += sizes[i]
            if texts is not None:
                if texts:
                    pending.extend(texts)
                    owners.append((got.id, len(texts)))
                else:
                    vectors[got.id] = ([], np.zeros((0, embedder.dim), dtype=np.float32))
                chunks_known += len(texts)
            if bar is not None:
                rest = (total_bytes - bytes_read) * chunks_known / bytes_read if bytes_read else 0
                bar.total = int(round(chunks_known + rest))
                bar.set_postfix_str(f"files {files_read}/{len(files)}", refresh=False)
                bar.refresh()
            if len(pending) >= WINDOW:
                flush()
        flush()
    finally:
        results.close()  # stops the workers at once when embedding failed or was interrupted
        if bar is not None:
            bar.close()
    ordered = [got_by_index[i] for i in sorted(got_by_index)]
    docs = [g for g in ordered if isinstance(g, Document)]
    skipped = [g for g in ordered if isinstance(g, SkippedFile)]
    return docs, vectors, skipped


class Precomputed:
    """Hands ``add_documents`` the vectors ``read_and_embed`` made, when it asks for exactly those chunk
    texts (the documents it embeds, in order); anything else is embedded afresh."""

    def __init__(self, embedder, docs: list[Document], vectors: dict[str, tuple[list[str], np.ndarray]]) -> None:
        self.embedder = embedder
        self.name, self.dim = embedder.name, embedder.dim
        self.docs, self.vectors = docs, vectors

    def manifest_info(self) -> dict:
        info = getattr(self.embedder, "manifest_info", None)
        return info() if info else {}

    def encode(self, texts: list[str], progress: bool = False) -> np.ndarray:
        fresh = [self.vectors[d.id] for d in self.docs if d.id in self.vectors]
        if [t for chunk_texts, _ in fresh for t in chunk_texts] == list(texts):
            return np.vstack([v for _, v in fresh]) if fresh else np.zeros((0, self.dim), np.float32)
        log.warning("the store asked for other chunks than were embedded while reading; embedding them again")
        return self.embedder.encode(texts, progress=progress)
