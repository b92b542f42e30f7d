"""Checks on the held-out regression question set (tests/data/regression.jsonl).

Fast and model-free: the rows parse, ids are unique, types come from the agreed
list and meet their minimum counts, every row names a document of the sample
corpus, every gold answer of an answerable row occurs in that document's text as
ingestion loads it (after SQuAD normalisation of both sides), and unanswerable
types carry no gold answer. It does not run the question-answering system: the
set is held out and nobody tunes on it.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

from qa.answering.normalize import normalize_answer
from qa.ingest.documents import load_document

ROOT = Path(__file__).resolve().parent.parent
SET_PATH = ROOT / "tests" / "data" / "regression.jsonl"
CORPUS = ROOT / "qa" / "data" / "corpus"

# type -> minimum number of rows
MIN_COUNTS = {
    "paraphrase": 20, "number": 15, "date": 12, "list": 10, "single_item": 10,
    "followup": 10, "near_miss": 25, "other_unanswerable": 5, "factoid": 0,
}
UNANSWERABLE_TYPES = {"near_miss", "other_unanswerable"}
MIN_ROWS = 120
NEW_DOC_SUFFIXES = {".pdf", ".html", ".md"}  # the set must cover the added PDF, HTML page and Markdown file


def _rows() -> list[dict]:
    rows = []
    for n, line in enumerate(SET_PATH.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as e:
            pytest.fail(f"{SET_PATH.name}:{n}: not valid JSON ({e})")
        row["_line"] = n
        rows.append(row)
    return rows


ROWS = _rows()


@lru_cache(maxsize=None)
def _normalized_text(doc: str) -> str:
    return normalize_answer(load_document(CORPUS / doc).text)


def test_rows_have_the_required_fields():
    assert len(ROWS) >= MIN_ROWS
    for r in ROWS:
        where = f"line {r['_line']} ({r.get('id')})"
        assert isinstance(r.get("id"), str) and r["id"], where
        assert isinstance(r.get("question"), str) and r["question"].strip(), where
        assert isinstance(r.get("answers"), list), where
        assert all(isinstance(a, str) and a.strip() for a in r["answers"]), where
        assert r.get("type") in MIN_COUNTS, f"{where}: type {r.get('type')!r} not in {sorted(MIN_COUNTS)}"
        if "history" in r:
            assert isinstance(r["history"], list) and r["history"], where
            assert all(isinstance(h, str) and h.strip() for h in r["history"]), where


def test_ids_are_unique():
    dupes = [i for i, c in Counter(r["id"] for r in ROWS).items() if c > 1]
    assert not dupes, f"duplicate ids: {dupes}"


def test_type_counts_meet_the_minimums():
    counts = Counter(r["type"] for r in ROWS)
    short = {t: (counts[t], m) for t, m in MIN_COUNTS.items() if counts[t] < m}
    assert not short, f"types below their minimum (have, need): {short}"


def test_followups_carry_history_and_only_they_do():
    for r in ROWS:
        assert ("history" in r) == (r["type"] == "followup"), f"{r['id']}: history vs type {r['type']}"
        if r["type"] == "followup":
            assert 1 <= len(r["history"]) <= 2, r["id"]


def test_every_doc_exists_in_the_corpus():
    for r in ROWS:
        if r["type"] == "other_unanswerable":
            assert r.get("doc") in (None, *[p.name for p in CORPUS.iterdir()]), r["id"]
            continue
        assert isinstance(r.get("doc"), str), f"{r['id']}: needs a doc"
        assert (CORPUS / r["doc"]).is_file(), f"{r['id']}: {r['doc']} is not in {CORPUS}"


def test_unanswerable_types_have_no_gold_and_answerable_types_have_one():
    for r in ROWS:
        if r["type"] in UNANSWERABLE_TYPES:
            assert r["answers"] == [], f"{r['id']} ({r['type']}) must have answers == []"
        else:
            assert r["answers"], f"{r['id']} ({r['type']}) needs at least one gold answer"


def test_gold_answers_occur_in_their_document():
    missing = []
    for r in ROWS:
        if not r["answers"]:
            continue
        text = _normalized_text(r["doc"])
        for gold in r["answers"]:
            g = normalize_answer(gold)
            if not g or g not in text:
                missing.append((r["id"], r["doc"], gold))
    assert not missing, f"gold answers not found in their document: {missing}"


def test_set_covers_old_and_new_documents():
    docs = Counter(r["doc"] for r in ROWS if r.get("doc"))
    suffixes = {Path(d).suffix for d in docs}
    assert NEW_DOC_SUFFIXES <= suffixes, f"no questions on a {NEW_DOC_SUFFIXES - suffixes} document"
    corpus_docs = {p.name for p in CORPUS.iterdir() if p.is_file()}
    assert set(docs) == corpus_docs, f"documents without questions: {sorted(corpus_docs - set(docs))}"


def test_no_row_is_copied_from_the_shared_eval_set():
    def key(row):
        return (normalize_answer(row["question"]), tuple(normalize_answer(h) for h in row.get("history", [])))

    shared = ROOT / "tests" / "data" / "questions.jsonl"
    shared_keys = {key(json.loads(l)) for l in shared.read_text(encoding="utf-8").splitlines() if l.strip()}
    copied = [r["id"] for r in ROWS if key(r) in shared_keys]
    assert not copied, f"rows copied from the shared eval set: {copied}"
