"""Each answer rule (year, edition, count) per corpus: questions it helps and questions it hurts.

For every question the passages are retrieved and read once; the spans are then scored with all rules on
and with each rule off in turn (``Answerer.rules``), and the per-question F1 compared: a rule *helps* a
question when the F1 is higher with it than without it, *hurts* it when lower. Corpora: the shared set and
the regression set (sample corpus index), the fresh NASA set, open-domain SQuAD dev (a seeded sample) and
any ``NAME=QUESTIONS.jsonl@INDEX`` given with ``--set``.

Usage: python benchmarks/quality/rule_table.py [--squad 300] [--set NAME=questions.jsonl@index_dir ...]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from qa.answerer import RULES, Answerer  # noqa: E402
from qa.evaluate import _scores_at, evaluate_rows, load_questions, load_squad_questions  # noqa: E402


def memoize_reading(ans: Answerer) -> None:
    """Read each (question, passages) once, whatever rules score the spans afterwards."""
    read, cache = ans._read, {}

    def cached(question, passages, titles, reader):
        key = (question, tuple((p.chunk.doc_id, p.chunk.start) for p in passages), id(reader))
        if key not in cache:
            cache[key] = read(question, passages, titles, reader)
        return cache[key]

    ans._read = cached


def per_question_f1(ans: Answerer, rows: list[dict]) -> dict[str, float]:
    report = evaluate_rows(ans, rows)
    return {r["id"]: _scores_at([r], ans.threshold)[1][0] for r in report["records"]}


def rule_effects(ans: Answerer, rows: list[dict]) -> dict:
    memoize_reading(ans)
    ans.rules = frozenset(RULES)
    base = per_question_f1(ans, rows)
    out = {"questions": len(rows), "f1_all_rules": 100 * sum(base.values()) / len(base)}
    for rule in RULES:
        ans.rules = frozenset(RULES) - {rule}
        without = per_question_f1(ans, rows)
        out[rule] = {"helped": sum(base[q] > without[q] + 1e-9 for q in base),
                     "hurt": sum(base[q] + 1e-9 < without[q] for q in base),
                     "f1_without": 100 * sum(without.values()) / len(without)}
    ans.rules = frozenset(RULES)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--squad", type=int, default=300, help="open-domain SQuAD dev questions (0 = skip)")
    ap.add_argument("--dev", default=str(ROOT / "benchmarks/data/dev-v1.1.json"))
    ap.add_argument("--fresh-index", default=str(ROOT / "benchmarks/out/fresh-index"))
    ap.add_argument("--set", action="append", default=[], help="NAME=QUESTIONS.jsonl@INDEX_DIR")
    ap.add_argument("--reader", default=None)
    a = ap.parse_args()
    from qa.indexing.build import build_index
    from qa.indexing.embedding import Embedder
    emb = Embedder()
    sets = [("shared", ROOT / "tests/data/questions.jsonl", ROOT / "index"),
            ("regression", ROOT / "tests/data/regression.jsonl", ROOT / "index")]
    fresh = Path(a.fresh_index)
    if not (fresh / "CURRENT").exists():
        build_index(ROOT / "benchmarks/sets/fresh/corpus", fresh, embedder=emb, progress=False)
    sets.append(("fresh", ROOT / "benchmarks/sets/fresh/questions.jsonl", fresh))
    for spec in a.set:
        name, rest = spec.split("=", 1)
        q, idx = rest.split("@", 1)
        sets.append((name, Path(q), Path(idx)))
    table = {}
    for name, questions, index in sets:
        ans = Answerer.from_dir(index, reader=a.reader, embedder=emb)
        table[name] = rule_effects(ans, load_questions(questions))
        print(name, table[name], flush=True)
    if a.squad:
        from qa.indexing.build import add_to_index, open_or_create
        docs, rows = load_squad_questions(a.dev, a.squad)
        index = ROOT / "benchmarks/out/rule-table-squad-index"
        store = open_or_create(index, emb, None, None, False)
        add_to_index(store, docs, emb, index, progress=False)
        ans = Answerer.from_dir(index, reader=a.reader, embedder=emb)
        table["squad-open"] = rule_effects(ans, rows)
        print("squad-open", table["squad-open"], flush=True)
    print()
    print(f"{'corpus':<12} {'n':>5} {'F1':>6} " + " ".join(f"{r + ' +/-':>14}" for r in RULES))
    for name, t in table.items():
        cells = " ".join(f"{t[r]['helped']:>6} / {t[r]['hurt']:<6}" for r in RULES)
        print(f"{name:<12} {t['questions']:>5} {t['f1_all_rules']:>6.1f} {cells}")
    print("(each cell: questions the rule helps / questions it hurts, F1 with all rules on vs that rule off)")


if __name__ == "__main__":
    main()
