"""Choose the staged-reading settings: what each reading plan keeps of a reader's F1, and how much it reads.

Usage:
    python benchmarks/quality/cascade.py [--set tune] [--overlap-weight 8]

From the spans cached by ``collect_spans.py`` (every reader read every
retrieved passage, and reading a passage does not depend on the others), for
every question of the set, the answer of
* ``fast`` / ``accurate``: the reader over all k passages;
* ``fast staged F/m``: the fast reader reads the first F retrieved passages and
  the rest only when no span's margin reaches m (``qa.reader.read_staged``);
* ``cascade N``: the accurate reader over the N passages the fast reader ranks first;
* ``cascade staged 1+M/m``: the accurate reader reads the fast reader's first
  passage, and M more when its margin stays under m (``qa.reader.CascadeReader``);
spans ordered by ``margin + w * overlap``. Prints F1 over the answerable
questions (the best span counts: no threshold), its share of the reader's
F1 over all passages, and the mean / median number of passages the
(accurate) reader reads.
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path

from qa.answering.normalize import f1

ROOT = Path(__file__).resolve().parents[2]


def load(path: Path) -> dict[str, dict]:
    return {r["id"]: r for r in map(json.loads, path.open())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", default="tune")
    ap.add_argument("--overlap-weight", type=float, default=8.0)
    ap.add_argument("-k", type=int, default=5)
    a = ap.parse_args()
    spans = ROOT / "benchmarks/out/spans"
    fast, acc = load(spans / f"{a.set}-fast.jsonl"), load(spans / f"{a.set}-accurate.jsonl")
    ids = [i for i in acc if i in fast]
    key = lambda s: s["span_logit"] - s["null_logit"] + a.overlap_weight * s["overlap"]
    margin = lambda s: s["span_logit"] - s["null_logit"]

    def staged(cands: dict, order: list[int], first: int, more: int, sure: float):
        got = [cands[r] for r in order[:first] if r in cands]
        n = min(first, len(order))
        if len(order) > first and max(map(margin, got), default=-1e9) < sure:
            rest = order[first:first + more] if more else order[first:]
            got += [cands[r] for r in rest if r in cands]
            n += len(rest)
        return (max(got, key=key)["text"] if got else ""), n

    plans = {"fast": lambda i: staged(by_rank(fast[i]), list(range(a.k)), a.k, 0, 0),
             "accurate": lambda i: staged(by_rank(acc[i]), list(range(a.k)), a.k, 0, 0)}
    for first in (2, 3):
        for sure in (4.0, 6.0, 8.0):
            plans[f"fast staged {first}/{sure:g}"] = (
                lambda i, first=first, sure=sure: staged(by_rank(fast[i]), list(range(a.k)), first, 0, sure))
    for n in range(1, a.k):
        plans[f"cascade {n}"] = lambda i, n=n: staged(by_rank(acc[i]), fast_order(fast[i]), n, 0, -1e9)
    for more in (2, 3, 4):
        for sure in (2.0, 4.0, 6.0, 8.0, 10.0):
            plans[f"cascade staged 1+{more}/{sure:g}"] = (
                lambda i, more=more, sure=sure: staged(by_rank(acc[i]), fast_order(fast[i]), 1, more, sure))

    def by_rank(rec):
        return {s["rank"]: s for s in rec["spans"]}

    def fast_order(rec):
        order = [s["rank"] for s in sorted(rec["spans"], key=lambda s: -key(s))]
        return order + [r for r in range(a.k) if r not in order]

    print(f"{len(ids)} questions of set {a.set!r}, spans ordered by margin + {a.overlap_weight:g} x overlap")
    base = {}
    for name, plan in plans.items():
        preds = [plan(i) for i in ids]
        score = 100 * sum(f1(p, acc[i]["golds"]) if p else 0.0 for (p, _), i in zip(preds, ids)) / len(ids)
        reads = [n for _, n in preds]
        ref = "fast" if name.startswith("fast") else "accurate"
        base.setdefault(name, score)
        share = 100 * score / base[ref]
        print(f"{name:28s} F1 {score:6.2f}  ({share:5.1f} % of {ref:8s})  passages read: mean "
              f"{statistics.mean(reads):.2f}, median {statistics.median(reads):g}")


if __name__ == "__main__":
    main()
