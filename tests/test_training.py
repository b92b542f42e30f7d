"""``qa train-reader``: data preparation, teacher alignment, and tiny real training runs on the CPU."""

import json

import pytest

from qa.cli import main as cli_main
from qa.reader import Reader, title_prefix
from qa.training.data import SquadExample, add_abstention, featurize, load_squad, near_miss_context, with_title
from qa.training.distill import aligned, by_example, match_teacher, positions

COLOURS = ["red", "blue", "green", "amber"]


def _squad(tmp_path):
    """A SQuAD v1.1 json of 4 articles x 2 paragraphs x 2 questions (answers copied from the text)."""
    data = []
    for t, colour in enumerate(COLOURS):
        paras = []
        for p in range(2):
            city = f"Town{t}{p}"
            ctx = (f"The festival of article {t} opened in {city} in the spring. "
                   f"Organisers painted every door {colour} for the parade. "
                   f"About {100 + 10 * t + p} musicians travelled there from nearby villages. "
                   f"Local bakers sold bread and honey cakes near the market square.")
            qas = [{"id": f"{t}-{p}-where", "question": "Where did the festival open?",
                    "answers": [{"text": city, "answer_start": ctx.index(city)}]},
                   {"id": f"{t}-{p}-colour", "question": "Which colour were the doors painted?",
                    "answers": [{"text": colour, "answer_start": ctx.index(colour)}]}]
            paras.append({"context": ctx, "qas": qas})
        data.append({"title": f"Festival_{t}", "paragraphs": paras})
    path = tmp_path / "squad-mini.json"
    path.write_text(json.dumps({"version": "1.1", "data": data}))
    return path


def test_near_miss_removes_the_answer_sentence():
    ctx = ("The bridge opened in 1932. It cost four million dollars to build. Engineers praised its steel "
           "arches, which still carry freight trains and commuters today. Tourists walk across it every summer "
           "to watch the boats pass below.")
    nm = near_miss_context(ctx, ctx.index("four million"), "four million dollars")
    assert nm is not None and "four million" not in nm and "opened in 1932" in nm and "Tourists" in nm
    assert near_miss_context(ctx, ctx.index("1932"), "1932", min_chars=500) is None  # too little left
    repeated = "It cost 5 dollars. The toll is 5 dollars today. Nobody minds it at all, the town says. " * 2
    assert near_miss_context(repeated, repeated.index("5 dollars"), "5 dollars") is None  # still there


def test_abstention_examples_and_titles(tmp_path):
    exs = load_squad(_squad(tmp_path))
    assert len(exs) == 16 and all(e.kind == "answer" for e in exs)
    out = add_abstention(exs, other=0.5, near_miss=0.5, seed=3)
    others = [e for e in out if e.kind == "other"]
    near = [e for e in out if e.kind == "near_miss"]
    assert len(others) >= 6 and len(near) == 8
    by_ctx = {e.context: e.title for e in exs}
    for n in others:
        gold = next(e for e in exs if e.qid == n.qid.removesuffix("_neg"))
        assert n.answer_start == -1 and gold.answer_text.lower() not in n.context.lower()
        assert by_ctx[n.context] == n.title  # a negative keeps its own paragraph's title
    for n in near:
        gold = next(e for e in exs if e.qid == n.qid.removesuffix("_nm"))
        assert n.title == gold.title and gold.answer_text not in n.context
        assert n.context != gold.context and n.context.split(". ")[-1] in gold.context
    titled = with_title(exs[5])
    assert titled.context.startswith("Festival 1\n\n")
    assert titled.context[titled.answer_start:][:len(exs[5].answer_text)] == exs[5].answer_text
    assert with_title(SquadExample("n", "A_b", "q", "no answer", -1, "")).answer_start == -1
    assert title_prefix("  ") == ""
    with pytest.raises(ValueError, match="near_miss fraction"):
        add_abstention(exs, 0.1, 1.5, 0)


def _tokenizer(name):
    from transformers import AutoTokenizer

    from qa.reader.models import resolve_reader
    return AutoTokenizer.from_pretrained(str(resolve_reader(name)))


def test_featurize_labels_answer_tokens_after_the_title():
    tok = _tokenizer("fast")
    ex = with_title(SquadExample("q", "Big_Town", "Where?", "The fair was held in Lisbon last May.",
                                 len("The fair was held in "), "Lisbon"))
    (f,) = featurize([ex], tok, max_length=64, stride=16, titled=True)
    assert 0 < f.start <= f.end
    assert tok.decode(f.input_ids[f.start:f.end + 1]).replace(" ", "") == "lisbon"
    assert f.context_offsets[0][0] >= len("Big Town\n\n")  # title tokens are not context tokens


def test_teacher_and_student_windows_line_up():
    """MPNet's word pieces are BERT-uncased's: with one more token of room the windows match."""
    student, teacher = _tokenizer("fast"), _tokenizer("accurate")
    ctx = " ".join(f"Sentence {i} says the harbour of Porto{i} handled {i * 7} ships." for i in range(30))
    ex = [SquadExample("q", "Ports", "How many ships did Porto3 handle?", ctx, ctx.index("21 ships"), "21")]
    s = featurize(ex, student, max_length=64, stride=16)
    t = featurize(ex, teacher, max_length=65, stride=16)
    assert len(s) > 3 and aligned(s, t)
    assert s[0].context_offsets == t[0].context_offsets and t[0].context_first == s[0].context_first + 1
    assert len(positions(s[0])) == 1 + len(s[0].context_offsets)
    assert match_teacher(s, t) == {i: i for i in range(len(s))}
    shifted = featurize(ex, teacher, max_length=64, stride=16)  # one token short: windows drift apart
    assert not aligned(s, shifted) and match_teacher(s, shifted) == {}
    assert by_example(s) == {0: list(range(len(s)))}


def _train(tmp_path, *extra):
    out = tmp_path / "run"
    code = cli_main(["train-reader", "--train", str(_squad(tmp_path)), "--out", str(out), "--device", "cpu",
                     "--epochs", "6", "--batch-size", "8", "--lr", "3e-4", "--warmup", "0.1",
                     "--max-length", "96", "--stride", "32", "--titles", "--threads", "2", *extra])
    assert code == 0
    return out, json.loads((out / "training.json").read_text())


def _falls(losses):
    k = max(2, len(losses) // 5)
    return sum(losses[-k:]) / k < 0.7 * sum(losses[:k]) / k


@pytest.mark.slow
def test_tiny_training_run_learns_and_exports(tmp_path):
    out, log = _train(tmp_path, "--negatives", "0.25", "--near-miss", "0.25")
    assert log["examples"]["near_miss"] == 4 and log["examples"]["other"] >= 3
    assert log["device"] == "cpu" and log["final"] and _falls(log["losses"]), log["losses"]
    for int8 in (False, True):
        dest = tmp_path / ("int8" if int8 else "fp16")
        assert cli_main(["train-reader", "--out", str(out), "--export", str(dest), "--name", "mini"]
                        + (["--int8"] if int8 else [])) == 0
        cfg = json.loads((dest / "reader.json").read_text())
        assert cfg["name"] == "mini" and cfg["token_type_ids"] == "zeros"  # trained without segment ids
        assert any(dest.glob("model-int8.*.safetensors")) == int8
        reader = Reader(dest, precision="fp32")
        assert reader.read("Where did the festival open?", []) == []


@pytest.mark.slow
def test_tiny_distillation_run_uses_the_teacher(tmp_path):
    out, log = _train(tmp_path, "--teacher", "qa/models/accurate", "--negatives", "0.1", "--near-miss", "0.1")
    assert log["teacher"].endswith("accurate") and log["teacher_aligned_features"] >= 0.8 * log["features_total"]
    assert _falls(log["losses"]), log["losses"]


def test_train_reader_arguments(capsys, tmp_path):
    with pytest.raises(SystemExit) as exc:
        cli_main(["train-reader", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for opt in ("--device", "--base", "--near-miss", "--teacher", "--recipe", "--int8", "--skip-batches"):
        assert opt in out
    assert cli_main(["train-reader", "--out", str(tmp_path)]) == 2
    assert "--train FILE is needed" in capsys.readouterr().out
    assert cli_main(["train-reader", "--train", "x.json", "--near-miss", "2"]) == 2
    assert "--near-miss must be in [0, 1]" in capsys.readouterr().out
    assert cli_main(["train-reader", "--train", "x.json", "--base", str(tmp_path / "nope")]) == 2
    assert "is not a model folder" in capsys.readouterr().out


@pytest.mark.slow
def test_frozen_layers_stay_fixed_and_the_top_learns(tmp_path, capsys):
    from safetensors.torch import load_file

    from qa.defaults import embedder_path
    out, log = _train(tmp_path, "--freeze-layers", "4", "--epochs", "1")
    assert log["frozen_layers"] == 4 and log["steps_done"] > 0
    before = load_file(str(next(embedder_path().rglob("model.safetensors"))))
    after = load_file(str(out / "model.safetensors"))
    def same(suffix):
        a = next(v for k, v in after.items() if k.endswith(suffix))
        b = next(v for k, v in before.items() if k.endswith(suffix))
        return bool((a.float() - b.float()).abs().max() == 0)
    assert same("encoder.layer.0.attention.self.query.weight")
    assert same("encoder.layer.3.output.dense.weight")
    assert not same("encoder.layer.5.output.dense.weight")  # the top of a 6-layer encoder learns
    capsys.readouterr()
    assert cli_main(["train-reader", "--train", str(_squad(tmp_path)), "--out", str(tmp_path / "b"),
                     "--device", "cpu", "--freeze-layers", "99"]) == 2
    assert "--freeze-layers 99: the model has only 6 layers" in capsys.readouterr().out
