"""Cache every reader's spans for open-domain SQuAD dev questions (the input of cascade and calibration studies).

Usage:
    python benchmarks/quality/collect_spans.py --set tune|heldout [--readers fast,accurate] [--limit 2000] [-k 5]

Indexes every SQuAD v1.1 dev paragraph (one document per paragraph, article
title as document title; built once in ``benchmarks/out/squad-index``), takes
the question sample of the set (``tune``: the 2,000 seeded questions of
``qa eval --squad --limit 2000``; ``heldout``: 2,000 other dev questions, as
``qa eval --squad ... --held-out`` draws them), retrieves the top ``k`` passages
(hybrid) and lets each reader read all of them. One JSON line per question and
reader in ``benchmarks/out/spans/<set>-<reader>.jsonl``: the passages'
ranks and doc ids, and per passage the reader's best span with its logits and
its question-word overlap. Reading a passage does not depend on the others, so
any cascade ("the fast reader picks, the accurate one re-reads N passages")
can be simulated from these files (``benchmarks/quality/cascade.py``). Resumable: the
questions already in a file are skipped.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from qa.answering.evidence import add_overlap
from qa.answering.retriever import Retriever
from qa.evaluate import load_squad_questions
from qa.indexing.build import add_to_index, open_or_create
from qa.indexing.embedding import Embedder
from qa.reader import Reader
from qa.stores.faiss_store import IndexStore, index_exists

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "benchmarks" / "out"


def question_set(squad: str, name: str, limit: int) -> tuple[list, list[dict]]:
    return load_squad_questions(squad, limit, held_out=name == "heldout")


def squad_store(docs, emb) -> IndexStore:
    index = OUT / "squad-index"
    if not index_exists(index):
        store = open_or_create(index, emb, None, None, False)
        add_to_index(store, docs, emb, index, progress=True)
    return IndexStore.load(index)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--squad", default=str(ROOT / "benchmarks/data/dev-v1.1.json"))
    ap.add_argument("--set", choices=("tune", "heldout"), default="tune")
    ap.add_argument("--readers", default="fast,accurate")
    ap.add_argument("--precision", default=None)
    ap.add_argument("--limit", type=int, default=2000)
    ap.add_argument("-k", type=int, default=5)
    ap.add_argument("--max-questions", type=int, default=0, help="only the first N questions of the set's sample")
    a = ap.parse_args()
    emb = Embedder()
    docs, rows = question_set(a.squad, a.set, a.limit)
    if a.max_questions:
        rows = rows[:a.max_questions]
    store = squad_store(docs, emb)
    retriever = Retriever(store, emb)
    (OUT / "spans").mkdir(parents=True, exist_ok=True)
    for name in a.readers.split(","):
        reader = Reader(name, precision=a.precision)
        path = OUT / "spans" / f"{a.set}-{name}.jsonl"
        done = {json.loads(line)["id"] for line in path.open()} if path.exists() else set()
        t_start, n = time.time(), 0
        with path.open("a") as f:
            for row in rows:
                if row["id"] in done:
                    continue
                passages = retriever.retrieve(row["question"], k=a.k)
                titles = [store.document(p.chunk.doc_id).title for p in passages]
                rank = {id(p): i for i, p in enumerate(passages)}
                spans = reader.read(row["question"], passages, top_n=len(passages), titles=titles)
                doc_texts = {p.chunk.doc_id: store.document(p.chunk.doc_id).text for p in passages}
                spans = add_overlap(row["question"], spans, doc_texts, retriever.bm25)
                f.write(json.dumps({
                    "id": row["id"], "question": row["question"], "golds": row["answers"], "gold_doc": row["doc"],
                    "passages": [p.chunk.doc_id for p in passages],
                    "spans": [{"rank": rank[id(s.passage)], "doc": s.doc_id, "start": s.start, "end": s.end,
                               "text": s.text, "span_logit": s.span_logit, "null_logit": s.null_logit,
                               "overlap": s.overlap} for s in spans]}) + "\n")
                n += 1
                if n % 100 == 0:
                    f.flush()
                    print(f"{name}: {n + len(done)}/{len(rows)} ({(time.time() - t_start) / n:.2f} s/question)",
                          flush=True)
        print(f"{name}: done -> {path}", flush=True)


if __name__ == "__main__":
    main()
