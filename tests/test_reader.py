"""The shipped readers on their own, given passages directly."""

import json

import numpy as np
import pytest

from qa.defaults import SAMPLE_CORPUS
from qa.errors import ModelNotFoundError
from qa.ingest.chunking import chunk_text
from qa.ingest.documents import load_folder
from qa.reader import CascadeReader, Reader, load_reader
from qa.reader.models import MODELS_DIR, load_config, resolve_reader
from qa.reader.quantized import MAX_SHARD_BYTES, load_int8, save_int8
from qa.types import Chunk, Passage

Q_WHERE = "Where did the 2022 South-South forum take place?"


def _doc(prefix):
    return next(d for d in load_folder(SAMPLE_CORPUS) if d.id.startswith(prefix))


def _passages(doc):
    return [Passage(c, 1.0) for c in chunk_text(doc.text, doc.id)]


def test_shipped_readers_are_compact():
    fast = MODELS_DIR / "fast"
    assert (fast / "model.safetensors").stat().st_size < 50_000_000  # fp16 MiniLM-L6
    shards = sorted((MODELS_DIR / "accurate").glob("model-int8.*.safetensors"))
    assert len(shards) >= 2 and all(p.stat().st_size < 64 * 2**20 for p in shards)
    assert sum(p.stat().st_size for p in shards) < 120_000_000  # MPNet-base: 218 MB in fp16
    for name, kind in (("fast", "zeros"), ("accurate", "none")):
        cfg = load_config(MODELS_DIR / name)
        assert cfg.name == name and cfg.token_type_ids == kind and 0 < cfg.threshold < 1
        assert json.loads((MODELS_DIR / name / "reader.json").read_text())["calibration"]["margin"] > 0


def test_reader_names_and_paths(tmp_path):
    assert resolve_reader("fast") == MODELS_DIR / "fast"
    with pytest.raises(ValueError, match="accurate, fast"):
        resolve_reader("fastest")
    with pytest.raises(ModelNotFoundError, match="config.json"):
        resolve_reader(tmp_path)
    with pytest.raises(ValueError, match="auto, fp32, bf16, int8"):
        Reader("fast", precision="fp8")
    with pytest.raises(ValueError, match="auto, cpu, cuda"):
        Reader("fast", device="tpu")


def test_int8_storage_round_trip(tmp_path):
    import torch
    g = torch.Generator().manual_seed(0)
    state = {"big.weight": torch.randn(1000, 600, generator=g) * 0.05, "small.weight": torch.randn(10, 10),
             "other.weight": torch.randn(1000, 600, generator=g), "bias": torch.randn(600), "ids": torch.arange(5)}
    paths = save_int8(state, tmp_path, max_shard_bytes=700_000)  # 600 kB of int8 per big tensor
    assert len(paths) >= 2 and all(p.stat().st_size < 800_000 for p in paths)
    back = load_int8(tmp_path)
    assert set(back) == set(state) and back["ids"].tolist() == [0, 1, 2, 3, 4]
    row_max = state["big.weight"].abs().amax(dim=1, keepdim=True)
    assert ((back["big.weight"] - state["big.weight"]).abs() <= row_max / 127 / 2 + 1e-4).all()
    assert torch.allclose(back["small.weight"], state["small.weight"], atol=1e-2)  # fp16, not int8
    assert MAX_SHARD_BYTES < 64 * 2**20


def test_fast_reader_finds_the_location(reader):
    doc = _doc("002")
    spans = reader.read(Q_WHERE, _passages(doc))
    best = spans[0]
    assert "China National Convention Center" in best.text
    assert doc.text[best.start:best.end] == best.text
    assert best.score > 0.5 and best.margin > 0 and best.reader_score == best.score
    assert [s.score for s in spans] == sorted((s.score for s in spans), reverse=True)


def test_fast_reader_gets_zero_segment_ids_and_accurate_none(reader, accurate_reader):
    enc = reader.tokenizer(["q"], ["c"], return_tensors="np")
    inputs = reader._inputs(enc, slice(0, 1), enc["input_ids"].shape[1])
    assert int(np.abs(inputs["token_type_ids"]).sum()) == 0  # trained without BERT segments
    acc = accurate_reader.second
    enc = acc.tokenizer(["q"], ["c"], return_tensors="np")
    assert "token_type_ids" not in acc._inputs(enc, slice(0, 1), enc["input_ids"].shape[1])


def test_long_passage_uses_sliding_windows(reader):
    filler = " ".join(f"Paragraph filler sentence number {i} mentions nothing useful." for i in range(120))
    text = filler + " The treasure was buried under the old oak tree in Lisbon. " + filler
    spans = reader.read("Where was the treasure buried?", [Passage(Chunk("long.txt", text, 0, len(text)), 1.0)])
    assert spans and "oak tree" in spans[0].text


def test_no_answer_for_unrelated_passage(accurate_reader):
    spans = accurate_reader.read("Who won the 2018 FIFA World Cup?", _passages(_doc("003")))
    assert not spans or spans[0].margin < 0
    no = accurate_reader.no_answer(spans)
    assert no.text is None and no.score > 0.5


def test_titles_are_context_never_answer(reader):
    doc = _doc("002")
    passages = [p for p in _passages(doc) if p.chunk.start > 0]
    spans = reader.read("Where did the forum conclude?", passages, titles=[doc.title] * len(passages))
    assert spans
    for s in spans:
        assert doc.text[s.start:s.end] == s.text
        assert s.passage.chunk.start <= s.start and s.end <= s.passage.chunk.end  # inside the chunk, not the title
    with pytest.raises(ValueError, match="one per passage"):
        reader.read("Where?", passages, titles=[doc.title])


def test_spans_never_cross_a_line(reader):
    text = ("Source: Example Daily News Release time: 2019-09-06 11:42\n"
            "On August 26, 2019, the delegation arrived in Salt Lake City for the conference.")
    spans = reader.read("When did the delegation arrive?", [Passage(Chunk("d", text, 0, len(text)), 1.0)])
    assert spans and "\n" not in spans[0].text and "August 26, 2019" in spans[0].text


def test_int8_and_fp32_agree_on_the_answer():
    passages = _passages(_doc("002"))[:3]
    fp32, int8 = Reader("fast", precision="fp32"), Reader("fast", precision="int8")
    assert (fp32.precision, int8.precision) == ("fp32", "int8")
    a, b = fp32.read(Q_WHERE, passages)[0], int8.read(Q_WHERE, passages)[0]
    assert (a.start, a.end) == (b.start, b.end) and abs(a.score - b.score) < 0.05


def test_cascade_reads_the_passage_the_fast_reader_ranks_first(reader, accurate_reader):
    doc = _doc("002")
    others = _passages(_doc("003")) + _passages(_doc("000"))
    passages = others[:3] + [p for p in _passages(doc) if "Convention Center" in p.chunk.text][:1] + others[3:5]
    order = accurate_reader.order(passages, reader.read(Q_WHERE, passages))
    assert order[0] == 3 and sorted(order) == list(range(len(passages)))
    spans = accurate_reader.read(Q_WHERE, passages)
    assert spans[0].passage is passages[3] and "China National Convention Center" in spans[0].text
    assert isinstance(load_reader("accurate"), CascadeReader)


def test_staged_reading_stops_when_sure(reader):
    from dataclasses import replace

    from qa.reader import read_staged
    doc = _doc("002")
    hit = [p for p in _passages(doc) if "Convention Center" in p.chunk.text][:1]
    others = _passages(_doc("003"))[:3]
    staged = Reader.__new__(Reader)
    staged.__dict__.update(reader.__dict__)
    staged.config = replace(reader.config, first=1, more=2, sure_margin=4.0)
    spans, n = read_staged(staged, Q_WHERE, hit + others, None)
    assert n == 1 and "China National Convention Center" in spans[0].text  # sure after the first passage
    spans, n = read_staged(staged, Q_WHERE, others + hit, None)
    assert n == 3 and all(s.passage is not hit[0] for s in spans)  # unsure: 2 more, never the 4th
    staged.config = replace(reader.config, first=1, more=0, sure_margin=4.0)
    assert read_staged(staged, Q_WHERE, others + hit, None)[1] == 4  # more = 0: all the rest


def test_cuda_reader_matches_cpu_when_a_gpu_is_present(reader):
    torch = pytest.importorskip("torch")
    if not torch.cuda.is_available():
        pytest.skip("no CUDA GPU on this machine (the same code path runs on the CPU in every other test)")
    gpu = Reader("fast", device="cuda")
    passages = _passages(_doc("002"))
    a, b = reader.read(Q_WHERE, passages)[0], gpu.read(Q_WHERE, passages)[0]
    assert gpu.precision == "bf16" and (a.start, a.end) == (b.start, b.end)
    assert np.isclose(a.score, b.score, atol=0.05)
