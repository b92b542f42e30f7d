"""The reader's network in ONNX Runtime: same logits and answers as PyTorch, cached export, clear errors."""

import os

import numpy as np
import pytest

from qa.reader import Reader
from qa.reader import runtime as rt
from qa.types import Chunk, Passage

TEXT = ("The 2022 forum was held in Bangkok. It was attended by 120 delegates from 40 countries, "
        "including 19 ambassadors, and closed with a joint statement on technical cooperation.")
QUESTIONS = ["How many ambassadors attended?", "Where was the forum held?", "How many countries sent delegates?"]


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    path = tmp_path_factory.mktemp("qa-cache")
    old = os.environ.get("QA_CACHE_DIR")
    os.environ["QA_CACHE_DIR"] = str(path)
    yield path
    if old is None:
        os.environ.pop("QA_CACHE_DIR", None)
    else:
        os.environ["QA_CACHE_DIR"] = old


@pytest.fixture(scope="module")
def pair(cache):
    return (Reader("fast", precision="fp32", runtime="torch"), Reader("fast", precision="fp32", runtime="onnx"))


def test_onnx_gives_torch_logits_and_answers(pair):
    torch_reader, onnx_reader = pair
    assert torch_reader.runtime == "torch" and onnx_reader.runtime == "onnx"
    _, s_t, e_t = torch_reader.logits(QUESTIONS[0], [TEXT, TEXT[:60]])
    _, s_o, e_o = onnx_reader.logits(QUESTIONS[0], [TEXT, TEXT[:60]])
    assert s_t.shape == s_o.shape and np.allclose(s_t, s_o, atol=1e-3) and np.allclose(e_t, e_o, atol=1e-3)
    passage = Passage(Chunk("d", TEXT, 0, len(TEXT)), 1.0)
    for q in QUESTIONS:
        a, b = torch_reader.read(q, [passage])[0], onnx_reader.read(q, [passage])[0]
        assert (a.text, a.start, a.end) == (b.text, b.start, b.end)
        assert abs(a.span_logit - b.span_logit) < 1e-3 and abs(a.null_logit - b.null_logit) < 1e-3
    assert onnx_reader.read(QUESTIONS[0], [passage])[0].text == "19"


def test_export_is_cached_and_reused(pair, cache, monkeypatch):
    files = list((cache / "onnx").glob("BertForQuestionAnswering-*.onnx"))
    assert len(files) == 1 and files[0].stat().st_size > 10_000_000
    assert not list((cache / "onnx").glob("*.part"))

    def no_export(*a, **k):
        raise AssertionError("exported again although the cache holds the graph")
    monkeypatch.setattr(rt, "export_onnx", no_export)
    again = Reader("fast", precision="fp32", runtime="onnx")
    assert again.read(QUESTIONS[1], [Passage(Chunk("d", TEXT, 0, len(TEXT)), 1.0)])[0].text == "Bangkok"


def test_unwritable_cache_runs_from_memory(tmp_path, monkeypatch):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")  # QA_CACHE_DIR/onnx cannot be created under a file
    monkeypatch.setenv("QA_CACHE_DIR", str(blocked))
    reader = Reader("fast", precision="fp32", runtime="onnx")
    assert reader.read(QUESTIONS[1], [Passage(Chunk("d", TEXT, 0, len(TEXT)), 1.0)])[0].text == "Bangkok"


def test_runtime_choice_and_errors(monkeypatch):
    with pytest.raises(ValueError, match="auto, torch, onnx"):
        rt.choose_runtime("tensorrt", "cpu", "fp32")
    with pytest.raises(ValueError, match="fp32 readers on the CPU"):
        rt.choose_runtime("onnx", "cpu", "bf16")
    assert rt.choose_runtime("auto", "cpu", "bf16") == "torch"  # native bf16 autocast stays in torch
    assert rt.choose_runtime("auto", "cuda", "bf16") == "torch"
    assert rt.choose_runtime("auto", "cpu", "fp32") == "onnx"
    monkeypatch.setenv("QA_READER_RUNTIME", "torch")
    assert rt.choose_runtime(None, "cpu", "fp32") == "torch"
    monkeypatch.setattr(rt, "onnxruntime_available", lambda: False)
    assert rt.choose_runtime("auto", "cpu", "fp32") == "torch"
    with pytest.raises(ImportError, match="pip install onnx onnxruntime"):
        rt.choose_runtime("onnx", "cpu", "fp32")
