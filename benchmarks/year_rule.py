"""How often does a SQuAD article (or paragraph) never mention the year an answerable question names?

Usage: python benchmarks/year_rule.py benchmarks/data/train-v1.1.json benchmarks/data/dev-v1.1.json

The cost of the year rule (qa.evidence.unmentioned_years, used by the answerer):
each such question would be refused. Prints the counts with the whole article
as the document (as in the product, where a document is a file) and with one
paragraph as the document (as in `qa eval --squad`).
"""
import json
import sys

from qa.evidence import asked_years, unmentioned_years

for f in sys.argv[1:]:
    n = miss = para_miss = 0
    for art in json.load(open(f))["data"]:
        title = art["title"].replace("_", " ")
        text = "\n".join(p["context"] for p in art["paragraphs"])
        for p in art["paragraphs"]:
            for q in p["qas"]:
                if asked_years(q["question"]):
                    n += 1
                    miss += bool(unmentioned_years(q["question"], title, text))
                    para_miss += bool(unmentioned_years(q["question"], title, p["context"]))
    print(f"{f}: {n} answerable questions name a year; article never mentions it: {miss} ({100*miss/n:.1f} %); "
          f"paragraph never mentions it: {para_miss} ({100*para_miss/n:.1f} %)")
