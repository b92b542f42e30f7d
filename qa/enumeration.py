"""Widen an answer span to the whole enumeration it sits in, for list questions.

"Who co-organized the forum?" may be answered by the reader with one name of
"... co-organized by A (X), B (Y), and C (Z)." ``expand_enumeration`` grows
the span over neighbouring list items: pieces of the same sentence separated
by commas, semicolons or a final "and"/"or", each item short (at most
``max_item_words`` words), starting after a lead-in ("by", "including",
"brought together", ...); a head noun phrase before ", including" is kept
("more than 600 participants from 31 countries, including A, B and C").
``is_list_question`` says when to do it.

Leaves out: nested lists, lists across sentences or bullet points.
"""

from __future__ import annotations

import re

from .chunking import document_sentences

_LIST_Q = re.compile(
    r"\b(attend(?:ed|ees?)?|participa\w*|co-?organi[sz]\w*|organi[sz]ers?|sponsor\w*|members?|"
    r"included?|includes|list|name (?:all|the)|speakers?|delegates?|partners?|countries|companies|"
    r"who (?:were|are) (?:the|present)|present at|representatives?)\b", re.I)
_SEP = re.compile(r"\s*(?:,\s*(?:and|or)\s+|;\s*(?:and|or)\s+|,|;|\s+and\s+|\s+or\s+)\s*")
_LEAD_IN = re.compile(r"\b(?:by|were|are|was|is|include|included|includes|including|such as|as well as|"
                      r"namely|together|featured|featuring|among them|:)\s+", re.I)
# Weak lead-ins ("representatives from A, B and C") count only in the answer's own item:
# list items themselves often hold "of"/"from" ("Head of Regional Office").
_WEAK_LEAD_IN = re.compile(r"\b(?:from|of|with)\s+", re.I)
_APPOSITION = re.compile(r",\s*(?:including|such as|namely|among them)\s+", re.I)


_NOT_LIST_Q = re.compile(r"^\W*(?:and\s+|so\s+)?(?:how|when|where|why|which year|what year|what date)\b", re.I)


def is_list_question(question: str) -> bool:
    """True for "Who attended ...?", "Who co-organized ...?"; never for how/when/where questions."""
    return bool(_LIST_Q.search(question)) and not _NOT_LIST_Q.search(question)


def _items(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Split text[lo:hi] at list separators (outside parentheses) into item spans."""
    items, depth, start, i = [], 0, lo, lo
    while i < hi:
        ch = text[i]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        if depth == 0:
            m = _SEP.match(text, i, hi)
            if m and m.end() > i and (text[i] in ",;" or m.group(0).strip() in ("and", "or")):
                items.append((start, i))
                start = i = m.end()
                continue
        i += 1
    items.append((start, hi))
    return [(a, b) for a, b in items if b > a]


def expand_enumeration(text: str, start: int, end: int, max_item_words: int = 12) -> tuple[int, int]:
    """(start, end) grown to cover the list that ``text[start:end]`` belongs to; unchanged if none."""
    sent = next(((s, e) for s, e in document_sentences(text) if s <= start and end <= e), None)
    if sent is None:
        return start, end
    s0, s1 = sent
    end_punct = s1
    while end_punct > s0 and text[end_punct - 1] in ".!?\"'”":
        end_punct -= 1
    items = _items(text, s0, end_punct)
    if len(items) < 3:
        return start, end
    # Index of the items the span starts and ends in.
    first = next((k for k, (a, b) in enumerate(items) if a <= start < b or start < a), None)
    last = next((k for k in range(len(items) - 1, -1, -1) if items[k][0] < end), None)
    if first is None or last is None:
        return start, end
    words = lambda a, b: len(text[a:b].split())
    short = lambda k: words(*items[k]) <= max_item_words
    lo = first
    while lo > 0 and short(lo - 1):
        lo -= 1
    new_start = items[lo][0]
    # A lead-in ("... co-organized by A (X)") in the span's own item, before the span, or in
    # the long item just before the list: the list starts after it.
    lead = list(_LEAD_IN.finditer(text, items[lo][0], start)) or \
        list(_WEAK_LEAD_IN.finditer(text, items[first][0], start))
    if lead:
        new_start = lead[-1].end()
        lo = next(k for k, (a, b) in enumerate(items) if new_start < b)
    elif lo > 0:
        a, b = items[lo - 1]
        lead = list(_LEAD_IN.finditer(text, a, b)) or list(_WEAK_LEAD_IN.finditer(text, a, b))
        if lead and words(lead[-1].end(), b) <= max_item_words:
            lo, new_start = lo - 1, lead[-1].end()
    hi = last
    while hi + 1 < len(items) and short(hi + 1) and text[items[hi + 1][0]:items[hi + 1][1]].lower() != "etc":
        hi += 1
    new_end = items[hi][1]
    if hi - lo < 2:  # fewer than three items: not an enumeration
        return start, end
    # "attended by X, including A, B and C": X heads the list and answers the question too.
    head = _APPOSITION.search(text, s0, new_start)
    if head and head.end() == new_start:
        leads = list(_LEAD_IN.finditer(text, s0, head.start()))
        if leads and words(leads[-1].end(), head.start()) <= max_item_words:
            new_start = leads[-1].end()
    return min(start, new_start), max(end, new_end)
