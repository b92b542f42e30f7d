"""Top-1/top-5 document hit rate of dense, BM25 and hybrid retrieval on the shared question set.

Usage: python benchmarks/retrieval_hits.py [questions.jsonl] [corpus_dir]
Answerable questions only; follow-ups are resolved against their history first.
"""

import json
import sys
import tempfile
from pathlib import Path

from qa.defaults import SAMPLE_CORPUS
from qa.embedding import Embedder
from qa.followup import resolve_followup
from qa.indexing import build_index
from qa.retriever import MODES, Retriever, hit_rates

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    qpath = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "data" / "questions.jsonl"
    corpus = Path(sys.argv[2]) if len(sys.argv) > 2 else SAMPLE_CORPUS
    rows = [json.loads(line) for line in qpath.read_text().splitlines() if line.strip()]
    items = [(resolve_followup(r["question"], r.get("history")), r["doc"]) for r in rows if r["answers"]]
    emb = Embedder()
    with tempfile.TemporaryDirectory() as tmp:
        store, _, secs = build_index(corpus, tmp, embedder=emb)
        ret = Retriever(store, emb)
        print(f"{len(items)} answerable questions, {len(store)} chunks")
        print(f"{'mode':8} {'hit@1':>6} {'hit@5':>6} {'MRR':>6}")
        for mode in MODES:
            r = hit_rates(ret, items, mode)
            print(f"{mode:8} {r['hit@1']:6.3f} {r['hit@5']:6.3f} {r['mrr']:6.3f}")


if __name__ == "__main__":
    main()
