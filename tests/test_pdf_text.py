"""PDF text: repeated margins dropped, hyphenated line ends joined, wrapped lines reflowed, page offsets."""

import pytest

from qa.errors import DocumentError
from qa.ingest.documents import load_document, page_of
from qa.ingest.pdf_text import BACKENDS, read_pages, reflow, strip_margins

FULL = "x" * 60  # a full-width line for the reflow's line-length statistics


def test_reflow_joins_wrapped_lines_into_one_paragraph_per_line():
    lines = ["The harbour handled 8.4 million tonnes of cargo in 2020, the",
             "highest figure since the port opened in 1911, the authority said",
             "in its annual report on Tuesday.",
             "Cargo volumes",
             "Container traffic rose by a fifth while bulk cargo fell slightly",
             "because of the long strike at the coal terminal in the spring."]
    text, pages = reflow([lines])
    assert text.split("\n\n") == [
        "The harbour handled 8.4 million tonnes of cargo in 2020, the highest figure since the port opened in "
        "1911, the authority said in its annual report on Tuesday.",
        "Cargo volumes",
        "Container traffic rose by a fifth while bulk cargo fell slightly because of the long strike at the coal "
        "terminal in the spring."]
    assert pages == (0,)


def test_hyphenated_line_ends_are_joined_but_real_compounds_keep_their_hyphen():
    lines = ["The delegation discussed the inter-",
             "national agreement on the well-known canal, and the",
             "minister praised the well-",
             "known engineers who had built it in the nineteenth century.",
             FULL]
    text, _ = reflow([lines])
    assert "the international agreement" in text
    assert "praised the well-known engineers" in text
    assert "-\n" not in text and "inter-" not in text


def test_soft_hyphen_marks_from_pdfium_are_resolved():
    text, _ = reflow([["The environmen\ufffetal report and the well-known well\ufffeknown case were read.", FULL]])
    assert "The environmental report and the well-known well-known case were read." in text


def test_bullets_and_numbered_items_start_new_lines():
    lines = ["Spinrad named three priorities for the agency in his first speech:",
             "• Developing a full portfolio of environmental products and",
             "services for a changing climate.",
             "• Building a balanced portfolio of programs.",
             "The meeting ended at noon after a long exchange with the staff, number",
             "2. was the last item."]
    out = reflow([lines + [FULL]])[0].split("\n\n")
    assert out[1] == "• Developing a full portfolio of environmental products and services for a changing climate."
    assert out[2] == "• Building a balanced portfolio of programs."
    assert any(ln.endswith("with the staff, number 2. was the last item.") for ln in out)


def test_page_offsets_and_paragraphs_across_a_page_break():
    p1 = ["Annual report of the harbour authority for the year 2020 and", "the outlook for the coming decade"
          " of trade and shipping in the region as a", "whole, written by the board."]
    p2 = ["Second page starts a new paragraph that is long enough to count.", FULL]
    text, pages = reflow([p1, [], p2])
    assert pages[0] == 0
    assert text[pages[2]:].startswith("Second page starts")
    assert pages[1] == pages[2]  # an empty page shares the next page's offset


def test_strip_margins_drops_repeated_headers_footers_and_page_numbers():
    bodies = ["Body text about Lisbon.", "Body text about Quito.", "Body text about Oslo."]
    pages = [["Harbour Review 2023", b, f"Page {i} of 3"] for i, b in enumerate(bodies, 1)]
    pages[1].append("17")
    out = strip_margins(pages)
    assert out == [[b] for b in bodies]
    single = strip_margins([["Only page header", "Body.", "- 1 -"]])
    assert single == [["Only page header", "Body."]]  # one page: nothing repeats, the page number goes


@pytest.fixture(scope="module")
def two_column_pdf(tmp_path_factory):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    left = ["The port of Lisbon handled 912 contracts", "in 2019, mostly from inter-",
            "national shipping companies.", "", "The railway in Quito carried 51 tonnes", "of coffee in 2022."]
    right = ["The library in Oslo lent 643 books in", "1999, mostly to students of agri-",
             "cultural engineering.", "", "The airport in Hanoi served 80 airlines", "in 1998 for the first time."]
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    with PdfPages(path) as pdf:
        for p in (1, 2):
            fig = plt.figure(figsize=(8.5, 11))
            fig.text(0.08, 0.965, "Harbour Authority Quarterly Review", fontsize=8)
            fig.text(0.45, 0.025, f"Page {p} of 2", fontsize=8)
            for x, col in ((0.08, left), (0.53, right)):
                for j, ln in enumerate(col):
                    fig.text(x, 0.93 - j * 0.0188, ln.replace("Lisbon", "Lisbon" if p == 1 else "Porto"), fontsize=9)
            pdf.savefig(fig)
            plt.close(fig)
    return path


def test_generated_two_column_pdf(two_column_pdf):
    doc = load_document(two_column_pdf)
    lines = doc.text.split("\n\n")
    assert "The port of Lisbon handled 912 contracts in 2019, mostly from international shipping companies." in lines
    assert "The library in Oslo lent 643 books in 1999, mostly to students of agricultural engineering." in lines
    assert "Quarterly Review" not in doc.text and "Page 1 of 2" not in doc.text
    assert len(doc.pages) == 2
    second = doc.text.index("The port of Porto")
    assert page_of(doc, second) == 2 and page_of(doc, 0) == 1
    assert doc.text[doc.pages[1]:].startswith("The port of Porto")


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_backend_reads_the_pdf(two_column_pdf, backend):
    _, pages = read_pages(two_column_pdf, backend)
    assert len(pages) == 2 and "Hanoi" in pages[0]


def test_unknown_backend_and_broken_or_encrypted_pdf(tmp_path, two_column_pdf):
    with pytest.raises(ValueError, match="unknown PDF backend 'x'.*pypdfium2"):
        read_pages(two_column_pdf, "x")
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(DocumentError, match="cannot read PDF"):
        load_document(tmp_path / "bad.pdf")
    from pypdf import PdfReader, PdfWriter
    w = PdfWriter()
    for page in PdfReader(two_column_pdf).pages:
        w.add_page(page)
    w.encrypt(user_password="secret", owner_password="owner")
    with open(tmp_path / "locked.pdf", "wb") as f:
        w.write(f)
    with pytest.raises(DocumentError, match="cannot read PDF"):
        load_document(tmp_path / "locked.pdf")


def test_page_of_other_documents_and_store_records():
    from qa.types import Document
    assert page_of(Document("a.txt", "text"), 2) is None
    assert page_of({"pages": [0, 10, 25]}, 24) == 2 and page_of({"pages": [0, 10, 25]}, 25) == 3
    assert page_of({"text": "x"}, 0) is None


def test_pages_survive_the_index_and_reach_the_cli_source_line(tmp_path):
    import numpy as np

    from qa.cli import format_result
    from qa.ingest.chunking import ChunkingConfig
    from qa.stores.faiss_store import IndexStore
    from qa.types import Answer, AnswerResult, Chunk, Document, Passage

    text = "First page text about the harbour.\n\nSecond page text: the crane lifts 65 tonnes."
    doc = Document("report.pdf", text, pages=(0, text.index("Second")))
    store = IndexStore("fake", 4, ChunkingConfig())
    store.add_documents([doc], lambda texts, progress: np.ones((len(texts), 4), np.float32))
    store.save(tmp_path / "ix")
    loaded = IndexStore.load(tmp_path / "ix")
    assert loaded.document("report.pdf").pages == doc.pages
    start = text.index("65 tonnes")
    chunk = Chunk("report.pdf", text, 0, len(text))
    ans = Answer("65 tonnes", 0.9, Passage(chunk, 1.0), start, start + len("65 tonnes"))
    out = format_result(AnswerResult("how much can the crane lift", ans), loaded.documents)
    assert "Source: report.pdf, page 2 (chars" in out
    assert "page" not in format_result(AnswerResult("q", ans), None).split("Source:")[1].split("(")[0]
