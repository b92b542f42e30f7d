"""Compare PDF text backends (pypdf, pypdfium2, pdfplumber) on generated hard cases.

Generates (seeded, matplotlib) a multi-page, two-column PDF with a running header,
a "Page N of M" footer and words hyphenated at line ends, plus a one-column
version of the same text. Each backend's page text goes through the same
qa.ingest.pdf_text post-processing (margins, hyphen joins, reflow). Printed per backend:

- sentences: share of the source sentences found whole on one line of the output
  (what a reader span needs);
- broken: words left split by a line-end hyphen ("environ- mental") or a soft-hyphen mark;
- margins: header/footer/page-number lines left in the output;
- ms/page: extraction time.

    python benchmarks/side_by_side/pdf_compare.py [--pages 6] [--seed 0]
"""
from __future__ import annotations

import argparse
import random
import re
import tempfile
import time
from pathlib import Path

from qa.ingest.pdf_text import BACKENDS, read_pages, reflow, strip_margins

DEBUG = False
PER_COL = 46  # lines per column

LONG = ["international", "infrastructure", "environmental", "administration", "transportation",
        "cooperation", "development", "responsibility", "investigation", "representatives",
        "agricultural", "communication", "manufacturing", "electricity", "construction"]
PLACES = ["Lisbon", "Nairobi", "Quito", "Hanoi", "Oslo", "Dakar", "Lima", "Tunis", "Perth", "Riga"]
NOUNS = ["harbour", "railway", "school", "hospital", "power plant", "water utility", "airport", "library"]


def sentences(rng: random.Random, n: int) -> list[str]:
    out = []
    for i in range(n):
        out.append(f"The {rng.choice(NOUNS)} in {rng.choice(PLACES)} reported {rng.randint(10, 990)} "
                   f"{rng.choice(['visitors', 'tonnes', 'projects', 'contracts'])} in {rng.randint(1990, 2023)}, "
                   f"mostly from {rng.choice(LONG)} and {rng.choice(LONG)} work number {i}.")
    return out


def wrap_hyphenated(words: list[str], width: int, hyphenated: list[str]) -> list[str]:
    """Greedy wrap; a long word that overflows is split with a hyphen at the line end."""
    lines, cur = [], ""
    for w in words:
        cand = (cur + " " + w).strip()
        if len(cand) <= width:
            cur = cand
            continue
        room = width - len(cur) - 2
        if len(w) >= 9 and room >= 4 and w.isalpha():
            cut = min(room, len(w) - 3)
            lines.append(cur + " " + w[:cut] + "-")
            hyphenated.append(w)
            cur = w[cut:]
        else:
            lines.append(cur)
            cur = w
    if cur:
        lines.append(cur)
    return lines


def make_pdf(path: Path, lines: list[str], columns: int, pages: int) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    per_col = PER_COL
    per_page = per_col * columns
    with PdfPages(path) as pdf:
        for p in range(pages):
            fig = plt.figure(figsize=(8.5, 11))
            fig.text(0.08, 0.965, "Harbour Authority Quarterly Review 2023", fontsize=8)
            fig.text(0.45, 0.025, f"Page {p + 1} of {pages}", fontsize=8)
            chunk = lines[p * per_page:(p + 1) * per_page]
            for c in range(columns):
                x = 0.08 if c == 0 else 0.53
                for j, ln in enumerate(chunk[c * per_col:(c + 1) * per_col]):
                    fig.text(x, 0.93 - j * 0.0188, ln, fontsize=8.5, family="DejaVu Sans")
            pdf.savefig(fig)
            plt.close(fig)


def measure(path: Path, sents: list[str], hyphenated: list[str], backend: str, n_pages: int) -> dict:
    t = time.perf_counter()
    _, raw = read_pages(path, backend)
    ms = 1000 * (time.perf_counter() - t) / n_pages
    text, _ = reflow(strip_margins([p.split("\n") for p in raw]))
    lines = text.split("\n")
    whole = sum(any(s in ln for ln in lines) for s in sents)
    broken = len(re.findall(r"[A-Za-z]-\s+[a-z]|[\u00ad\u0002\ufffe]", text))
    margins = len(re.findall(r"Page \d+ of|Quarterly Review 2023", text))
    if DEBUG:
        print(backend, [s for s in sents if not any(s in ln for ln in lines)][:4])
    return {"sentences": 100 * whole / len(sents), "broken": broken,
            "margins": margins, "ms/page": ms}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=6)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    with tempfile.TemporaryDirectory() as tmp:
        for columns in (2, 1):
            capacity, width = PER_COL * columns * a.pages, (44 if columns == 2 else 92)
            lines: list[str] = []
            sents: list[str] = []
            hyph: list[str] = []
            while True:
                par = sentences(rng, rng.randint(2, 4))
                h: list[str] = []
                wrapped = wrap_hyphenated(" ".join(par).split(), width, h) + [""]
                if len(lines) + len(wrapped) > capacity:
                    break
                lines += wrapped
                sents += par
                hyph += h
            path = Path(tmp) / f"cols{columns}.pdf"
            make_pdf(path, lines, columns, a.pages)
            print(f"{columns}-column, {a.pages} pages, {len(sents)} sentences, {len(hyph)} hyphenated line ends")
            print(f"  {'backend':11s} {'sentences%':>10s} {'broken':>8s} {'margins':>8s} {'ms/page':>8s}")
            for b in BACKENDS:
                m = measure(path, sents, hyph, b, a.pages)
                print(f"  {b:11s} {m['sentences']:10.1f} {m['broken']:8d} {m['margins']:8d} {m['ms/page']:8.1f}")


if __name__ == "__main__":
    main()
