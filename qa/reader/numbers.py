"""Bind a count to the noun the question asks about ("how many ambassadors" -> "19 ambassadors").

A sentence often holds several numbers ("76 people from 73 embassies ...,
including 19 ambassadors"), and a reader may pick the wrong one. For a
"how many N" / "number of N" question, when the reader's span is a number
that counts something else, the number in the same sentence that counts N
(N among the few words right after it, compared by stem) replaces it, if the
reader scores that span within ``max_drop`` logits of its own choice. A span
whose number already counts N, or that is no number at all, is left alone.

Leaves out: money and date types ("how much", "when"): the reader's span is
kept as it is for them; counts written as words beyond "twenty"/"hundred".
"""

from __future__ import annotations

import functools
import re
from typing import Callable

_NUM_WORD = (r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
             r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
             r"hundred|hundreds|thousand|thousands|million|millions|billion|billions|dozen|dozens")
_NUM = rf"(?:\d[\d,]*(?:\.\d+)?|(?:{_NUM_WORD}))"
NUMBER = re.compile(rf"(?<![\w.]){_NUM}(?:[ -](?:{_NUM_WORD}))*(?![\w])", re.I)
_QUALIFIER = re.compile(r"(?:more than|over|about|around|nearly|almost|approximately|at least|up to|some|"
                        r"roughly|fewer than|less than|exactly)\s+$", re.I)
_HOW_MANY = re.compile(r"\b(?:how\s+many|(?:the|what)\s+number\s+of)\s+(.+)$", re.I)
_STOP = frozenset("""
a an the of from in at on for to with by into onto per that who whom which whose what there here
was were is are am be been being did do does done has have had will would can could should may might must
""".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_PLURALS = frozenset("people children staff personnel police men women feet teeth mice sheep cattle".split())


@functools.lru_cache(maxsize=1)
def _stemmer():
    try:
        import Stemmer
        return Stemmer.Stemmer("english").stemWord
    except ImportError:  # pragma: no cover - PyStemmer is a dependency
        return lambda w: w.rstrip("s")


def stem(word: str) -> str:
    return _stemmer()(word.lower())


def _plural(word: str) -> bool:
    return word in _PLURALS or (word.endswith("s") and not word.endswith(("ss", "us", "is")))


def asked_count_noun(question: str) -> str | None:
    """The noun a "how many N ..." question counts ("ambassadors"), or None.

    The first plural-looking word of the phrase after "how many" ("how many new
    schools were built" -> schools), else the last word before a stop word or an
    "-ed" verb.
    """
    m = _HOW_MANY.search(question)
    if not m:
        return None
    phrase: list[str] = []
    for w in _WORD.findall(m.group(1)):
        lw = w.lower()
        if lw in _STOP or (phrase and lw.endswith("ed")):  # "how many people attended ..."
            break
        phrase.append(lw)
        if _plural(lw):
            break
    return phrase[-1] if phrase else None


def counts(text: str, number_end: int, noun_stem: str, window_words: int = 4) -> bool:
    """True when ``noun_stem`` is among the few words after a number ending at ``number_end``."""
    tail = text[number_end:number_end + 80]
    tail = re.split(r"[,;:.!?()\n]|\d", tail, maxsplit=1)[0]  # the noun must come before the next number
    words = _WORD.findall(tail)[:window_words]
    return any(stem(w) == noun_stem for w in words)


def _sentence(text: str, c0: int, c1: int) -> tuple[int, int]:
    starts = [text.rfind(sep, 0, c0) + len(sep) for sep in (". ", "! ", "? ", "\n")]
    s0 = max(0, *starts)
    ends = [i for i in (text.find(sep, c1) for sep in (". ", "! ", "? ", "\n")) if i != -1]
    return s0, min(ends) if ends else len(text)


def bind_count(question: str, text: str, c0: int, c1: int, logit: float,
               logit_of: Callable[[int, int], float | None], max_drop: float = 4.0) -> tuple[int, int, float]:
    """The span, or the number in its sentence that counts the question's noun (see module doc)."""
    noun = asked_count_noun(question)
    if noun is None:
        return c0, c1, logit
    nums = list(NUMBER.finditer(text, c0, c1))
    if not nums:
        return c0, c1, logit
    noun_stem = stem(noun)
    if any(counts(text, m.end(), noun_stem) for m in nums) or noun_stem in {stem(w) for w in _WORD.findall(text[c0:c1])}:
        return c0, c1, logit
    s0, s1 = _sentence(text, c0, c1)
    best = None
    for m in NUMBER.finditer(text, s0, s1):
        if m.start() < c1 and m.end() > c0 or not counts(text, m.end(), noun_stem):
            continue
        qual = _QUALIFIER.search(text, max(s0, m.start() - 20), m.start())
        for start in ([qual.start()] if qual else []) + [m.start()]:
            lg = logit_of(start, m.end())
            if lg is not None and (best is None or lg > best[2]):
                best = (start, m.end(), lg)
    if best is not None and best[2] >= logit - max_drop:
        return best
    return c0, c1, logit
