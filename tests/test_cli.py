"""qa ask / qa chat / qa eval as a user runs them."""

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def qa(*args, stdin=None, timeout=600):
    return subprocess.run([sys.executable, "-m", "qa.cli", *args], input=stdin, capture_output=True, text=True,
                          timeout=timeout)


def test_ask_prints_answer_source_confidence(corpus_index):
    r = qa("ask", "Where did the 2022 South-South forum take place?", "--index", str(corpus_index[0]))
    assert r.returncode == 0, r.stderr
    assert "Answer: " in r.stdout and "China National Convention Center" in r.stdout
    assert "Source: 002_557cd2be1ce03ba0.txt" in r.stdout and "Confidence: " in r.stdout
    r = qa("ask", "Who won the 2018 FIFA World Cup?", "--index", str(corpus_index[0]), "--json")
    out = json.loads(r.stdout)
    assert out["answer"] is None and out["confidence"] > 0.5


def test_ask_json_carries_offsets_and_question_overlap(corpus_index):
    r = qa("ask", "who attended the 2022 South-South forum", "--index", str(corpus_index[0]), "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["answer"].startswith("more than 600 participants from 31 countries")
    assert out["doc_id"] == "002_557cd2be1ce03ba0.txt" and out["end"] - out["start"] == len(out["answer"])
    assert 0 < out["question_overlap"] <= 1 and out["reader_margin"] > 0 and out["passage_score"] > 0
    assert out["name_missing_from_document"] == 0.0 and out["year_missing_from_document"] == 0.0
    assert all("question_overlap" in alt and "reader_margin" in alt for alt in out["alternatives"])
    scores = [out["confidence"]] + [alt["confidence"] for alt in out["alternatives"]]
    assert scores == sorted(scores, reverse=True)  # the order shown is the confidence shown


def test_chat_keeps_history(corpus_index):
    r = qa("chat", "--index", str(corpus_index[0]),
           stdin="When was the 2022 International Forum on South-South Cooperation and Trade in Services?\n"
                 "Where was it held?\n\n")
    assert r.returncode == 0, r.stderr
    assert "understood as: Where was the 2022 International Forum" in r.stdout
    assert "China National Convention Center" in r.stdout


def test_eval_writes_table_json_and_plots(corpus_index, tmp_path):
    rows = [json.loads(line) for line in open("tests/data/questions.jsonl")]
    subset = [r for r in rows if r["id"] in ("p12", "p23", "p32", "p34")]
    qfile = tmp_path / "q.jsonl"
    qfile.write_text("\n".join(json.dumps(r) for r in subset))
    r = qa("eval", str(qfile), "--index", str(corpus_index[0]), "--out", str(tmp_path / "rep"))
    assert r.returncode == 0, r.stderr
    assert "EM (all)" in r.stdout and "retrieval hit@5" in r.stdout and "no-answer accuracy" in r.stdout
    report = json.loads((tmp_path / "rep" / "report.json").read_text())
    m = report["metrics"]
    assert m["questions"] == 4 and m["answerable"] == 3 and m["unanswerable"] == 1
    assert m["hit@5"] == 1.0 and m["f1"] >= 0.75
    assert len(report["threshold_sweep"]) == 21
    assert set(report["by_type"]) == {r["type"] for r in subset}
    assert "no-answer" in r.stdout.split("F1")[-1]  # the per-type table
    for png in ("threshold.png", "latency.png"):
        assert (tmp_path / "rep" / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_eval_rejects_bad_files(tmp_path, corpus_index):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"question": "x"}\n')
    r = qa("eval", str(bad))
    assert r.returncode == 2 and "needs 'question'" in r.stderr
    r = qa("eval")
    assert r.returncode == 2 and "either QUESTIONS.jsonl or --squad" in r.stderr
    r = qa("ask", "Where?", "--index", str(corpus_index[0]), "--reader", "fastest")
    assert r.returncode == 2 and "accurate, fast" in r.stderr


def test_fast_reader_from_the_command_line(corpus_index):
    r = qa("ask", "Where did the 2022 South-South forum take place?", "--index", str(corpus_index[0]),
           "--reader", "fast", "--json")
    assert r.returncode == 0, r.stderr
    assert "China National Convention Center" in json.loads(r.stdout)["answer"]
