"""SQuAD dev articles as hard-wrapped plain text: does a .txt wrapped at 72 columns read as well as one
paragraph per line?

Writes ``--n`` seeded articles of SQuAD v1.1 dev (the tuning half: even article numbers, as
``abstention.py``) into ``OUT/wrapped/`` (each paragraph filled to 72 columns, blank lines between: how
READMEs, NEWS files, RFCs, e-mails and Project Gutenberg books come) and ``OUT/flat/`` (one paragraph per
line), and their questions into ``OUT/questions.jsonl``. Then, for each folder:

    qa index OUT/wrapped --out W && qa eval OUT/questions.jsonl --index W
    qa index OUT/flat --out F && qa eval OUT/questions.jsonl --index F

Measured 2026-12-08 (benchmarks/RESULTS.md): line by line F1 74.8, one paragraph per line 76.8; a reflow of
hard-wrapped .txt (joining full-length lines) reached 76.8 here but lowered the blind2 release_notes set
62.9 -> 60.6 and was withdrawn (in git history: commit 2846e7d, ``qa/ingest/plain_text.py``).

Usage:
    python benchmarks/quality/wrapped_text.py --out /tmp/wrapped [--n 24] [--questions 300] [--seed 3]
"""

from __future__ import annotations

import argparse
import json
import random
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", default=str(ROOT / "benchmarks/data/dev-v1.1.json"))
    ap.add_argument("--out", required=True)
    ap.add_argument("--n", type=int, default=24, help="articles")
    ap.add_argument("--questions", type=int, default=300)
    ap.add_argument("--width", type=int, default=72)
    ap.add_argument("--seed", type=int, default=3)
    a = ap.parse_args()
    data = json.loads(Path(a.dev).read_text())["data"]
    tuning = [art for i, art in enumerate(data) if i % 2 == 0]
    rng = random.Random(a.seed)
    arts = rng.sample(tuning, a.n)
    out = Path(a.out)
    for sub in ("wrapped", "flat"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    questions = []
    for art in arts:
        title = art["title"].replace("_", " ")
        name = f"{art['title'][:60]}.txt"
        paras = [p["context"].strip() for p in art["paragraphs"]]
        (out / "flat" / name).write_text(title + "\n\n" + "\n\n".join(paras) + "\n")
        (out / "wrapped" / name).write_text(title + "\n\n" + "\n\n".join(textwrap.fill(p, a.width) for p in paras) + "\n")
        for p in art["paragraphs"]:
            for q in p["qas"]:
                questions.append({"id": q["id"], "question": q["question"],
                                  "answers": sorted({x["text"] for x in q["answers"]}), "doc": name})
    rng.shuffle(questions)
    with (out / "questions.jsonl").open("w") as f:
        for q in questions[:a.questions]:
            f.write(json.dumps(q) + "\n")
    print(f"{len(arts)} articles, {min(a.questions, len(questions))} questions in {out}")


if __name__ == "__main__":
    main()
