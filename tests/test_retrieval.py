import pytest

from qa.answering.conversation import resolve_followup
from qa.answering.retriever import Retriever, hit_rates


@pytest.fixture(scope="module")
def retriever(corpus_index, embedder):
    return Retriever(corpus_index[1], embedder)


def answerable(questions):
    return [(resolve_followup(q["question"], q.get("history")), q["doc"]) for q in questions if q["answers"]]


@pytest.mark.parametrize("mode,min_hit1,min_hit5", [("hybrid", 0.9, 1.0), ("dense", 0.85, 0.95), ("bm25", 0.9, 1.0)])
def test_shared_questions_find_their_document(retriever, questions, mode, min_hit1, min_hit5):
    r = hit_rates(retriever, answerable(questions), mode)
    assert r["hit@1"] >= min_hit1 and r["hit@5"] >= min_hit5, r


def test_south_south_first(retriever):
    ps = retriever.retrieve("Where did the 2022 South-South forum take place?", k=5)
    assert ps[0].chunk.doc_id == "002_557cd2be1ce03ba0.txt"
    assert "China National Convention Center" in ps[0].chunk.text
    assert [p.rank for p in ps] == [1, 2, 3, 4, 5]
    assert all(a.score >= b.score for a, b in zip(ps, ps[1:]))
    assert ps[0].dense_score is not None and ps[0].bm25_score is not None


def test_hybrid_fuses_both_rankings(retriever):
    # Rare token only BM25 can match exactly, paraphrase only dense can match.
    q = "CICETE co-organizer"
    assert retriever.retrieve(q, 1, "bm25")[0].chunk.doc_id == "002_557cd2be1ce03ba0.txt"
    assert retriever.retrieve(q, 1, "hybrid")[0].chunk.doc_id == "002_557cd2be1ce03ba0.txt"


def test_bad_arguments(retriever):
    with pytest.raises(ValueError, match="mode must be one of"):
        retriever.retrieve("x", 3, "sparse")
    with pytest.raises(ValueError, match="k must be a positive int"):
        retriever.retrieve("x", 0)
    with pytest.raises(ValueError, match="empty"):
        retriever.retrieve("   ", 3)
    assert retriever.retrieve("the of and", 3, "bm25") == []  # only stop words
