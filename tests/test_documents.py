import pytest

from qa.defaults import SAMPLE_CORPUS
from qa.errors import DocumentError
from qa.ingest.documents import clean_text, load_document, load_folder


@pytest.fixture(scope="module")
def corpus():
    return {d.id: d for d in load_folder(SAMPLE_CORPUS)}


def test_sample_corpus_loads_with_ids_titles_paths(corpus):
    assert len(corpus) == sum(1 for p in SAMPLE_CORPUS.iterdir() if p.is_file()) >= 9
    doc = corpus["002_557cd2be1ce03ba0.txt"]
    assert doc.title.startswith("2022 International Forum on South-South Cooperation")
    assert doc.path.endswith("002_557cd2be1ce03ba0.txt")
    assert "China National Convention Center in Beijing" in doc.text


def test_boilerplate_removed_article_kept(corpus):
    belt = corpus["004_db892e9051c247c4.txt"].text
    for junk in ("Tel:", "TEL:", "FAX", "Skype", "Whatsapp", "Contact Person", "Copyright", "You are here"):
        assert junk not in belt, junk
    assert "The Friendship Tunnel, a nearly 10-kilometer cross-border tunnel" in belt
    assert "China pledged to be carbon neutral by 2060" in belt
    cscec = corpus["003_ff5b0687fde85929.txt"].text
    assert "Site Map" not in cscec and "©" not in cscec and "Font size" not in cscec
    assert "attended by 76 people from 73 embassies" in cscec
    forum = corpus["002_557cd2be1ce03ba0.txt"].text
    assert "Click Num" not in forum and "More Comments" not in forum and "Biomass" not in forum
    assert "Location:" not in corpus["000_ea3066790518d206.txt"].text
    assert "Contact Us" not in corpus["001_f44ad48b11c7b797.txt"].text
    assert "\u00a0" not in forum


def test_clean_text_keeps_sentences_that_mention_contact_words():
    raw = "Tel: +1 555 0100\nThe company said you can phone: the office on Monday and discuss the contract in detail with all of the staff who were there."
    out = clean_text(raw)
    assert out.startswith("The company said you can phone")


def test_html_and_markdown(tmp_path):
    (tmp_path / "page.html").write_text(
        "<html><head><title>Forum page</title><style>p{color:red}</style></head><body>"
        "<nav>Home | News | Contact Us</nav><script>var x = 'secret';</script>"
        "<p>The forum took place in Geneva &amp; Bern.</p><footer>© 2020 Example</footer></body></html>")
    (tmp_path / "notes.md").write_text("# Meeting notes\n\nThe **budget** was [ten million](http://x) francs.\n")
    docs = {d.id: d for d in load_folder(tmp_path)}
    page = docs["page.html"]
    assert page.title == "Forum page"
    assert page.text == "The forum took place in Geneva & Bern."
    md = docs["notes.md"]
    assert md.title == "Meeting notes"
    assert "The budget was ten million francs." in md.text


def test_pdf(tmp_path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig = plt.figure()
    fig.text(0.1, 0.5, "The treaty was signed in Lisbon in 2007.")
    fig.savefig(tmp_path / "treaty.pdf")
    plt.close(fig)
    doc = load_document(tmp_path / "treaty.pdf")
    assert "signed in Lisbon in 2007" in doc.text


def test_bad_inputs(tmp_path):
    with pytest.raises(DocumentError, match="does not exist"):
        load_folder(tmp_path / "missing")
    with pytest.raises(DocumentError, match="no .txt"):
        load_folder(tmp_path)
    (tmp_path / "a.doc").write_text("x")
    with pytest.raises(ValueError, match=r"unsupported file type '\.doc'.*\.pdf.*\.docx"):
        load_document(tmp_path / "a.doc")
    (tmp_path / "bad.pdf").write_bytes(b"not a pdf at all")
    with pytest.raises(DocumentError, match="cannot read PDF"):
        load_document(tmp_path / "bad.pdf")


def test_empty_file_is_skipped(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "real.txt").write_text("Real text here.")
    assert [d.id for d in load_folder(tmp_path)] == ["real.txt"]
