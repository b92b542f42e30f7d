"""Span boundary rules of the reader (qa.reader.spans, qa.reader.numbers), on hand-made text (no model)."""

from pathlib import Path

import pytest

from qa.reader.numbers import asked_count_noun, bind_count
from qa.reader.spans import clean, complete_quote, in_heading, inside_word, valid

EVENT = ("The event was attended by 76 people from 73 embassies and international organizations in China, "
         "including 19 ambassadors and 3 chargés d'affaires from Luxembourg and Kenya.")
CITY = ("On 3 March 2021 the council spent $4.5 million on 12 new schools, hired 300 teachers and trained "
        "45 nurses.")


def span(text, s):
    i = text.index(s)
    return i, i + len(s)


def any_logit(_c0, _c1):
    return 0.0  # every constructed span scores like the reader's own


def test_clean_and_validity():
    text = "Met at (UNOSSC, Beijing).\n\nNext paragraph starts here.\nSource: X News 2021-03-02"
    assert clean(text, *span(text, ", Beijing")) == span(text, "Beijing")
    a, b = clean(text, text.index("(UNOSSC"), text.index("(UNOSSC") + len("(UNOSSC"))
    assert text[a:b] == "(UNOSSC"  # no ")" right after: nothing to close
    t2 = "the (UNOSSC) office"
    a, b = clean(t2, t2.index("(UNO"), t2.index(")"))
    assert t2[a:b] == "(UNOSSC)"
    assert not valid(text, text.index("here."), text.index("Source") + 6)  # runs across a line break
    assert not valid(text, text.index("Beijing") + 2, text.index("Beijing") + 7)  # starts inside a word
    assert inside_word("Beijing", 0, 3) and not inside_word("Beijing", 0, 7)
    assert valid(text, *span(text, "Next paragraph"))
    doc = "Big News Headline\n\nThe body text follows here."
    assert in_heading(doc, 0, 8) and not in_heading(doc, *span(doc, "body text"))


THEME = "Under the theme of “Shaping a Global Greener Future Through South-South Cooperation”, the Forum met."


def test_quote_completed_when_the_reader_scores_it_close():
    c0, c1 = span(THEME, "Shaping a Global Greener Future")
    whole = span(THEME, "Shaping a Global Greener Future Through South-South Cooperation")
    assert complete_quote(THEME, c0, c1, 5.0, lambda a, b: 4.2 if (a, b) == whole else None)[:2] == whole
    # The longer span scores more than 1 logit lower: the reader's choice stands.
    assert complete_quote(THEME, c0, c1, 5.0, lambda a, b: 3.5)[:2] == (c0, c1)
    # Not inside a quotation, or already closed: unchanged.
    assert complete_quote(THEME, *span(THEME, "the Forum"), 5.0, any_logit)[:2] == span(THEME, "the Forum")
    assert complete_quote(THEME, *whole, 5.0, any_logit)[:2] == whole
    straight = 'He named it "Blue Harbour Plan" last year.'
    assert complete_quote(straight, *span(straight, "Blue Harbour"), 0.5, any_logit)[:2] == \
        span(straight, "Blue Harbour Plan")


@pytest.mark.parametrize("question, noun", [
    ("How many ambassadors attended the CSCEC event?", "ambassadors"),
    ("how many people attended", "people"),
    ("How many registered voters were there?", "voters"),
    ("What was the number of embassies represented?", "embassies"),
    ("Who attended the event?", None),
    ("How many of them came?", None),
])
def test_asked_count_noun(question, noun):
    assert asked_count_noun(question) == noun


@pytest.mark.parametrize("question, reader_span, want", [
    ("How many ambassadors attended the event?", "76", "19"),
    ("How many embassies sent people?", "19", "73"),
    ("How many people attended the event?", "76", "76"),  # already the counted noun
    ("How many ambassadors attended?", "19 ambassadors", "19 ambassadors"),
    ("Who attended the event?", "76 people", "76 people"),  # not a count question
])
def test_count_bound_to_the_asked_noun(question, reader_span, want):
    c0, c1, _ = bind_count(question, EVENT, *span(EVENT, reader_span), 3.0, any_logit)
    assert EVENT[c0:c1] == want


@pytest.mark.parametrize("question, reader_span, want", [
    ("How many teachers did the council hire?", "$4.5 million", "300"),
    ("How many teachers did the council hire?", "3 March 2021", "300"),
    ("How many new schools were built?", "300", "12"),
    ("How many nurses were trained?", "12", "45"),
    ("How much did the council spend?", "$4.5 million", "$4.5 million"),  # money: left to the reader
    ("When did the council spend the money?", "3 March 2021", "3 March 2021"),  # dates too
])
def test_counts_among_dates_and_money(question, reader_span, want):
    c0, c1, _ = bind_count(question, CITY, *span(CITY, reader_span), 3.0, any_logit)
    assert CITY[c0:c1] == want


def test_count_kept_when_the_reader_scores_the_other_number_far_lower():
    c0, c1 = span(EVENT, "76")
    assert bind_count("How many ambassadors came?", EVENT, c0, c1, 8.0, lambda a, b: 1.0)[:2] == (c0, c1)
    got = bind_count("How many ambassadors came?", EVENT, c0, c1, 8.0, lambda a, b: 5.0)
    assert EVENT[got[0]:got[1]] == "19" and got[2] == 5.0  # the new span carries its own logit


@pytest.mark.parametrize("text, cut, want", [
    ("Updates are posted at http://hvo.example.gov/kilauea/update/ every day.",
     "hvo.example.gov/kilauea/update", "http://hvo.example.gov/kilauea/update/"),
    ("See https://www.example.org/a/b.html.", "www.example.org/a", "https://www.example.org/a/b.html"),
    ("Visit www.example.org/reports, then write.", "example.org", "www.example.org/reports"),
    ("Write to press.office@example.org (weekdays).", "example.org", "press.office@example.org"),
    ("Mail (press.office@example.org).", "press.office", "press.office@example.org"),
])
def test_a_cut_web_or_mail_address_is_completed(text, cut, want):
    from qa.reader.spans import complete_link
    c0 = text.index(cut)
    s, e = complete_link(text, c0, c0 + len(cut))
    assert text[s:e] == want


@pytest.mark.parametrize("text, span", [
    ("The report is online at http://example.gov/report and in print.", "in print"),
    ("The U.S. Senate confirmed him on 3.5 votes.", "U.S. Senate"),
    ("It cost $1.35 trillion in 2020.", "$1.35 trillion"),
    ("The address http://example.gov/report is new.", "http://example.gov/report"),
])
def test_spans_outside_an_address_or_already_whole_are_kept(text, span):
    from qa.reader.spans import complete_link
    c0 = text.index(span)
    assert complete_link(text, c0, c0 + len(span)) == (c0, c0 + len(span))


# Winners as a list of short lines (headings and list items alike lack final punctuation).
AWARDS = (Path(__file__).parent / "data" / "awards.txt").read_text()


def test_a_run_of_short_lines_is_a_list_not_headings():
    assert in_heading(AWARDS, *span(AWARDS, "Film festival"))  # the document's first line: its title
    assert in_heading(AWARDS, *span(AWARDS, "Next steps"))  # alone between paragraphs of running text
    for item in ("Tom Reyes", "The Long River", "Best Actor", "Night Train to Lisbon"):
        assert not in_heading(AWARDS, *span(AWARDS, item)), item
        assert valid(AWARDS, *span(AWARDS, item)), item
    assert not in_heading(AWARDS, *span(AWARDS, "jury met"))
    # a chunk that starts inside the document: its first line is no title
    chunk = AWARDS[AWARDS.index("Best Actor"):]
    assert not in_heading(chunk, *span(chunk, "Best Actor"), text_start=AWARDS.index("Best Actor"))
    assert in_heading(chunk, *span(chunk, "Best Actor"), text_start=0)  # unless it starts the document
