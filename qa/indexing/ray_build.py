"""Index a large folder with Ray Data: files are read, chunked and embedded on Ray workers.

``build_index_ray`` is what ``qa index FOLDER --ray [ADDRESS]`` runs. The
file list becomes a Ray dataset; ``map_batches`` runs ``EmbedFiles`` actors
(one embedder per worker, one CPU each) that read each file, skip it when
its text is unchanged in the store, chunk it with the store's settings and
embed the chunks. The driver streams the results into the chosen store
(folder or Milvus URI) through the same ``add_documents`` as the
single-process indexer, so "embed only new or changed" and the mismatch
errors are the same. A file that cannot be read is reported in
``failures`` and does not stop the run. Without an address a local Ray with
``num_cpus`` CPUs (default 2) is started and shut down again.

Leaves out: resuming a stopped run, GPU workers, writing from the workers
(the driver writes; with a Milvus server the workers could insert directly).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np

from qa.errors import DocumentError
from qa.indexing.build import open_or_create, record_embedder
from qa.ingest.chunking import ChunkingConfig, chunk_text
from qa.ingest.documents import content_hash, doc_id_of, iter_files, load_document
from qa.stores.base import AddStats


def _ray():
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as e:
        raise ImportError("Indexing with Ray needs Ray Data: pip install 'qa[ray]'") from e
    return ray


class EmbedFiles:
    """A Ray actor: read, chunk and embed a batch of files (one embedder per actor)."""

    def __init__(self, model_path: str, name: str, chunking: dict, existing: dict[str, str],
                 max_seq_length: int | None = None, runtime: str | None = None) -> None:
        import torch

        from qa.indexing.embedding import Embedder
        torch.set_num_threads(1)
        self.embedder = Embedder(model_path, name=name, runtime=runtime)  # the driver's path: same vector family
        if max_seq_length:
            self.embedder.model.max_seq_length = max_seq_length
        self.chunking = ChunkingConfig(**chunking)
        self.existing = existing

    def __call__(self, batch: dict) -> dict:
        out = {k: [] for k in ("doc_id", "path", "title", "text", "pages", "status", "vecs")}
        for path, doc_id in zip(batch["path"], batch["doc_id"]):
            status, vecs, doc = "ok", b"", None
            try:
                doc = load_document(path, doc_id)
                if not doc.text:
                    status = "empty"
                elif self.existing.get(doc_id) == content_hash(doc.text):
                    status = "unchanged"
                else:
                    chunks = chunk_text(doc.text, doc.id, self.chunking)
                    vecs = self.embedder.encode([c.text for c in chunks]).tobytes()
            except Exception as e:  # noqa: BLE001 - any failure of one file is reported, not fatal
                status = f"error: {type(e).__name__}: {e}"
            out["doc_id"].append(doc_id)
            out["path"].append(doc.path if doc else str(path))
            out["title"].append(doc.title if doc else "")
            out["text"].append(doc.text if doc else "")
            out["pages"].append(json.dumps(list(doc.pages)) if doc else "[]")
            out["status"].append(status)
            out["vecs"].append(vecs)
        return {k: np.array(v, dtype=object) for k, v in out.items()}


class EmbedTexts:
    """A Ray actor embedding a batch of texts (for throughput measurements)."""

    def __init__(self, model_path: str, name: str, max_seq_length: int | None = None) -> None:
        import torch

        from qa.indexing.embedding import Embedder
        torch.set_num_threads(1)
        self.embedder = Embedder(model_path, name=name)
        if max_seq_length:
            self.embedder.model.max_seq_length = max_seq_length

    def __call__(self, batch: dict) -> dict:
        t0 = time.perf_counter()
        vecs = self.embedder.encode(list(batch["text"]))
        secs = time.perf_counter() - t0
        return {"i": batch["i"], "vec": list(vecs), "secs": np.full(len(vecs), secs / max(1, len(vecs)))}


def _start(address: str | None, num_cpus: int):
    """ray, and whether this call started it (and so shuts it down)."""
    ray = _ray()
    if ray.is_initialized():
        return ray, False
    if address:
        ray.init(address=address, log_to_driver=False)
    else:
        ray.init(num_cpus=num_cpus, include_dashboard=False, log_to_driver=False)
    ray.data.DataContext.get_current().enable_progress_bars = False
    return ray, True


def _workers(ray, workers: int | None) -> int:
    return workers or max(1, int(ray.cluster_resources().get("CPU", 1)))


def embed_texts(texts: list[str], workers: int = 2, max_seq_length: int | None = None,
                address: str | None = None, num_cpus: int = 2, batch_size: int = 256):
    """(vectors in input order, seconds of embedding work / workers) over Ray actors."""
    from qa.indexing.embedding import Embedder
    probe = Embedder()
    ray, started = _start(address, num_cpus)
    try:
        ds = ray.data.from_items([{"i": i, "text": t} for i, t in enumerate(texts)])
        ds = ds.map_batches(EmbedTexts, fn_constructor_kwargs={"model_path": str(probe.path), "name": probe.name,
                                                              "max_seq_length": max_seq_length},
                            batch_size=batch_size, compute=ray.data.ActorPoolStrategy(size=workers), num_cpus=1)
        vecs = np.zeros((len(texts), probe.dim), dtype=np.float32)
        work = 0.0
        for batch in ds.iter_batches(batch_size=batch_size, batch_format="numpy"):
            vecs[batch["i"]] = np.stack(batch["vec"])
            work += float(np.sum(batch["secs"]))
        return vecs, work / workers
    finally:
        if started:
            ray.shutdown()


def build_index_ray(path: str | Path, out: str | Path = "index", address: str | None = None, embedder=None,
                    chunking: ChunkingConfig | None = None, index_type: str | None = None, rebuild: bool = False,
                    progress: bool = False, num_cpus: int = 2, workers: int | None = None,
                    files_per_batch: int = 4, write_every: int = 256):
    """Index every supported file under ``path`` into ``out`` with Ray; (store, stats, seconds, failures).

    ``failures`` lists (path, error) of files that could not be read or embedded.
    """
    t0 = time.perf_counter()
    if embedder is None:
        from qa.indexing.embedding import Embedder
        embedder = Embedder()
    root = Path(path)
    files = iter_files(root)
    if not files:
        raise DocumentError(f"no supported files under {root}")
    items = [{"path": str(f), "doc_id": doc_id_of(root, f)} for f in files]
    store = open_or_create(out, embedder, chunking, index_type, rebuild)
    record_embedder(store, embedder)
    existing = {i: d["sha256"] for i, d in store.documents.items()}
    ray, started = _start(address, num_cpus)
    stats, failures = AddStats(), []
    changed = False
    try:
        ds = ray.data.from_items(items, override_num_blocks=max(1, min(len(items), 64)))
        ds = ds.map_batches(EmbedFiles, batch_size=files_per_batch, num_cpus=1,
                            compute=ray.data.ActorPoolStrategy(size=_workers(ray, workers)),
                            fn_constructor_kwargs={"model_path": str(embedder.path), "name": embedder.name,
                                                   "runtime": getattr(embedder, "runtime", None),
                                                   "chunking": store.chunking.as_dict(), "existing": existing,
                                                   "max_seq_length": None})
        bar = None
        if progress:
            from tqdm import tqdm
            bar = tqdm(total=len(items), unit="file", desc="ray index")
        pending: list[tuple] = []

        def flush() -> None:
            nonlocal changed
            if not pending:
                return
            docs = [d for d, _ in pending]
            vecs = np.vstack([v for _, v in pending]) if pending else np.zeros((0, store.dim), np.float32)
            expected = [c.text for d in docs for c in chunk_text(d.text, d.id, store.chunking)]

            def encode(texts, _progress):
                if list(texts) != expected:  # the store chose other chunks than the workers embedded
                    raise RuntimeError("chunks embedded on Ray workers differ from the store's chunks")
                return vecs
            s = store.add_documents(docs, encode)
            stats.added += s.added
            stats.updated += s.updated
            stats.unchanged += s.unchanged
            stats.chunks_embedded += s.chunks_embedded
            changed = changed or bool(s.added or s.updated)
            pending.clear()

        from qa.types import Document
        for row in ds.iter_rows():
            status = row["status"]
            if status == "ok":
                doc = Document(id=row["doc_id"], text=row["text"], path=row["path"], title=row["title"],
                               pages=tuple(json.loads(row["pages"])))
                vecs = np.frombuffer(row["vecs"], dtype=np.float32).reshape(-1, store.dim)
                pending.append((doc, vecs))
                if len(pending) >= write_every:
                    flush()
            elif status == "unchanged":
                stats.unchanged += 1
            elif status.startswith("error"):
                failures.append((row["path"], status[len("error: "):]))
            if bar is not None:
                bar.update(1)
        flush()
        if bar is not None:
            bar.close()
    finally:
        if started:
            ray.shutdown()
    from qa.stores import store_exists
    if changed or not store_exists(out):
        store.save(out)
    return store, stats, time.perf_counter() - t0, failures
