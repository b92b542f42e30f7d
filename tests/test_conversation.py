"""Follow-up resolution against a conversation (spaCy's small English pipeline; no reader needed)."""

import pytest

from qa.answering.conversation import Resolution, Turn, answer_kind, as_turns, is_fragment, resolve

FORUM = "When was the 2022 International Forum on South-South Cooperation and Trade in Services held?"


def test_history_takes_strings_pairs_dicts_and_turns():
    turns = as_turns(["Q1", ("Q2", "A2"), ("Q3", None), {"question": "Q4", "answer": ""}, Turn("Q5", "A5", "d")])
    assert turns == (Turn("Q1"), Turn("Q2", "A2"), Turn("Q3"), Turn("Q4"), Turn("Q5", "A5", "d"))
    assert as_turns(["", "  "]) == ()
    with pytest.raises(ValueError, match="question string"):
        as_turns([("Q", "A", "extra")])
    with pytest.raises(ValueError, match="question string"):
        as_turns([42])


def test_first_and_self_contained_questions_are_left_alone():
    assert resolve("Where was it held?") == Resolution("Where was it held?", "first")
    r = resolve("Who chaired the Group of 77?", [(FORUM, "September 2022")])
    assert (r.question, r.kind) == ("Who chaired the Group of 77?", "self_contained")


def test_pronoun_refers_to_the_topic_when_the_answer_does_not_fit():
    r = resolve("Where was it held?", [(FORUM, "from August 31 to September 5, 2022")])
    assert r.kind == "pronoun"
    assert r.question == ("Where was the 2022 International Forum on South-South Cooperation and Trade in Services "
                          "held?")


def test_person_pronoun_refers_to_a_person_answer():
    r = resolve("What is her title?", [("Who delivered the keynote at the forum?", "Maria Lopez")])
    assert (r.question, r.kind) == ("What is Maria Lopez's title?", "answer_reference")
    # the same question after an answer that is not a person refers to nobody in particular
    r = resolve("What is her title?", [("When was the keynote at the forum?", "Monday")])
    assert r.kind == "pronoun" and "Monday" not in r.question


def test_there_takes_a_place_answer_and_it_the_topic():
    r = resolve("When did it open there?", [("Where is the new museum located?", "Reykjavik")])
    assert r.kind == "answer_reference"
    assert "in Reykjavik" in r.question and "museum" in r.question


def test_list_answer_is_referred_to_by_those():
    history = [("Who attended the forum?", "Dr. Ana Silva, Prof. Li Wei and Mr. John Okafor")]
    r = resolve("Which country is the first of those from?", history)
    assert (r.question, r.kind) == ("Which country is Dr. Ana Silva from?", "answer_reference")
    history.append(("Which country is the first of those from?", "Brazil"))
    assert resolve("And the last one?", history).question == "Which country is Mr. John Okafor from?"
    r = resolve("Where do they work?", [("Who attended the forum?", "Dr. Ana Silva, Prof. Li Wei and Mr. John Okafor")])
    assert "Dr. Ana Silva, Prof. Li Wei and Mr. John Okafor" in r.question


def test_that_is_the_last_answer_but_before_that_is_the_event():
    history = [("When did Iceland become independent from Denmark?", "17 June 1944")]
    assert resolve("Whose birthday is that?", history).question == "Whose birthday is 17 June 1944?"
    history = [("Who won Iceland's 2024 presidential election?", "Halla Tomasdottir"),
               ("What share of the vote did she get?", "34.1%")]
    r = resolve("Who won the one before that, in 2020?", history)
    assert "34.1%" not in r.question and "election" in r.question


def test_ellipsis_fills_the_last_full_question():
    assert is_fragment("And in 2021?") and is_fragment("What about the second day?")
    assert not is_fragment("And how many people attended it?")
    r = resolve("And in 2021?", [("How many visitors came to the park in 2020?", "3 million")])
    assert (r.question, r.kind) == ("How many visitors came to the park in 2021?", "ellipsis")
    r = resolve("What about the second day?", [("What happened on the first day of the conference?", "a parade")])
    assert r.question == "What happened on the second day of the conference?"
    r = resolve("And when?", [("Where was the treaty signed?", "Portsmouth")])
    assert r.question == "when was the treaty signed?"


def test_after_an_ellipsis_the_pronoun_goes_to_the_topic_not_the_fragment():
    history = [("How many people attended the Ambassadors Face to Face event?", "76"),
               ("And from how many countries?", "73")]
    r = resolve("Where did it take place?", history)
    assert (r.question, r.kind) == ("Where did the Ambassadors Face to Face event take place?", "pronoun")


def test_answer_kind_uses_the_question_it_answered():
    assert answer_kind("Reykjavik", "Where is the museum?") == "place"
    assert answer_kind("Mitchell Baker", "Who founded the Mozilla Foundation?") == "person"
    assert answer_kind("1867", "When was Alaska bought?") == "date"
    assert answer_kind("Alpha, Beta and Gamma", "Which firms bid?") == "list"


def test_the_document_of_the_referred_turn_is_returned():
    history = [Turn("Who delivered the keynote at the forum?", "Maria Lopez", "forum.txt")]
    assert resolve("What is her title?", history).doc_id == "forum.txt"
    assert resolve("Who founded Mozilla?", history).doc_id is None


def test_who_answers_are_people_unless_they_read_as_organisations_or_countries():
    assert answer_kind("Hanna Veit", "Who founded it?") == "person"  # the tagger alone says ORG
    assert answer_kind("UNOSSC", "Who organised the forum?") == "org"
    assert answer_kind("China Construction Third Engineering Bureau", "Who built it?") == "org"
    assert answer_kind("Japan", "Who ended up with the port?") == "place"
    r = resolve("Where was she born?", [("When was the Linden Hall Orchestra founded?", "1962"),
                                        ("Who founded it?", "Hanna Veit")])
    assert (r.question, r.kind) == ("Where was Hanna Veit born?", "answer_reference")


def test_a_pronoun_is_left_alone_rather_than_given_an_antecedent_of_the_wrong_kind():
    # questions only (no answers): "he" cannot be "a speech online at ..."
    r = resolve("which country is he the president of",
                ["Who delivered a speech online at the Second UN Global Sustainable Transport Conference?"])
    assert r.question == "which country is he the president of"
    assert resolve("From where was it launched?", ["When was Landsat 9 launched?"]).question == \
        "From where was Landsat 9 launched?"


def test_a_statement_answered_is_referred_to_by_that_never_by_it():
    history = [Turn("How is the backup tool usually started?", "from a nightly timer"),
               Turn("What does it do when the disk is full?", "it deletes the oldest archive first")]
    assert answer_kind(history[1].answer, history[1].question) == "clause"
    r = resolve("Which flag turns it off?", history)
    assert "backup tool" in r.question and "oldest archive" not in r.question
    assert "usually" not in r.question  # the topic is a noun phrase: no trailing adverb
    r = resolve("Why does it do that?", history)
    assert "it deletes the oldest archive" in r.question
