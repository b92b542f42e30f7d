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
