"""Choose the re-ranking weight (qa.rerank): EM/F1 for several weights, same retrieval and reader.

Usage:
    python benchmarks/rerank_sweep.py [--squad benchmarks/data/dev-v1.1.json] [--limit 2000]
                                      [--weights 0,2,4,6,8,12] [--held-out]

Runs ``qa.Answerer.ask`` over
* SQuAD v1.1 dev in open-domain mode (every dev paragraph indexed, ``--limit``
  seeded questions, the same sample as ``qa eval --squad``): the set the weight
  is chosen on; with ``--held-out``, ``--limit`` other dev questions (none of
  that sample) instead, to check the chosen weight on questions it never saw;
* the project's shared question set (``tests/data/questions.jsonl``) over the
  sample corpus: reported, not tuned on.
The reader runs once per question (its spans are cached); each weight then
re-ranks the same spans, so the figures differ by the re-ranking only.
Weight 0 is the reader's own order.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from qa.answerer import Answerer
from qa.defaults import SAMPLE_CORPUS
from qa.embedding import Embedder
from qa.evaluate import evaluate_rows, load_questions, load_squad_questions
from qa.indexing import add_to_index, build_index, open_or_create
from qa.store import index_exists

ROOT = Path(__file__).resolve().parent.parent


class CachedReader:
    """A Reader whose ``read`` is computed once per (question, passages)."""

    def __init__(self, reader) -> None:
        self.reader = reader
        self.cache: dict = {}

    def read(self, question, passages, top_n=10, titles=None):
        key = (question, tuple((p.chunk.doc_id, p.chunk.start) for p in passages), top_n, tuple(titles or ()))
        if key not in self.cache:
            self.cache[key] = self.reader.read(question, passages, top_n=top_n, titles=titles)
        return list(self.cache[key])

    def no_answer(self, spans):
        return self.reader.no_answer(spans)


def sweep(answerer: Answerer, rows: list[dict], weights: list[float], name: str) -> None:
    answerer.reader = CachedReader(answerer.reader)
    for w in weights:
        answerer.rerank_weight = w
        m = evaluate_rows(answerer, rows, progress=(w == weights[0]))["metrics"]
        na = "" if m["no_answer_accuracy"] is None else f"  no-answer {100 * m['no_answer_accuracy']:.1f}"
        print(f"{name:8s} weight {w:5.1f}  EM {100 * m['answerable_em']:.2f}  F1 {100 * m['answerable_f1']:.2f}"
              f"  abstained {100 * m['answerable_abstained']:.1f}%{na}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--squad", default=str(ROOT / "benchmarks/data/dev-v1.1.json"))
    ap.add_argument("--limit", type=int, default=2000)
    ap.add_argument("--weights", default="0,2,4,6,8,12")
    ap.add_argument("--held-out", action="store_true", help="questions outside the tuning sample")
    ap.add_argument("--work", default=str(ROOT / "benchmarks/out/rerank-sweep"))
    a = ap.parse_args()
    weights = [float(x) for x in a.weights.split(",")]
    emb = Embedder()

    docs, rows = load_squad_questions(a.squad, a.limit)
    name = "squad"
    if a.held_out:
        tuned = {r["id"] for r in rows}
        rest = [r for r in load_squad_questions(a.squad)[1] if r["id"] not in tuned]
        rows = random.Random(1).sample(rest, min(a.limit, len(rest)))
        name = "held-out"
    squad_index = Path(a.work) / "squad-index"
    if not index_exists(squad_index):
        store = open_or_create(squad_index, emb, None, None, False)
        add_to_index(store, docs, emb, squad_index, progress=True)
    sweep(Answerer.from_dir(squad_index, embedder=emb), rows, weights, name)
    if a.held_out:
        return

    sample_index = Path(a.work) / "sample-index"
    if not index_exists(sample_index):
        build_index(SAMPLE_CORPUS, sample_index, embedder=emb)
    shared = load_questions(ROOT / "tests/data/questions.jsonl")
    sweep(Answerer.from_dir(sample_index, embedder=emb), shared, weights, "shared")


if __name__ == "__main__":
    main()
