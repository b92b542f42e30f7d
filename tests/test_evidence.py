"""Evidence for a span: the question words around it (qa.answering.evidence)."""

import math

import pytest

from qa.answering.evidence import add_overlap, overlap, span_context, terms
from qa.answering.retriever import BM25Index
from qa.ingest.chunking import document_sentences, split_sentences
from qa.types import Answer, Chunk, Passage

DOC = ("The Forum opened on Monday. This event was attended by 600 delegates.\n\n"
       "A panel brought together Dr. Lee and Dr. Kim. The panel spoke on trade.")


def _answer(doc_id, text, doc, logit):
    s = doc.index(text)
    chunk = Chunk(doc_id=doc_id, text=doc, start=0, end=len(doc))
    return Answer(text=text, score=1 / (1 + math.exp(-logit)), passage=Passage(chunk=chunk, score=1.0),
                  start=s, end=s + len(text), span_logit=logit, null_logit=0.0)


def test_span_context_adds_the_sentence_before_in_the_same_paragraph():
    s = DOC.index("600 delegates")
    assert span_context(DOC, s, s + 13) == "The Forum opened on Monday. This event was attended by 600 delegates."
    s = DOC.index("Dr. Lee")  # first sentence of its paragraph: nothing from the paragraph before
    assert span_context(DOC, s, s + 7) == "A panel brought together Dr. Lee and Dr. Kim."
    s = DOC.index("Kim. The panel")  # a span across two sentences keeps both
    assert span_context(DOC, s, s + 14) == "A panel brought together Dr. Lee and Dr. Kim. The panel spoke on trade."
    assert document_sentences(DOC) == tuple(split_sentences(DOC))
    assert document_sentences(DOC) is document_sentences(DOC)  # split once per document text


def test_bm25_document_frequencies_and_idf():
    bm = BM25Index(["the forum was attended", "a forum on trade", "trade and panels"])
    assert bm.tokens("Who attended the Forums?", extra_stopwords={"who"}) == ["attend", "forum"]
    assert bm.df[bm.vocab["forum"]] == 2 and bm.df[bm.vocab["attend"]] == 1
    assert bm.idf("attend") > bm.idf("forum") > 0
    assert bm.idf("never-seen") > bm.idf("attend")  # df 0


def test_overlap_is_the_idf_weighted_share_of_question_words():
    bm = BM25Index([DOC, "the forum was in Beijing", "trade fair"])
    q = terms(bm, "Who attended the forum?")
    assert q == {"attend", "forum"}  # "who" and "the" are not evidence
    assert overlap(bm, q, "The forum was attended by 600.") == pytest.approx(1.0)
    assert overlap(bm, q, "A panel on trade.") == 0.0
    part = overlap(bm, q, "It was attended by 600.")
    assert part == pytest.approx(bm.idf("attend") / (bm.idf("attend") + bm.idf("forum")))


def test_overlap_prefers_the_span_whose_sentence_answers_the_question():
    bm = BM25Index([DOC])
    panel = _answer("d", "Dr. Lee and Dr. Kim", DOC, 4.0)
    crowd = _answer("d", "600 delegates", DOC, 3.0)
    out = add_overlap("Who attended the Forum?", [panel, crowd], {"d": DOC}, bm)
    assert [a.text for a in out] == ["Dr. Lee and Dr. Kim", "600 delegates"]  # order kept
    assert out[1].overlap == pytest.approx(1.0) and out[0].overlap == 0.0
    assert out[1].score == crowd.score and out[1].margin == crowd.margin  # nothing else changes
    assert add_overlap("Who?", [], {"d": DOC}, bm) == []


def test_asked_years_are_years_standing_alone():
    from qa.answering.evidence import asked_years
    assert asked_years("What was China's trade with its partners in 2019?") == {"2019"}
    assert asked_years("When will the 2023 forum and the 2024 fair open?") == {"2023", "2024"}
    for q in ("What happened in the 1990s?", "Who paid $2000 for it?", "Why did 2000% more come?",
              "How many of the 2,019 boats sank?", "What is flight 20190?", "Who won in '19?",
              "What does section 2019.4 say?", "What is the key CR2019?"):
        assert asked_years(q) == set(), q


def test_missing_years_looks_for_the_year_anywhere_in_the_text():
    from qa.answering.evidence import missing_years
    text = "Trade reached $1.35 trillion in 2020, up from 2018-19 levels.\n\nThe 2021 fair followed."
    assert missing_years("How much trade was there in 2020?", text) == set()
    assert missing_years("What about the 2021 fair?", text) == set()
    assert missing_years("What was the trade in 2019?", text) == {"2019"}  # "2018-19" is not 2019
    assert missing_years("What was the trade in 2018?", text) == set()
    assert missing_years("Who won in 2017 and in 2020?", text) == {"2017"}
    assert missing_years("Who won the cup?", text) == set()


def test_missing_years_across_several_texts():
    from qa.answering.evidence import missing_years
    assert missing_years("What happened in 2019 and 2020?", "The 2019 report", "Sales in 2020 rose.") == set()
    assert missing_years("What happened in 2019 and 2020?", "The 2019 report", "Sales rose.") == {"2020"}
    assert missing_years("What happened in 2019?") == {"2019"}  # no text: nothing mentions it


def test_the_year_rule_needs_the_documents_date_and_spares_its_year():
    from qa.answering.evidence import unmentioned_years
    text = "The awards were handed out on Saturday; the best film went to Lantern."
    assert unmentioned_years("Who won best film at the 2004 awards?", text) == set()  # undated: never refused
    assert unmentioned_years("Who won best film at the 2004 awards?", text, date="2004-02-29") == set()  # its year
    assert unmentioned_years("Who won best film at the 2006 awards?", text, date="2004-02-29") == {"2006"}
    assert unmentioned_years("Who won best film in 2003?", "In 2003 the prize went to Ash.", date="2004-02-29") == set()


def test_document_dates_from_metadata_and_datelines(tmp_path):
    from qa.ingest.dates import dateline, html_date, parse_date
    from qa.ingest.documents import load_document
    assert parse_date("WASHINGTON, March 3, 2004 - The") == "2004-03-03"
    assert parse_date("3rd Sept. 2019") == "2019-09-03" and parse_date("on 2022-09-02T10:00Z") == "2022-09-02"
    assert parse_date("in the 1990s, some 2,019 people") == ""
    assert html_date('<head><meta property="article:published_time" content="2021-05-04T10:00:00Z"></head>') \
        == "2021-05-04"
    assert html_date('<p>Posted <time datetime="2019-01-02">Jan 2</time></p>') == "2019-01-02"
    assert html_date("<p>Written in May 2019</p>") == ""
    assert dateline("Title\nRelease time: 2022-09-05 10:21\nText about 1999-01-01.") == "2022-09-05"
    assert dateline("Title\n" + "A long caption " * 10 + "taken June 25, 2023.") == ""  # not where a dateline is
    page = tmp_path / "news.html"
    page.write_text('<html><head><title>Fair</title><meta name="date" content="2004-06-01"></head>'
                    "<body><article><p>The fair opened on Monday with 300 stands.</p></article></body></html>")
    assert load_document(page).date == "2004-06-01"
    plain = tmp_path / "note.txt"
    plain.write_text("Fair opens\n\nThe fair opened on Monday.")
    assert load_document(plain).date == ""


def test_other_editions_only_when_the_text_numbers_the_same_thing_otherwise():
    from qa.answering.evidence import other_editions
    text = "The 12th Harbour Film Festival opened on Friday. Its 11th edition had drawn 4,000 visitors."
    assert other_editions("Who will open the 13th Harbour Film Festival?", "Festival news", text) == {"13th Harbour"}
    assert other_editions("Who opened the 12th Harbour Film Festival?", "Festival news", text) == set()
    assert other_editions("How many came to the 11th edition?", "Festival news", text) == set()
    # the text never numbers the festival otherwise: nothing says it is about another edition
    assert other_editions("Who opened the 13th Harbour Film Festival?", "news", "The festival opened.") == set()
    # periods of time are written too many ways ("the eleventh century", "the 1100s") to count
    assert other_editions("Who ruled in the 11th century?", "t", "In the 12th century the duke ruled.") == set()
    # ordinals written as words, either way round
    crew = "The first crew entered the habitat in June. The second crew will enter it in spring 2025."
    assert other_editions("When does the third crew enter the habitat?", "t", crew) == {"third crew"}
    assert other_editions("When does the 2nd crew enter the habitat?", "t", crew) == set()
    assert other_editions("Who finished first in the race?", "t", "She was second in the race.") == set()
    # the title counts as part of the document
    assert other_editions("Who opened the 12th Harbour Film Festival?", "12th Harbour Film Festival",
                          "The 11th Harbour Film Festival ...") == set()



def test_question_names_are_the_capitalised_words_after_the_first():
    from qa.answering.evidence import question_names
    assert question_names("Who attended the 2022 South-South forum?") == ("South-South",)
    assert question_names("What is Obama's title?") == ("Obama",)  # no possessive
    assert question_names('When did "Star Wars" open in Paris?') == ("Star", "Wars", "Paris")
    assert question_names("What did I say?") == ()  # one letter is no name
    assert question_names("Where was it held?") == ()


def test_missing_name_when_the_document_never_names_what_the_question_does():
    from qa.answering.evidence import missing_name
    doc = "The South-South forum was attended by 600 delegates. Dr. Lee won two Grammys."
    assert missing_name("Who attended the 2022 South-South forum?", "Forum", doc) == 0.0
    assert missing_name("Who attended the 2022 Nordic forum?", "Forum", doc) == 1.0  # another forum
    assert missing_name("How many Grammy awards did Lee win?", "", doc) == 0.0  # case and word start
    assert missing_name("Who attended the Nordic forum?", "Nordic Forum", "It was attended.") == 0.0  # the title
    assert missing_name("who attended the forum?", "", doc) == 0.0  # no name asked


def test_calibration_weighs_a_missing_name_and_year():
    from qa.answering.scoring import Calibration
    cal = Calibration(margin=0.2, overlap=0.4, missing_name=-1.5, missing_year=-2.0, bias=-2.8)
    assert cal.logit(10.0, 0.5, 0.0, 1.0, 1.0) == pytest.approx(2.0 + 0.2 - 1.5 - 2.0 - 2.8)
    assert cal.score(10.0, 0.5) > cal.score(10.0, 0.5, missing_name=1.0) > cal.score(10.0, 0.5, 0.0, 1.0, 1.0)
    assert Calibration.from_dict(cal.as_dict()) == cal


def test_missing_year_counts_the_documents_own_year_as_named():
    from qa.answering.evidence import missing_year
    doc = "The forum met in 2021 and again in 2022."
    assert missing_year("What happened at the 2022 forum?", "", doc) == 0.0
    assert missing_year("What happened at the 2019 forum?", "", doc) == 1.0  # undated: still evidence
    assert missing_year("What happened at the 2019 forum?", "", doc, date="2019-05-02") == 0.0
    assert missing_year("What happened at the forum?", "", doc) == 0.0
