"""Main text of an HTML page through trafilatura: one line per paragraph, heading or list item.

Blocks are separated by blank lines; the lines of a ``<pre>`` block by single line breaks.

Before extraction the page's own line breaks inside running text are turned
into spaces (HTML wraps source lines freely; a span must be able to cover a whole
paragraph), ``<pre>`` blocks keep theirs, and permalink anchors (a lone ¶ or #
linking into the page) are removed. trafilatura then drops navigation, cookie banners, share buttons,
footers and related-links lists and keeps headings, paragraphs, list items and
table rows. Pages where trafilatura finds no main content (very short pages)
fall back to a plain tag-stripping parser that still skips script, style, nav,
header, footer, aside and form elements.

Leaves out: JavaScript-rendered content, images and their alt text, links'
targets, comments sections.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_NEWLINES_RE = re.compile(r"\s*\n\s*")
_PRE_NEWLINE = "QAPRENL7F3"  # stands for a line break inside <pre> while trafilatura runs (it drops control characters)
_PERMALINK_SIGNS = {"¶", "#", "§", "🔗", "\u2693"}
_BULLET_RE = re.compile(r"^[ \t]*[-•*][ \t]+", re.MULTILINE)


def _flatten_source_newlines(tree) -> None:
    """Replace line breaks inside running text by spaces; keep them inside <pre> and <textarea>."""
    keep = set(tree.xpath("//pre | //pre//* | //textarea | //textarea//*"))
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        if el.text and "\n" in el.text:
            el.text = el.text.replace("\n", _PRE_NEWLINE) if el in keep else _NEWLINES_RE.sub(" ", el.text)
        parent = el.getparent()  # a tail is text of the parent's content
        if el.tail and "\n" in el.tail:
            el.tail = (el.tail.replace("\n", _PRE_NEWLINE) if parent is not None and parent in keep
                       else _NEWLINES_RE.sub(" ", el.tail))


def _drop_page_furniture(tree) -> None:
    """Remove semantic-HTML navigation, footers, side bars and forms before extraction.

    A <header> inside <article> or <main> is kept: it usually holds the title.
    """
    xpath = ("//nav | //aside | //footer | //form | //noscript | //script | //style | //template"
             " | //*[@role='navigation' or @role='contentinfo' or @role='complementary' or @role='search']"
             " | //header[not(ancestor::article) and not(ancestor::main)]")
    for el in tree.xpath(xpath):
        if el.getparent() is not None:
            el.drop_tree()


def _drop_permalinks(tree) -> None:
    """Remove in-page permalink anchors (an <a href="#..."> whose whole text is a sign like ¶ or #)."""
    for a in list(tree.iter("a")):
        if (a.get("href") or "").startswith("#") and (a.text_content() or "").strip() in _PERMALINK_SIGNS:
            a.drop_tree()


_BLOCK_TAGS = {"p", "li", "dd", "dt", "td", "th", "blockquote", "div", "section", "article", "main", "body"}


def _unwrap_inline_links(tree) -> None:
    """Turn links that are a minor part of their block's text into plain text.

    trafilatura drops short link-dense blocks as navigation; in documentation a line
    such as "Wraps filter() usage in a list call." is content. A block that is mostly
    link text (a related-links item) keeps its link and is still dropped.
    """
    for a in list(tree.iter("a")):
        block = a.getparent()
        while block is not None and block.tag not in _BLOCK_TAGS:
            block = block.getparent()
        if block is None:
            continue
        if 2 * len(a.text_content().strip()) < len(block.text_content().strip()):
            a.drop_tag()


def _neutralise_section_ids(tree) -> None:
    """Remove ids of <section> and heading elements: they come from the heading's words, and
    trafilatura's boilerplate patterns match words in them ("finding-shared-libraries" as "share")."""
    for el in tree.xpath("//section[@id] | //h1[@id] | //h2[@id] | //h3[@id] | //h4[@id]"):
        del el.attrib["id"]


def _page_title(tree) -> str:
    """The first <h1>, else og:title, else <title> (trafilatura's metadata pass costs seconds on big pages)."""
    for xp in ("//h1", "//meta[@property='og:title']/@content", "//title"):
        found = tree.xpath(xp)
        if found:
            t = found[0] if isinstance(found[0], str) else found[0].text_content()
            t = " ".join(t.split())
            if t:
                return t
    return ""


def html_to_text(raw: str) -> tuple[str, str]:
    """Return (title, text) of an HTML page: its main content, one block per line."""
    import lxml.html
    import trafilatura
    from lxml.etree import ParserError

    if not raw.strip():
        return "", ""
    try:
        tree = lxml.html.document_fromstring(raw.encode("utf-8", errors="replace"),
                                             parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (ParserError, ValueError):
        return "", ""
    _drop_permalinks(tree)
    title = _page_title(tree)
    _drop_page_furniture(tree)
    _unwrap_inline_links(tree)
    _neutralise_section_ids(tree)
    _flatten_source_newlines(tree)
    # fast=True skips trafilatura's second-opinion extractors: same text on the pages measured, 2-4x faster
    text = trafilatura.extract(tree, include_tables=True, include_comments=False, include_links=False,
                               include_images=False, output_format="txt", fast=True) or ""
    if not text.strip():
        title2, text = _fallback_html_to_text(raw)  # the raw page: libxml2 cuts very deep nesting
        title = title or title2
    text = _BULLET_RE.sub("", text)
    # blocks are separated by a blank line (the chunker's paragraph break); <pre> keeps single line breaks
    text = re.sub(r"\n+", "\n\n", text).replace(_PRE_NEWLINE, "\n")
    return html.unescape(title), text


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
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == "title":
            self._in_title = False
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skip:
            self.parts.append(re.sub(r"\s*\n\s*", " ", data))


def _fallback_html_to_text(raw: str) -> tuple[str, str]:
    """Tag-stripping extraction for pages trafilatura finds no main content in."""
    parser = _HTMLText()
    parser.feed(raw)
    parser.close()
    return parser.title.strip(), "".join(parser.parts)
