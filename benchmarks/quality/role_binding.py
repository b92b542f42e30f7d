"""Role binding across passages: the right passage against an AddSent-style distractor, per calibration.

Usage:
    python benchmarks/quality/role_binding.py [--n 300] [--seed 5] [--old-ref HEAD~1]

Items: SQuAD v1.1 dev questions for which ``qa.training.adversarial`` writes a distractor sentence
(``adv_distractor``: the answer's sentence with the question's names, years and numbers swapped for
others and the answer for a fake one of the same kind, so it states the same role about another
entity). The reader gets two passages, as the answerer would from retrieval: the question's own
paragraph, and the distractor sentence alone (same article title), and gives its best span of each.
Each calibration (``--old-ref``: ``qa/models/accurate/reader.json`` as committed there; and the working
tree's) scores both spans as ``Answerer.score`` does (margin, overlap of the span's sentence, a name or
year of the question the passage never uses); the higher one is the answer. Prints how often that answer
is the gold one (F1 >= 0.5) per calibration, and with the reader's margin alone. Reads are cached in
``benchmarks/out/role_binding/``.

Leaves out: a distractor inside the same passage (the reader's own choice, not the calibration's).
"""

from __future__ import annotations

import argparse
import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "benchmarks" / "out" / "role_binding"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", default=str(ROOT / "benchmarks/data/dev-v1.1.json"))
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--old-ref", default="HEAD~1")
    a = ap.parse_args()
    from qa.answering.evidence import missing_name, missing_year, overlap, span_context, terms
    from qa.answering.normalize import f1
    from qa.answering.retriever import BM25Index
    from qa.answering.scoring import Calibration
    from qa.reader import Reader
    from qa.training.adversarial import adversarial_records
    from qa.training.data import load_squad
    from qa.types import Chunk, Passage
    OUT.mkdir(parents=True, exist_ok=True)
    examples = load_squad(a.dev)
    original = {e.qid: e for e in examples}
    golds = {qa["id"]: [x["text"] for x in qa["answers"]] for art in json.loads(Path(a.dev).read_text())["data"]
             for p in art["paragraphs"] for qa in p["qas"]}
    cache = OUT / f"items-{a.seed}-{a.n}.jsonl"
    if cache.exists():
        items = [json.loads(line) for line in cache.open()]
    else:
        records = adversarial_records(examples, a.n / len(examples), a.seed, ("adv_distractor",), progress=True)
        items = []
        for r in records:
            ex = original[r.example.qid.removesuffix("_adv_distractor")]
            items.append({"id": ex.qid, "title": ex.title.replace("_", " "), "question": ex.question,
                          "context": ex.context, "distractor": r.detail,
                          "golds": golds[ex.qid]})
        cache.write_text("".join(json.dumps(x) + "\n" for x in items))
    print(f"{len(items)} items", flush=True)
    reader = Reader("accurate")
    reads_path = OUT / f"reads-{reader.precision}-{a.seed}-{a.n}.jsonl"
    reads = {r["id"]: r for r in map(json.loads, reads_path.open())} if reads_path.exists() else {}
    with reads_path.open("a") as f:
        for n, it in enumerate(items):
            if it["id"] in reads:
                continue
            ps = [Passage(Chunk("own", it["context"], 0, len(it["context"])), 1.0),
                  Passage(Chunk("distractor", it["distractor"], 0, len(it["distractor"])), 1.0)]
            spans = reader.read(it["question"], ps, top_n=2, titles=[it["title"], it["title"]])
            rec = {"id": it["id"], "spans": [{"doc": s.doc_id, "text": s.text, "start": s.start, "end": s.end,
                                              "margin": s.margin} for s in spans]}
            reads[it["id"]] = rec
            f.write(json.dumps(rec) + "\n")
            if n % 50 == 0:
                f.flush()
                print(f"  read {len(reads)}/{len(items)}", flush=True)
    bm25 = BM25Index(sorted({e.context for e in examples}))
    new = Calibration.from_dict(reader.config.calibration)
    old_cfg = json.loads(subprocess.run(["git", "show", f"{a.old_ref}:qa/models/accurate/reader.json"], cwd=ROOT,
                                        capture_output=True, text=True, check=True).stdout)
    old = Calibration.from_dict(old_cfg["calibration"])
    right = {"margin": 0, "old": 0, "new": 0}
    chose_distractor = {"margin": 0, "old": 0, "new": 0}
    for it in items:
        spans = reads[it["id"]]["spans"]
        if not spans:
            continue
        q = terms(bm25, it["question"])
        feats = []
        for s in spans:
            text = it["context"] if s["doc"] == "own" else it["distractor"]
            ov = overlap(bm25, q, span_context(text, s["start"], s["end"]))
            mn = missing_name(it["question"], it["title"], text)
            my = missing_year(it["question"], it["title"], text)
            feats.append((s, ov, mn, my))
        picks = {"margin": max(feats, key=lambda x: x[0]["margin"]),
                 "old": max(feats, key=lambda x: old.score(x[0]["margin"], x[1], 0.0, x[2], x[3])),
                 "new": max(feats, key=lambda x: new.score(x[0]["margin"], x[1], 0.0, x[2], x[3]))}
        for k, (s, *_rest) in picks.items():
            right[k] += f1(s["text"], it["golds"]) >= 0.5
            chose_distractor[k] += s["doc"] == "distractor"
    n = len(items)
    for k in right:
        label = {"margin": "reader margin alone", "old": f"calibration at {a.old_ref}", "new": "working-tree calibration"}[k]
        print(f"{label}: right {100 * right[k] / n:.1f} %, distractor's span chosen {100 * chose_distractor[k] / n:.1f} % "
              f"({n} items)")


if __name__ == "__main__":
    main()
