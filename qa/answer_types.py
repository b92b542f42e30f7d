"""Does a span have the kind of answer the question asks for?

A reader asked a fact the documents do not give ("how old is X", "how much did
Y cost") often answers with whatever the nearest sentence offers: a title, a
place, a count of something else. This module reads the expected answer kind
off the question's wording and checks the span for it, with patterns that
hold for any English text (no corpus words):

* ``number``: how many / how much / how old / how long / how tall / how far /
  what percentage / at what altitude ... -> the span holds a number (digits or
  a number word);
* ``date``: when / what year / in which month / on what date ... -> the span
  holds a year, month, weekday, a date in digits or a relative time word.

``type_match(question, span)`` is +1 when the question asks for a kind and
the span has it, -1 when it asks for one and the span lacks it, 0 when the
question asks for no kind this module knows. ``qa.scoring`` weighs it in
with the reader's margin and the question-word overlap when a reader's
calibration gives it a weight. Measured on held-out SQuAD dev near misses
(``benchmarks/abstention.py``, variant ``margin+overlap+type``) it adds
nothing (85.5 % against 85.7 % near-miss abstention for the accurate reader:
SQuAD near misses are answered with a span of the right kind), so the
shipped readers' calibrations leave its weight at 0. Nor does it as a hard
rule: among the held-out answers above the threshold whose span lacks the
asked kind, 19 were right, 3 wrong and 2 near misses.

Leaves out: named-entity types (person, place, organisation), units (a
"how much did it cost" answered with a count still passes as a number).
"""

from __future__ import annotations

import re

NUMBER_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
                "hundred hundreds thousand thousands million millions billion billions trillion dozen dozens "
                "half quarter third single double twice once several")
MONTHS = ("january february march april may june july august september october november december "
          "jan feb mar apr jun jul aug sep sept oct nov dec")
DAYS = "monday tuesday wednesday thursday friday saturday sunday"
TIME_WORDS = ("today yesterday tomorrow tonight spring summer autumn fall winter century centuries decade "
              "decades morning evening night noon midnight week weeks month months year years era period "
              "ago later earlier before after since during until")

_NUMBER = re.compile(r"\d|\b(?:%s)\b" % "|".join(NUMBER_WORDS.split()), re.I)
_DATE = re.compile(r"\b\d{3,4}s?\b|\b\d{1,2}[/.-]\d{1,2}\b|\b(?:%s)\b"
                   % "|".join((MONTHS + " " + DAYS + " " + TIME_WORDS).split()), re.I)

_ASKS_NUMBER = re.compile(
    r"\bhow (?:many|much|old|long|tall|high|far|deep|wide|big|large|heavy|fast)\b"
    r"|\bwhat (?:percentage|percent|proportion|share|number|amount|age|altitude|height|length|distance|"
    r"size|speed|population|cost|price|temperature|depth|width|weight|capacity|value)\b"
    r"|\bat what (?:age|altitude|height|speed|depth|temperature|rate)\b", re.I)
_ASKS_DATE = re.compile(
    r"^\s*(?:when|since when|until when)\b|\b(?:what|which|in which|in what|on what|on which) "
    r"(?:year|years|date|day|month|decade|century|season|time period)\b", re.I)


def expected_kind(question: str) -> str | None:
    """``"date"``, ``"number"`` or None: the kind of answer ``question`` asks for (module doc)."""
    if _ASKS_DATE.search(question):
        return "date"
    if _ASKS_NUMBER.search(question):
        return "number"
    return None


def has_kind(text: str, kind: str) -> bool:
    if kind == "number":
        return bool(_NUMBER.search(text))
    if kind == "date":
        return bool(_DATE.search(text))
    raise ValueError(f"kind must be one of date, number, got {kind!r}")


def type_match(question: str, span: str) -> float:
    """+1 / -1 / 0: the span has / lacks the kind of answer the question asks for / no known kind asked."""
    kind = expected_kind(question)
    if kind is None or not span:
        return 0.0
    return 1.0 if has_kind(span, kind) else -1.0
