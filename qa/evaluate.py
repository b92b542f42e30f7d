"""Evaluation: question sets, SQuAD loading, metrics over an answerer, reports.

The answer metrics themselves (SQuAD normalisation, exact match, F1) live in
``qa.answering.normalize``; this module asks an ``Answerer`` every question of a set and
summarises (EM/F1, no-answer accuracy, retrieval hit@k, latency).
"""

from __future__ import annotations

from qa.answering.normalize import exact_match, f1, normalize_answer  # noqa: F401  (re-exported)

# ---- question sets ------------------------------------------------------------

def load_questions(path) -> list[dict]:
    """Rows of a questions.jsonl: id, question, answers (empty = unanswerable), optional history
    (earlier questions) or conversation + turn (asked in order, see ``evaluate_rows``), type, split."""
    import json
    from pathlib import Path

    p = Path(path)
    if not p.is_file():
        raise ValueError(f"questions file {str(p)!r} does not exist")
    rows = []
    for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as e:
            raise ValueError(f"{p}:{n}: not valid JSON ({e})") from e
        if not isinstance(row.get("question"), str) or not isinstance(row.get("answers"), list):
            raise ValueError(f"{p}:{n}: each line needs 'question' (string) and 'answers' (list, [] = unanswerable)")
        row.setdefault("id", str(n))
        rows.append(row)
    if not rows:
        raise ValueError(f"{p} holds no questions")
    return rows


def load_squad_questions(path, limit: int = 0, seed: int = 0, held_out: bool = False) -> tuple[list, list[dict]]:
    """(documents, question rows) of a SQuAD v1.1 json: one document per paragraph.

    ``limit``: a seeded sample of that many questions. ``held_out``: instead,
    ``limit`` questions drawn (seed 1) from those *not* in that sample, so a
    setting chosen on the sample can be checked on questions it never saw.
    """
    import json
    import random
    from pathlib import Path

    from qa.types import Document

    p = Path(path)
    if not p.is_file():
        raise ValueError(f"SQuAD file {str(p)!r} does not exist")
    data = json.loads(p.read_text(encoding="utf-8"))["data"]
    docs, rows = [], []
    for art in data:
        for i, para in enumerate(art["paragraphs"]):
            doc_id = f"{art['title']}#{i}"
            docs.append(Document(id=doc_id, text=para["context"], title=art["title"].replace("_", " ")))
            for qa in para["qas"]:
                rows.append({"id": qa["id"], "question": qa["question"], "doc": doc_id,
                             "answers": [a["text"] for a in qa["answers"]]})
    if held_out and not limit:
        raise ValueError("held_out needs a limit: the held-out questions are those outside the sample of `limit`")
    if limit and limit < len(rows):
        sample = random.Random(seed).sample(rows, limit)
        if held_out:
            taken = {r["id"] for r in sample}
            rest = [r for r in rows if r["id"] not in taken]
            sample = random.Random(1).sample(rest, min(limit, len(rest)))
        rows = sample
    return docs, rows


def _percentile(xs: list[float], p: float) -> float:
    if not xs:
        return 0.0
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def best_span(result):
    """The reader's best span for a result, even when it was rejected by the threshold."""
    if result.found:
        return result.answer
    return result.alternatives[0] if result.alternatives else None


def conversation_order(rows: list[dict]) -> list[dict]:
    """Rows with ``conversation`` and ``turn`` grouped by conversation (in first-seen order), turns in
    order; other rows keep their place before them."""
    single = [r for r in rows if "conversation" not in r]
    groups: dict[str, list[dict]] = {}
    for r in rows:
        if "conversation" in r:
            if not isinstance(r.get("turn"), int):
                raise ValueError(f"row {r.get('id')!r} has a conversation but no integer 'turn'")
            groups.setdefault(str(r["conversation"]), []).append(r)
    for conv, turns in groups.items():
        turns.sort(key=lambda r: r["turn"])
        if len({r["turn"] for r in turns}) != len(turns):
            raise ValueError(f"conversation {conv!r} repeats a turn number")
    return single + [r for turns in groups.values() for r in turns]


def evaluate_rows(answerer, rows: list[dict], top_k: int = 5, progress: bool = False) -> dict:
    """Ask every row; per-question records plus aggregate metrics (see ``summarize``).

    Rows of a conversation (``conversation``, ``turn``) are asked in turn order with the bot's *own*
    earlier answers of that conversation as the history (never the gold ones: what a user sees);
    other rows use their ``history`` (earlier questions) when they have one.
    """
    import time

    from tqdm import tqdm

    from qa.answering.conversation import Turn

    records = []
    chats: dict[str, list[Turn]] = {}
    for row in tqdm(conversation_order(rows), desc="eval", disable=not progress):
        conv = str(row["conversation"]) if "conversation" in row else None
        history = chats.setdefault(conv, []) if conv is not None else row.get("history")
        t0 = time.perf_counter()
        res = answerer.ask(row["question"], history=list(history) if history else None, top_k=max(top_k, 5))
        latency = time.perf_counter() - t0
        if conv is not None:
            chats[conv].append(Turn(row["question"], res.answer.text, res.answer.doc_id))
        golds = row["answers"]
        span = best_span(res)
        passages = [normalize_answer(p.chunk.text) for p in res.passages]
        rank = None
        if golds:
            norm_golds = [normalize_answer(g) for g in golds if normalize_answer(g)]
            rank = next((i + 1 for i, t in enumerate(passages) if any(g in t for g in norm_golds)), None)
        records.append({
            "id": row.get("id"), "type": row.get("type"), "question": row["question"], "golds": golds,
            "resolved_question": res.resolved_question, "conversation": conv, "turn": row.get("turn"),
            "prediction": res.answer.text, "score": res.answer.score,
            "best_span": span.text if span else None, "best_span_score": span.score if span else 0.0,
            "doc_id": res.answer.doc_id, "retrieval_rank": rank, "latency_s": latency,
            "retrieve_ms": res.timings.get("retrieve_ms"), "read_ms": res.timings.get("read_ms"),
        })
    return {"records": records, "metrics": summarize(records, answerer.threshold),
            "by_type": summarize_by_type(records, answerer.threshold)}


def _scores_at(records: list[dict], threshold: float) -> tuple[list[float], list[float]]:
    ems, f1s = [], []
    for r in records:
        pred = r["best_span"] if r["best_span"] is not None and r["best_span_score"] >= threshold else None
        if not r["golds"]:
            ems.append(float(pred is None))
            f1s.append(float(pred is None))
        else:
            ems.append(exact_match(pred, r["golds"]) if pred else 0.0)
            f1s.append(f1(pred, r["golds"]) if pred else 0.0)
    return ems, f1s


def summarize(records: list[dict], threshold: float) -> dict:
    """EM/F1 (all, answerable), no-answer accuracy, retrieval hit@1/@5/MRR, latency p50/p95."""
    ems, f1s = _scores_at(records, threshold)
    ans_idx = [i for i, r in enumerate(records) if r["golds"]]
    una_idx = [i for i, r in enumerate(records) if not r["golds"]]
    mean = lambda xs: sum(xs) / len(xs) if xs else None
    ranks = [records[i]["retrieval_rank"] for i in ans_idx]
    lat = [1000 * r["latency_s"] for r in records]
    answered_una = [records[i]["prediction"] is not None for i in una_idx]
    return {
        "questions": len(records), "answerable": len(ans_idx), "unanswerable": len(una_idx),
        "threshold": threshold,
        "em": mean(ems), "f1": mean(f1s),
        "answerable_em": mean([ems[i] for i in ans_idx]), "answerable_f1": mean([f1s[i] for i in ans_idx]),
        "no_answer_accuracy": mean([float(not a) for a in answered_una]),
        "answerable_abstained": mean([float(records[i]["prediction"] is None) for i in ans_idx]),
        "hit@1": mean([float(r is not None and r <= 1) for r in ranks]),
        "hit@5": mean([float(r is not None and r <= 5) for r in ranks]),
        "mrr": mean([1.0 / r if r else 0.0 for r in ranks]),
        "latency_ms_p50": _percentile(lat, 50), "latency_ms_p95": _percentile(lat, 95),
    }


def summarize_by_type(records: list[dict], threshold: float) -> dict:
    """Per question type (the rows' ``type`` field): count, EM, F1 and, for unanswerable types, no-answer accuracy."""
    types = sorted({r.get("type") for r in records if r.get("type")})
    out = {}
    for t in types:
        rs = [r for r in records if r.get("type") == t]
        ems, f1s = _scores_at(rs, threshold)
        una = [r for r in rs if not r["golds"]]
        out[t] = {"questions": len(rs), "em": sum(ems) / len(rs), "f1": sum(f1s) / len(rs),
                  "no_answer_accuracy": (sum(r["prediction"] is None for r in una) / len(una)) if una else None}
    return out


def format_by_type(by_type: dict) -> str:
    if not by_type:
        return ""
    lines = [f"{'type':<20}  {'n':>4}  {'EM':>6}  {'F1':>6}  {'no-answer':>9}"]
    for t, m in by_type.items():
        na = "-" if m["no_answer_accuracy"] is None else f"{100 * m['no_answer_accuracy']:.1f}"
        lines.append(f"{t:<20}  {m['questions']:>4}  {100 * m['em']:>6.1f}  {100 * m['f1']:>6.1f}  {na:>9}")
    return "\n".join(lines)


def threshold_sweep(records: list[dict], steps: int = 21) -> list[dict]:
    out = []
    for k in range(steps):
        t = k / (steps - 1)
        ems, f1s = _scores_at(records, t)
        out.append({"threshold": t, "em": sum(ems) / len(ems), "f1": sum(f1s) / len(f1s)})
    return out


def format_table(metrics: dict) -> str:
    def fmt(v):
        if v is None:
            return "-"
        return f"{100 * v:.1f}" if isinstance(v, float) and v <= 1.0 else f"{v:.1f}" if isinstance(v, float) else str(v)
    rows = [("questions", metrics["questions"]), ("answerable / unanswerable",
             f"{metrics['answerable']} / {metrics['unanswerable']}"), ("threshold", f"{metrics['threshold']:.2f}"),
            ("EM (all)", fmt(metrics["em"])), ("F1 (all)", fmt(metrics["f1"])),
            ("EM (answerable)", fmt(metrics["answerable_em"])), ("F1 (answerable)", fmt(metrics["answerable_f1"])),
            ("no-answer accuracy", fmt(metrics["no_answer_accuracy"])),
            ("answerable but abstained", fmt(metrics["answerable_abstained"])),
            ("retrieval hit@1", fmt(metrics["hit@1"])), ("retrieval hit@5", fmt(metrics["hit@5"])),
            ("retrieval MRR", fmt(metrics["mrr"])),
            ("latency p50 (ms)", f"{metrics['latency_ms_p50']:.0f}"),
            ("latency p95 (ms)", f"{metrics['latency_ms_p95']:.0f}")]
    width = max(len(r[0]) for r in rows)
    return "\n".join(f"{name:<{width}}  {value}" for name, value in rows)


def save_report(report: dict, out_dir) -> list:
    """report.json, threshold.png (EM/F1 vs threshold) and latency.png in ``out_dir``."""
    import json
    from pathlib import Path

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    sweep = threshold_sweep(report["records"])
    report = dict(report, threshold_sweep=sweep)
    (out / "report.json").write_text(json.dumps(report, indent=2))
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot([s["threshold"] for s in sweep], [100 * s["em"] for s in sweep], label="EM")
    ax.plot([s["threshold"] for s in sweep], [100 * s["f1"] for s in sweep], label="F1")
    ax.axvline(report["metrics"]["threshold"], color="grey", linestyle=":", label="threshold in use")
    ax.set_xlabel("answer threshold (span score)")
    ax.set_ylabel("score (%)")
    ax.set_title("Quality vs no-answer threshold")
    ax.legend()
    fig.tight_layout()
    fig.savefig(out / "threshold.png", dpi=100)
    plt.close(fig)
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.hist([1000 * r["latency_s"] for r in report["records"]], bins=30)
    ax.set_xlabel("latency per question (ms)")
    ax.set_ylabel("questions")
    ax.set_title("Answer latency")
    fig.tight_layout()
    fig.savefig(out / "latency.png", dpi=100)
    plt.close(fig)
    return [out / "report.json", out / "threshold.png", out / "latency.png"]


def run_eval_cli(a) -> int:
    """``qa eval``: questions.jsonl against an index, or a SQuAD file indexed on the fly."""
    from pathlib import Path

    from qa.answerer import Answerer

    if bool(a.questions) == bool(a.squad):
        raise ValueError("give either QUESTIONS.jsonl or --squad FILE")
    use_titles = not a.no_titles
    if a.squad:
        from qa.indexing.build import add_to_index, open_or_create
        from qa.indexing.embedding import Embedder
        docs, rows = load_squad_questions(a.squad, a.limit, held_out=a.held_out)
        index_dir = Path(a.out) / "squad-index"
        emb = Embedder()
        store = open_or_create(index_dir, emb, None, None, False)
        add_to_index(store, docs, emb, index_dir, progress=True)
        answerer = Answerer.from_dir(index_dir, reader=a.reader, embedder=emb, use_titles=use_titles)
    else:
        if a.held_out:
            raise ValueError("--held-out applies to --squad only")
        rows = load_questions(a.questions)
        if getattr(a, "split", None):
            rows = [r for r in rows if r.get("split") == a.split]
            if not rows:
                raise ValueError(f"no rows with split {a.split!r} in {a.questions}")
        if a.limit and any("conversation" in r for r in rows):
            raise ValueError("--limit would cut conversations apart; use --split to run part of a conversation set")
        if a.limit:
            import random
            rows = random.Random(0).sample(rows, min(a.limit, len(rows)))
        answerer = Answerer.from_dir(a.index, reader=a.reader, use_titles=use_titles)
    report = evaluate_rows(answerer, rows, top_k=a.k, progress=True)
    print(format_table(report["metrics"]))
    if report["by_type"]:
        print()
        print(format_by_type(report["by_type"]))
    for f in save_report(report, a.out):
        print(f"wrote {f}")
    return 0
