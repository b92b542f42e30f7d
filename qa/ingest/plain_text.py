"""Hard-wrapped plain text (READMEs, NEWS files, RFCs, e-mails, Project Gutenberg books) joined into one
line per paragraph.

A text is taken as hard-wrapped when its long lines end near one width: the 80th percentile of its
line lengths (the "full" line) is 40-100 characters and at least 40 % of its lines are at least three
quarters of it. Web scrapes, one paragraph per line, have full lines of hundreds of characters and are
left as they are. In a hard-wrapped text a line is joined to the next when it is a full line (a shorter
one ends its paragraph, as a heading or a paragraph's last line does) and the next line is not blank and
does not start an item (a bullet, a number, "(a)"). A word hyphenated at the line end keeps its hyphen
and loses the space ("well-" + "known" -> "well-known").

Measured (``benchmarks/quality/wrapped_text.py``: 24 SQuAD dev articles of the tuning half, 300 questions,
as .txt files wrapped at 72 columns and as one paragraph per line): F1 74.8 line by line, 76.8 joined,
the same as the one-paragraph-per-line files (benchmarks/RESULTS.md, 2026-12-08).

Leaves out: tables and indented code in plain text (a full-width code line is joined to the next),
hyphenation that splits a word without a hyphen in the text.
"""

from __future__ import annotations

import re

_ITEM_RE = re.compile(r"^\s*(?:[-*+•]\s|\(?\d{1,3}[.)]\s|\(?[a-z]\)\s|\*+\s)")


def is_hard_wrapped(lines: list[str]) -> tuple[bool, int]:
    """(whether the text is hard-wrapped, its full line length)."""
    lengths = sorted(len(ln.rstrip()) for ln in lines if ln.strip())
    if len(lengths) < 5:
        return False, 0
    full = lengths[int(0.8 * (len(lengths) - 1))]
    if not 40 <= full <= 100:
        return False, full
    near = sum(n >= 0.75 * full for n in lengths) / len(lengths)
    return near >= 0.4, full


def reflow_wrapped(raw: str) -> str:
    """``raw`` with the lines of each hard-wrapped paragraph joined; unchanged when it is not hard-wrapped."""
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    wrapped, full = is_hard_wrapped(lines)
    if not wrapped:
        return raw
    out: list[str] = []
    for i, line in enumerate(lines):
        prev = lines[i - 1].rstrip() if i else ""
        joins = (i > 0 and out and prev.strip() and line.strip() and len(prev) >= 0.75 * full
                 and not _ITEM_RE.match(line))
        if not joins:
            out.append(line.rstrip())
            continue
        piece = line.strip()
        if re.search(r"[A-Za-z]-$", out[-1]) and piece[:1].isalpha():
            out[-1] += piece  # "well-" + "known", "non-" + "Hispanic"
        else:
            out[-1] += " " + piece
    return "\n".join(out)
