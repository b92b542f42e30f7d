"""Speed and memory: index build throughput, retrieval and full-answer latency, RSS.

* build: index the 2,067 SQuAD v1.1 dev paragraphs (one document each) from
  scratch with the default settings; chunks/s and documents/s;
* latency: p50/p95 over the shared questions (x3 rounds) on the sample-corpus
  index, for retrieval alone and for the full answer (retrieve + read 5
  passages), and the same on the SQuAD-dev index with 300 dev questions;
* memory: peak RSS of the process.

Usage: python benchmarks/speed/speed.py [--reader accurate|fast] [--threads N] [--squad-questions 300] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def latency(answerer, questions, rounds=1):
    ret, full, reads = [], [], []
    for _ in range(rounds):
        for q in questions:
            t = time.perf_counter()
            answerer.retriever.retrieve(q, k=5)
            ret.append(1000 * (time.perf_counter() - t))
            t = time.perf_counter()
            r = answerer.ask(q, top_k=5)
            full.append(1000 * (time.perf_counter() - t))
            reads.append(r.timings.get("passages_read", 0))
    return {"retrieval_ms_p50": round(pct(ret, 50), 1), "retrieval_ms_p95": round(pct(ret, 95), 1),
            "answer_ms_p50": round(pct(full, 50), 1), "answer_ms_p95": round(pct(full, 95), 1), "n": len(full),
            "passages_read_mean": round(sum(reads) / len(reads), 2), "passages_read_p50": pct(reads, 50)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--dev", default=str(ROOT / "benchmarks" / "data" / "dev-v1.1.json"))
    ap.add_argument("--reader", default=None, help="accurate (default), fast or a model folder")
    ap.add_argument("--squad-questions", type=int, default=300, help="questions timed on the SQuAD-dev index")
    ap.add_argument("--rounds", type=int, default=3, help="rounds over the shared questions")
    ap.add_argument("--no-cascade", action="store_true", help="accurate: MPNet reads the passages itself")
    a = ap.parse_args()
    import torch
    torch.set_num_threads(a.threads)
    from qa.answerer import Answerer
    from qa.defaults import SAMPLE_CORPUS
    from qa.evaluate import load_questions, load_squad_questions
    from qa.indexing.build import add_to_index, build_index
    from qa.indexing.embedding import Embedder
    from qa.reader import load_reader
    from qa.stores.faiss_store import IndexStore

    out = {"threads": a.threads}
    t = time.perf_counter()
    emb, reader = Embedder(), load_reader(a.reader, cascade=not a.no_cascade)
    out["reader"] = repr(reader)
    out["model_load_s"] = round(time.perf_counter() - t, 2)
    out["rss_after_load_mb"] = round(rss_mb())
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small"
        build_index(SAMPLE_CORPUS, small, embedder=emb)
        ans = Answerer(IndexStore.load(small), emb, reader, small)
        qs = [r["question"] for r in load_questions(ROOT / "tests" / "data" / "questions.jsonl") if not r.get("history")]
        ans.ask(qs[0])  # warm-up
        out["sample_corpus"] = latency(ans, qs, rounds=a.rounds)
        docs, rows = load_squad_questions(a.dev, limit=a.squad_questions, seed=1)
        big = Path(tmp) / "squad"
        store = IndexStore(emb.name, emb.dim)
        t = time.perf_counter()
        add_to_index(store, docs, emb, big)
        secs = time.perf_counter() - t
        out["build"] = {"documents": len(docs), "chunks": len(store), "seconds": round(secs, 1),
                        "chunks_per_s": round(len(store) / secs, 1), "docs_per_s": round(len(docs) / secs, 1)}
        ans2 = Answerer(IndexStore.load(big), emb, reader, big)
        ans2.ask(rows[0]["question"])
        out["squad_dev_index"] = latency(ans2, [r["question"] for r in rows])
    out["peak_rss_mb"] = round(rss_mb())
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
