"""How well .rst files are read: docutils with Sphinx stand-ins (``qa.ingest.rst_text``) against plain text.

Corpus: Python 3.11's own documentation as Debian ships it (``python3.11-doc``): the 497 reStructuredText
sources under ``html/_sources/**.rst.txt`` and, as the reference, the same pages as Sphinx wrote them in
HTML, read by ``qa.ingest.html_text``. Get it without installing anything:

    apt-get download python3.11-doc && dpkg-deb -x python3.11-doc_*.deb /tmp/pydoc
    python benchmarks/quality/rst_ingest.py --docs /tmp/pydoc/usr/share/doc/python3.11/html

Per variant (``docutils``: ``rst_to_text``; ``plain``: the file read as a .txt, i.e. what indexing it as
text gives; ``plain-md``: the Markdown cleaner over it):
- word recall: share of the HTML page's words (multiset) that the variant's text holds (content kept);
- word precision: share of the variant's words that the HTML page holds (markup and noise added);
- markup left: reST markup per 1,000 words (``:role:`x```, double back-quotes, ``.. name::``, section
  underlines, ``|subst|``);
- answers kept: the 60 questions of ``benchmarks/sets/pydoc_questions.jsonl`` whose gold answer appears
  in their page's text (whitespace-normalised), and how many sentences hold the answer together with a
  question word (a rough "the answer sentence survived");
- failures and seconds per file.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from qa.ingest.boilerplate import normalize_lines  # noqa: E402
from qa.ingest.documents import markdown_to_text  # noqa: E402
from qa.ingest.html_text import html_to_text  # noqa: E402
from qa.ingest.rst_text import rst_to_text  # noqa: E402

WORD_RE = re.compile(r"[A-Za-z0-9_]+")
MARKUP_RE = re.compile(r":[\w:+-]+:`|``|^\s*\.\.\s+[\w:+-]+::|^[=\-~^\"'*#+]{4,}\s*$|\|\w[\w -]*\|", re.MULTILINE)


VARIANTS = {"docutils": lambda raw: rst_to_text(raw)[1], "plain": normalize_lines,
            "plain-md": lambda raw: normalize_lines(markdown_to_text(raw)[1])}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", required=True, help="python3.11-doc's html folder (with _sources/)")
    ap.add_argument("--questions", default=str(ROOT / "benchmarks/sets/pydoc_questions.jsonl"))
    ap.add_argument("--limit", type=int, default=0, help="only the first N files (0 = all)")
    a = ap.parse_args()
    docs = Path(a.docs)
    sources = sorted((docs / "_sources").rglob("*.rst.txt"))
    if a.limit:
        sources = sources[:a.limit]
    if not sources:
        raise SystemExit(f"no _sources/**/*.rst.txt under {docs}")
    questions = [json.loads(line) for line in open(a.questions)]
    wanted = {q["doc"] for q in questions}
    stats = {v: Counter() for v in VARIANTS}
    texts = {}
    for src in sources:
        rel = src.relative_to(docs / "_sources").as_posix()[:-len(".rst.txt")]
        page = docs / f"{rel}.html"
        if not page.is_file():
            continue
        ref = Counter(WORD_RE.findall(html_to_text(page.read_text(errors="replace"))[1]))
        raw = src.read_text(errors="replace")
        for name in stats:
            t0 = time.perf_counter()
            try:
                text = VARIANTS[name](raw)
            except Exception as e:  # noqa: BLE001 - counted, the run goes on
                stats[name]["failures"] += 1
                print(f"{name} failed on {rel}: {type(e).__name__}: {e}", file=sys.stderr)
                continue
            stats[name]["seconds"] += time.perf_counter() - t0
            got = Counter(WORD_RE.findall(text))
            common = sum((got & ref).values())
            s = stats[name]
            s["files"] += 1
            s["ref_words"] += sum(ref.values())
            s["words"] += sum(got.values())
            s["common"] += common
            s["markup"] += len(MARKUP_RE.findall(text))
            if f"{rel}.html" in wanted:
                texts[(name, f"{rel}.html")] = text
    print(f"{len(sources)} .rst sources, {stats['docutils']['files']} with an HTML page")
    print("variant    word recall  word precision  markup/1k words  answers kept  answer+question word  failures  ms/file")
    for name, s in stats.items():
        kept = with_q = 0
        for q in questions:
            text = " ".join(texts.get((name, q["doc"]), "").split())
            golds = [g for g in q["answers"] if g and g in text]
            kept += bool(golds)
            qwords = {w.lower() for w in WORD_RE.findall(q["question"]) if len(w) > 3}
            sentences = re.split(r"(?<=[.!?])\s+|\n", texts.get((name, q["doc"]), ""))
            with_q += any(g in sent and qwords & {w.lower() for w in WORD_RE.findall(sent)}
                          for sent in sentences for g in golds)
        print(f"{name:10} {100 * s['common'] / max(1, s['ref_words']):10.1f} % {100 * s['common'] / max(1, s['words']):13.1f} % "
              f"{1000 * s['markup'] / max(1, s['words']):15.1f} {kept:7d}/{len(questions)} {with_q:14d}/{len(questions)} "
              f"{s['failures']:9d} {1000 * s['seconds'] / max(1, s['files']):8.0f}")


if __name__ == "__main__":
    main()
