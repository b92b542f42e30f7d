"""Resolve follow-up questions in a chat against the earlier turns.

"Where was it held?" after "When was the 2022 International Forum on ...?"
becomes "Where was the 2022 International Forum on ... held?": the topic of
the previous question (its noun phrase, found by stripping the wh-word, the
auxiliary and a trailing verb) replaces the pronoun. Questions without a
referring pronoun are returned unchanged.

Leaves out: a neural coreference model, resolving to answers of earlier turns
("Who is he?" about a person named in the previous answer).
"""

from __future__ import annotations

import re

_PRONOUN = re.compile(r"\b(it|its|they|them|their|this event|that event|the event|there|this|that)\b", re.I)
_WH = r"(?:what|which|who|whom|whose|when|where|why|how(?:\s+\w+)?)"
_AUX = r"(?:is|was|are|were|did|does|do|has|have|had|will|would|can|could|should)"
_TRAILING_VERB = re.compile(
    r"\s+(?:held|hosted|organi[sz]ed|co-organi[sz]ed|founded|built|located|attended|released|launched|"
    r"take place|took place|happen|happened|start|started|end|ended|say|said|announce|announced|"
    r"sign|signed|open|opened|elected|about|for|on)$", re.I)
_ATTRIBUTE_OF = re.compile(
    r"^(?:the\s+)?(?:theme|name|date|dates|location|venue|budget|president|chair|host|topic|purpose|goal|aim|"
    r"value|number|size|length|cost|outcome|result|organi[sz]ers?|sponsors?|participants?|attendees?)\s+of\s+",
    re.I)
_LEADING = re.compile(r"^(?:and|so|also|then|ok(?:ay)?|but)\b[\s,]*", re.I)


def topic_of(question: str) -> str:
    """The noun phrase a question is about, e.g. 'the Ambassadors Face to Face with CSCEC event'."""
    q = _LEADING.sub("", question.strip()).rstrip("?!. ")
    q = re.sub(rf"^{_WH}\s+(?:\w+\s+){{0,2}}?{_AUX}\s+", "", q, flags=re.I)
    q = re.sub(rf"^(?:who|what|which)\s+(?!{_AUX}\b)(?:\w+-)?\w+\s+(?=(?:the|a|an)\b)", "", q,
               flags=re.I)  # "Who attended the X" -> "the X"
    q = re.sub(rf"^{_WH}\s+", "", q, flags=re.I)
    q = re.sub(r"^(?:\w+\s+){0,2}(?:\w+-)?\w+ed\s+(?=(?:the|a|an)\b)", "", q, flags=re.I)  # "people attended the X"
    q = _ATTRIBUTE_OF.sub("", q)  # "the theme of X" -> "X"
    q = _TRAILING_VERB.sub("", q)
    return q.strip()


def needs_context(question: str) -> bool:
    return bool(_PRONOUN.search(question))


def resolve_followup(question: str, history: list[str] | None) -> str:
    """The question with its referring pronoun replaced by the previous question's topic."""
    q = question.strip()
    if not history or not needs_context(q):
        return q
    turns = [h for h in history if h and h.strip()]
    if not turns:
        return q
    previous = resolve_followup(turns[-1], turns[:-1])  # earlier follow-ups resolve in turn
    topic = topic_of(previous)
    if not topic:
        return q
    q = _LEADING.sub("", q)
    q = q[:1].upper() + q[1:]
    m = _PRONOUN.search(q)
    word = m.group(1).lower()
    if word == "there":
        replacement = f"at {topic}"
    elif word in ("its", "their"):
        replacement = f"{topic}'s"
    else:
        replacement = topic
    return q[: m.start()] + replacement + q[m.end():]
