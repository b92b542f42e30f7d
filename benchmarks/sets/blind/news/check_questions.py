"""Sanity checks for the blind news question set.

Checks: every doc exists in corpus/, every answer string is a verbatim substring
of its doc, near misses have no answers and a valid kind, ids are unique.
Prints counts by type / kind and the number of distinct documents.
"""
import json
import os
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
KINDS = {"entity", "attribute", "negation", "counted_noun", "time"}
TYPES = {"factoid", "role", "near_miss"}

errors = []
rows = [json.loads(l) for l in open(os.path.join(HERE, "questions.jsonl"), encoding="utf-8") if l.strip()]
ids = Counter(r["id"] for r in rows)
for i, c in ids.items():
    if c > 1:
        errors.append(f"duplicate id {i}")
for r in rows:
    path = os.path.join(CORPUS, r["doc"])
    if not os.path.isfile(path):
        errors.append(f"{r['id']}: missing doc {r['doc']}")
        continue
    text = open(path, encoding="utf-8").read()
    if r["type"] not in TYPES:
        errors.append(f"{r['id']}: bad type {r['type']}")
    if r["type"] == "near_miss":
        if r["answers"]:
            errors.append(f"{r['id']}: near miss with answers")
        if r.get("kind") not in KINDS:
            errors.append(f"{r['id']}: bad kind {r.get('kind')}")
    else:
        if not 1 <= len(r["answers"]) <= 3:
            errors.append(f"{r['id']}: needs 1-3 answers")
        for a in r["answers"]:
            if a not in text:
                errors.append(f"{r['id']}: answer not in doc: {a!r}")
types = Counter(r["type"] for r in rows)
kinds = Counter(r.get("kind") for r in rows if r["type"] == "near_miss")
print("questions:", len(rows))
print("by type:", dict(types))
print("near_miss by kind:", dict(kinds))
print("distinct docs:", len({r['doc'] for r in rows}))
print("corpus files:", len(os.listdir(CORPUS)),
      "bytes:", sum(os.path.getsize(os.path.join(CORPUS, f)) for f in os.listdir(CORPUS)))
if errors:
    print("\n".join(errors))
    sys.exit(1)
print("OK")
