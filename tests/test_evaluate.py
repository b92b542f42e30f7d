from qa.evaluate import exact_match, f1, normalize_answer, summarize


def test_official_normalisation():
    assert normalize_answer("The  Beijing Declaration!") == "beijing declaration"
    assert normalize_answer("an Apple, a pear") == "apple pear"


def test_em_f1_max_over_golds():
    assert exact_match("the China National Convention Center", ["China National Convention Center", "x"]) == 1.0
    assert f1("China National Convention Center in Beijing", ["China National Convention Center"]) == \
        2 * (4 / 6 * 1.0) / (4 / 6 + 1.0)
    assert f1("Paris", ["London"]) == 0.0 and f1("x", []) == 0.0


def test_summarize_counts_abstention_right():
    recs = [
        {"golds": ["Beijing"], "best_span": "Beijing", "best_span_score": 0.9, "prediction": "Beijing",
         "retrieval_rank": 1, "latency_s": 0.1},
        {"golds": [], "best_span": "Paris", "best_span_score": 0.2, "prediction": None,
         "retrieval_rank": None, "latency_s": 0.3},
        {"golds": ["76"], "best_span": "76 people", "best_span_score": 0.4, "prediction": None,
         "retrieval_rank": 3, "latency_s": 0.2},
    ]
    m = summarize(recs, 0.5)
    assert m["em"] == 2 / 3 and m["no_answer_accuracy"] == 1.0 and m["answerable_abstained"] == 0.5
    assert m["hit@1"] == 0.5 and m["hit@5"] == 1.0 and m["mrr"] == (1 + 1 / 3) / 2
    assert summarize(recs, 0.3)["em"] == 2 / 3 and summarize(recs, 0.3)["f1"] > 2 / 3


def test_squad_held_out_questions_never_overlap_the_sample(tmp_path):
    import json

    import pytest

    from qa.evaluate import load_squad_questions
    paras = [{"context": f"Paragraph {i} says the answer is {i}.",
              "qas": [{"id": f"q{i}-{j}", "question": f"What is answer {i}-{j}?",
                       "answers": [{"text": str(i), "answer_start": 0}]} for j in range(3)]} for i in range(20)]
    path = tmp_path / "mini-squad.json"
    path.write_text(json.dumps({"data": [{"title": "Mini", "paragraphs": paras}]}))
    docs, sample = load_squad_questions(path, limit=20)
    _, held = load_squad_questions(path, limit=20, held_out=True)
    assert len(docs) == 20 and len(sample) == len(held) == 20
    assert not {r["id"] for r in sample} & {r["id"] for r in held}
    assert load_squad_questions(path, limit=20, held_out=True)[1] == held  # seeded
    with pytest.raises(ValueError, match="held_out needs a limit"):
        load_squad_questions(path, held_out=True)
