#!/usr/bin/env python3
"""Validate questions.jsonl against corpus/ (standard library only)."""
import json
import os
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
KINDS = {"entity_swap", "attribute_not_given", "negation", "counted_noun_swap", "quantity_variant"}
TYPES = {"factoid", "number", "role_binding", "paraphrase", "near_miss"}
errors = []
items, ids = [], set()
with open(os.path.join(HERE, "questions.jsonl"), encoding="utf-8") as f:
    for ln, line in enumerate(f, 1):
        if not line.strip():
            continue
        try:
            q = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"line {ln}: invalid JSON: {e}"); continue
        for k in ("id", "question", "answers", "doc", "type"):
            if k not in q:
                errors.append(f"line {ln}: missing key {k}")
        if q.get("id") in ids:
            errors.append(f"line {ln}: duplicate id {q.get('id')}")
        ids.add(q.get("id"))
        if q.get("type") not in TYPES:
            errors.append(f"{q.get('id')}: bad type {q.get('type')}")
        path = os.path.join(CORPUS, q.get("doc", ""))
        if not os.path.isfile(path):
            errors.append(f"{q.get('id')}: doc not found {q.get('doc')}"); items.append(q); continue
        raw = open(path, encoding="utf-8", errors="surrogateescape").read()
        ans = q.get("answers")
        if not isinstance(ans, list):
            errors.append(f"{q.get('id')}: answers not a list")
        elif q.get("type") == "near_miss":
            if ans:
                errors.append(f"{q.get('id')}: near_miss with answers")
            if q.get("near_kind") not in KINDS:
                errors.append(f"{q.get('id')}: bad near_kind {q.get('near_kind')}")
        else:
            if not 1 <= len(ans) <= 3:
                errors.append(f"{q.get('id')}: need 1-3 answers")
            for a in ans:
                if not a or a not in raw:
                    errors.append(f"{q.get('id')}: answer {a!r} not in {q.get('doc')}")
        items.append(q)

types = Counter(q.get("type") for q in items)
kinds = Counter(q.get("near_kind") for q in items if q.get("type") == "near_miss")
docs = {q.get("doc") for q in items}
if len(items) < 60: errors.append(f"only {len(items)} questions (< 60)")
if types["near_miss"] < 20: errors.append(f"only {types['near_miss']} near misses (< 20)")
for k in KINDS:
    if kinds[k] < 3: errors.append(f"near_kind {k}: only {kinds[k]} (< 3)")
if types["role_binding"] < 10: errors.append(f"only {types['role_binding']} role_binding (< 10)")
if len(docs) < 15: errors.append(f"only {len(docs)} distinct docs (< 15)")

print(f"questions={len(items)} docs={len(docs)}")
print("types:", dict(sorted(types.items())))
print("near_kinds:", dict(sorted(kinds.items())))
if errors:
    print("FAIL"); [print("  " + e) for e in errors]; sys.exit(1)
print("OK")
