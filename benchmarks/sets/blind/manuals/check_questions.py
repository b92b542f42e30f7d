"""Sanity check for questions.jsonl: answers occur in the visible text of their doc."""
import html
import json
import os
import re
import sys
from collections import Counter
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
BLOCK = {"p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
         "pre", "dt", "dd", "table", "ul", "ol", "dl", "blockquote", "section", "hr"}

class Visible(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip = [], 0
    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "head"):
            self.skip += 1
        if tag in BLOCK:
            self.out.append(" ")
    def handle_endtag(self, tag):
        if tag in ("script", "style", "head"):
            self.skip = max(0, self.skip - 1)
        if tag in BLOCK:
            self.out.append(" ")
    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)

def visible_text(path):
    raw = open(path, encoding="utf-8", errors="replace").read()
    if path.endswith((".html", ".htm")):
        p = Visible(); p.feed(raw); p.close(); raw = "".join(p.out)
    return re.sub(r"\s+", " ", html.unescape(raw))

def main(qfile=os.path.join(HERE, "questions.jsonl")):
    rows = [json.loads(l) for l in open(qfile, encoding="utf-8") if l.strip()]
    errors, ids, cache = [], Counter(r["id"] for r in rows), {}
    for i, n in ids.items():
        if n > 1: errors.append(f"duplicate id {i}")
    for r in rows:
        path = os.path.join(CORPUS, r["doc"])
        if not os.path.isfile(path):
            errors.append(f"{r['id']}: missing doc {r['doc']}"); continue
        text = cache.setdefault(path, visible_text(path))
        if r["type"] == "near_miss":
            if r["answers"]: errors.append(f"{r['id']}: near_miss with answers")
            if r.get("kind") not in {"entity", "attribute", "negation", "counted_noun", "time"}:
                errors.append(f"{r['id']}: bad kind {r.get('kind')}")
        else:
            if not 1 <= len(r["answers"]) <= 3: errors.append(f"{r['id']}: needs 1-3 answers")
            for a in r["answers"]:
                if re.sub(r"\s+", " ", a) not in text:
                    errors.append(f"{r['id']}: answer {a!r} not in {r['doc']}")
    print("questions:", len(rows))
    print("by type:", dict(Counter(r["type"] for r in rows)))
    print("near_miss by kind:", dict(Counter(r.get("kind") for r in rows if r["type"] == "near_miss")))
    print("distinct docs:", len({r["doc"] for r in rows}))
    print("corpus files:", sum(len(f) for _, _, f in os.walk(CORPUS)))
    for e in errors: print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} errors")
    return 1 if errors else 0

if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
