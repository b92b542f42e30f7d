"""The date a document was published, when the file says it: HTML metadata, PDF metadata or a dateline.

``html_date`` reads ``<meta>`` publication dates (``article:published_time``, ``date``, ``dc.date``,
``dcterms.issued`` ...), JSON-LD ``datePublished`` and the first ``<time datetime>``; ``pdf_date`` the
PDF's ``CreationDate``; ``dateline`` a full date (day, month and year) in the first lines of a text, as
news releases start ("WASHINGTON, March 3, 2004 —", "Release time: 2022-09-02"). Each returns an ISO
date ("2004-03-03") or "" when there is none. The answerer's year rule uses it (``qa.answering.evidence``):
a news article rarely states its own year.

Leaves out: dates in the body of a text (those are what the article is about, not when it was written),
relative dates ("yesterday"), file modification times (a copy's time, not the document's).
"""

from __future__ import annotations

import re

_MONTHS = ("january february march april may june july august september october november december").split()
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|" \
         r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_ISO = re.compile(r"\b((?:19|20)\d\d)[-/.](0?[1-9]|1[0-2])[-/.](0?[1-9]|[12]\d|3[01])(?!\d)")
_MDY = re.compile(rf"\b({_MONTH})\s+(0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.I)
_DMY = re.compile(rf"\b(0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\s+({_MONTH}),?\s+((?:19|20)\d\d)\b", re.I)
_META = re.compile(
    r"<meta\b[^>]*?(?:property|name|itemprop)\s*=\s*[\"'](?:article:published_time|og:published_time|"
    r"datepublished|date|dc\.date|dc\.date\.issued|dcterms\.date|dcterms\.issued|dcterms\.created|pubdate|"
    r"publishdate|publication_date|citation_publication_date|citation_date|sailthru\.date)[\"'][^>]*>", re.I)
_CONTENT = re.compile(r"content\s*=\s*[\"']([^\"']+)[\"']", re.I)
_JSONLD = re.compile(r"\"datePublished\"\s*:\s*\"([^\"]+)\"")
_TIME = re.compile(r"<time\b[^>]*\bdatetime\s*=\s*[\"']([^\"']+)[\"']", re.I)


def _month(name: str) -> int:
    return next(i for i, m in enumerate(_MONTHS, start=1) if m.startswith(name.lower().rstrip(".")[:3]))


def parse_date(text: str) -> str:
    """The first full date written in ``text`` as ISO, or ""."""
    found = []
    for m in _ISO.finditer(text):
        found.append((m.start(), f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"))
    for m in _MDY.finditer(text):
        found.append((m.start(), f"{int(m.group(3)):04d}-{_month(m.group(1)):02d}-{int(m.group(2)):02d}"))
    for m in _DMY.finditer(text):
        found.append((m.start(), f"{int(m.group(3)):04d}-{_month(m.group(2)):02d}-{int(m.group(1)):02d}"))
    return min(found)[1] if found else ""


def html_date(raw_html: str) -> str:
    """The publication date an HTML page's metadata gives, or ""."""
    head = raw_html[:200_000]
    for m in _META.finditer(head):
        c = _CONTENT.search(m.group(0))
        if c and (d := parse_date(c.group(1))):
            return d
    for pattern in (_JSONLD, _TIME):
        m = pattern.search(head)
        if m and (d := parse_date(m.group(1))):
            return d
    return ""


def pdf_date(path) -> str:
    """A PDF's ``CreationDate`` ("D:20220315...") as ISO, or ""."""
    try:
        import pypdfium2
        pdf = pypdfium2.PdfDocument(str(path))
        try:
            raw = pdf.get_metadata_dict().get("CreationDate", "")
        finally:
            pdf.close()
    except Exception:  # unreadable metadata is not an error of the document
        return ""
    m = re.match(r"D?:?((?:19|20)\d\d)(\d\d)(\d\d)", raw or "")
    if not m or not (1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31):
        return ""
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"


def dateline(text: str, lines: int = 4) -> str:
    """A full date in the first ``lines`` non-empty lines of a text (a dateline or release line), or ""."""
    head = [ln for ln in text.split("\n")[:40] if ln.strip()][:lines]
    for ln in head:
        if d := parse_date(ln[:100]):  # a dateline starts its line; a date deep in a caption is not one
            return d
    return ""
