"""Python docs side by side: our default pipeline against Haystack on the same pages and questions.

Ours: the full index of ``benchmarks/speed/pydoc_index.py --full`` (our HTML
extractor and chunker), the default reader. Haystack: its own HTML converter
and splitter over the same pages (``haystack_pydoc_run.py``, in
``benchmarks/.venv-haystack``), the same embedder and the same accurate reader
weights (de-quantised for Haystack), read plainly. Both answer the 60
questions of ``benchmarks/sets/pydoc_questions.jsonl``; scored alike: EM/F1 over all
questions (an unanswerable question scores 1 when the answer is "no answer"),
over the answerable ones, no-answer accuracy, hit@5 (the gold page among the 5
passages read), latency.

Usage:
    bash benchmarks/sets/setup_pydoc.sh && bash benchmarks/side_by_side/setup_haystack.sh
    python benchmarks/speed/pydoc_index.py --full
    python benchmarks/side_by_side/haystack_pydoc.py [--reader accurate]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
from pathlib import Path

from haystack_side_by_side import HAYSTACK_PY, pct, plain_checkpoint, score

from qa.answerer import Answerer
from qa.reader.models import resolve_reader
from qa.stores.faiss_store import index_exists

ROOT = Path(__file__).resolve().parents[1]  # benchmarks/
PAGES = ROOT / "data" / "pydoc-html"
INDEX = ROOT / "out" / "pydoc-index-full"


def table(name: str, preds: list, docs: list, lat: list, rows: list) -> dict:
    golds = [r["answers"] for r in rows]
    ans = [i for i, r in enumerate(rows) if r["answers"]]
    una = [i for i, r in enumerate(rows) if not r["answers"]]
    sub = score([preds[i] for i in ans], [golds[i] for i in ans])
    return {"pipeline": name, **score(preds, golds), "EM_answerable": sub["EM"], "F1_answerable": sub["F1"],
            "no_answer_acc": round(100 * sum(preds[i] is None for i in una) / max(1, len(una)), 1),
            "hit@5": round(100 * sum(rows[i]["doc"] in docs[i][:5] for i in ans) / len(ans), 1),
            "latency_ms_p50": round(1000 * pct(lat, 50)), "latency_ms_p95": round(1000 * pct(lat, 95))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reader", default="accurate", help="ours: this reader (default pipeline: cascade); "
                    "Haystack: the same weights")
    ap.add_argument("--out", default=str(ROOT / "out" / "haystack-pydoc.json"))
    a = ap.parse_args()
    if not HAYSTACK_PY.exists():
        raise SystemExit("run `bash benchmarks/side_by_side/setup_haystack.sh` first")
    if not index_exists(INDEX):
        raise SystemExit("run `python benchmarks/speed/pydoc_index.py --full` first")
    rows = [json.loads(ln) for ln in (ROOT / "sets" / "pydoc_questions.jsonl").read_text().splitlines() if ln.strip()]
    questions = [r["question"] for r in rows]

    answerer = Answerer.from_dir(INDEX, reader=a.reader)
    answerer.ask(questions[0])  # warm-up
    ours = [answerer.ask(q) for q in questions]
    results = [table("ours (default)", [r.answer.text for r in ours],
                     [[p.chunk.doc_id for p in r.passages] for r in ours],
                     [sum(r.timings[k] for k in ("retrieve_ms", "read_ms")) / 1000 for r in ours], rows)]

    reader_dir = plain_checkpoint(resolve_reader(a.reader))
    with tempfile.TemporaryDirectory() as tmp:
        job, out = Path(tmp) / "job.json", Path(tmp) / "out.json"
        job.write_text(json.dumps({"pages": str(PAGES), "reader": str(reader_dir), "questions": questions}))
        subprocess.run([str(HAYSTACK_PY), str(ROOT / "side_by_side" / "haystack_pydoc_run.py"), str(job), str(out)], check=True,
                       cwd=ROOT)
        hs = json.loads(out.read_text())
    preds = hs.pop("predictions")
    results.append(table("Haystack", [p["answer"] for p in preds], [p["docs"] for p in preds],
                         [p["latency_s"] for p in preds], rows))
    report = {"questions": len(rows), "results": results, "haystack_build": hs,
              "ours_index": {"pages": len(answerer.store.documents), "chunks": len(answerer.store.chunks)},
              "answers": [{"id": r["id"], "gold": r["answers"], "ours": o.answer.text, "haystack": p["answer"]}
                          for r, o, p in zip(rows, ours, preds)]}
    Path(a.out).write_text(json.dumps(report, indent=2))
    cols = list(results[0])
    print("| " + " | ".join(cols) + " |\n|" + " --- |" * len(cols))
    for r in results:
        print("| " + " | ".join(str(r[c]) for c in cols) + " |")
    print("Haystack: " + json.dumps(hs))


if __name__ == "__main__":
    main()
