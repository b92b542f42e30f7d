"""Rules on the boundaries of a candidate answer span, applied inside each window.

* ``clean``: trailing/leading separators stripped; a span that opens a
  parenthesis closes it ("(UNOSSC" -> "(UNOSSC)").
* ``valid``: a span never crosses a line break (in the ingested text one line
  is one paragraph, a heading or a metadata line), never lies in a heading (a
  short line of its own without final punctuation, standing alone before
  running text, or the document's first line; a run of such lines is a list
  and stays answerable) and never starts or ends inside a word (word pieces
  of a longer word).
* ``complete_quote``: a span that starts right after an opening quote and stops
  before its closing quote is extended to the closing quote when the reader
  scores the longer span within ``max_drop`` logits of its own best (titles
  and themes are quoted, and readers like to stop early in them).
* ``complete_link``: a span that starts or ends inside a web address or an
  e-mail address is widened to the whole address (readers drop "http://" or
  stop at a slash; a cut address does not work), without the sentence's
  final punctuation.

Leaves out: answer types (see ``qa.reader.numbers``), spans across passages.
"""

from __future__ import annotations

import re
from typing import Callable

STRIP = " \t\n,;:"
CLOSING = {"“": "”", "‘": "’", "«": "»", "《": "》", "「": "」", '"': '"'}
MAX_QUOTE_CHARS = 300


def clean(text: str, c0: int, c1: int) -> tuple[int, int]:
    """``(c0, c1)`` without separators at either end, with an opened parenthesis closed."""
    while c0 < c1 and text[c0] in STRIP:
        c0 += 1
    while c1 > c0 and text[c1 - 1] in STRIP:
        c1 -= 1
    if text.count("(", c0, c1) > text.count(")", c0, c1) and text[c1:c1 + 1] == ")":
        c1 += 1
    return c0, c1


_SENTENCE_END = (".", "!", "?", "\"", "”", ")")


def _short_line(line: str) -> bool:
    return len(line) <= 150 and not line.endswith(_SENTENCE_END)


def _neighbour_line(text: str, a: int, b: int, after: bool) -> str | None:
    """The nearest non-empty line after ``b`` (or before ``a``); None when the text ends first."""
    lines = text[b:].split("\n") if after else reversed(text[:a].split("\n"))
    return next((ln.strip() for ln in lines if ln.strip()), None)


def in_heading(text: str, start: int, end: int, text_start: int = 0) -> bool:
    """True when the span lies in a heading: a short line of its own with no sentence-ending punctuation
    that stands alone before running text (or is the document's first line; ``text_start`` is the
    text's offset in its document). A run of such lines is a list (award winners, "Second place: X"
    lines, HTML list items), not headings: spans in it stay valid."""
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    b = len(text) if b == -1 else b
    line = text[a:b].strip()
    own_paragraph = (a == 0 or text[max(0, a - 2):a] == "\n\n") and text[b:b + 2] == "\n\n"
    if not (own_paragraph and _short_line(line)):
        return False
    if a == 0 and text_start == 0:
        return True  # the document's title
    after, before = _neighbour_line(text, a, b, True), _neighbour_line(text, a, b, False)
    return not (after is not None and _short_line(after)) and not (before is not None and _short_line(before))


def _word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def inside_word(text: str, c0: int, c1: int) -> bool:
    """True when text[c0:c1] starts or ends in the middle of an (ASCII) word."""
    cut_start = c0 > 0 and _word_char(text[c0 - 1]) and _word_char(text[c0])
    cut_end = c1 < len(text) and _word_char(text[c1 - 1]) and _word_char(text[c1])
    return cut_start or cut_end


def valid(text: str, c0: int, c1: int, text_start: int = 0) -> bool:
    return (c1 > c0 and "\n" not in text[c0:c1] and not inside_word(text, c0, c1)
            and not in_heading(text, c0, c1, text_start))


def _opening_quote(text: str, c0: int) -> int | None:
    """Index of the opening quote the span at ``c0`` starts on or right after, else None."""
    for q in (c0, c0 - 1):
        if 0 <= q < len(text) and text[q] in CLOSING:
            if text[q] == '"':  # a straight quote opens when it follows a space/start and precedes a word
                before = text[q - 1] if q > 0 else " "
                if not (before.isspace() or before in "([") or q + 1 >= len(text) or text[q + 1].isspace():
                    continue
            return q
    return None


def complete_quote(text: str, c0: int, c1: int, logit: float, logit_of: Callable[[int, int], float | None],
                   max_drop: float = 1.0) -> tuple[int, int, float]:
    """Extend a span that starts in a quotation to the closing quote, if the reader scores it close."""
    q = _opening_quote(text, c0)
    if q is None:
        return c0, c1, logit
    closing = CLOSING[text[q]]
    inner = q + 1
    if closing in text[inner:c1]:
        return c0, c1, logit
    line_end = text.find("\n", c1)
    line_end = len(text) if line_end == -1 else line_end
    k = text.find(closing, c1, line_end)
    if k == -1 or k - inner > MAX_QUOTE_CHARS:
        return c0, c1, logit
    if (inner, k) == (c0, c1):
        return c0, c1, logit
    new = logit_of(inner, k)
    if new is not None and new >= logit - max_drop:
        return inner, k, new
    return c0, c1, logit


_LINK = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)
_LINK_TAIL = ".,;:!?'\")]}>”’»"


def complete_link(text: str, c0: int, c1: int) -> tuple[int, int]:
    """``(c0, c1)`` widened to the whole web / e-mail address it starts or ends inside (module doc)."""
    a = max(text.rfind(ch, 0, c0) for ch in " \t\n") + 1
    b = min((i for i in (text.find(ch, c1) for ch in " \t\n") if i != -1), default=len(text))
    for m in _LINK.finditer(text, a, b):
        s, e = m.start(), m.end()
        while e > s and text[e - 1] in _LINK_TAIL:
            e -= 1
        if s < c0 < e or s < c1 < e:
            return min(s, c0), max(e, c1)
    return c0, c1
