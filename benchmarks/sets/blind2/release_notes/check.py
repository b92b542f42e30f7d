#!/usr/bin/env python3
"""Validate questions.jsonl against corpus/ (standard library only)."""
import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, 'corpus')
TYPES = {'factoid', 'number', 'role_binding', 'paraphrase', 'user_context', 'near_miss'}
KINDS = {'entity_swap', 'attribute_not_given', 'negation', 'counted_noun_swap', 'quantity_variant'}
errs = []; qs = []
with open(os.path.join(HERE, 'questions.jsonl'), encoding='utf-8') as f:
    for i, line in enumerate(f, 1):
        if not line.strip():
            errs.append(f'line {i}: empty line'); continue
        try:
            qs.append(json.loads(line))
        except json.JSONDecodeError as e:
            errs.append(f'line {i}: bad JSON: {e}')
ids = collections.Counter(q.get('id') for q in qs)
errs += [f'duplicate id {k}' for k, v in ids.items() if v > 1]
types = collections.Counter(); kinds = collections.Counter(); docs = set()
for q in qs:
    qid = q.get('id')
    for k in ('id', 'question', 'answers', 'doc', 'type'):
        if k not in q: errs.append(f'{qid}: missing {k}')
    t = q.get('type'); types[t] += 1
    if t not in TYPES: errs.append(f'{qid}: bad type {t}')
    path = os.path.join(CORPUS, q.get('doc', ''))
    if not os.path.isfile(path):
        errs.append(f'{qid}: doc not found {q.get("doc")}'); continue
    docs.add(q['doc'])
    with open(path, encoding='utf-8') as fh:
        raw = fh.read()
    ans = q.get('answers')
    if not isinstance(ans, list): errs.append(f'{qid}: answers not a list'); continue
    if t == 'near_miss':
        if ans: errs.append(f'{qid}: near_miss with answers')
        nk = q.get('near_kind'); kinds[nk] += 1
        if nk not in KINDS: errs.append(f'{qid}: bad near_kind {nk}')
    else:
        if not ans: errs.append(f'{qid}: answerable question without answers')
        if len(ans) > 3: errs.append(f'{qid}: more than 3 answers')
        for a in ans:
            if not isinstance(a, str) or not a.strip():
                errs.append(f'{qid}: empty answer')
            elif a not in raw:
                errs.append(f'{qid}: answer not in doc: {a!r}')
def need(cond, msg):
    if not cond: errs.append(msg)
need(len(qs) >= 60, f'need >= 60 questions, have {len(qs)}')
need(types['near_miss'] >= 20, f'need >= 20 near misses, have {types["near_miss"]}')
for k in KINDS: need(kinds[k] >= 3, f'need >= 3 {k}, have {kinds[k]}')
need(types['role_binding'] >= 10, f'need >= 10 role_binding, have {types["role_binding"]}')
need(types['user_context'] >= 3, f'need >= 3 user_context, have {types["user_context"]}')
need(len(docs) >= 20, f'need >= 20 docs, have {len(docs)}')
print('questions:', len(qs), 'docs:', len(docs))
print('types:', dict(types)); print('near_kind:', dict(kinds))
if errs:
    print('FAIL'); [print(' ', e) for e in errs]; sys.exit(1)
print('OK')
