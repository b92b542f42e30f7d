"""Checks the questions.jsonl of a blind chat set (used by chat2/check.py and chat3/check.py). Standard library only.

- every non-empty answer is a verbatim substring of its doc, looked up in the set's corpus/
  or in qa/data/corpus/ (the sample corpus; raw file text, so HTML answers must avoid entities);
- ids are unique; turns of each conversation are 1, 2, 3, ... in file order;
- turn 1 is type "first" and no later turn is; types are known; unanswerable turns have answers [];
- each conversation sits in one split;
- the set's minimum sizes (conversations, turns, turns of each follow-up type, turns per conversation).
Prints counts per type and split. Exits 1 on any failure.
"""
import collections
import json
import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
TYPES = ["first", "pronoun", "answer_reference", "ellipsis", "topic_shift", "unanswerable_followup"]
FOLLOW = TYPES[1:]


def load_doc(name, doc_dirs, cache={}):
    key = (tuple(doc_dirs), name)  # the same file name may stand in two sets' corpora
    if key not in cache:
        for d in doc_dirs:
            p = os.path.join(d, name)
            if os.path.isfile(p):
                with open(p, encoding="utf-8") as f:
                    cache[key] = f.read()
                break
        else:
            cache[key] = None
    return cache[key]


def check(here, min_conversations, min_turns, min_per_kind, turns_per_conversation):
    """Check ``here``/questions.jsonl (documents in ``here``/corpus, then the sample corpus); exit 1 on failure."""
    doc_dirs = [os.path.join(here, "corpus"), os.path.join(ROOT, "qa", "data", "corpus")]
    errors = []
    rows = []
    with open(os.path.join(here, "questions.jsonl"), encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except ValueError as e:
                errors.append("line %d: bad JSON: %s" % (ln, e))

    seen = set()
    last_turn = {}
    conv_split = {}
    conv_order = []
    for r in rows:
        for k in ("id", "conversation", "turn", "question", "answers", "doc", "type", "split"):
            if k not in r:
                errors.append("%s: missing field %s" % (r.get("id"), k))
        rid, conv, turn, typ = r.get("id"), r.get("conversation"), r.get("turn"), r.get("type")
        if rid in seen:
            errors.append("duplicate id %s" % rid)
        seen.add(rid)
        if rid != "%st%s" % (conv, turn):
            errors.append("%s: id does not match conversation+turn" % rid)
        if conv not in last_turn:
            conv_order.append(conv)
            if turn != 1:
                errors.append("%s: conversation starts at turn %s" % (rid, turn))
        elif turn != last_turn[conv] + 1:
            errors.append("%s: turn %s follows turn %s" % (rid, turn, last_turn[conv]))
        last_turn[conv] = turn
        if typ not in TYPES:
            errors.append("%s: unknown type %r" % (rid, typ))
        if (turn == 1) != (typ == "first"):
            errors.append("%s: type %s at turn %s" % (rid, typ, turn))
        if r.get("split") not in ("tune", "heldout"):
            errors.append("%s: bad split %r" % (rid, r.get("split")))
        if conv_split.setdefault(conv, r.get("split")) != r.get("split"):
            errors.append("%s: conversation split changes" % rid)
        answers = r.get("answers")
        if not isinstance(answers, list) or not all(isinstance(a, str) and a for a in answers):
            errors.append("%s: answers must be a list of non-empty strings" % rid)
            continue
        if typ == "unanswerable_followup" and answers:
            errors.append("%s: unanswerable turn has answers" % rid)
        if typ != "unanswerable_followup" and not answers:
            errors.append("%s: answerable turn has no answers" % rid)
        text = load_doc(r.get("doc", ""), doc_dirs)
        if text is None:
            errors.append("%s: doc %r not found" % (rid, r.get("doc")))
            continue
        for a in answers:
            if a not in text:
                errors.append("%s: answer %r not in %s" % (rid, a, r["doc"]))

    # counts
    counts = collections.Counter((r.get("type"), r.get("split")) for r in rows)
    splits = ["tune", "heldout"]
    print("%-22s %5s %6s %8s" % ("type", "all", "tune", "heldout"))
    for t in TYPES:
        print("%-22s %5d %6d %8d" % (t, sum(counts[(t, s)] for s in splits), counts[(t, "tune")], counts[(t, "heldout")]))
    print("%-22s %5d %6d %8d" % ("total", len(rows), sum(1 for r in rows if r.get("split") == "tune"),
                                 sum(1 for r in rows if r.get("split") == "heldout")))
    nconv = len(conv_order)
    print("conversations: %d (tune %d, heldout %d)" % (
        nconv, sum(1 for c in conv_order if conv_split[c] == "tune"),
        sum(1 for c in conv_order if conv_split[c] == "heldout")))
    docs = collections.Counter(r["doc"] for r in rows if "doc" in r)
    print("turns per doc:")
    for d, n in sorted(docs.items()):
        print("  %-42s %3d" % (d, n))

    if nconv < min_conversations:
        errors.append("only %d conversations" % nconv)
    if len(rows) < min_turns:
        errors.append("only %d turns" % len(rows))
    for t in FOLLOW:
        n = sum(counts[(t, s)] for s in splits)
        if n < min_per_kind:
            errors.append("only %d turns of type %s" % (n, t))
    lengths = collections.Counter(r["conversation"] for r in rows)
    for c, n in lengths.items():
        if not turns_per_conversation[0] <= n <= turns_per_conversation[1]:
            errors.append("conversation %s has %d turns" % (c, n))

    if errors:
        print("\nFAILED:")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("\nOK: all answers are verbatim substrings of their documents")

