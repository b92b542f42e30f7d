"""Training-data preparation of ``qa train-reader`` (no training run: that takes hours)."""

import pytest

from qa.cli import main as cli_main
from qa.reader import title_prefix
from qa.train_reader import SquadExample, add_negatives, featurize, with_title


def _examples():
    out = []
    for t in range(4):
        for p in range(3):
            ctx = f"Paragraph {p} of article {t} says the code word is word{t}x{p}."
            out.append(SquadExample(f"{t}-{p}", f"Article_{t}", "What is the code word?", ctx,
                                    ctx.index(f"word{t}x{p}"), f"word{t}x{p}"))
    return out


def test_with_title_shifts_the_answer_offsets():
    ex = _examples()[4]
    titled = with_title(ex)
    assert titled.context.startswith("Article 1\n\n")
    assert titled.context[titled.answer_start:titled.answer_start + len(ex.answer_text)] == ex.answer_text
    neg = SquadExample("n", "Article_1", "q", "no answer here", -1, "")
    assert with_title(neg).answer_start == -1
    assert title_prefix("  ") == ""


def test_negatives_keep_their_own_article_title():
    exs = _examples()
    by_ctx = {e.context: e.title for e in exs}
    out = add_negatives(exs, 1.0, seed=3)
    negs = [e for e in out if e.answer_start == -1]
    assert len(negs) >= len(exs) // 2
    for n in negs:
        assert by_ctx[n.context] == n.title  # the title is the negative paragraph's own
        qid = n.qid.removesuffix("_neg")
        gold = next(e for e in exs if e.qid == qid)
        assert gold.answer_text not in n.context


def test_featurize_labels_answer_tokens_after_the_title(reader):
    tok = reader.tokenizer
    ex = with_title(_examples()[7])
    (ids, _tt, s, e), = featurize([ex], tok, max_length=64, stride=16)
    assert 0 < s <= e
    assert tok.decode(ids[s:e + 1]).replace(" ", "") == ex.answer_text.lower()


def test_cli_passes_options_to_the_training_command(capsys):
    with pytest.raises(SystemExit) as exc:
        cli_main(["train-reader", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "qa train-reader" in out and "--titles" in out and "--skip-batches" in out
