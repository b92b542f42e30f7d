"""The shipped reader on its own, given passages directly."""

import pytest

from qa.defaults import READER_DIR, SAMPLE_CORPUS
from qa.documents import load_folder
from qa.chunking import chunk_text
from qa.types import Chunk, Passage


def test_shipped_reader_files_are_small_fp16():
    weights = READER_DIR / "model.safetensors"
    assert weights.is_file() and weights.stat().st_size < 55_000_000
    assert (READER_DIR / "tokenizer.json").is_file() and (READER_DIR / "config.json").is_file()


def test_reads_location_from_the_article(reader):
    doc = next(d for d in load_folder(SAMPLE_CORPUS) if d.id.startswith("002"))
    passages = [Passage(c, 1.0) for c in chunk_text(doc.text, doc.id)]
    spans = reader.read("Where did the 2022 South-South forum take place?", passages)
    best = spans[0]
    assert "China National Convention Center" in best.text
    assert doc.text[best.start:best.end] == best.text
    assert best.score > 0.5 and best.span_logit > best.null_logit
    assert [s.score for s in spans] == sorted((s.score for s in spans), reverse=True)


def test_long_passage_uses_sliding_windows(reader):
    filler = " ".join(f"Paragraph filler sentence number {i} mentions nothing useful." for i in range(120))
    text = filler + " The treasure was buried under the old oak tree in Lisbon. " + filler
    spans = reader.read("Where was the treasure buried?", [Passage(Chunk("long.txt", text, 0, len(text)), 1.0)])
    assert spans and "oak tree" in spans[0].text


def test_no_answer_for_unrelated_passage(reader):
    doc = next(d for d in load_folder(SAMPLE_CORPUS) if d.id.startswith("003"))
    passages = [Passage(c, 1.0) for c in chunk_text(doc.text, doc.id)]
    spans = reader.read("Who won the 2018 FIFA World Cup?", passages)
    assert not spans or spans[0].score < 0.5
    no = reader.no_answer(spans)
    assert no.text is None and no.score > 0.5


def test_titles_are_context_never_answer(reader):
    doc = next(d for d in load_folder(SAMPLE_CORPUS) if d.id.startswith("002"))
    chunks = [c for c in chunk_text(doc.text, doc.id) if c.start > 0]
    passages = [Passage(c, 1.0) for c in chunks]
    spans = reader.read("Where did the forum conclude?", passages, titles=[doc.title] * len(passages))
    assert spans
    for s in spans:
        assert doc.text[s.start:s.end] == s.text
        assert s.passage.chunk.start <= s.start and s.end <= s.passage.chunk.end  # inside the chunk, not the title
    with pytest.raises(ValueError, match="one per passage"):
        reader.read("Where?", passages, titles=[doc.title])


def test_precision_choices():
    from qa.reader import Reader
    with pytest.raises(ValueError, match="auto, fp32, bf16"):
        Reader(precision="fp8")


def test_bf16_and_fp32_agree_on_the_answer(reader):
    from qa.reader import Reader
    doc = next(d for d in load_folder(SAMPLE_CORPUS) if d.id.startswith("002"))
    passages = [Passage(c, 1.0) for c in chunk_text(doc.text, doc.id)][:3]
    q = "Where did the 2022 South-South forum take place?"
    fp32 = Reader(precision="fp32").read(q, passages)[0]
    other = Reader(precision="bf16").read(q, passages)[0]
    assert (other.start, other.end) == (fp32.start, fp32.end)
    assert abs(other.score - fp32.score) < 0.05
