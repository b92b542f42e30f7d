"""The general line filter for plain-text web scrapes: each rule drops its kind and keeps article text."""

import pytest

from qa.ingest.boilerplate import RULES, TAIL_RULES, boilerplate_rule, clean_text, tail_rule

DROPPED = {
    "metadata": ["Source:CICCPS Release time:2019/9/6 11:42:02",
                 "Source: Xinhua News Author: Li Wei 2021-03-02 09:02:31",
                 "Views: 8    Author: Site Editor    Publish Time: 2021-03-02    Origin: Site",
                 "Editor: Zhang San", "Responsible editor: Wu", "【Font size:BigMidSmallPrint",
                 "Published on: 12 May 2020", "Last updated: 2021-01-01", "Release: July 30, 2002",
                 "Reporter：王伟", "Photo by: Jane Roe"],
    "date_stamp": ["2022-09-05 16:28:05 Click Num:2299", "2021/03/02", "2020-07-01 08:00",
                   "2019年9月6日 11:42"],
    "byline": ["By NOAA Fisheries | May 2022", "by Jane Roe"],
    "share": ["Share", "Print", "Share this story:", "Share on Facebook", "Facebook Twitter Email",
              "Back to top", "Tweet"],
    "menu": ["Site Map | Legal Statement | FAQ | Contact Us", "Home · About · Products · Jobs",
             "News | Sports | Weather"],
    "breadcrumb": ["Location:Home > Detail", "NewsCurrent:Home > News > Trade",
                   "You are here: Home ; News ; Belt and Road", "Home » Press » 2021"],
    "contact": ["Tel: +86-371-53706735", "Fax : 555 0100", "E-mail: info@example.org",
                "Add : No. 101 Main Road", "Contact: Heather Friesen, Steve Brantley", "Skype : kevin.w"],
    "copyright": ["©2017-2020 Example Corp. 05049820", "Copyright 2021 Example Ltd",
                  "Example Inc. All rights reserved."],
    "site_banner": ["Welcome to the Example Cooperation Network", "Contact Us", "Site Map"],
}

KEPT = [
    # article lines that share words with the rules
    "The source of the river was found in 1858 by an expedition that reached the lake.",
    "Editors at the paper said the story had been checked twice before it ran.",
    "By 2030, the country plans to double its share of renewable power.",
    "The company said you can phone the office on Monday to discuss the contract.",
    "Green Development Concept",
    "Belt and Road International",
    "On September 21, the event was held. It was attended by 76 people from 73 embassies.",
    "Home prices rose 5% in the capital last year, the statistics office said.",
    "Printing presses were shipped to the region in 1890.",
    "Date palms grow along the river banks in the south of the country.",
    "A few highlights:",
    "Time is short, the minister said: the talks must end this week.",
]


@pytest.mark.parametrize("rule,line", [(r, ln) for r, lines in DROPPED.items() for ln in lines])
def test_each_rule_drops_its_kind(rule, line):
    assert boilerplate_rule(line) == rule
    assert clean_text(f"The treaty was signed in Lisbon.\n{line}\nIt entered into force in 2009.") \
        == "The treaty was signed in Lisbon.\nIt entered into force in 2009."


def test_every_rule_has_cases():
    assert set(DROPPED) == set(RULES)


@pytest.mark.parametrize("line", KEPT)
def test_article_lines_are_kept(line):
    assert boilerplate_rule(line) is None and tail_rule(line) is None
    assert clean_text(line) == line


def test_long_lines_are_never_dropped():
    line = "Source: " + "the ministry said that trade grew in every quarter of the year " * 3
    assert len(line) >= 160 and boilerplate_rule(line) is None


@pytest.mark.parametrize("rule,line", [
    ("related_links", "Related news"), ("related_links", "About NEWs"), ("related_links", "More articles"),
    ("related_links", "You may also like"),
    ("comments", "All Comments/My Comments"), ("comments", "Leave a comment"),
    ("comments", "Readers commentaryPlease abide by the rules of the news comment service"),
    ("comments", "12 comments"),
])
def test_tail_rules_end_the_article(rule, line):
    assert tail_rule(line) == rule
    out = clean_text(f"Title of the story\nThe body of the story.\n{line}\nAnother story headline\nMore junk")
    assert out == "Title of the story\nThe body of the story."
    assert set(TAIL_RULES) >= {rule}


def test_metadata_line_no_longer_joins_the_first_sentence():
    raw = ("Delegation attends UN conference\n\nSource:Example Org Release time:2019/9/6 11:42:02\n"
           "On August 26, 2019, a delegation attended the conference.")
    out = clean_text(raw)
    assert out == "Delegation attends UN conference\n\nOn August 26, 2019, a delegation attended the conference."


def test_whitespace_is_normalised():
    assert clean_text("\ufeffA\u00a0b\r\n\r\n\r\n\r\nc \t d\rE") == "A b\n\nc d\nE"
