"""How often does a SQuAD gold answer to a "how many / how much money" question hold no quantity?

Usage: python benchmarks/quality/count_rule.py benchmarks/data/train-v1.1.json benchmarks/data/dev-v1.1.json

The cost of the count rule (qa.answering.answer_types.lacks_asked_quantity, used by the
answerer): a question it applies to whose every gold answer lacks a quantity
would be refused. Prints, per trigger, the questions, the gold answers without
a quantity and a few examples; and, for comparison, the questions the rule
leaves out (the trigger inside a clause, "how much" without a money word).
"""
import json
import re
import sys

from qa.answering.answer_types import _ASKS_COUNT, _ASKS_PRICE, has_quantity

_ANY = re.compile(r"\bhow (?:many|much)\b", re.I)

for f in sys.argv[1:]:
    counts = {k: [0, 0, []] for k in ("how many", "how much (money)", "left out: other how many/much")}
    for art in json.load(open(f))["data"]:
        for p in art["paragraphs"]:
            for q in p["qas"]:
                question = q["question"]
                if _ASKS_COUNT.search(question):
                    key = "how many"
                elif _ASKS_PRICE.search(question):
                    key = "how much (money)"
                elif _ANY.search(question):
                    key = "left out: other how many/much"
                else:
                    continue
                c = counts[key]
                c[0] += 1
                if not any(has_quantity(a["text"]) for a in q["answers"]):
                    c[1] += 1
                    c[2].append(f"{question} -> {q['answers'][0]['text']}")
    print(f)
    for key, (n, bad, ex) in counts.items():
        print(f"  {key:32s} {n:5d} questions; gold answer without a quantity: {bad} ({100 * bad / max(n, 1):.1f} %)")
        for e in ex[:3]:
            print(f"      e.g. {e}")
    n = counts["how many"][0] + counts["how much (money)"][0]
    bad = counts["how many"][1] + counts["how much (money)"][1]
    print(f"  rule applies to {n} questions; would refuse {bad} ({100 * bad / max(n, 1):.2f} %)")
