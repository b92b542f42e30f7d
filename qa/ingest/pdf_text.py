"""Text of a PDF, one line per paragraph (blank lines between), with the character offset where each page starts.

Pages are read with pypdfium2 (PDFium), the backend that measured best on
multi-column pages, hyphenated line ends and speed (benchmarks/side_by_side/pdf_compare.py,
figures in benchmarks/RESULTS.md ("Ingestion")); ``backend="pypdf"`` or
``"pdfplumber"`` remain for comparison. Then, in this order:

1. headers and footers repeated on the page margins (first/last two lines,
   digits ignored, on at least half of the pages and at least two) and bare
   page numbers ("12", "Page 3 of 9", "- 4 -") on the margins are removed;
2. a word hyphenated at a line end is joined ("inter-" + "national" ->
   "international"); the hyphen is kept when the document spells the word
   with a hyphen elsewhere ("well-" + "known" -> "well-known");
3. hard-wrapped lines are reflowed into one line per paragraph: a line ends a
   paragraph when it ends a sentence and is clearly shorter than the page's
   full lines, when it is a short line (a heading) before an upper-case start,
   or before a bullet (a numbered item only after a sentence end). Paragraphs may run across a page break.

``pages`` holds, for each page, the offset in the returned text of its first
character (pages with no text share the next page's offset).

Leaves out: OCR of scanned pages, tables as tables, reading order beyond what
PDFium gives, footnotes placement, encrypted PDFs without the password.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from qa.errors import DocumentError

PARAGRAPH_SEP = "\n\n"  # a blank line, as the chunker's paragraph break
BACKENDS = ("pypdfium2", "pypdf", "pdfplumber")
DEFAULT_BACKEND = "pypdfium2"

_PAGE_NUMBER_RE = re.compile(r"^(?:page\s*)?[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
_SENTENCE_END_RE = re.compile(r"[.!?:;][\"'”’)\]]*$")
_BULLET_RE = re.compile(r"^[•▪◦‣●■\-–*]\s+")
_NUMBERED_RE = re.compile(r"^\(?(?:\d{1,2}|[a-z])[.)]\s+")
_SOFT_HYPHENS = "\u00ad\u0002\ufffe"


def read_pages(path: Path, backend: str = DEFAULT_BACKEND) -> tuple[str, list[str]]:
    """(title, raw text of each page) from one PDF backend."""
    if backend not in BACKENDS:
        raise ValueError(f"unknown PDF backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    try:
        if backend == "pypdfium2":
            import pypdfium2 as pdfium
            pdf = pdfium.PdfDocument(str(path))
            try:
                pages = []
                for i in range(len(pdf)):
                    page = pdf[i]
                    tp = page.get_textpage()
                    pages.append(tp.get_text_range())
                    tp.close()
                    page.close()
                title = str((pdf.get_metadata_dict() or {}).get("Title") or "")
            finally:
                pdf.close()
        elif backend == "pypdf":
            from pypdf import PdfReader
            reader = PdfReader(str(path))
            pages = [(p.extract_text() or "") for p in reader.pages]
            title = str(reader.metadata.title or "") if reader.metadata else ""
        else:
            import pdfplumber
            with pdfplumber.open(str(path)) as pdf:
                pages = [(p.extract_text() or "") for p in pdf.pages]
                title = str((pdf.metadata or {}).get("Title") or "")
    except Exception as e:  # each backend raises its own types for broken or encrypted files
        raise DocumentError(f"cannot read PDF {path}: {type(e).__name__}: {e}") from e
    return title.strip(), [p.replace("\r\n", "\n").replace("\r", "\n") for p in pages]


def _margin_key(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", line.strip().lower()))


def strip_margins(pages: list[list[str]], depth: int = 2) -> list[list[str]]:
    """Drop repeated header/footer lines and bare page numbers from the top and bottom of each page."""
    counts: Counter = Counter()
    for lines in pages:
        nonempty = [ln for ln in lines if ln.strip()]
        counts.update({_margin_key(ln) for ln in nonempty[:depth] + nonempty[-depth:]})
    need = max(2, (len(pages) + 1) // 2)
    repeated = {k for k, c in counts.items() if c >= need}
    out = []
    for lines in pages:
        idx = [i for i, ln in enumerate(lines) if ln.strip()]
        margin = set(idx[:depth] + idx[-depth:])
        out.append([ln for i, ln in enumerate(lines)
                    if not (i in margin and (_margin_key(ln) in repeated or _PAGE_NUMBER_RE.match(ln.strip())))])
    return out


def _keep_hyphen(left: str, right: str, spelled: set[str]) -> bool:
    """Whether "left-" + "right" is a hyphenated compound (the document spells it so elsewhere)."""
    if not left.endswith("-"):
        return False  # a soft hyphen only ever marks a break
    a = re.search(r"([A-Za-z]+)-$", left)
    b = re.match(r"[A-Za-z]+", right)
    return bool(a and b) and f"{a.group(1)}-{b.group(0)}".lower() in spelled


def _is_hyphen_break(line: str, nxt: str) -> bool:
    if not nxt or not nxt[0].islower():
        return False
    if line[-1:] in _SOFT_HYPHENS:
        return True
    return len(line) >= 2 and line.endswith("-") and line[-2].isalpha()


def reflow(pages: list[list[str]]) -> tuple[str, tuple[int, ...]]:
    """Join wrapped lines into paragraphs (one per line); return (text, start offset of each page)."""
    flat: list[tuple[int, str]] = [(p, re.sub(r"\s+", " ", ln).strip()) for p, lines in enumerate(pages)
                                   for ln in lines]
    flat = [(p, ln) for p, ln in flat if ln] + [(len(pages), "")]
    # lines PDFium already joined at a hyphen are longer than any printed line: leave them out
    lengths = sorted(len(ln) for _, ln in flat if ln and not any(c in ln for c in _SOFT_HYPHENS))
    full = lengths[int(0.8 * (len(lengths) - 1))] if lengths else 0
    all_text = " ".join(ln for _, ln in flat)
    spelled = {m.group(0).lower() for m in re.finditer(r"[A-Za-z]+-[A-Za-z]+", all_text)}
    # PDFium joins a hyphenated line end itself and marks the hyphen with U+FFFE (or U+0002)
    inner = re.compile(r"([A-Za-z]+)[\u00ad\u0002\ufffe]\s*([A-Za-z]+)")
    # the printed length of such a joined line is what follows its last mark
    printed = [len(re.split(r"[\u00ad\u0002\ufffe]", ln)[-1]) for _, ln in flat]
    flat = [(p, inner.sub(lambda m: m.group(1) + ("-" if f"{m.group(1)}-{m.group(2)}".lower() in spelled else "")
                          + m.group(2), ln)) for p, ln in flat]

    paragraphs: list[tuple[int, str]] = []  # (page of first char, text)
    page_first: dict[int, tuple[int, int]] = {}  # page -> (paragraph index, char offset in it)
    cur, cur_page, joined_hyphen = "", 0, False
    for i, (page, line) in enumerate(flat[:-1]):
        nxt = flat[i + 1][1]
        if not cur:
            cur_page = page
            page_first.setdefault(page, (len(paragraphs), 0))
            cur = line
        else:
            page_first.setdefault(page, (len(paragraphs), len(cur) + (0 if joined_hyphen else 1)))
            cur = cur + line if joined_hyphen else cur + " " + line
        joined_hyphen = False
        if _is_hyphen_break(line, nxt):
            keep = _keep_hyphen(cur, nxt, spelled)
            cur = cur.rstrip(_SOFT_HYPHENS + "-") + ("-" if keep else "")
            joined_hyphen = True
            continue
        ends_sentence = bool(_SENTENCE_END_RE.search(line))
        short = printed[i] < 0.8 * full
        heading = printed[i] < 0.6 * full and not ends_sentence and (not nxt or nxt[:1].isupper())
        if not nxt or (ends_sentence and short) or heading or _BULLET_RE.match(nxt) \
                or (ends_sentence and _NUMBERED_RE.match(nxt)):
            paragraphs.append((cur_page, cur))
            cur = ""
    if cur:
        paragraphs.append((cur_page, cur))
    text = PARAGRAPH_SEP.join(p for _, p in paragraphs)
    starts_of_par, off = [], 0
    for _, p in paragraphs:
        starts_of_par.append(off)
        off += len(p) + len(PARAGRAPH_SEP)
    offsets = []
    for page in range(len(pages)):
        later = [page_first[q] for q in range(page, len(pages)) if q in page_first]
        if later:
            par, inner = later[0]
            offsets.append(starts_of_par[par] + inner if par < len(starts_of_par) else len(text))
        else:
            offsets.append(len(text))
    return text, tuple(offsets)


def pdf_to_text(path: str | Path, backend: str = DEFAULT_BACKEND) -> tuple[str, str, tuple[int, ...]]:
    """(title, text one paragraph per line, start offset of each page in the text)."""
    title, raw_pages = read_pages(Path(path), backend)
    pages = strip_margins([p.split("\n") for p in raw_pages])
    text, starts = reflow(pages)
    return title, text, starts
