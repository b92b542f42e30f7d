"""Side by side with Haystack (3.x, or 2.x): same corpus, chunks, embedder and reader weights; accuracy and latency.

Corpora: the sample corpus with the shared questions (follow-ups given
already resolved, since Haystack has no chat history), and the SQuAD v1.1
dev paragraphs with a seeded sample of dev questions (open-domain). Ours runs
here; Haystack runs in its own venv (benchmarks/.venv-haystack, made by
`bash benchmarks/side_by_side/setup_haystack.sh`), fed the very same chunks.

Both sides use the same reader weights, ``--reader fast`` (default) or
``accurate``. Ours runs as the product does (``load_reader``: for
``accurate`` the cascade, the fast reader ranking the passages and MPNet
reading in stages; ``--no-cascade``: MPNet alone, in stages in retrieval
order); Haystack reads all 5 passages with the one reader. The int8-stored
MPNet is written out de-quantised (fp32, benchmarks/out/haystack-reader-accurate)
for Haystack, which loads only standard checkpoints.

Usage: python benchmarks/side_by_side/haystack_side_by_side.py [--reader fast] [--squad-questions 300]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
import time
from pathlib import Path

from qa.answerer import Answerer
from qa.answering.conversation import resolve_followup
from qa.defaults import SAMPLE_CORPUS
from qa.evaluate import exact_match, f1, load_questions, load_squad_questions
from qa.indexing.build import add_to_index, build_index
from qa.indexing.embedding import Embedder
from qa.reader import load_reader
from qa.reader.models import load_model, resolve_reader
from qa.reader.quantized import is_int8_dir
from qa.stores.faiss_store import IndexStore

ROOT = Path(__file__).resolve().parents[2]
HAYSTACK_PY = ROOT / "benchmarks" / ".venv-haystack" / "bin" / "python"


def score(preds: list, golds: list[list[str]]) -> dict:
    em = f = 0.0
    for p, g in zip(preds, golds):
        if not g:
            em += p is None
            f += p is None
        elif p is not None:
            em += exact_match(p, g)
            f += f1(p, g)
    n = len(golds)
    return {"EM": round(100 * em / n, 1), "F1": round(100 * f / n, 1)}


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def plain_checkpoint(path: Path) -> Path:
    """``path`` itself, or for int8-stored weights a de-quantised fp32 copy Haystack can load."""
    if not is_int8_dir(path):
        return path
    out = ROOT / "benchmarks" / "out" / f"haystack-reader-{path.name}"
    if not (out / "model.safetensors").exists():
        from transformers import AutoTokenizer
        load_model(path).save_pretrained(str(out))
        AutoTokenizer.from_pretrained(str(path)).save_pretrained(str(out))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--squad-questions", type=int, default=300)
    ap.add_argument("--reader", default="fast", help="fast | accurate | a model folder")
    ap.add_argument("--no-cascade", action="store_true", help="accurate: MPNet alone (no fast reader in front)")
    ap.add_argument("--dev", default=str(ROOT / "benchmarks" / "data" / "dev-v1.1.json"))
    a = ap.parse_args()
    if not HAYSTACK_PY.exists():
        raise SystemExit("run `bash benchmarks/side_by_side/setup_haystack.sh` first")
    emb, reader = Embedder(), load_reader(a.reader, cascade=not a.no_cascade)
    reader_dir = plain_checkpoint(resolve_reader(a.reader))
    corpora = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        rows = load_questions(ROOT / "tests" / "data" / "questions.jsonl")
        store, _, _ = build_index(SAMPLE_CORPUS, tmp / "sample", embedder=emb)
        corpora["sample"] = (store, [resolve_followup(r["question"], r.get("history")) for r in rows],
                             [r["answers"] for r in rows])
        if a.squad_questions:  # 0 = sample corpus only
            docs, srows = load_squad_questions(a.dev, limit=a.squad_questions, seed=2)
            sstore = IndexStore(emb.name, emb.dim)
            add_to_index(sstore, docs, emb, tmp / "squad")
            corpora["squad_dev_open"] = (sstore, [r["question"] for r in srows], [r["answers"] for r in srows])
        export = {"reader": str(reader_dir), "corpora": {
            name: {"chunks": [{"doc_id": c.doc_id, "text": c.text} for c in st.chunks], "questions": qs}
            for name, (st, qs, _) in corpora.items()}}
        (tmp / "export.json").write_text(json.dumps(export))
        t = time.perf_counter()
        subprocess.run([str(HAYSTACK_PY), str(ROOT / "benchmarks" / "side_by_side" / "haystack_run.py"), str(tmp / "export.json"),
                        str(tmp / "haystack.json")], check=True)
        print(f"haystack run: {time.perf_counter() - t:.0f}s")
        hay = json.loads((tmp / "haystack.json").read_text())
        report = {}
        for name, (st, qs, golds) in corpora.items():
            ans = Answerer(st, emb, reader, tmp / name)
            ans.ask(qs[0])
            preds, lat = [], []
            for q in qs:
                t = time.perf_counter()
                r = ans.ask(q, top_k=5)
                lat.append(time.perf_counter() - t)
                preds.append(r.answer.text)
            h = hay[name]
            hp = [p["answer"] for p in h["predictions"]]
            ours = dict(score(preds, golds), p50_ms=round(1000 * pct(lat, 50), 1), p95_ms=round(1000 * pct(lat, 95), 1))
            theirs = dict(score(hp, golds), p50_ms=round(1000 * pct(h["latency_s"], 50), 1),
                          p95_ms=round(1000 * pct(h["latency_s"], 95), 1))
            report[name] = {"questions": len(qs), "ours": ours, "haystack": theirs,
                            "latency_ratio_haystack_over_ours": round(theirs["p50_ms"] / ours["p50_ms"], 2),
                            "f1_ratio_ours_over_haystack": round(ours["F1"] / theirs["F1"], 2) if theirs["F1"] else None}
            print(f"{name}: {len(qs)} questions")
            print(f"  ours     EM {ours['EM']:5.1f} F1 {ours['F1']:5.1f}  p50 {ours['p50_ms']:7.1f} ms  p95 {ours['p95_ms']:7.1f} ms")
            print(f"  haystack EM {theirs['EM']:5.1f} F1 {theirs['F1']:5.1f}  p50 {theirs['p50_ms']:7.1f} ms  p95 {theirs['p95_ms']:7.1f} ms")
            print(f"  latency ratio haystack/ours {report[name]['latency_ratio_haystack_over_ours']}")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
