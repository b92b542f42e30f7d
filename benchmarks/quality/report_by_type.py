"""Per-type EM/F1 of a ``qa eval`` report.json, for reports written before ``qa eval`` printed them.

Usage: python benchmarks/quality/report_by_type.py REPORT.json QUESTIONS.jsonl
(the types come from the questions file's ``type`` field, matched by id).
"""

import json
import sys

from qa.evaluate import format_by_type, load_questions, summarize_by_type


def main() -> None:
    report = json.load(open(sys.argv[1]))
    types = {r["id"]: r.get("type") for r in load_questions(sys.argv[2])}
    records = [dict(r, type=types.get(r["id"])) for r in report["records"]]
    print(format_by_type(summarize_by_type(records, report["metrics"]["threshold"])))


if __name__ == "__main__":
    main()
