"""Widen an answer span to the whole enumeration it sits in, for list questions.

"Who co-organized the forum?" may be answered by the reader with one name of
"... co-organized by A (X), B (Y), and C (Z)." ``expand_enumeration`` grows
the span over neighbouring list items: pieces of the same sentence separated
by commas, semicolons or a final "and"/"or", each item short (at most
``max_item_words`` words), starting after a lead-in ("by", "including",
"brought together", ...); a head noun phrase before ", including" is kept
("more than 600 participants from 31 countries, including A, B and C").
A list ends where a clause starts (an item opening with a verb or a relative
word: "..., is the top event on ..."), and a widened span never starts or ends
inside a word. ``is_list_question`` says when to widen: only for questions
that ask for several items, never for "how many/how much/when/where" or
"which <singular noun>" questions.

``respective_item`` answers from "A, B and C were responsible for X, Y and Z
respectively": a question naming B gets Y, one naming Y gets B.

Leaves out: nested lists, lists across sentences or bullet points.
"""

from __future__ import annotations

import re

from qa.ingest.chunking import document_sentences
from qa.reader.spans import inside_word

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


# Questions after one thing: a count, an amount, a time, a place, a reason, or "which one".
_SINGLE_Q = re.compile(
    r"\b(?:how\s+(?:many|much|long|old|often|far|big|large)|when|where|why|"
    r"what\s+(?:year|date|time|day|month|percentage|number|amount)|which\s+(?:one|single|year|day|date)|"
    r"the\s+(?:first|last|only|main|largest|biggest|smallest)|one\s+of)\b", re.I)
_WHICH_NOUN = re.compile(r"^\W*(?:and\s+|so\s+)?(?:which|what)\s+([A-Za-z][\w'’-]*)", re.I)
_PLURAL_IRREGULAR = {"people", "children", "staff", "personnel", "media", "men", "women", "police"}
# An item that opens a clause ends the list: "..., Salt Lake City and the NGO Executive Committee, is the top ..."
_CLAUSE_START = re.compile(
    r"^(?:is|are|was|were|has|have|had|will|would|can|could|should|may|might|must|do|does|did|"
    r"which|who|whom|whose|that|where|when|while|whereas|but|although|though|because|since|so|"
    r"said|says|added|adding|noted|noting|according|also|then|thus|therefore)\b", re.I)
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would)\b", re.I)


def _plural(word: str) -> bool:
    w = word.lower()
    if w.endswith(("'s", "’s")):
        return False
    return w in _PLURAL_IRREGULAR or (w.endswith("s") and not w.endswith(("ss", "us", "is")))


def is_list_question(question: str) -> bool:
    """True for questions after several items ("Who attended ...?", "Which countries ...?").

    Never for how many/how much/when/where/why questions, and never for
    "which/what <singular noun>" ("Which country's officials ...?").
    """
    if _SINGLE_Q.search(question):
        return False
    m = _WHICH_NOUN.match(question)
    if m and m.group(1).lower() not in ("is", "are", "was", "were", "did", "do", "does", "has", "have"):
        return _plural(m.group(1))
    return bool(_LIST_Q.search(question))


def _opens_clause(text: str, a: int, b: int) -> bool:
    item = text[a:b].strip()
    return bool(_CLAUSE_START.match(item)) or bool(_FINITE.search(" ".join(item.split()[:3])))


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
    # a list never runs across a line: the span's own line bounds it (headings, "name: value" lines)
    s0 = max(s0, text.rfind("\n", s0, start) + 1)
    nl = text.find("\n", end, s1)
    s1 = nl if nl >= 0 else s1
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
    while lo > 0 and short(lo - 1) and not _opens_clause(text, *items[lo]):
        lo -= 1
    new_start = items[lo][0]
    # A lead-in ("... co-organized by A (X)") in the span's own item, before the span, or in
    # the long item just before the list: the list starts after it.
    # The nearest lead-in before the span wins: in "were selected ..., responsible for ... with
    # officials from A, B and C" the list starts after "from", not after "were".
    lead = list(_LEAD_IN.finditer(text, items[lo][0], start))[-1:] + \
        list(_WEAK_LEAD_IN.finditer(text, items[first][0], start))[-1:]
    if lead:
        new_start = max(m.end() for m in lead)
        lo = next(k for k, (a, b) in enumerate(items) if new_start < b)
    elif lo > 0:
        a, b = items[lo - 1]
        lead = list(_LEAD_IN.finditer(text, a, b)) or list(_WEAK_LEAD_IN.finditer(text, a, b))
        if lead and words(lead[-1].end(), b) <= max_item_words:
            lo, new_start = lo - 1, lead[-1].end()
    hi = last
    while (hi + 1 < len(items) and short(hi + 1) and text[items[hi + 1][0]:items[hi + 1][1]].lower() != "etc"
           and not _opens_clause(text, *items[hi + 1])):
        hi += 1
    new_end = items[hi][1]
    tail = _RESPECTIVELY.search(text, items[hi][0], new_end)  # "..., B and C respectively": not an item's
    if tail and tail.end() == new_end and tail.start() > items[hi][0] and new_end > end:
        new_end = tail.start()
    if hi - lo < 2:  # fewer than three items: not an enumeration
        return start, end
    # "attended by X, including A, B and C": X heads the list and answers the question too.
    head = _APPOSITION.search(text, s0, new_start)
    if head and head.end() == new_start:
        leads = list(_LEAD_IN.finditer(text, s0, head.start()))
        if leads and words(leads[-1].end(), head.start()) <= max_item_words:
            new_start = leads[-1].end()
    new_start, new_end = min(start, new_start), max(end, new_end)
    if inside_word(text, new_start, new_end):  # never cut a word
        return start, end
    return new_start, new_end


# ---- "respectively" -------------------------------------------------------------

_RESPECTIVELY = re.compile(r",?\s*respectively\b", re.I)
_LIST_SEP = re.compile(r"\s*,\s*and\s+|\s*,\s*|\s+and\s+")
_PREPOSITION = re.compile(r"\b(?:from|for|with|to|by|of|in|at|as|on|into)\s+", re.I)
_STOPWORDS = frozenset("a an the of and or for from with to by in at on as mr ms mrs dr prof".split())


def _pieces(text: str, a: int, b: int) -> list[tuple[int, int, str]]:
    """text[a:b] split at ", " / " and " / ", and ": (start, end, separator before it)."""
    out, pos, sep = [], a, ""
    for m in _LIST_SEP.finditer(text, a, b):
        out.append((pos, m.start(), sep))
        sep = "and" if "and" in m.group(0) else ","
        pos = m.end()
    out.append((pos, b, sep))
    return [p for p in out if p[1] > p[0]]


def _words(s: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", s.lower()) if w not in _STOPWORDS and len(w) > 1}


def _trim_words(text: str, a: int, b: int, keep: int, from_end: bool) -> tuple[int, int]:
    """text[a:b] cut to its last (``from_end``) or first ``keep`` words."""
    words = list(re.finditer(r"\S+", text[a:b]))
    if len(words) <= keep:
        return a, b
    if from_end:
        return a + words[-keep].start(), b
    return a, a + words[keep - 1].end()


def respective_lists(text: str, s0: int, s1: int, max_words: int = 6):
    """The two aligned lists of a "..., respectively" sentence text[s0:s1], as item spans, or None.

    The second list ends at "respectively": its last item follows "and", the
    items before it follow commas, and its first item starts after a
    preposition ("... with officials from Zimbabwe") or is cut to the length of
    the other items ("... led sales and research"). The first list is the
    earliest run of as many items ("A, B and C") before it, its last item cut
    the same way ("Beta Labs led" -> "Beta Labs").
    """
    m = _RESPECTIVELY.search(text, s0, s1)
    if not m:
        return None
    pieces = _pieces(text, s0, m.start())
    if len(pieces) < 3 or pieces[-1][2] != "and":
        return None
    words = lambda a, b: len(text[a:b].split())
    for n in range(min(8, len(pieces) - 1), 1, -1):
        middle = pieces[len(pieces) - n + 1:-1]
        if any(sep != "," or words(a, b) > max_words or _PREPOSITION.search(text, a, b) for a, b, sep in middle):
            continue
        second = [(a, b) for a, b, _ in middle] + [pieces[-1][:2]]
        a, b, _ = pieces[len(pieces) - n]  # the first item, with whatever leads into the list
        lead = list(_PREPOSITION.finditer(text, a, b))
        if lead:
            a = lead[-1].end()
        else:
            a, b = _trim_words(text, a, b, max(words(x, y) for x, y in second), from_end=True)
        second.insert(0, (a, b))
        head = _pieces(text, s0, a)
        for i in range(len(head) - n + 1):
            run = head[i:i + n]
            seps = [p[2] for p in run[1:]]
            if seps[-1] == "and" and all(x == "," for x in seps[:-1]) \
                    and all(words(x, y) <= max_words for x, y, _ in run[:-1]):
                first = [(x, y) for x, y, _ in run]
                keep = max(words(x, y) for x, y in first[:-1])
                first[-1] = _trim_words(text, *first[-1], keep, from_end=False)
                return first, second
    return None


def respective_item(text: str, start: int, end: int, question: str) -> tuple[int, int] | None:
    """The item of a "respectively" pair that the question asks for, when the span is in such a sentence.

    "He, Peng and Wei were responsible for Zimbabwe, Bangladesh and Suriname
    respectively": a question naming Wei (all of the item's words) gets Suriname;
    one naming Bangladesh gets Peng. None when the question names no item, or
    items of both lists.
    """
    sent = next(((s, e) for s, e in document_sentences(text) if s < end and start < e), None)
    if sent is None:
        return None
    lists = respective_lists(text, *sent)
    if lists is None:
        return None
    q = _words(question)
    hits = [(side, k) for side, items in enumerate(lists) for k, (a, b) in enumerate(items)
            if _words(text[a:b]) and _words(text[a:b]) <= q]
    if len(hits) != 1 or len({side for side, _ in hits}) != 1:
        return None
    side, k = hits[0]
    return lists[1 - side][k]
