"""Generate adversarial training examples from SQuAD v1.1 train; write a sample per kind for reading by eye.

Usage:
    python benchmarks/quality/adversarial_sample.py [--train benchmarks/data/train-v1.1.json] [--seed 13]
        [--per-kind 20] [--total 0] [--kinds adv_entity,adv_time,...] [--out benchmarks/out/adversarial/sample.jsonl]

The questions are shuffled with the seed (as ``qa train-reader`` does), then
``qa.training.adversarial.adversarial_records`` makes ``--total`` examples
(default: ``--per-kind`` x the number of kinds) spread over the kinds. The
first ``--per-kind`` of each kind go to ``--out`` (one json line each: kind,
id, title, passage, original question, perturbed question, the swap; for
``adv_distractor`` also the gold answer, its offset and the inserted
sentence). Prints the counts per kind and the generation speed (examples per
second, wall time; the spaCy model load is not counted). ``--total 20000``
measures the speed of a training-sized run (pass the training default
``--kinds adv_entity,adv_attribute,adv_negation,adv_time,adv_distractor``).

``benchmarks/sets/adversarial_eyeball.jsonl`` holds the labels by eye of the
default run (seed 13, ``--per-kind 20``, all six kinds): ok / still_answerable
/ broken and a reason for each.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from qa.training.adversarial import ADV_KINDS, adversarial_records, check_kinds, load_nlp  # noqa: E402
from qa.training.data import load_squad  # noqa: E402


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--train", default=str(ROOT / "benchmarks/data/train-v1.1.json"))
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--per-kind", type=int, default=20, help="examples of each kind written to --out")
    p.add_argument("--total", type=int, default=0, help="examples to generate (default: per-kind x kinds)")
    p.add_argument("--kinds", default=",".join(ADV_KINDS))
    p.add_argument("--out", default=str(ROOT / "benchmarks/out/adversarial/sample.jsonl"))
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    args = p.parse_args(argv)
    kinds = check_kinds(k.strip() for k in args.kinds.split(",") if k.strip())
    examples = load_squad(args.train)
    random.Random(args.seed).shuffle(examples)
    total = args.total or args.per_kind * len(kinds)
    t0 = time.time()
    nlp = load_nlp()
    t1 = time.time()
    records = adversarial_records(examples, total / len(examples), args.seed, kinds, nlp=nlp,
                                  progress=not args.quiet)
    dt = time.time() - t1
    counts = Counter(r.example.kind for r in records)
    print(f"{len(records)} examples from {len(examples)} questions in {dt:.1f}s "
          f"({len(records) / max(dt, 1e-9):.1f} examples/s; spaCy load {t1 - t0:.1f}s)")
    for k in kinds:
        print(f"  {k:15s} {counts.get(k, 0)}")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    written = Counter()
    with out.open("w", encoding="utf-8") as f:
        for r in records:
            ex = r.example
            if written[ex.kind] >= args.per_kind:
                continue
            written[ex.kind] += 1
            row = {"kind": ex.kind, "id": ex.qid, "title": ex.title, "passage": ex.context,
                   "original_question": r.original_question, "question": ex.question,
                   "swapped": list(r.swapped)}
            if ex.kind == "adv_distractor":
                row.update({"answer": ex.answer_text, "answer_start": ex.answer_start, "distractor": r.detail})
            elif r.detail:
                row["how"] = r.detail
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {sum(written.values())} examples to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
