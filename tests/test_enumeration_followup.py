"""List widening and follow-up resolution on real sentences of the corpus (no model)."""

import pytest

from qa.answering.conversation import resolve_followup, topic_of
from qa.answering.enumeration import expand_enumeration, is_list_question, respective_item, respective_lists
from qa.defaults import SAMPLE_CORPUS
from qa.ingest.documents import load_folder


@pytest.fixture(scope="module")
def forum():
    return next(d for d in load_folder(SAMPLE_CORPUS) if d.id.startswith("002")).text


ORGANIZERS = ("the United Nations Office for South-South Cooperation (UNOSSC), China International Center for "
              "Economic and Technical Exchanges (CICETE), and the Alliance of International Science "
              "Organizations (ANSO)")


@pytest.mark.parametrize("item", ["United Nations Office for South-South Cooperation (UNOSSC)",
                                  "China International Center for Economic and Technical Exchanges (CICETE)",
                                  "Alliance of International Science Organizations (ANSO)"])
def test_any_item_widens_to_the_whole_list(forum, item):
    s = forum.index(item)
    a, b = expand_enumeration(forum, s, s + len(item))
    assert forum[a:b] == ORGANIZERS


def test_participants_list(forum):
    s = forum.index("more than 600 participants")
    a, b = expand_enumeration(forum, s, s + len("more than 600 participants from 31 countries"))
    assert forum[a:b].startswith("more than 600 participants from 31 countries, including representatives")
    assert forum[a:b].rstrip(", etc").endswith("business community, and private sector")


def test_no_list_no_change(forum):
    s = forum.index("China National Convention Center")
    assert expand_enumeration(forum, s, s + 32) == (s, s + 32)


@pytest.mark.parametrize("question", [
    "Who attended the 2022 South-South forum?", "Who co-organized the South-South forum?",
    "Which organizations co-organized the forum?", "what countries sent ambassadors", "Name the sponsors.",
    "Who were the speakers at the panel?"])
def test_questions_that_ask_for_several_items(question):
    assert is_list_question(question)


@pytest.mark.parametrize("question", [
    "How many people attended the CSCEC event?", "Where was the conference held?",
    "From how many countries did the participants come?", "how much did the attendees pay",
    "When did the delegates arrive?", "Which country's officials was Wei Hejia responsible for?",
    "Which organization sponsored the forum?", "Which one of the organizers is a UN office?",
    "What is the theme of the forum?"])
def test_questions_after_one_thing(question):
    assert not is_list_question(question)


def test_list_ends_where_a_clause_starts():
    text = ("The conference, co-sponsored by the United Nations Department of Global Communications, Salt Lake "
            "City and the NGO Executive Committee, is the top event on the UN NGO calendar and the largest "
            "and highest-level NGO conference in the world.")
    s = text.index("Salt Lake City")
    a, b = expand_enumeration(text, s, s + len("Salt Lake City"))
    assert text[a:b] == ("the United Nations Department of Global Communications, Salt Lake City and the NGO "
                         "Executive Committee")


def test_widening_never_cuts_a_word():
    text = "Members were Alpha Ltd, Beta Corp, Gamma Inc and Deltaco-op partners of the fund."
    s = text.index("Beta Corp")
    a, b = expand_enumeration(text, s, s + len("Beta Corp"))
    assert (a == 0 or not text[a - 1].isalnum()) and (b == len(text) or not text[b].isalnum())


RESPECTIVELY = ("He Kaiyue, Peng Tian and Wei Hejia, personnel of CRSG Overseas Branch, were finally selected "
                "into the CREC contact group, responsible for online and offline connection with officials from "
                "Zimbabwe, Bangladesh and Suriname respectively.")


@pytest.mark.parametrize("question, want", [
    ("Which country's officials was Wei Hejia responsible for?", "Suriname"),
    ("Who handled the officials from Bangladesh?", "Peng Tian"),
    ("who was the contact for zimbabwe", "He Kaiyue"),
    ("Which countries did the contact group work with?", None),  # names no item: no pairing
])
def test_respectively_pairs_the_items(question, want):
    lists = respective_lists(RESPECTIVELY, 0, len(RESPECTIVELY))
    assert [[RESPECTIVELY[a:b] for a, b in side] for side in lists] == [
        ["He Kaiyue", "Peng Tian", "Wei Hejia"], ["Zimbabwe", "Bangladesh", "Suriname"]]
    s = RESPECTIVELY.index("Zimbabwe, Bangladesh and Suriname")
    got = respective_item(RESPECTIVELY, s, s + 33, question)
    assert (RESPECTIVELY[got[0]:got[1]] if got else None) == want


def test_respectively_with_two_items_and_other_sentences():
    text = "The year was busy. Alpha Group and Beta Labs led sales and research, respectively. Then it ended."
    s = text.index("Alpha Group")
    got = respective_item(text, s, s + 11, "What did Beta Labs lead?")
    assert text[got[0]:got[1]] == "research"
    assert respective_item(text, 0, 4, "What did Beta Labs lead?") is None  # span in another sentence


def test_follow_up_resolution():
    assert resolve_followup("And how many people attended it?",
                            ["Where was the Ambassadors Face to Face with CSCEC event held?"]) == \
        "How many people attended the Ambassadors Face to Face with CSCEC event?"
    assert resolve_followup("Who chaired the Group 77?", ["Where was the forum held?"]) == "Who chaired the Group 77?"
    assert resolve_followup("Where was it held?", []) == "Where was it held?"
    chain = ["Who co-organized the 2022 South-South forum?", "Where was it held?"]
    assert resolve_followup("When did it take place?", chain) == "When did the 2022 South-South forum take place?"
    assert topic_of("What was the theme of the 2022 South-South forum?") == "the 2022 South-South forum"
    assert topic_of("Who attended the 2022 South-South forum?") == "the 2022 South-South forum"


def test_list_after_a_verb_lead_in_starts_after_it(forum):
    # "The following Panel Discussion session, centered on ..., brought together Dr. A; Prof. B; ..."
    s = forum.index("Prof. CAO Jinghua")
    a, b = expand_enumeration(forum, s, s + len("Prof. CAO Jinghua"))
    assert forum[a:b].startswith("Dr. Stephen Bainous Kargbo")
    assert forum[a:b].endswith("Vice President of China-Africa Development Fund")


def test_head_of_an_including_list_is_kept_and_etc_dropped(forum):
    s = forum.index("foreign embassies in China")
    a, b = expand_enumeration(forum, s, s + len("foreign embassies in China"))
    got = " ".join(forum[a:b].split())  # the article has non-breaking spaces
    assert got == ("more than 600 participants from 31 countries, including representatives from government "
                   "agencies, foreign embassies in China, international organizations, research institutes, "
                   "academia, civil society organizations, business community, and private sector")


@pytest.mark.parametrize("span", ["Norway", "Norway, Chile"])
def test_list_starts_at_the_nearest_lead_in_and_drops_respectively(span):
    # A verb lead-in ("were") far before the list and a preposition ("from") right before it:
    # the list is the countries, and the closing "respectively" belongs to no item.
    # (A span on a later item, "Chile", is not widened back across the long item: a known limit.)
    text = ("Ana Lind, Bo Chen and Carla Diaz, engineers of the northern branch, were chosen for the liaison team, "
            "in charge of daily contact with ministers from Norway, Chile and Kenya respectively.")
    s = text.index(span)
    a, b = expand_enumeration(text, s, s + len(span))
    assert text[a:b] == "Norway, Chile and Kenya"

