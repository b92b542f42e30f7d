"""Read a folder of .txt, .md, .html and .pdf files into ``Document`` objects.

Each file becomes one document whose ``text`` is the cleaned text: non-breaking
spaces normalised, web-page boilerplate lines dropped (breadcrumbs, "Contact
Us", phone/fax/address blocks, copyright and site-map lines, comment widgets),
blank-line runs collapsed. The document id is the path relative to the folder
that was indexed. All later offsets point into this cleaned text.

Leaves out: OCR of scanned PDFs, layout analysis, language detection.
"""

from __future__ import annotations

import hashlib
import html
import re
from html.parser import HTMLParser
from pathlib import Path

from .errors import DocumentError
from .types import Document

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")

# Lines dropped when they are short (< 160 chars) and match one of these.
_BOILERPLATE = [
    r"^location\s*:",
    r"^you are here\s*:",
    r"(^|:)\s*home\s*[>»›;/|]",            # breadcrumbs: "Home > News > ..."
    r"^(tel|telephone|phone|mobile|fax|skype|e-?mail|add|address|wechat|whatsapp|contact person)"
    r"(\s*/\s*\w+)?\s*[:：]",
    r"^product inquiry$",
    r"^contact us\b",
    r"^site map\b",
    r"\b(legal statement|privacy policy|terms of use)\b.*\|",
    r"^(©|\(c\)|copyright\b)",
    r"all rights reserved",
    r"\bICP\s*(备)?\s*\d{6,}",
    r"^font size\s*:",
    r"^【?font size",
    r"^(print|share|back to top|more comments|all comments(/my comments)?)$",
    r"^netizens commentary",
    r"\bclick num\s*:\s*\d+",
    r"^views\s*:\s*\d+.*\b(author|publish time)\s*:",
    r"^welcome to\b.{0,80}$",
]
# A line like these ends the article: what follows is a "related news" list or comment widget.
_TAIL_MARKERS_RE = re.compile(
    r"^(about news|related (news|articles|posts|stories)|more news|recommended( for you)?|you may also like)$"
    r"|^(editor in charge|responsible editor)\s*:.{0,40}$",
    re.IGNORECASE)
_BOILERPLATE_RE = re.compile("|".join(f"(?:{p})" for p in _BOILERPLATE), re.IGNORECASE)


def is_boilerplate(line: str) -> bool:
    s = line.strip()
    return bool(s) and len(s) < 160 and bool(_BOILERPLATE_RE.search(s))


def clean_text(raw: str) -> str:
    """Normalise whitespace and drop boilerplate lines; keep every article line."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\ufeff", "")
    lines = []
    for line in text.split("\n"):
        line = re.sub(r"[ \t]+", " ", line).strip()
        if _TAIL_MARKERS_RE.match(line):
            break
        if is_boilerplate(line):
            continue
        lines.append(line)
    out = "\n".join(lines)
    out = re.sub(r"\n{3,}", "\n\n", out)
    return out.strip()


class _HTMLText(HTMLParser):
    _SKIP = {"script", "style", "nav", "header", "footer", "noscript", "template", "aside", "form"}
    _BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
              "table", "section", "article", "blockquote", "pre", "dd", "dt"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag in self._BLOCK:
            self.parts.append("\n\n" if tag != "br" else "\n")

    def handle_endtag(self, tag):
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == "title":
            self._in_title = False
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skip:
            self.parts.append(data.replace("\n", " "))


def html_to_text(raw: str) -> tuple[str, str]:
    """Return (title, text) of an HTML page, skipping scripts, styles and navigation."""
    parser = _HTMLText()
    parser.feed(raw)
    parser.close()
    return html.unescape(parser.title).strip(), "".join(parser.parts)


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


def pdf_to_text(path: Path) -> tuple[str, str]:
    try:
        from pypdf import PdfReader
    except ImportError as e:  # pragma: no cover - dependency declared in pyproject
        raise ImportError("Reading PDF needs pypdf: pip install pypdf") from e
    try:
        reader = PdfReader(str(path))
        pages = [(p.extract_text() or "") for p in reader.pages]
    except Exception as e:  # pypdf raises many types for broken files
        raise DocumentError(f"cannot read PDF {path}: {e}") from e
    title = ""
    if reader.metadata and reader.metadata.title:
        title = str(reader.metadata.title).strip()
    return title, "\n\n".join(pages)


def read_text_file(path: Path) -> str:
    data = path.read_bytes()
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
    if suffix == ".pdf":
        title, raw = pdf_to_text(p)
    elif suffix in (".html", ".htm"):
        title, raw = html_to_text(read_text_file(p))
    elif suffix == ".md":
        title, raw = markdown_to_text(read_text_file(p))
    else:
        title, raw = "", read_text_file(p)
    text = clean_text(raw)
    if not title:
        first = next((ln for ln in text.split("\n") if ln.strip()), "")
        title = first[:120]
    return Document(id=doc_id or p.name, text=text, path=_display_path(p), title=title.strip())


def _display_path(p: Path) -> str:
    """Path relative to the working directory when inside it (portable indexes), else absolute."""
    full = p.resolve()
    try:
        return full.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(full)


def iter_files(root: str | Path) -> list[Path]:
    """Supported files under ``root`` (a folder, searched recursively, or a single file), sorted."""
    r = Path(root)
    if not r.exists():
        raise DocumentError(f"path does not exist: {r}")
    if r.is_file():
        return [r]
    return sorted(p for p in r.rglob("*")
                  if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                  and not any(part.startswith(".") for part in p.relative_to(r).parts))


def load_folder(root: str | Path) -> list[Document]:
    """All supported documents under ``root``; ids are paths relative to ``root``.

    Empty documents (nothing left after cleaning) are skipped.
    """
    r = Path(root)
    files = iter_files(r)
    if not files:
        raise DocumentError(f"no {', '.join(SUPPORTED_SUFFIXES)} files under {r}")
    docs = []
    for f in files:
        doc_id = f.name if r.is_file() else f.relative_to(r).as_posix()
        doc = load_document(f, doc_id)
        if doc.text:
            docs.append(doc)
    return docs


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
