import pytest

from qa.chunking import ChunkingConfig, chunk_text, split_sentences
from qa.defaults import SAMPLE_CORPUS
from qa.documents import load_folder


def check_offsets(text, chunks):
    for c in chunks:
        assert text[c.start:c.end] == c.text
        assert c.text == c.text.strip() and c.text


def test_corpus_chunks_keep_offsets_and_size():
    cfg = ChunkingConfig(700, 150)
    for doc in load_folder(SAMPLE_CORPUS):
        chunks = chunk_text(doc.text, doc.id, cfg)
        assert chunks, doc.id
        check_offsets(doc.text, chunks)
        assert all(len(c.text) <= cfg.chunk_size for c in chunks)
        # every sentence is inside some chunk
        for s, e in split_sentences(doc.text):
            assert any(c.start <= s and e <= c.end for c in chunks), doc.text[s:e]


def test_consecutive_chunks_overlap():
    text = " ".join(f"Sentence number {i} talks about topic {i}." for i in range(60))
    chunks = chunk_text(text, "d", ChunkingConfig(300, 100))
    assert len(chunks) > 3
    for a, b in zip(chunks, chunks[1:]):
        assert b.start < a.end, "next chunk starts inside the previous one"
        assert b.start > a.start


def test_empty_and_blank_text():
    assert chunk_text("", "d") == []
    assert chunk_text("   \n\n \t ", "d") == []


def test_one_huge_paragraph_without_punctuation():
    text = " ".join(f"word{i}" for i in range(3000))  # ~26k chars, no sentence end
    cfg = ChunkingConfig(500, 100)
    chunks = chunk_text(text, "d", cfg)
    check_offsets(text, chunks)
    assert len(chunks) > 40
    assert all(len(c.text) <= cfg.chunk_size for c in chunks)
    assert chunks[0].start == 0 and chunks[-1].end == len(text)
    for a, b in zip(chunks, chunks[1:]):  # no gaps, real overlap
        assert b.start < a.end


def test_unicode_text_offsets():
    text = ("Le café coûte 3 €. Zürich est grande! 北京是中国的首都。上海很大。\n\n"
            "Emoji 😀 count as one character. Ünïcödé ends here.") * 20
    chunks = chunk_text(text, "u", ChunkingConfig(200, 50))
    check_offsets(text, chunks)
    assert any("😀" in c.text for c in chunks)


def test_abbreviations_do_not_split_sentences():
    text = "Present were Mr. Munir Akram and Prof. BAI Chunli. Bruce F. Knotts spoke next."
    sents = [text[s:e] for s, e in split_sentences(text)]
    assert sents == ["Present were Mr. Munir Akram and Prof. BAI Chunli.", "Bruce F. Knotts spoke next."]


@pytest.mark.parametrize("size,overlap", [(10, 0), (700, 400), (700, -1), ("700", 10)])
def test_bad_config_names_the_value(size, overlap):
    with pytest.raises(ValueError, match="chunk_size|overlap"):
        ChunkingConfig(size, overlap)
