import pytest

from qa.defaults import SAMPLE_CORPUS
from qa.ingest import chunking
from qa.ingest.chunking import ChunkingConfig, chunk_text, split_sentences, split_sentences_by_rules
from qa.ingest.documents import load_folder


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


def test_library_splitter_ends_sentences_the_rules_missed():
    text = ("It flew on a Saturn V. The launch went well.[citation needed] Costs rose, etc. "
            "Then it stopped.\n\nThe ghetto held out for a month.:33 Few escaped.")
    sents = [text[s:e] for s, e in split_sentences(text)]
    assert sents == ["It flew on a Saturn V.", "The launch went well.[citation needed]", "Costs rose, etc.",
                     "Then it stopped.", "The ghetto held out for a month.:33", "Few escaped."]
    assert [text[s:e] for s, e in split_sentences_by_rules(text)] == [
        "It flew on a Saturn V. The launch went well.[citation needed] Costs rose, etc. Then it stopped.",
        "The ghetto held out for a month.:33 Few escaped."]


def test_spans_index_the_text_and_paragraph_breaks_end_sentences():
    text = "  Le café coûte 3 €. Emoji 😀 here.\n \n\t\n“Quoted.” Next one!\nA line\n\n\nno period here  "
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["Le café coûte 3 €.", "Emoji 😀 here.", "“Quoted.”",
                                             "Next one!", "A line", "no period here"]
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    assert split_sentences("") == [] and split_sentences(" \n\n ") == []


def test_rules_are_the_fallback(monkeypatch):
    text = "It flew on a Saturn V. The launch went well. Dr. Lee said so.\n\nNext paragraph here."
    monkeypatch.setattr(chunking, "_blingfire", None)  # no native library on this platform
    assert split_sentences(text) == split_sentences_by_rules(text)
    monkeypatch.undo()
    long = "Word " * 25_000 + "ends. Then a sentence on a Saturn V. Done."  # over 100,000 characters
    assert split_sentences(long) == split_sentences_by_rules(long)
    broken = "A lone \ud800 surrogate. It cannot be UTF-8. Still split."  # Bling Fire cannot encode it
    assert [broken[s:e] for s, e in split_sentences(broken)] == [
        "A lone \ud800 surrogate.", "It cannot be UTF-8.", "Still split."]


@pytest.mark.parametrize("size,overlap", [(10, 0), (700, 400), (700, -1), ("700", 10)])
def test_bad_config_names_the_value(size, overlap):
    with pytest.raises(ValueError, match="chunk_size|overlap"):
        ChunkingConfig(size, overlap)
