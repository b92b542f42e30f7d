"""FAISS flat vs HNSW vs IVF at >= 200k real-text chunks: recall@10 against flat, latency, build time.

Corpus: every sentence of the SQuAD v1.1 train+dev paragraphs (101k), 5,000
whole paragraphs (seeded sample), the SQuAD train questions and the dev
questions not used as queries (97k): 203k deduplicated chunks, all embedded
with the packaged all-MiniLM-L6-v2 (max 128 tokens, to keep the run short). Queries: 1,000 held-out SQuAD
dev questions (seeded). Embeddings are cached in benchmarks/data/.

Usage: python benchmarks/scale.py [--threads N]   (get the data with scripts/get_squad.sh)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import time
from pathlib import Path

import numpy as np

from qa.chunking import split_sentences
from qa.embedding import Embedder
from qa.store import build_faiss

DATA = Path(__file__).resolve().parent / "data"


def corpus_and_queries(n_queries: int = 1000, seed: int = 0):
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
    return texts, queries


def embed_cached(emb: Embedder, texts: list[str], name: str, shard: int = 20_000) -> np.ndarray:
    """Embed in shards cached under benchmarks/data/ (a stopped run resumes where it was)."""
    path = DATA / f"{name}-{len(texts)}.npy"
    if path.exists():
        return np.load(path)
    parts = []
    t0 = time.perf_counter()
    for i in range(0, len(texts), shard):
        part_path = DATA / f"{name}-{len(texts)}.part{i // shard:03d}.npy"
        if not part_path.exists():
            np.save(part_path, emb.encode(texts[i:i + shard]))
            print(f"  embedded {min(i + shard, len(texts))}/{len(texts)} ({time.perf_counter() - t0:.0f}s)", flush=True)
        parts.append(np.load(part_path))
    vecs = np.vstack(parts)
    np.save(path, vecs)
    for p in DATA.glob(f"{name}-{len(texts)}.part*.npy"):
        p.unlink()
    return vecs


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p / 100 * len(xs)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--queries", type=int, default=1000)
    a = ap.parse_args()
    import faiss
    import torch
    torch.set_num_threads(a.threads)
    faiss.omp_set_num_threads(a.threads)
    texts, queries = corpus_and_queries(a.queries)
    emb = Embedder(batch_size=128)
    emb.model.max_seq_length = 128
    X = embed_cached(emb, texts, "scale-corpus")
    Q = embed_cached(emb, queries, "scale-queries")
    print(f"corpus: {X.shape[0]} chunks x {X.shape[1]} dims; {Q.shape[0]} queries")
    results = {}
    truth = None
    for kind, params in (("flat", {}), ("hnsw", {"ef_search": 64}), ("hnsw", {"ef_search": 128}),
                         ("ivf", {"nprobe": 16}), ("ivf", {"nprobe": 64})):
        t0 = time.perf_counter()
        index = build_faiss(X, kind, **params)
        build = time.perf_counter() - t0
        lat = []
        found = np.zeros((len(Q), 10), dtype=np.int64)
        for i in range(len(Q)):
            t = time.perf_counter()
            _, ids = index.search(Q[i:i + 1], 10)
            lat.append(1000 * (time.perf_counter() - t))
            found[i] = ids[0]
        if kind == "flat":
            truth = found
        recall = float(np.mean([len(set(found[i]) & set(truth[i])) / 10 for i in range(len(Q))]))
        path = DATA / "scale-tmp.index"
        faiss.write_index(index, str(path))
        size = path.stat().st_size / 1e6
        path.unlink()
        label = kind + ("" if not params else " " + ",".join(f"{k}={v}" for k, v in params.items()))
        results[label] = {"build_s": round(build, 1), "recall@10": round(recall, 4),
                          "latency_ms_p50": round(pct(lat, 50), 3), "latency_ms_p95": round(pct(lat, 95), 3),
                          "mean_ms": round(statistics.mean(lat), 3), "index_mb": round(size, 1)}
        print(f"{label:22} build {build:7.1f}s  recall@10 {recall:.4f}  p50 {pct(lat, 50):7.3f} ms  "
              f"p95 {pct(lat, 95):7.3f} ms  size {size:6.1f} MB", flush=True)
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    (DATA / "scale-results.json").write_text(json.dumps({"n": int(X.shape[0]), "results": results}, indent=2))


if __name__ == "__main__":
    main()
