""".docx through python-docx: headings, paragraphs, list items and table rows, one per line."""

import pytest

from qa.errors import DocumentError
from qa.ingest.documents import load_document, load_folder


@pytest.fixture()
def report_docx(tmp_path):
    import docx
    d = docx.Document()
    d.add_heading("Harbour annual report", level=0)
    d.add_heading("Cargo", level=1)
    p = d.add_paragraph("The harbour handled 8.4 million tonnes of cargo in 2020,")
    p.add_run().add_break()  # a soft line break inside the paragraph
    p.add_run("the highest figure since 1911.")
    d.add_paragraph("Rotterdam took the largest share.", style="List Bullet")
    d.add_paragraph("Hamburg came second.", style="List Bullet")
    table = d.add_table(rows=3, cols=3)
    for r, row in enumerate([("Port", "Tonnes", "Year"), ("Rotterdam", "2.1 million", "2020"),
                             ("Hamburg", "1.3 million", "2020")]):
        for c, v in enumerate(row):
            table.cell(r, c).text = v
    merged = d.add_table(rows=1, cols=3)
    merged.cell(0, 0).merge(merged.cell(0, 1)).text = "Total"
    merged.cell(0, 2).text = "3.4 million"
    d.add_paragraph("")  # empty paragraphs are skipped
    d.add_paragraph("The new crane arrived in March.")
    path = tmp_path / "report.docx"
    d.save(path)
    return path


def test_docx_blocks_one_per_line_in_order(report_docx):
    doc = load_document(report_docx)
    assert doc.title == "Harbour annual report"
    assert doc.text.split("\n\n") == [
        "Harbour annual report", "Cargo",
        "The harbour handled 8.4 million tonnes of cargo in 2020, the highest figure since 1911.",
        "Rotterdam took the largest share.", "Hamburg came second.",
        "Port | Tonnes | Year", "Rotterdam | 2.1 million | 2020", "Hamburg | 1.3 million | 2020",
        "Total | 3.4 million",
        "The new crane arrived in March."]


def test_docx_in_a_folder_and_broken_docx(tmp_path, report_docx):
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not a real zip")
    with pytest.raises(DocumentError, match="cannot read DOCX"):
        load_document(tmp_path / "broken.docx")
    (tmp_path / "broken.docx").unlink()
    assert [d.id for d in load_folder(tmp_path)] == ["report.docx"]
