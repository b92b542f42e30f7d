"""Answer latency with two calibrations of the same reader, interleaved on one machine.

Usage:
    python benchmarks/speed/calibration_latency.py [--questions tests/data/questions.jsonl] [--index index]
        [--old-ref HEAD~1] [--rounds 2]

The old calibration and threshold come from ``qa/models/accurate/reader.json`` as committed at
``--old-ref`` (git), the new from the working tree. Each round asks every question once with each
(old, new, old, new, ...: the machine's drift falls on both), after one warm-up pass; prints p50 and
p95 of the whole ``ask`` per calibration and how many answers differ.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--questions", default=str(ROOT / "tests/data/questions.jsonl"))
    ap.add_argument("--index", default=str(ROOT / "index"))
    ap.add_argument("--old-ref", default="HEAD~1")
    ap.add_argument("--rounds", type=int, default=2)
    a = ap.parse_args()
    from qa.answerer import Answerer
    from qa.answering.scoring import Calibration
    old_cfg = json.loads(subprocess.run(["git", "show", f"{a.old_ref}:qa/models/accurate/reader.json"], cwd=ROOT,
                                        capture_output=True, text=True, check=True).stdout)
    new = Answerer.from_dir(a.index)
    old = Answerer(new.store, new.embedder, new.reader, a.index, threshold=old_cfg["threshold"],
                   calibration=Calibration.from_dict(old_cfg["calibration"]))
    rows = [json.loads(line) for line in Path(a.questions).open() if line.strip()]
    questions = [(r["question"], r.get("history")) for r in rows]
    for q, h in questions:  # warm-up: parses, document word sets, ONNX sessions
        old.ask(q, history=h)
        new.ask(q, history=h)
    times = {"old": [], "new": []}
    differ = 0
    for _ in range(a.rounds):
        for q, h in questions:
            answers = {}
            for name, bot in (("old", old), ("new", new)):
                t0 = time.perf_counter()
                answers[name] = bot.ask(q, history=h).answer.text
                times[name].append(1000 * (time.perf_counter() - t0))
            differ += answers["old"] != answers["new"]
    for name, t in times.items():
        print(f"{name} calibration ({a.old_ref if name == 'old' else 'working tree'}): p50 {np.percentile(t, 50):.0f} ms, "
              f"p95 {np.percentile(t, 95):.0f} ms over {len(t)} answers")
    print(f"answers that differ: {differ} of {len(questions) * a.rounds}")


if __name__ == "__main__":
    main()
