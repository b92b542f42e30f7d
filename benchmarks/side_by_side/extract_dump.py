"""Extract every supported file under a folder with qa.ingest.documents and dump the text, one .txt per file.

Prints pages, characters, extraction seconds and the slowest files. The dump is what the
reader sees (used to write benchmarks/sets/pydoc_questions.jsonl and for the by-eye check).

    python benchmarks/side_by_side/extract_dump.py benchmarks/data/pydoc-html --out benchmarks/out/pydoc-text
"""
import argparse
import time
from pathlib import Path

from qa.ingest.documents import iter_files, load_document


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    root, out = Path(a.folder), Path(a.out)
    times, chars, empty = [], 0, []
    t0 = time.perf_counter()
    for f in iter_files(root):
        rel = f.relative_to(root).as_posix()
        t = time.perf_counter()
        doc = load_document(f, rel)
        times.append((time.perf_counter() - t, rel))
        chars += len(doc.text)
        if not doc.text:
            empty.append(rel)
        dst = out / (rel + ".txt")
        dst.parent.mkdir(parents=True, exist_ok=True)
        dst.write_text(f"TITLE: {doc.title}\n\n{doc.text}\n", encoding="utf-8")
    total = time.perf_counter() - t0
    times.sort(reverse=True)
    print(f"files {len(times)}  chars {chars}  empty {len(empty)}  extraction {total:.1f} s "
          f"({1000 * total / max(1, len(times)):.0f} ms/file)")
    print("slowest:", ", ".join(f"{r} {s:.2f}s" for s, r in times[:5]))
    if empty:
        print("empty:", ", ".join(empty[:20]))


if __name__ == "__main__":
    main()
