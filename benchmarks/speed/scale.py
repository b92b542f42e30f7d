"""Vector indexes side by side at N real-text chunks: FAISS flat / HNSW / IVF / IVF-PQ and Milvus Lite.

Corpus: every sentence of the SQuAD v1.1 train+dev paragraphs, 5,000 whole
paragraphs (seeded sample), the SQuAD train questions and the dev questions
not used as queries (203k deduplicated texts), shuffled with a fixed seed;
the first ``--n`` are indexed. All embedded with the packaged
all-MiniLM-L6-v2 (max 128 tokens) and cached in benchmarks/data/ in shards
of 10,000 (a stopped run resumes; a bigger ``--n`` reuses the shards).
Queries: 1,000 held-out SQuAD dev questions (seeded).

For each index: build time, memory (FAISS: serialised index size, which is
what it holds in RAM, the exact vectors included for ``ivfpq+refine``; Milvus
Lite runs in-process: growth of this process's RSS while building and
querying), disk, recall@10 against exact search, p50/p95 latency of one
query at a time. ``--ray`` instead times embedding of ``--ray-texts`` texts in
one process against a local Ray run (``qa.indexing.ray_build.embed_texts``).

Usage: python benchmarks/speed/scale.py --n 100000 [--threads N] [--embed-only]
       python benchmarks/speed/scale.py --ray --ray-texts 2000 --threads 2 --ray-workers 2
(get the data with scripts/get_squad.sh)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import time
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parents[1] / "data"
SHARD = 10_000


def corpus_and_queries(n_queries: int = 1000, seed: int = 0):
    from qa.ingest.chunking import split_sentences
    sentences, paragraphs, train_q, dev_q = [], [], [], []
    for name, bucket in (("train-v1.1.json", train_q), ("dev-v1.1.json", dev_q)):
        for art in json.loads((DATA / name).read_text())["data"]:
            for p in art["paragraphs"]:
                sentences += [p["context"][s:e] for s, e in split_sentences(p["context"])]
                paragraphs.append(p["context"])
                bucket += [qa["question"] for qa in p["qas"]]
    rng = random.Random(seed)
    rng.shuffle(dev_q)
    queries, rest = dev_q[:n_queries], dev_q[n_queries:]
    paragraphs = rng.sample(paragraphs, 5000)
    texts = list(dict.fromkeys(sentences + paragraphs + train_q + rest))  # dedupe, keep order
    random.Random(seed + 1).shuffle(texts)
    return texts, queries


def make_embedder():
    from qa.indexing.embedding import Embedder
    emb = Embedder(batch_size=128)
    emb.model.max_seq_length = 128
    return emb


def embed_shards(emb, texts: list[str], name: str, n: int) -> np.ndarray:
    """Vectors of texts[:n], from shards of SHARD texts cached under benchmarks/data/."""
    parts = []
    t0 = time.perf_counter()
    for i in range(0, n, SHARD):
        path = DATA / f"{name}-{len(texts)}-shard{i // SHARD:03d}.npy"
        if not path.exists():
            vecs = emb.encode(texts[i:i + SHARD])
            np.save(path.with_suffix(".tmp.npy"), vecs)
            os.replace(path.with_suffix(".tmp.npy"), path)
            print(f"  embedded {min(i + SHARD, len(texts))}/{n} ({time.perf_counter() - t0:.0f}s)", flush=True)
        parts.append(np.load(path))
    return np.vstack(parts)[:n]


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p / 100 * len(xs)))]


def rss_mb(pid: int | None = None) -> float:
    with open(f"/proc/{pid or 'self'}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def timed_queries(search, Q: np.ndarray) -> tuple[np.ndarray, list[float]]:
    found = np.full((len(Q), 10), -1, dtype=np.int64)
    lat = []
    for i in range(len(Q)):
        t = time.perf_counter()
        ids = search(Q[i])
        lat.append(1000 * (time.perf_counter() - t))
        found[i, :len(ids)] = ids[:10]
    return found, lat


def faiss_runs(X: np.ndarray, Q: np.ndarray, results: dict, only_flat: bool = False) -> np.ndarray:
    import faiss

    from qa.stores.faiss_store import build_faiss
    n, d = X.shape
    truth = None
    configs = [("flat", {}), ("hnsw", {"ef_search": 64}), ("hnsw", {"ef_search": 128}),
               ("hnsw-sq8", {"ef_search": 128}), ("ivf", {"nprobe": 16}), ("ivf", {"nprobe": 64}),
               ("ivfpq", {"nprobe": 32}), ("ivfpq", {"nprobe": 128}), ("ivfpq+refine", {"nprobe": 32, "k_factor": 4})]
    built: dict = {}
    nlist = max(16, int(4 * np.sqrt(n)))
    for kind, params in configs[:1] if only_flat else configs:
        t0 = time.perf_counter()
        if kind == "hnsw" and "hnsw" in built:  # same graph, other efSearch
            index = built["hnsw"]
            index.hnsw.efSearch = params["ef_search"]
        elif kind == "hnsw-sq8":  # HNSW over 8-bit scalar-quantised vectors: 1 byte per dimension
            index = faiss.IndexHNSWSQ(d, faiss.ScalarQuantizer.QT_8bit, 32, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = 80
            index.train(X[:min(n, 100_000)])
            index.add(X)
            index.hnsw.efSearch = params["ef_search"]
        elif kind.startswith("ivfpq"):
            if "ivfpq" not in built:  # IVF nlist=4*sqrt(n), PQ 48 sub-quantisers x 8 bits = 48 bytes/vector
                pq = faiss.IndexIVFPQ(faiss.IndexFlatIP(d), d, nlist, 48, 8, faiss.METRIC_INNER_PRODUCT)
                pq.train(X[:min(n, 100_000)])
                pq.add(X)
                built["ivfpq"] = pq
            index = built["ivfpq"]
            index.nprobe = params["nprobe"]
            if kind == "ivfpq+refine":  # re-rank k_factor*10 PQ hits with the exact vectors (kept in RAM)
                index = faiss.IndexRefineFlat(index, faiss.swig_ptr(X))
                index.k_factor = params["k_factor"]
        else:
            index = build_faiss(X, kind, **params)
            built[kind] = index
        build = time.perf_counter() - t0

        def search(q, index=index):
            return index.search(q[None, :], 10)[1][0]
        found, lat = timed_queries(search, Q)
        if kind == "flat":
            truth = found
        recall = float(np.mean([len(set(found[i]) & set(truth[i])) / 10 for i in range(len(Q))]))
        mb = faiss.serialize_index(index).nbytes / 1e6
        label = kind + ("" if not params else " " + ",".join(f"{k}={v}" for k, v in params.items()))
        results[label] = {"build_s": round(build, 1), "recall@10": round(recall, 4),
                          "latency_ms_p50": round(pct(lat, 50), 3), "latency_ms_p95": round(pct(lat, 95), 3),
                          "mean_ms": round(statistics.mean(lat), 3), "memory_mb": round(mb, 1),
                          "disk_mb": round(mb, 1)}
        print(f"{label:22} build {build:7.1f}s  recall@10 {recall:.4f}  p50 {pct(lat, 50):7.3f} ms  "
              f"p95 {pct(lat, 95):7.3f} ms  mem/disk {mb:7.1f} MB", flush=True)
    return truth


def milvus_run(X: np.ndarray, Q: np.ndarray, truth: np.ndarray, results: dict, kind: str) -> None:
    """Milvus Lite with the qa store's schema (dense + BM25 sparse), texts = ids only (vectors benchmark)."""
    from qa.stores.milvus_store import DENSE_INDEXES, _pymilvus
    pm = _pymilvus()
    folder = DATA / "milvus-bench"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    rss0 = rss_mb()  # Milvus Lite runs inside this process: its memory is this process's growth
    client = pm.MilvusClient(str(folder / "bench.db"))
    s = client.create_schema(auto_id=False)
    s.add_field("id", pm.DataType.INT64, is_primary=True)
    s.add_field("dense", pm.DataType.FLOAT_VECTOR, dim=X.shape[1])
    itype, params, sparams = DENSE_INDEXES[kind]
    ip = client.prepare_index_params()
    ip.add_index(field_name="dense", index_type=itype, metric_type="IP", params=params)
    t0 = time.perf_counter()
    client.create_collection("bench", schema=s, index_params=ip)
    for i in range(0, len(X), 5000):
        client.insert("bench", [{"id": j, "dense": X[j]} for j in range(i, min(i + 5000, len(X)))])
    client.flush("bench")
    deadline = time.time() + 600  # wait until the index covers every row (else searches run brute force)
    while time.time() < deadline:
        info = client.describe_index("bench", "dense")
        if int(info.get("pending_index_rows", 0)) == 0 and int(info.get("indexed_rows", len(X))) >= len(X):
            break
        time.sleep(1)
    client.load_collection("bench")
    build = time.perf_counter() - t0
    print(f"  milvus index state: {client.describe_index('bench', 'dense')}", flush=True)

    def search(q):
        res = client.search("bench", data=[q.tolist()], anns_field="dense", limit=10,
                            search_params={"metric_type": "IP", "params": sparams})
        return [h["id"] for h in res[0]]
    found, lat = timed_queries(search, Q)
    recall = float(np.mean([len(set(found[i]) & set(truth[i])) / 10 for i in range(len(Q))]))
    disk = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6
    mem = rss_mb() - rss0
    label = f"milvus-lite {itype}" + (" " + ",".join(f"{k}={v}" for k, v in sparams.items()) if sparams else "")
    results[label] = {"build_s": round(build, 1), "recall@10": round(recall, 4),
                      "latency_ms_p50": round(pct(lat, 50), 3), "latency_ms_p95": round(pct(lat, 95), 3),
                      "mean_ms": round(statistics.mean(lat), 3), "memory_mb": round(mem, 1),
                      "disk_mb": round(disk, 1)}
    print(f"{label:22} build {build:7.1f}s  recall@10 {recall:.4f}  p50 {pct(lat, 50):7.3f} ms  "
          f"p95 {pct(lat, 95):7.3f} ms  RSS growth {mem:7.1f} MB  disk {disk:7.1f} MB", flush=True)
    client.close()
    shutil.rmtree(folder, ignore_errors=True)


def ray_throughput(texts: list[str], threads: int, workers: int) -> dict:
    """Texts/s of one process (``threads`` torch threads) vs local Ray (``workers`` actors x 1 thread)."""
    import torch

    from qa.indexing.ray_build import embed_texts
    torch.set_num_threads(threads)
    emb = make_embedder()
    emb.encode(texts[:64])  # warm up
    t0 = time.perf_counter()
    single = emb.encode(texts)
    t_single = time.perf_counter() - t0
    t0 = time.perf_counter()
    ray_vecs, t_ray_work = embed_texts(texts, workers=workers, max_seq_length=128)
    t_ray = time.perf_counter() - t0
    same = float(np.mean(np.sum(single * ray_vecs, axis=1)))
    out = {"texts": len(texts), "single_process_threads": threads, "single_texts_per_s": round(len(texts) / t_single, 1),
           "ray_workers": workers, "ray_texts_per_s_incl_start": round(len(texts) / t_ray, 1),
           "ray_texts_per_s_after_start": round(len(texts) / t_ray_work, 1),
           "mean_cosine_single_vs_ray": round(same, 5)}
    print(json.dumps(out), flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000, help="chunks to index (first n of the shuffled corpus)")
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--embed-only", action="store_true", help="only fill the embedding cache")
    ap.add_argument("--no-milvus", action="store_true")
    ap.add_argument("--milvus-only", action="store_true", help="exact FAISS (for recall) and Milvus Lite only")
    ap.add_argument("--ray", action="store_true", help="only time single-process vs Ray embedding")
    ap.add_argument("--ray-texts", type=int, default=4000)
    ap.add_argument("--ray-workers", type=int, default=2)
    a = ap.parse_args()
    import faiss
    import torch
    torch.set_num_threads(a.threads)
    faiss.omp_set_num_threads(a.threads)
    texts, queries = corpus_and_queries(a.queries)
    n = min(a.n, len(texts))
    emb = make_embedder()
    Q = embed_shards(emb, queries, "scale-queries", len(queries))
    if a.ray:
        del emb
        out = ray_throughput(texts[:a.ray_texts], a.threads, a.ray_workers)
        (DATA / f"scale-ray-{a.ray_texts}.json").write_text(json.dumps(out, indent=2))
        return
    X = embed_shards(emb, texts, "scale-corpus", n)
    if a.embed_only:
        return
    print(f"corpus: {X.shape[0]} chunks x {X.shape[1]} dims (of {len(texts)}); {Q.shape[0]} queries; "
          f"{a.threads} threads", flush=True)
    results: dict = {}
    truth = faiss_runs(X, Q, results, only_flat=a.milvus_only)
    if not a.no_milvus:
        for kind in ("hnsw", "ivf"):
            milvus_run(X, Q, truth, results, kind)
    out = {"n": int(X.shape[0]), "threads": a.threads, "results": results,
           "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}
    print(f"peak RSS {out['peak_rss_mb']} MB")
    (DATA / f"scale-results-{X.shape[0]}{'-milvus' if a.milvus_only else ''}.json").write_text(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
