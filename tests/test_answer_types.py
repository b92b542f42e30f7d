"""The kind of answer a question asks for, and whether a span has it (qa.answering.answer_types)."""

import pytest

from qa.answering.answer_types import asks_quantity, expected_kind, has_kind, lacks_asked_quantity, type_match
from qa.answering.scoring import Calibration


@pytest.mark.parametrize("question, kind", [
    ("How old is the new director?", "number"),
    ("how much did the bridge cost", "number"),
    ("How many people were evacuated?", "number"),
    ("At what altitude does the satellite orbit?", "number"),
    ("What percentage of the vote did she get?", "number"),
    ("How long was the speech?", "number"),
    ("When will the next summit be held?", "date"),
    ("In which year did the plant open?", "date"),
    ("On what date was the treaty signed?", "date"),
    ("Who chaired the meeting?", None),
    ("Where was the forum held?", None),
    ("What did the report recommend?", None),
    ("Why did the talks fail?", None),
])
def test_expected_kind(question, kind):
    assert expected_kind(question) == kind


@pytest.mark.parametrize("text, kind, ok", [
    ("76", "number", True), ("seventy-six delegates", "number", True), ("3.5 billion yuan", "number", True),
    ("dozens of envoys", "number", True), ("the Ministry of Transport", "number", False),
    ("Beijing", "number", False),
    ("October 14", "date", True), ("2019", "date", True), ("last week", "date", True), ("the 1990s", "date", True),
    ("on Monday", "date", True), ("12/05", "date", True),
    ("the China National Convention Center", "date", False), ("Antonio Guterres", "date", False),
])
def test_has_kind(text, kind, ok):
    assert has_kind(text, kind) is ok


def test_type_match_signs_and_errors():
    assert type_match("How old is Ana Silva?", "the chief economist") == -1.0
    assert type_match("How old is Ana Silva?", "54") == 1.0
    assert type_match("When did the railway open?", "in December 2021") == 1.0
    assert type_match("When did the railway open?", "the Laos section") == -1.0
    assert type_match("Who opened the railway?", "the Laos section") == 0.0
    assert type_match("How old is Ana Silva?", "") == 0.0
    with pytest.raises(ValueError, match="date, number"):
        has_kind("x", "person")


def test_calibration_weighs_the_type_match():
    cal = Calibration(margin=0.3, overlap=0.8, answer_type=0.5, bias=-2.0)
    assert cal.score(5.0, 0.4, -1.0) < cal.score(5.0, 0.4, 0.0) < cal.score(5.0, 0.4, 1.0)
    assert Calibration.from_dict({"margin": 0.3, "overlap": 0.8, "bias": -2.0}).answer_type == 0.0
    with pytest.raises(ValueError, match="answer_type"):
        Calibration(answer_type=float("nan"))


@pytest.mark.parametrize("question, asks", [
    ("How many people does the agency employ?", True),
    ("how much did the new bridge cost", True),
    ("For how many years in a row has the fair been held?", True),
    ("And how many of them were ambassadors?", True),
    ("How much was the contract worth?", True),
    ("How much influence did the council have?", False),   # degree, not money: 3 % of SQuAD golds lack a number
    ("How old is the director?", False),
    ("When the fair opened, how many visitors came?", False),  # the trigger does not start the question
    ("Who said how many people came?", False),
])
def test_asks_quantity(question, asks):
    assert asks_quantity(question) is asks


def test_a_count_question_is_not_answered_without_a_quantity():
    q = "How many people does the agency employ?"
    assert lacks_asked_quantity(q, "scientists and technologists")
    assert lacks_asked_quantity(q, "engineers, divers and pilots")
    for span in ("12,000", "about twelve thousand", "dozens of experts", "all of its staff", "none", "the fifth"):
        assert not lacks_asked_quantity(q, span), span
    assert not lacks_asked_quantity(q, "")  # no span: nothing to refuse
    assert lacks_asked_quantity("How much did the bridge cost?", "the transport ministry")
    assert not lacks_asked_quantity("How much did the bridge cost?", "$3.5 billion")
    assert not lacks_asked_quantity("Who runs the agency?", "scientists and technologists")
