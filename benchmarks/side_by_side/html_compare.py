"""Compare HTML extractors on the Python docs: ours (qa.ingest.html_text), plain trafilatura, jusText,
readability-lxml and a tag stripper (the old parser; navigation tags skipped).

Per extractor: share of the gold answers of benchmarks/sets/pydoc_questions.jsonl found in the text
of their page (answerable questions), share of the rendered main-content lines (>= 4 words) of
the by-eye pages (benchmarks/side_by_side/eyeball.py output) found in the text, extracted lines that the page
does not show (boilerplate kept), and ms per page.

    python benchmarks/side_by_side/html_compare.py --eyeball benchmarks/out/eyeball benchmarks/out/eyeball-heldout
"""
import argparse
import json
import re
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]  # benchmarks/
PAGES = ROOT / "data" / "pydoc-html"


def ours(raw):
    from qa.ingest.html_text import html_to_text
    return html_to_text(raw)[1]


def trafilatura_plain(raw):
    import trafilatura
    return trafilatura.extract(raw, include_tables=True) or ""


def justext_(raw):
    import justext
    return "\n".join(p.text for p in justext.justext(raw.encode(), justext.get_stoplist("English"))
                     if not p.is_boilerplate)


def readability_(raw):
    import lxml.html
    from readability import Document
    return lxml.html.fromstring(Document(raw).summary()).text_content()


def tag_stripper(raw):
    from qa.ingest.html_text import _fallback_html_to_text
    return _fallback_html_to_text(raw)[1]


EXTRACTORS = {"ours": ours, "trafilatura": trafilatura_plain, "justext": justext_,
              "readability": readability_, "tag-stripper": tag_stripper}


def norm(s):
    return re.sub(r"[\W_]+", " ", s).strip().lower()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--eyeball", nargs="*", default=[])
    a = ap.parse_args()
    qs = [json.loads(ln) for ln in (ROOT / "sets" / "pydoc_questions.jsonl").read_text().splitlines() if ln.strip()]
    qs = [q for q in qs if q["answers"]]
    rendered = []
    for d in a.eyeball:
        for r in sorted(Path(d).glob("*.rendered.txt")):
            stem = re.sub(r"^\d\d-", "", r.name[: -len(".rendered.txt")])
            rel = stem.replace("_", "/", 1)
            rel = rel if (PAGES / rel).exists() else stem
            rendered.append((rel, r.read_text()))
    print(f"{len(qs)} answerable questions on {len({q['doc'] for q in qs})} pages; {len(rendered)} by-eye pages")
    print(f"{'extractor':13s} {'answers kept %':>14s} {'shown lines kept %':>18s} {'lines not shown':>15s} {'ms/page':>8s}")
    for name, f in EXTRACTORS.items():
        cache, t_total, n = {}, 0.0, 0
        def get(rel):
            nonlocal t_total, n
            if rel not in cache:
                raw = (PAGES / rel).read_text(errors="replace")
                t = time.perf_counter()
                cache[rel] = f(raw)
                t_total += time.perf_counter() - t
                n += 1
            return cache[rel]
        kept = sum(any(norm(ans) in norm(get(q["doc"])) for ans in q["answers"]) for q in qs)
        shown_total = shown_kept = extra = 0
        for rel, shown in rendered:
            text = norm(get(rel))
            lines = [ln for ln in shown.split("\n") if len(ln.split()) >= 4]
            shown_total += len(lines)
            shown_kept += sum(norm(ln) in text for ln in lines)
            rn = norm(shown)
            extra += sum(1 for ln in get(rel).split("\n") if len(ln.split()) >= 4 and norm(ln) not in rn)
        print(f"{name:13s} {100 * kept / len(qs):14.1f} {100 * shown_kept / max(1, shown_total):18.1f} "
              f"{extra:15d} {1000 * t_total / max(1, n):8.0f}")


if __name__ == "__main__":
    main()
