"""How often does a SQuAD article (or paragraph) never mention the year (or edition) an answerable question names?

Usage: python benchmarks/quality/year_rule.py benchmarks/data/train-v1.1.json benchmarks/data/dev-v1.1.json

The cost of the year rule (qa.answering.evidence.missing_years, used by the answerer):
each such question would be refused. Prints the counts with the whole article
as the document (as in the product, where a document is a file) and with one
paragraph as the document (as in `qa eval --squad`). Then the same for the
edition rule (qa.answering.evidence.other_editions: the question names "the 69th X", the
article never writes "69th" but numbers X otherwise), over the questions that
name an ordinal ("69th", "third").
"""
import json
import re
import sys

from qa.answering.evidence import ORDINAL_PATTERN, asked_years, missing_years, other_editions

_ORDINAL = re.compile(rf"\b{ORDINAL_PATTERN}\b", re.I)

for f in sys.argv[1:]:
    n = miss = para_miss = n_ord = ord_miss = ord_para_miss = 0
    examples = []
    for art in json.load(open(f))["data"]:
        title = art["title"].replace("_", " ")
        text = "\n".join(p["context"] for p in art["paragraphs"])
        for p in art["paragraphs"]:
            for q in p["qas"]:
                if asked_years(q["question"]):
                    n += 1
                    miss += bool(missing_years(q["question"], title, text))
                    para_miss += bool(missing_years(q["question"], title, p["context"]))
                if _ORDINAL.search(q["question"]):
                    n_ord += 1
                    if other_editions(q["question"], title, text):
                        ord_miss += 1
                        examples.append(f"{q['question']} -> {q['answers'][0]['text']}")
                    ord_para_miss += bool(other_editions(q["question"], title, p["context"]))
    print(f"{f}: {n} answerable questions name a year; article never mentions it: {miss} ({100*miss/n:.1f} %); "
          f"paragraph never mentions it: {para_miss} ({100*para_miss/n:.1f} %)")
    print(f"  {n_ord} name an ordinal; article names another edition only: {ord_miss} "
          f"({100*ord_miss/n_ord:.1f} %); paragraph: {ord_para_miss} ({100*ord_para_miss/n_ord:.1f} %)")
    for e in examples[:5]:
        print(f"      e.g. {e}")
