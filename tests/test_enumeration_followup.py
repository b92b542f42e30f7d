"""List widening and follow-up resolution on real sentences of the corpus (no model)."""

import pytest

from qa.defaults import SAMPLE_CORPUS
from qa.documents import load_folder
from qa.enumeration import expand_enumeration, is_list_question
from qa.followup import resolve_followup, topic_of


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


def test_list_question_detection():
    assert is_list_question("Who attended the 2022 South-South forum?")
    assert is_list_question("Who co-organized the South-South forum?")
    assert not is_list_question("How many people attended the CSCEC event?")
    assert not is_list_question("Where was the conference held?")


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
