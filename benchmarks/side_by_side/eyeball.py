"""By-eye extraction check: for N seeded pages, a headless-Chromium screenshot next to the extracted text.

Writes benchmarks/out/eyeball/<n>-<page>.png (full page, capped height), .txt (what qa.ingest.documents
stores) and .rendered.txt (the browser's text of the main content), plus index.md: per page the
rendered lines (>= 4 words) missing from the extraction and extracted lines not shown on the page,
as pointers for the by-eye check. Needs Debian chromium (/usr/bin/chromium) and playwright.

    python benchmarks/side_by_side/eyeball.py benchmarks/data/pydoc-html --n 20 --seed 7
"""
import argparse
import random
import re
from pathlib import Path

from qa.ingest.documents import iter_files, load_document


def _norm(s: str) -> str:
    return re.sub(r"[\W_]+", " ", s).strip().lower()


def compare(shown: str, extracted: str) -> tuple[list[str], list[str]]:
    """Rendered lines (>= 4 words) missing from the extraction, and extracted lines not on the page."""
    ext = _norm(extracted)
    rend = _norm(shown)
    lost = [ln.strip() for ln in shown.split("\n") if len(ln.split()) >= 4 and _norm(ln) not in ext]
    extra = [ln.strip() for ln in extracted.split("\n") if len(ln.split()) >= 4 and _norm(ln) not in rend]
    return lost, extra


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", default="benchmarks/out/eyeball")
    ap.add_argument("--max-height", type=int, default=6000)
    ap.add_argument("--render-root", default="/usr/share/doc/python3.11/html",
                    help="render the page from here when it exists (the copy has no _static/ CSS)")
    ap.add_argument("--main", default="div.body, [role=main], main, article, body",
                    help="CSS selectors, first found wins: the rendered main content compared line by line")
    a = ap.parse_args()
    root, out = Path(a.folder), Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    files = [f for f in iter_files(root) if f.suffix in (".html", ".htm")]
    pages = sorted(random.Random(a.seed).sample(files, a.n))
    from playwright.sync_api import sync_playwright
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        for i, f in enumerate(pages, 1):
            rel = f.relative_to(root).as_posix()
            stem = f"{i:02d}-{rel.replace('/', '_')}"
            shown = Path(a.render_root) / rel
            page.goto((shown if shown.is_file() else f).resolve().as_uri())
            h = min(a.max_height, page.evaluate("document.body.scrollHeight"))
            page.set_viewport_size({"width": 1200, "height": max(900, h)})
            page.screenshot(path=str(out / f"{stem}.png"))
            page.set_viewport_size({"width": 1200, "height": 900})
            doc = load_document(f, rel)
            (out / f"{stem}.txt").write_text(f"TITLE: {doc.title}\n\n{doc.text}\n", encoding="utf-8")
            sel = next(x.strip() for x in a.main.split(",") if page.locator(x.strip()).count())
            shown_text = page.locator(sel).first.inner_text()
            (out / f"{stem}.rendered.txt").write_text(shown_text, encoding="utf-8")
            lost, extra = compare(shown_text, doc.text)
            rows.append(f"| {i} | {rel} | {len(doc.text)} | {len(lost)} | {len(extra)} | "
                        f"{'; '.join(lost[:4])[:300]} | {'; '.join(extra[:3])[:200]} |")
        browser.close()
    (out / "index.md").write_text("| # | page | chars kept | rendered lines lost | extracted lines not shown | "
                                  "lost (first) | not shown (first) |\n|---|---|---|---|---|---|---|\n"
                                  + "\n".join(rows) + "\n")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
