"""Latency of follow-up turns against first turns, and what resolving a follow-up costs by itself.

Asks the conversations of a conversation set (default: the tuning half of the blind chat set) in order
with the bot's own answers, ``--rounds`` times, and prints the p50/p95 of first turns and of follow-ups,
and the p50 of ``qa.answering.conversation.resolve`` alone (spaCy parsing, cached per text after the
first time). Run it on a quiet machine: the figures are wall-clock times.

Usage: python benchmarks/speed/followup_latency.py --index DIR [--questions FILE] [--split tune] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from qa.answerer import Answerer  # noqa: E402
from qa.answering.conversation import Turn, _parse, resolve  # noqa: E402
from qa.evaluate import conversation_order, load_questions  # noqa: E402


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", required=True)
    ap.add_argument("--questions", default=str(ROOT / "benchmarks/sets/blind/chat/questions.jsonl"))
    ap.add_argument("--split", default="tune")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--reader", default=None)
    a = ap.parse_args()
    rows = conversation_order([r for r in load_questions(a.questions) if r.get("split") == a.split])
    ans = Answerer.from_dir(a.index, reader=a.reader)
    ans.ask("warm-up question about the documents?")
    first, follow, resolving = [], [], []
    for _ in range(a.rounds):
        chats: dict[str, list[Turn]] = {}
        for r in rows:
            history = chats.setdefault(r["conversation"], [])
            _parse.cache_clear()
            t0 = time.perf_counter()
            resolve(r["question"], history)
            t1 = time.perf_counter()
            res = ans.ask(r["question"], history=list(history))
            t2 = time.perf_counter()
            (first if r["turn"] == 1 else follow).append(t2 - t1)
            if r["turn"] > 1:
                resolving.append(t1 - t0)
            history.append(Turn(r["question"], res.answer.text, res.answer.doc_id))
    p50f, p50u = statistics.median(first), statistics.median(follow)
    print(f"first turns  n={len(first):4d}  p50 {1000 * p50f:7.0f} ms  p95 {1000 * pct(first, 95):7.0f} ms")
    print(f"follow-ups   n={len(follow):4d}  p50 {1000 * p50u:7.0f} ms  p95 {1000 * pct(follow, 95):7.0f} ms"
          f"  ({100 * (p50u / p50f - 1):+.0f} % against first turns)")
    print(f"resolve() alone, uncached parses: p50 {1000 * statistics.median(resolving):.0f} ms, "
          f"p95 {1000 * pct(resolving, 95):.0f} ms")


if __name__ == "__main__":
    main()
