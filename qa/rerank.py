"""Re-rank the reader's spans by how much of the question their sentence repeats.

The reader scores each passage on its own, and a small reader is easily won
over by the right kind of answer in the wrong sentence (names of panel
speakers for "who attended the forum?"). Classic QA systems weigh in the
question's words found next to the answer; this does the same. For each span,
``overlap`` is the IDF-weighted share of the question's content words (BM25's
stemmed tokens, minus stop and question words) that appear in the span's
sentence or in the sentence before it in the same paragraph (which often names
what "this event" or "it" is). Spans are ordered by

    span_logit - null_logit + weight * overlap

and the reader's calibrated ``score`` is left as it is: the threshold still
decides "I don't know" on the reader's own confidence. ``weight`` (8) was
chosen on the SQuAD v1.1 dev questions in open-domain mode
(``benchmarks/rerank_sweep.py``).

Leaves out: synonyms and paraphrases (no word vectors), learned weights.
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from dataclasses import replace

from .chunking import split_sentences
from .types import Answer

DEFAULT_WEIGHT = 8.0
# Words a question is made of whatever it asks about; never evidence.
QUESTION_WORDS = frozenset("""
who whom whose what which when where why how did does do done doing was were has have had been being
is are am can could would should may might will shall about many much
""".split())
_CACHED_DOCS = 256  # documents whose sentence split is kept


def span_context(doc_text: str, start: int, end: int, sentences: list[tuple[int, int]] | None = None) -> str:
    """The sentence(s) holding doc_text[start:end], with the sentence before it in the same paragraph.

    ``sentences`` is ``split_sentences(doc_text)`` when the caller has it already.
    """
    sents = split_sentences(doc_text) if sentences is None else sentences
    first = bisect.bisect_right(sents, start, key=lambda s: s[1])  # first sentence ending after start
    last = first
    while last + 1 < len(sents) and sents[last + 1][0] < end:
        last += 1
    if first >= len(sents) or sents[first][0] >= end:
        return doc_text[start:end]
    s0 = sents[first][0]
    if first > 0 and "\n\n" not in doc_text[sents[first - 1][1]:s0]:
        s0 = sents[first - 1][0]
    return doc_text[s0:sents[last][1]]


class OverlapReranker:
    """Orders spans by reader logit plus ``weight`` x question-word overlap (see module doc)."""

    def __init__(self, bm25, weight: float = DEFAULT_WEIGHT) -> None:
        if not isinstance(weight, (int, float)) or weight < 0:
            raise ValueError(f"weight must be a number >= 0, got {weight!r}")
        self.bm25 = bm25  # qa.retriever.BM25Index: tokenizer and document frequencies
        self.weight = float(weight)
        self._sentences: OrderedDict = OrderedDict()  # (doc id, hash of text) -> split_sentences(text)

    def sentences(self, doc_id: str, text: str) -> list[tuple[int, int]]:
        key = (doc_id, hash(text))
        if key in self._sentences:
            self._sentences.move_to_end(key)
        else:
            self._sentences[key] = split_sentences(text)
            if len(self._sentences) > _CACHED_DOCS:
                self._sentences.popitem(last=False)
        return self._sentences[key]

    def terms(self, text: str) -> set[str]:
        return set(self.bm25.tokens(text, extra_stopwords=QUESTION_WORDS))

    def overlap(self, question_terms: set[str], text: str) -> float:
        """IDF-weighted share of ``question_terms`` found in ``text`` (0..1)."""
        total = sum(self.bm25.idf(t) for t in question_terms)
        if total <= 0:
            return 0.0
        return sum(self.bm25.idf(t) for t in question_terms & self.terms(text)) / total

    def rerank(self, question: str, spans: list[Answer], doc_texts: dict[str, str]) -> list[Answer]:
        """The spans with ``overlap`` filled in, in the combined order (best first)."""
        if not spans:
            return []
        q = self.terms(question)
        out = []
        for a in spans:
            text = doc_texts[a.doc_id]
            context = span_context(text, a.start, a.end, self.sentences(a.doc_id, text))
            out.append(replace(a, overlap=self.overlap(q, context)))
        return sorted(out, key=self.key, reverse=True)

    def key(self, a: Answer) -> float:
        return a.span_logit - a.null_logit + self.weight * a.overlap
