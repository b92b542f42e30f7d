"""Read a folder of .txt, .md, .rst, .html, .pdf and .docx files into ``Document`` objects.

Each file becomes one document whose ``text`` is the cleaned text, one
paragraph per line with blank lines between: HTML through trafilatura
(``qa.ingest.html_text``), PDF through pypdfium2 with reflowed lines and page offsets
(``qa.ingest.pdf_text``), .docx through python-docx (``qa.ingest.docx_text``), reStructuredText
(Sphinx docs) through docutils (``qa.ingest.rst_text``), Markdown with
its markup removed, plain-text web scrapes (.txt) through the general line
filter (``qa.ingest.boilerplate``: metadata, share, menu, breadcrumb, contact and
copyright lines). The document id is the path relative to the folder that was
indexed. All later offsets point into this cleaned text.

Leaves out: OCR of scanned PDFs, layout analysis, language detection.
"""

from __future__ import annotations

import bisect
import hashlib
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

from qa.errors import DocumentError
from qa.ingest.boilerplate import clean_text, is_boilerplate, normalize_lines  # noqa: F401  (re-exported)
from qa.ingest.dates import dateline, html_date, pdf_date
from qa.ingest.docx_text import docx_to_text
from qa.ingest.html_text import html_to_text
from qa.ingest.pdf_text import pdf_to_text
from qa.ingest.rst_text import rst_to_text
from qa.types import Document

SUPPORTED_SUFFIXES = (".txt", ".md", ".rst", ".html", ".htm", ".pdf", ".docx")
MAX_FILE_BYTES = 200 * 2**20  # larger files are skipped by scan_folder
log = logging.getLogger(__name__)


def markdown_to_text(raw: str) -> tuple[str, str]:
    """Return (title, text) of Markdown with the markup that would pollute answers removed."""
    title = ""
    m = re.search(r"^#\s+(.+)$", raw, re.MULTILINE)
    if m:
        title = m.group(1).strip()
    text = re.sub(r"```.*?```", "", raw, flags=re.DOTALL)
    text = re.sub(r"^#{1,6}\s*", "", text, flags=re.MULTILINE)
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__|`)", "", text)
    text = re.sub(r"^\s*[-*+]\s+", "", text, flags=re.MULTILINE)
    return title, text


def read_text_file(path: Path) -> str:
    """Decode a text file (UTF-16 with a BOM, UTF-8, else cp1252, else Latin-1); binary content is a DocumentError."""
    data = path.read_bytes()
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise DocumentError(f"{path.name}: broken UTF-16 text ({e})") from e
    head = data[:8192]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in head or controls > 0.05 * max(1, len(head)):
        raise DocumentError(f"{path.name} holds binary content, not text")
    for enc in ("utf-8", "cp1252", "latin-1"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")  # pragma: no cover - latin-1 never fails


def load_document(path: str | Path, doc_id: str | None = None) -> Document:
    """Read one supported file into a cleaned ``Document``."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ValueError(f"unsupported file type {suffix!r} for {p}; supported: {', '.join(SUPPORTED_SUFFIXES)}")
    if not p.is_file():
        raise DocumentError(f"not a file: {p}")
    pages: tuple[int, ...] = ()
    date = ""
    if suffix == ".pdf":
        title, raw, pages = pdf_to_text(p)
        date = pdf_date(p)
    elif suffix == ".docx":
        title, raw = docx_to_text(p)
    elif suffix in (".html", ".htm"):
        page = read_text_file(p)
        title, raw = html_to_text(page)
        date = html_date(page)
    elif suffix == ".md":
        title, raw = markdown_to_text(read_text_file(p))
    elif suffix == ".rst":
        title, raw = rst_to_text(read_text_file(p))
    else:
        title, raw = "", read_text_file(p)
    date = date or dateline(raw)  # before the line filter, which drops "release time" lines
    # the line filter is for plain-text web scrapes; extractors already dropped the furniture of the rest
    if suffix == ".pdf":
        text = raw  # already one paragraph per line; page offsets point into it
    else:
        text = clean_text(raw) if suffix == ".txt" else normalize_lines(raw)
    if not title:
        first = next((ln for ln in text.split("\n") if ln.strip()), "")
        title = first[:120]
    return Document(id=doc_id or p.name, text=text, path=_display_path(p), title=title.strip(), pages=pages,
                    date=date)


def page_of(doc: Document | dict, offset: int) -> int | None:
    """1-based page number holding character ``offset`` of a PDF document, None for other files.

    Takes a ``Document`` or a store's document record (``IndexStore.documents[doc_id]``).
    """
    pages = doc.get("pages", ()) if isinstance(doc, dict) else doc.pages
    if not pages or offset < 0:
        return None
    return bisect.bisect_right(list(pages), offset) or 1


def _display_path(p: Path) -> str:
    """Path relative to the working directory when inside it (portable indexes), else absolute."""
    full = p.resolve()
    try:
        return full.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(full)


def iter_files(root: str | Path) -> list[Path]:
    """Supported files under ``root`` (a folder, searched recursively, or a single file), sorted.

    Hidden files and folders are left out; symbolic links to folders are not followed
    (no loops), links to files are.
    """
    r = Path(root)
    if not r.exists():
        raise DocumentError(f"path does not exist: {r}")
    if r.is_file():
        return [r]
    found = []
    for dirpath, dirnames, filenames in os.walk(r, followlinks=False):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            p = Path(dirpath) / name
            if not name.startswith(".") and p.suffix.lower() in SUPPORTED_SUFFIXES and p.is_file():
                found.append(p)
    return sorted(found)


@dataclass(frozen=True)
class SkippedFile:
    """A file of a folder that was not loaded, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class FolderLoad:
    documents: tuple[Document, ...]
    skipped: tuple[SkippedFile, ...]


def scan_folder(root: str | Path, max_bytes: int = MAX_FILE_BYTES) -> FolderLoad:
    """Load every supported file under ``root``; a file that cannot be read is skipped with its reason.

    Reasons: unreadable (OS error), broken or encrypted PDF/DOCX, binary content in a
    text file, larger than ``max_bytes``, no text after cleaning, or any other error
    raised while extracting it. Ids are paths relative to ``root``.
    """
    r = Path(root)
    files = iter_files(r)
    if not files:
        raise DocumentError(f"no {', '.join(SUPPORTED_SUFFIXES)} files under {r}")
    docs, skipped = [], []
    for f in files:
        got = read_one(f, doc_id_of(r, f), max_bytes)
        (docs if isinstance(got, Document) else skipped).append(got)
    return FolderLoad(tuple(docs), tuple(skipped))


def doc_id_of(root: Path, f: Path) -> str:
    """The id of file ``f`` found under ``root``: its path relative to the folder (its name for a file)."""
    return f.name if root.is_file() else f.relative_to(root).as_posix()


def read_one(f: Path, doc_id: str, max_bytes: int = MAX_FILE_BYTES) -> Document | SkippedFile:
    """One file of a folder as a ``Document``, or a ``SkippedFile`` with the reason it cannot be used
    (what ``scan_folder`` does per file; ``qa.indexing.build`` runs it in worker processes)."""
    try:
        size = f.stat().st_size
        if size > max_bytes:
            raise DocumentError(f"{size} bytes is more than the {max_bytes} allowed")
        doc = load_document(f, doc_id)
    except Exception as e:  # noqa: BLE001 - one bad file must not stop the folder; the reason is kept
        reason = str(e) if isinstance(e, DocumentError) else f"{type(e).__name__}: {e}"
        return SkippedFile(doc_id, reason[:300])
    return doc if doc.text else SkippedFile(doc_id, "no text after cleaning")


def load_folder(root: str | Path) -> list[Document]:
    """All readable documents under ``root``; each skipped file is logged as a warning with its reason."""
    result = scan_folder(root)
    for s in result.skipped:
        log.warning("skipped %s: %s", s.path, s.reason)
    return list(result.documents)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
