"""Line filter for plain-text web scrapes: drop page furniture, keep every article line.

In these texts one line is one paragraph. A line is dropped when it is short
(< 160 characters) and is one of these general kinds (each rule is named and
tested in tests/test_boilerplate.py):

- ``metadata``: starts with a metadata label and a colon — source, release /
  publish / post / update time or date, editor, author, reporter, origin,
  views / clicks / hits, font size (e.g. "Source: X Release time: 2019/9/6");
- ``date_stamp``: a bare date/time stamp, optionally followed by a short
  "label: value" field ("2022-09-05 16:28:05 Click Num: 2299");
- ``byline``: "By NAME" lines of at most five words without sentence punctuation;
- ``share``: share / print / follow buttons ("Share", "Print", "Tweet", "Email");
- ``menu``: three or more short items separated by | or · or • ("Site Map | FAQ");
- ``breadcrumb``: "Home > News > ...", "Location: ...", "You are here: ...";
- ``contact``: contact-block fields (Tel, Fax, E-mail, Address, Skype, ...);
- ``copyright``: ©, "Copyright", "All rights reserved" lines;
- ``site_banner``: "Welcome to ..." lines and bare "Contact Us" / "Site Map".

A line that opens a related-links list ("Related news", "More articles", "About
news") or a comment widget ("All comments", "Leave a comment", "... comment
service") ends the article: it and the rest are dropped.

Leaves out: language-specific label lists beyond English, and anything that
needs the page's layout (use the HTML file instead when there is one).
"""

from __future__ import annotations

import re

MAX_BOILERPLATE_LEN = 160

_LABELS = (r"source|release(?:d)?(?:\s+(?:time|date|on))?|publish(?:ed)?(?:\s+(?:time|date|on|by))?"
           r"|posted(?:\s+(?:on|by|at))?|post\s+(?:time|date)|(?:last\s+)?updated(?:\s+(?:on|at))?|update\s+(?:time|date)"
           r"|date|time|editor(?:\s+in\s+charge)?|(?:responsible|chief)\s+editor|edited\s+by|author|writer"
           r"|reporter|correspondent|origin|views|clicks?(?:\s+num(?:ber)?)?|hits|reads|page\s+views"
           r"|font\s+size|photo(?:\s+by)?|image\s+credit")
_OPEN = r"^[\W_]*"  # leading brackets / bullets such as 【 or [ or •
_DATE = r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*,?\s*\d{1,2}:\d{2}(?::\d{2})?)?"

RULES: dict[str, re.Pattern] = {
    "metadata": re.compile(_OPEN + rf"(?:{_LABELS})\s*[:：]", re.IGNORECASE),
    "date_stamp": re.compile(rf"^{_DATE}(?:\s+[\w ]{{1,20}}\s*[:：]\s*\S{{1,20}})*\s*$", re.IGNORECASE),
    "byline": re.compile(r"^by(?:\s+[^\s.!?:;]+){1,5}\s*$", re.IGNORECASE),
    "share": re.compile(r"^(?:(?:share(?: this(?: story| article| page)?)?(?: on)?|print(?: this)?(?: page| article)?|"
                        r"tweet|email|e-mail|facebook|twitter|linkedin|whatsapp|wechat|weibo|reddit|"
                        r"follow us|back to top|top)\s*[:|/·•]?\s*)+$", re.IGNORECASE),
    "menu": re.compile(r"^(?:[^|·•.!?]{1,30}[|·•]\s*){2,}[^|·•.!?]{0,30}$"),
    "breadcrumb": re.compile(r"(?:^|[:：])\s*home\s*[>»›;/|]|^(?:location|you are here|current location)\s*[:：]",
                             re.IGNORECASE),
    "contact": re.compile(_OPEN + r"(?:tel|telephone|phone|mobile|fax|skype|e-?mail|add|address|wechat|whatsapp"
                          r"|contact(?: person)?)(?:\s*/\s*\w+)?\s*[:：]", re.IGNORECASE),
    "copyright": re.compile(r"^(?:©|\(c\)|copyright\b)|all rights reserved", re.IGNORECASE),
    "site_banner": re.compile(r"^welcome to\b.{0,80}$|^(?:contact us|site ?map|product inquiry)$", re.IGNORECASE),
}

TAIL_RULES: dict[str, re.Pattern] = {
    "related_links": re.compile(r"^(?:about|related|more|latest|recent|popular|recommended|other|further)\s+"
                                r"(?:news|articles?|posts?|stories|reading|links|content|for you)$"
                                r"|^you (?:may|might) also (?:like|be interested in)$", re.IGNORECASE),
    "comments": re.compile(r"^(?:all|more|my|post a|leave a|add a|write a|\d+)\s+comments?\b(?!.*[.!?]$)"
                           r"|^(?!.*[.!?]$).{0,100}\bcomments?\s+(?:service|policy|section|rules)\b", re.IGNORECASE),
}


def boilerplate_rule(line: str) -> str | None:
    """Name of the rule that marks ``line`` as page furniture, or None for article text."""
    s = line.strip()
    if not s or len(s) >= MAX_BOILERPLATE_LEN:
        return None
    for name, rx in RULES.items():
        if rx.search(s):
            return name
    return None


def is_boilerplate(line: str) -> bool:
    return boilerplate_rule(line) is not None


def tail_rule(line: str) -> str | None:
    """Name of the rule by which ``line`` ends the article (related links, comments), or None."""
    s = line.strip()
    if not s or len(s) >= MAX_BOILERPLATE_LEN:
        return None
    return next((name for name, rx in TAIL_RULES.items() if rx.search(s)), None)


def normalize_lines(raw: str) -> str:
    """Unify line ends and spaces, strip each line, collapse runs of blank lines."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\ufeff", "")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x0c", "\n")
    lines = [re.sub(r"[ \t\v]+", " ", ln).strip() for ln in text.split("\n")]
    out = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return out.strip()


def clean_text(raw: str) -> str:
    """Normalise whitespace and drop boilerplate lines; keep every article line."""
    lines = []
    for line in normalize_lines(raw).split("\n"):
        if tail_rule(line):
            break
        if is_boilerplate(line):
            continue
        lines.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
