"""Evidence for a span: how much of the question its sentence repeats.

The reader scores each passage on its own, and is easily won over by the
right kind of answer in the wrong sentence (names of panel speakers for
"who attended the forum?"). Classic QA systems weigh in the question's words
found next to the answer; this does the same. For each span, ``overlap`` is
the IDF-weighted share of the question's content words (BM25's stemmed
tokens, minus stop and question words) that appear in the span's sentence or
in the sentence before it in the same paragraph (which often names what
"this event" or "it" is). ``qa.answering.scoring`` turns the reader's margin and this
overlap into one calibrated score.

``unmentioned_years``: a question that names a year ("trade in 2019", "the
2023 forum") asks about that year; a dated document that never mentions it cannot
hold the answer, however well a span in it fits the rest of the question
(the reader then answers with the figure of another year: a near miss). The
answerer gives spans from such a document the score 0. The rule needs the
document's own date (``Document.date``: HTML/PDF metadata or a dateline,
``qa.ingest.dates``): a news article rarely states its own year while users
name it ("at the 2004 awards"), so the document's year always counts as
mentioned, and a document without a known date is never refused (blind news
set, issue 23: the undated rule refused answerable questions there and caught no
near miss). Measured on SQuAD v1.1
(answerable questions naming a year, the whole article as the document): the
article never mentions the year for 0.7 % of them in train (45 of 6,284) and
0.5 % in dev (3 of 645; ``benchmarks/quality/year_rule.py``), so the rule costs about
one answerable question in 2,000 overall. Other numbers were measured too and
left out (the article lacks them in about 4 %: "1,000" written "a thousand");
an ordinal missing from the article alone is no evidence either ("5th"
written "fifth"), hence the narrower edition rule below.

``other_editions``: the same for a numbered edition. A question about "the
69th conference" (or "the third mission") is not answered from a document
that never writes that ordinal (as digits or as a word) but numbers the same
word otherwise ("the 68th conference", "the second mission"): that document
is about another edition. Centuries and millennia are left out (written
"eleventh century" or "the 1100s" as often as "11th century"). Measured on
SQuAD v1.1 (``benchmarks/quality/year_rule.py``, whole article as the document): of
the answerable questions naming an ordinal, 0.2 % would be refused (8 of
4,740 in train, 0 of 470 in dev; e.g. "Nigeria's fourth satellite", which
the article calls "NigComSat-1R" and never "fourth").

``missing_name`` and ``missing_years`` as soft evidence: the answerer gives
the calibration (``qa.answering.scoring``) two more inputs for every span,
whether the question names something (a capitalised word after its first) or
a year that the span's document (title and text) never does, the document's own
year counting as named. Unlike the year rule these only lower the score, by
weights fitted on SQuAD (``benchmarks/quality/verifier.py``: answerable
questions, answer-sentence-removed near misses and near misses made by
``qa.training.adversarial``'s entity, relation, negation and time swaps; the
whole article as the document). On the held-out half, at the same 3 % false
abstention, they raise the near misses refused from 61.0 to 65.0 % (entity
swaps 40.9 -> 60.6 %, time swaps 31.5 -> 47.2 %, the other kinds unchanged);
an IDF-weighted share of all absent question words was measured too and did
no better than the overlap alone (entity swaps +2 points), so it is not used.

Leaves out: synonyms and paraphrases (no word vectors), learned weights
(those are in ``qa.answering.scoring``), numbers other than years and ordinals,
names written differently (an acronym for the full name counts as missing).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from functools import lru_cache

from qa.ingest.chunking import document_sentences, sentences_overlapping
from qa.types import Answer

# Words a question is made of whatever it asks about; never evidence.
QUESTION_WORDS = frozenset("""
who whom whose what which when where why how did does do done doing was were has have had been being
is are am can could would should may might will shall about many much
""".split())


# A year in a question: 1500-2099 standing alone; not a decade ("1990s"), an
# amount ("$2000", "2000%") or part of a longer number ("2,019", "20190").
_ASKED_YEAR = re.compile(r"(?<![\w$€£¥.,])(1[5-9]\d\d|20\d\d)(?![\w%]|[.,]\d)")
_DIGITS = re.compile(r"\d+")


def asked_years(question: str) -> set[str]:
    """The years ``question`` names (as 4-digit strings)."""
    return set(_ASKED_YEAR.findall(question))


@lru_cache(maxsize=256)
def _digit_runs(text: str) -> frozenset[str]:
    return frozenset(_DIGITS.findall(text))  # cached: a document's text is scanned once, not per question


def unmentioned_years(question: str, *texts: str, date: str = "") -> set[str]:
    """``missing_years`` for a document published on ``date`` (ISO): none for a document whose date is not
    known, and never the document's own year (a news article rarely states the year it was written in)."""
    if not date:
        return set()
    return missing_years(question, *texts) - {date[:4]}


def missing_year(question: str, *texts: str, date: str = "") -> float:
    """1.0 when ``question`` names a year that none of ``texts`` mentions, the year of ``date`` (the document's
    ISO date, when known) counting as mentioned; else 0.0. Soft evidence for the calibration, dated or not."""
    return float(bool(missing_years(question, *texts) - {date[:4]}))


def missing_years(question: str, *texts: str) -> set[str]:
    """The years ``question`` names that none of ``texts`` mentions (as a run of digits of its own)."""
    years = asked_years(question)
    for text in texts:
        if not years:
            break
        years = years - _digit_runs(text)
    return years


# "69th conference", "the third mission": an ordinal and the word it numbers (not a period of time).
_ORDINAL_WORDS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
                  "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth").split()
ORDINAL_PATTERN = r"(?:\d+(?:st|nd|rd|th)|%s)" % "|".join(_ORDINAL_WORDS)
_ASKED_ORDINAL = re.compile(r"\b(%s)\s+(?!centur|millenni)([A-Za-z][\w-]*)" % ORDINAL_PATTERN, re.I)
_NOT_NUMBERED = frozenset("to of and or in on at the a an".split()) | QUESTION_WORDS


def _ordinal_forms(ordinal: str) -> str:
    """A regex for ``ordinal`` written either way: "3rd" or "third"."""
    o = ordinal.lower()
    n = int(o[:-2]) if o[:-2].isdigit() else _ORDINAL_WORDS.index(o) + 1
    forms = [rf"{n}(?:st|nd|rd|th)"] + ([_ORDINAL_WORDS[n - 1]] if n <= len(_ORDINAL_WORDS) else [])
    return r"\b(?:%s)\b" % "|".join(forms)


def other_editions(question: str, *texts: str) -> set[str]:
    """The ordinals ``question`` names ("69th", "third") that no text writes (either way) while one numbers
    the same word with another ordinal ("68th conference", "second mission")."""
    out = set()
    for ordinal, word in _ASKED_ORDINAL.findall(question):
        if word.lower() in _NOT_NUMBERED:
            continue
        if any(re.search(_ordinal_forms(ordinal), t, re.I) for t in texts):
            continue
        if any(re.search(rf"\b{ORDINAL_PATTERN}\s+{re.escape(word)}\b", t, re.I) for t in texts):
            out.add(f"{ordinal} {word}")
    return out


def span_context(doc_text: str, start: int, end: int) -> str:
    """The sentence(s) holding doc_text[start:end], with the sentence before it in the same paragraph."""
    sents = document_sentences(doc_text)
    hit = sentences_overlapping(sents, start, end)
    if not hit:
        return doc_text[start:end]
    first = hit[0]
    s0 = sents[first][0]
    if first > 0 and "\n\n" not in doc_text[sents[first - 1][1]:s0]:
        s0 = sents[first - 1][0]
    return doc_text[s0:sents[hit[-1]][1]]


def terms(bm25, text: str) -> set[str]:
    """The content words of ``text`` as ``bm25`` (a ``qa.answering.retriever.BM25Index``) tokenises them."""
    return set(bm25.tokens(text, extra_stopwords=QUESTION_WORDS))


def overlap(bm25, question_terms: set[str], text: str) -> float:
    """IDF-weighted share of ``question_terms`` found in ``text`` (0..1), with ``bm25``'s idf."""
    total = sum(bm25.idf(t) for t in question_terms)
    if total <= 0:
        return 0.0
    return sum(bm25.idf(t) for t in question_terms & terms(bm25, text)) / total


# A capitalised word inside a question (not its first word): a name, most often ("the Nordic forum", "Lee's").
_NAME_WORD = re.compile(r"(?<=\S)\s+[\"'(\[]*([A-Z][\w&.-]*[\w])")


def question_names(question: str) -> tuple[str, ...]:
    """The capitalised words of ``question`` after its first word, without a possessive 's."""
    return tuple(re.sub(r"['’]s$", "", w) for w in _NAME_WORD.findall(question.strip()))


def missing_name(question: str, *texts: str) -> float:
    """1.0 when a name of ``question`` (``question_names``) occurs in none of ``texts`` (a document's title
    and text, case-insensitive, as the start of a word: "Grammy" matches "Grammys"), else 0.0.

    A question about a person, place or organisation the document never names is not answered by
    it, whatever span of the right kind the reader finds (a near miss: SQuAD 2.0's entity swap).
    """
    names = question_names(question)
    if not names:
        return 0.0
    words = _document_words(texts)
    return 0.0 if all(_found(n.lower(), words) for n in names) else 1.0


def _found(name: str, words: tuple[str, ...]) -> bool:
    """Whether a word of the sorted ``words`` starts with ``name`` (the first one at or after it does)."""
    i = bisect.bisect_left(words, name)
    return i < len(words) and words[i].startswith(name)


@lru_cache(maxsize=64)
def _document_words(texts: tuple[str, ...]) -> tuple[str, ...]:
    # a document's words, sorted for prefix search, are collected once, not per question
    return tuple(sorted({w for t in texts for w in re.findall(r"[\w&.-]*\w", t.lower())}))


def add_overlap(question: str, spans: list[Answer], doc_texts: dict[str, str], bm25) -> list[Answer]:
    """The spans with ``overlap`` filled in (same order); ``bm25`` is the index's ``BM25Index``."""
    if not spans:
        return []
    q = terms(bm25, question)
    return [replace(a, overlap=overlap(bm25, q, span_context(doc_texts[a.doc_id], a.start, a.end)))
            for a in spans]
