"""Text of a Word .docx file through python-docx: one line per paragraph, heading, list item or table row.

Body blocks are read in document order; blank lines separate them (the chunker's
paragraph break). A soft line break inside a paragraph becomes a space, so a
span can cover the whole paragraph. A table row becomes one line with its cells
joined by " | " (a cell merged across columns is written once). The title is the
document's core property, else its first Title/Heading paragraph.

Leaves out: page headers and footers, footnotes, comments, text boxes, images,
tracked changes (the current text is read), the older binary .doc format.
"""

from __future__ import annotations

import re
from pathlib import Path

from qa.errors import DocumentError

_SPACES_RE = re.compile(r"\s+")


def _line(text: str) -> str:
    return _SPACES_RE.sub(" ", text).strip()


def _row_line(row) -> str:
    cells, last = [], None
    for cell in row.cells:
        if last is not None and cell._tc is last:
            continue  # python-docx repeats a merged cell once per grid column
        last = cell._tc
        cells.append(_line(cell.text))
    return " | ".join(c for c in cells if c)


def docx_to_text(path: str | Path) -> tuple[str, str]:
    """(title, text) of a .docx file."""
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as e:  # pragma: no cover - dependency declared in pyproject
        raise ImportError("Reading .docx needs python-docx: pip install python-docx") from e
    try:
        document = docx.Document(str(path))
    except Exception as e:  # zipfile.BadZipFile, KeyError, lxml errors ... for broken files
        raise DocumentError(f"cannot read DOCX {path}: {type(e).__name__}: {e}") from e
    lines: list[str] = []
    first_heading = ""
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(block, document)
            text = _line(para.text)
            if not text:
                continue
            style = (para.style.name if para.style is not None else "") or ""
            if not first_heading and (style == "Title" or style.startswith("Heading")):
                first_heading = text
            lines.append(text)
        elif tag == "tbl":
            for row in Table(block, document).rows:
                text = _row_line(row)
                if text:
                    lines.append(text)
    title = _line(document.core_properties.title or "") or first_heading
    return title, "\n\n".join(lines)
