"""Hard-wrapped plain text is joined into one line per paragraph; other text is left alone."""

import textwrap

from qa.ingest.documents import load_document
from qa.ingest.plain_text import reflow_wrapped

PARAGRAPHS = [
    "The survey vessel left Hobart on 3 March with a crew of twenty-six and a science party of eleven, "
    "bound for the ice edge south of the Kerguelen Plateau, where the team planned to recover two moorings "
    "deployed in the previous season.",
    "Weather delayed the first recovery by four days. The second mooring was found drifting eighteen "
    "kilometres from its deployment site, its release mechanism jammed by ice, and was lifted aboard with "
    "the ship's crane on 19 March.",
]


def _wrapped() -> str:
    return ("Voyage report\n\n" + "\n\n".join(textwrap.fill(p, 72) for p in PARAGRAPHS)
            + "\n\nChanges in this release:\n\n"
            + "- the winch was replaced with a model rated for\n  twelve tonnes, after the old one failed twice\n"
            + "- a second echo sounder was fitted\n")


def test_wrapped_paragraphs_become_one_line_each():
    lines = reflow_wrapped(_wrapped()).split("\n")
    assert PARAGRAPHS[0] in lines and PARAGRAPHS[1] in lines
    assert "Voyage report" in lines and "Changes in this release:" in lines  # short lines end a paragraph
    assert "- a second echo sounder was fitted" in lines  # an item is never joined to the line before it


def test_a_hyphen_at_the_line_end_is_kept_without_a_space():
    text = "\n".join(["x" * 60 + " well-", "known results were " + "y" * 50] * 4)
    assert "well-known results" in reflow_wrapped(text)


def test_text_with_a_paragraph_per_line_is_left_alone():
    scrape = "\n\n".join(PARAGRAPHS * 3) + "\nShare this page\nContact us\n"
    assert reflow_wrapped(scrape) == scrape
    assert reflow_wrapped("short\nlines\nonly\n") == "short\nlines\nonly\n"


def test_a_wrapped_txt_file_is_indexed_as_paragraphs(tmp_path):
    (tmp_path / "voyage.txt").write_text(_wrapped())
    doc = load_document(tmp_path / "voyage.txt")
    assert PARAGRAPHS[1] in doc.text.split("\n")
