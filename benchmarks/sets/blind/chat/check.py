"""Sanity checks for questions.jsonl (blind chat set).

- every doc exists (sample corpus qa/data/corpus/ or this folder's corpus/)
- every answer is a substring of its doc's text (raw text for .txt/.md; raw markup
  or visible text for .html; extracted text for .pdf, whitespace-normalised)
- turns numbered 1..n per conversation, type "first" exactly at turn 1
- unanswerable turns have answers == []; others have 1-3 answers
- prints counts per type and per split
Run with a Python that has pypdf and lxml (e.g. the project's .venv).
"""
import collections
import html
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
SAMPLE = os.path.join(ROOT, "qa", "data", "corpus")
NEW = os.path.join(HERE, "corpus")
TYPES = ["first", "pronoun", "answer_reference", "ellipsis", "topic_shift", "unanswerable_followup"]


def ws(s):
    return re.sub(r"\s+", " ", s).strip()


def doc_texts(path):
    """Return a list of text renderings of the document to match answers against."""
    if path.endswith(".pdf"):
        import pypdf
        r = pypdf.PdfReader(path)
        return [ws("\n".join(p.extract_text() for p in r.pages))]
    raw = open(path, encoding="utf-8").read()
    out = [raw, ws(raw)]
    if path.endswith(".html"):
        import lxml.html
        tree = lxml.html.fromstring(raw)
        for bad in tree.xpath("//script|//style"):
            bad.drop_tree()
        out.append(ws(tree.text_content()))
        out.append(ws(html.unescape(raw)))
    return out


def locate(doc):
    for d in (SAMPLE, NEW):
        p = os.path.join(d, doc)
        if os.path.isfile(p):
            return p
    return None


def main():
    rows = [json.loads(l) for l in open(os.path.join(HERE, "questions.jsonl"), encoding="utf-8")]
    errors = []
    cache = {}
    ids = set()
    convs = collections.OrderedDict()
    for r in rows:
        for k in ("id", "conversation", "turn", "question", "answers", "doc", "type", "split"):
            if k not in r:
                errors.append("%s: missing %s" % (r.get("id"), k))
        if r["id"] in ids:
            errors.append("duplicate id " + r["id"])
        ids.add(r["id"])
        if r["id"] != "%st%d" % (r["conversation"], r["turn"]):
            errors.append("%s: id does not match conversation/turn" % r["id"])
        if r["type"] not in TYPES:
            errors.append("%s: bad type %s" % (r["id"], r["type"]))
        if r["split"] not in ("tune", "heldout"):
            errors.append("%s: bad split" % r["id"])
        convs.setdefault(r["conversation"], []).append(r)
        path = locate(r["doc"])
        if not path:
            errors.append("%s: doc not found %s" % (r["id"], r["doc"]))
            continue
        if path not in cache:
            cache[path] = doc_texts(path)
        if r["type"] == "unanswerable_followup":
            if r["answers"] != []:
                errors.append("%s: unanswerable turn has answers" % r["id"])
        else:
            if not (1 <= len(r["answers"]) <= 3):
                errors.append("%s: needs 1-3 answers" % r["id"])
            for a in r["answers"]:
                if not any(a in t or ws(a) in t for t in cache[path]):
                    errors.append("%s: answer not in doc: %r" % (r["id"], a))
    for cid, turns in convs.items():
        nums = [t["turn"] for t in turns]
        if nums != list(range(1, len(turns) + 1)):
            errors.append("%s: turns not 1..n: %s" % (cid, nums))
        for t in turns:
            if (t["turn"] == 1) != (t["type"] == "first"):
                errors.append("%s: 'first' must be exactly turn 1" % t["id"])
        if not (3 <= len(turns) <= 6):
            errors.append("%s: %d turns (want 3-6)" % (cid, len(turns)))
        if len({t["split"] for t in turns}) != 1:
            errors.append("%s: mixed splits" % cid)

    by_type = collections.Counter(r["type"] for r in rows)
    by_split = collections.Counter(r["split"] for r in rows)
    by_both = collections.Counter((r["split"], r["type"]) for r in rows)
    conv_split = collections.Counter(ts[0]["split"] for ts in convs.values())
    docs = collections.Counter(r["doc"] for r in rows)
    sample_convs = sum(1 for ts in convs.values() if os.path.isfile(os.path.join(SAMPLE, ts[0]["doc"])))
    print("conversations: %d (tune %d, heldout %d); turns: %d" % (len(convs), conv_split["tune"], conv_split["heldout"], len(rows)))
    print("conversations opening on the sample corpus: %d; on new documents: %d" % (sample_convs, len(convs) - sample_convs))
    print("%-24s %6s %6s %8s" % ("type", "all", "tune", "heldout"))
    for t in TYPES:
        print("%-24s %6d %6d %8d" % (t, by_type[t], by_both[("tune", t)], by_both[("heldout", t)]))
    print("%-24s %6d %6d %8d" % ("total", len(rows), by_split["tune"], by_split["heldout"]))
    print("turns per doc:")
    for d, n in sorted(docs.items()):
        print("  %-40s %3d" % (d, n))
    if errors:
        print("\nERRORS (%d):" % len(errors))
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("\nall checks passed")


if __name__ == "__main__":
    main()
