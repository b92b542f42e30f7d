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
question asks for no kind this module knows. ``qa.answering.scoring`` weighs it in
with the reader's margin and the question-word overlap when a reader's
calibration gives it a weight. Measured on held-out SQuAD dev near misses
(``benchmarks/quality/abstention.py``, variant ``margin+overlap+type``) it adds
nothing (85.5 % against 85.7 % near-miss abstention for the accurate reader:
SQuAD near misses are answered with a span of the right kind), so the
shipped readers' calibrations leave its weight at 0. Nor does it as a hard
rule: among the held-out answers above the threshold whose span lacks the
asked kind, 19 were right, 3 wrong and 2 near misses.

``lacks_asked_quantity(question, span)``: the one kind check that does
work as a hard rule. A question that asks "how many ..." (or "how much" with a
price or money word: cost, paid, spent, worth, budget ...) is not answered by
a span with no quantity in it: no digit, number word or quantifier ("all",
"none", "a few", "dozens"); the answerer gives such a span the score 0, as it
does spans from documents that never name the asked year. It is narrow on
purpose; the trigger must start the question ("How many ...", "For how many
..."), not sit in a clause ("... considering how many ..."). Measured on
SQuAD v1.1 train (``benchmarks/quality/count_rule.py``): 0.35 % of such questions
(15 of 4,492 "how many", 2 of 346 money "how much"; dev 2 of 611) have a
gold answer without a quantity, mostly mis-annotations ("How many public
universities does Israel have?" -> "Israel"); ordinals count as quantities
("for how many years in a row" -> "the fifth"). The other "how much" questions (degree:
"how much influence") and "how long / how old / when" are left out, 2-16 %
of their gold answers have none ("a couple of years", "months after").

Leaves out: named-entity types (person, place, organisation), units (a
"how much did it cost" answered with a count still passes as a number),
which noun a number counts ("how many members" answered with a number of
representatives passes).
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


# Quantifiers a count may be answered with ("all of the highways", "none", "a few").
QUANTIFIERS = ("all none no both few fewer many more most much little less least several some majority minority "
               "fraction portion percent doubled tripled quadrupled halved numerous multiple handful countless "
               "free nothing lot lots tens scores hundreds thousands millions billions trillions dozens each "
               "every entire whole nil first second fourth fifth sixth seventh eighth ninth tenth eleventh "
               "twelfth twentieth hundredth")  # "for how many years in a row" -> "the fifth"
_QUANTITY = re.compile(r"\d|\b(?:%s)\b" % "|".join((NUMBER_WORDS + " " + QUANTIFIERS).split()), re.I)
_LEAD = r"^\W*(?:(?:and|so|but|then|also)\s+)?(?:(?:by|for|to|in|about|on|at|of|after|within|approximately|" \
        r"roughly|around|up to|over|since)\s+)?"
_ASKS_COUNT = re.compile(_LEAD + r"how many\b", re.I)
_ASKS_PRICE = re.compile(_LEAD + r"how much\b(?=.*\b(?:cost|costs|costing|money|pay|pays|paid|spend|spends|spent|"
                         r"price|priced|budget|budgeted|fund|funding|invest|invested|worth|earn|earned|earns|raise|"
                         r"raised|charge|charged|dollars|revenue|sell|sold|fee|fees)\b)", re.I)


def asks_quantity(question: str) -> bool:
    """True when ``question`` starts by asking how many, or how much money (module doc)."""
    return bool(_ASKS_COUNT.search(question) or _ASKS_PRICE.search(question))


def has_quantity(text: str) -> bool:
    """True when ``text`` holds a digit, a number word or a quantifier."""
    return bool(_QUANTITY.search(text))


def lacks_asked_quantity(question: str, span: str) -> bool:
    """True when ``question`` asks for a quantity and the non-empty ``span`` holds none: no answer (module doc)."""
    return bool(span) and asks_quantity(question) and not has_quantity(span)

