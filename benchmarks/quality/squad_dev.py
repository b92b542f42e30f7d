"""Reader quality on SQuAD v1.1 dev (gold paragraph given) and reader latency on this CPU.

Usage:
    python benchmarks/quality/squad_dev.py [--dev benchmarks/data/dev-v1.1.json] [--reader DIR] [--limit N]

Prints:
* EM / F1 with the official SQuAD v1.1 normalisation (max over gold answers),
  the reader's best span in the gold paragraph (threshold not applied);
* how often the best span scores under the answer threshold (false "I don't know");
* abstention on negatives: the question paired with a paragraph of another article;
* latency per question for 1 gold paragraph, and for 5 passages (gold + 4 others).
Each paragraph is given with its article title as context (as ``qa.Answerer``
does with document titles); ``--no-titles`` reads the bare paragraphs.
Get the data with `bash scripts/get_squad.sh`.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path

import torch

DEFAULT_THRESHOLD = 0.5  # on the reader's own score sigmoid(margin)
from qa.evaluate import exact_match, f1
from qa.reader import Reader
from qa.types import Chunk, Passage

ROOT = Path(__file__).resolve().parents[2]


def load_dev(path: Path):
    data = json.loads(path.read_text())["data"]
    out = []
    for art in data:
        for para in art["paragraphs"]:
            for qa in para["qas"]:
                out.append((art["title"], para["context"], qa["question"], [a["text"] for a in qa["answers"]],
                            qa["id"]))
    return out


def passage(title: str, text: str) -> Passage:
    return Passage(Chunk(title, text, 0, len(text)), 1.0)


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p / 100 * len(xs)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dev", default=str(ROOT / "benchmarks" / "data" / "dev-v1.1.json"))
    ap.add_argument("--reader", default=None)
    ap.add_argument("--limit", type=int, default=0, help="seeded sample of N questions (0 = all 10,570)")
    ap.add_argument("--skip", type=int, default=0,
                    help="with --limit 0: leave out the first N questions in file order (to finish a stopped run)")
    ap.add_argument("--latency-n", type=int, default=200)
    ap.add_argument("--threads", type=int, default=torch.get_num_threads())
    ap.add_argument("--json", default=None, help="also write the figures to this file")
    ap.add_argument("--precision", default=None, help="reader precision: auto (default), fp32, bf16 or int8")
    ap.add_argument("--predictions", default=None,
                    help="write {question id: answer} (the official evaluate-v1.1.py input) to this file")
    ap.add_argument("--dump", default=None, help="write one JSON line per question (prediction, margin, golds)")
    ap.add_argument("--no-titles", action="store_true", help="do not give the reader the article title")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    rows = load_dev(Path(a.dev))
    rng = random.Random(0)
    if a.skip and a.limit:
        raise ValueError(f"--skip {a.skip} needs --limit 0 (file order), got --limit {a.limit}")
    sample = rng.sample(rows, a.limit) if a.limit else rows[a.skip:]
    reader = Reader(a.reader, precision=a.precision)

    def read(q, titled_passages):
        ps = [passage(t, c) for t, c in titled_passages]
        titles = None if a.no_titles else [t.replace("_", " ") for t, _ in titled_passages]
        return reader.read(q, ps, titles=titles)
    em = f1s = under = 0.0
    lat1 = []
    dump = open(a.dump, "w") if a.dump else None
    predictions = {}
    for i, (title, ctx, q, golds, qid) in enumerate(sample):
        t = time.perf_counter()
        spans = read(q, [(title, ctx)])
        lat1.append(time.perf_counter() - t)
        pred = spans[0].text if spans else ""
        predictions[qid] = pred
        em += exact_match(pred, golds)
        f1s += f1(pred, golds)
        under += (not spans) or spans[0].score < DEFAULT_THRESHOLD
        if dump:
            margin = spans[0].span_logit - spans[0].null_logit if spans else None
            dump.write(json.dumps({"question": q, "title": title, "prediction": pred, "margin": margin,
                                   "golds": golds}) + "\n")
        if (i + 1) % 1000 == 0:
            print(f"  {i + 1}/{len(sample)}: EM {100 * em / (i + 1):.1f} F1 {100 * f1s / (i + 1):.1f}", flush=True)
    n = len(sample)
    print(f"  all {n}: EM {100 * em / n:.2f} F1 {100 * f1s / n:.2f} (sums: EM {em:.0f}, F1 {f1s:.3f})", flush=True)
    # Abstention on negatives and 5-passage latency.
    titles = sorted({r[0] for r in rows})
    by_title = {t: [r[1] for r in rows if r[0] == t] for t in titles}
    neg_abstain = 0
    lat5 = []
    lat_sample = rng.sample(rows, min(a.latency_n, len(rows)))
    for title, ctx, q, golds, _ in lat_sample:
        other = rng.choice([t for t in titles if t != title])
        neg = read(q, [(other, rng.choice(by_title[other]))])
        neg_abstain += (not neg) or neg[0].score < DEFAULT_THRESHOLD
        others = [(t, rng.choice(by_title[t])) for t in rng.sample(titles, 4)]
        t0 = time.perf_counter()
        read(q, [(title, ctx)] + others)
        lat5.append(time.perf_counter() - t0)
    res = {
        "questions": n, "EM": round(100 * em / n, 2), "F1": round(100 * f1s / n, 2),
        "false_abstention_rate": round(under / n, 4),
        "negatives": len(lat_sample), "negative_abstention_rate": round(neg_abstain / len(lat_sample), 4) if lat_sample else None,
        "threshold": DEFAULT_THRESHOLD, "threads": a.threads,
        "latency_1_passage_ms": {"p50": round(1000 * pct(lat1, 50), 1), "p95": round(1000 * pct(lat1, 95), 1),
                                 "mean": round(1000 * statistics.mean(lat1), 1)},
        "latency_5_passages_ms": {"p50": round(1000 * pct(lat5, 50), 1), "p95": round(1000 * pct(lat5, 95), 1),
                                  "mean": round(1000 * statistics.mean(lat5), 1)} if lat5 else None,  # --latency-n 0
        "reader": str(reader.path), "titles": not a.no_titles, "precision": reader.precision,
    }
    print(json.dumps(res, indent=2))
    if a.json:
        Path(a.json).write_text(json.dumps(res, indent=2))
    if a.predictions:
        Path(a.predictions).write_text(json.dumps(predictions))


if __name__ == "__main__":
    main()
