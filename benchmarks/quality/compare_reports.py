"""Which questions two `qa eval` runs answered differently, and whether those questions name a year.

Usage: python benchmarks/quality/compare_reports.py OLD/report.json NEW/report.json

For each question of NEW whose F1 differs from OLD's: lost (F1 fell) or gained,
split by whether the question names a year (``qa.answering.evidence.asked_years``: the
questions the year rule can touch). Prints the counts, the F1 change of the
whole set, and the year questions that changed.
"""
import json
import sys
from collections import Counter

from qa.answering.evidence import asked_years
from qa.answering.normalize import f1


def score(r):
    return f1(r["prediction"], r["golds"]) if r["prediction"] and r["golds"] else float(not r["golds"] and not r["prediction"])


old = {r["id"]: r for r in json.load(open(sys.argv[1]))["records"]}
new = json.load(open(sys.argv[2]))["records"]
counts, delta = Counter(), 0.0
for r in new:
    fo, fn = score(old[r["id"]]), score(r)
    if abs(fo - fn) > 1e-9:
        year = bool(asked_years(r["question"]))
        counts[("names a year" if year else "no year", "lost" if fn < fo else "gained")] += 1
        delta += fn - fo
        if year:
            print(f"  {fo:.2f} -> {fn:.2f}  {r['question']} | {old[r['id']]['prediction']} -> {r['prediction']}")
for k, v in sorted(counts.items()):
    print(f"{k[0]}, {k[1]}: {v}")
print(f"F1 change over {len(new)} questions: {100 * delta / len(new):+.2f}")
