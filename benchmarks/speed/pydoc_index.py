"""Index the Python docs (benchmarks/sets/setup_pydoc.sh) with the default settings and print the figures.

Two parts, because embedding all ~19k chunks takes hours on a shared 2-core machine:

1. ``--stats``: every page is extracted and chunked (no embedding): pages, characters,
   chunks, skipped files, extraction seconds, peak memory.
2. ``--subset``: the pages the questions of benchmarks/sets/pydoc_questions.jsonl come from plus
   ``--extra`` seeded random other pages (distractors) are copied to a folder and indexed with
   ``build_index`` (default embedder, chunking and index type): pages, chunks, build seconds,
   chunks per second, peak memory. The full build time is extrapolated from that rate.

3. ``--full``: all pages indexed with ``build_index`` (default settings) into
   ``benchmarks/out/pydoc-index-full``: pages, chunks, build seconds, peak memory.

    python benchmarks/speed/pydoc_index.py --stats
    python benchmarks/speed/pydoc_index.py --subset --extra 15 --seed 0
    python benchmarks/speed/pydoc_index.py --full
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import time
from pathlib import Path

from qa.ingest.chunking import ChunkingConfig, chunk_text
from qa.ingest.documents import scan_folder

ROOT = Path(__file__).resolve().parents[1]  # benchmarks/
PAGES = ROOT / "data" / "pydoc-html"


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stats() -> None:
    t0 = time.perf_counter()
    result = scan_folder(PAGES)
    t_extract = time.perf_counter() - t0
    cfg = ChunkingConfig()
    chunks = sum(len(chunk_text(d.text, d.id, cfg)) for d in result.documents)
    print(f"pages {len(result.documents)}  skipped {len(result.skipped)}  "
          f"chars {sum(len(d.text) for d in result.documents)}  chunks {chunks}  "
          f"extraction {t_extract:.0f} s  extraction+chunking {time.perf_counter() - t0:.0f} s  "
          f"peak RSS {peak_mib():.0f} MiB")
    for s in result.skipped:
        print(f"  skipped {s.path}: {s.reason}")


def subset(extra: int, seed: int, max_chunks: int) -> None:
    from qa.indexing.build import build_index
    questions = [json.loads(ln) for ln in (ROOT / "sets" / "pydoc_questions.jsonl").read_text().splitlines() if ln.strip()]
    wanted = sorted({q["doc"] for q in questions})
    others = sorted(p.relative_to(PAGES).as_posix() for p in PAGES.rglob("*.html"))
    others = [p for p in others if p not in wanted and not p.startswith("genindex")]
    rng = random.Random(seed)
    rng.shuffle(others)
    cfg = ChunkingConfig()
    picked = []
    for p in others:
        if len(picked) == extra:
            break
        from qa.ingest.documents import load_document
        if len(chunk_text(load_document(PAGES / p, p).text, p, cfg)) <= max_chunks:
            picked.append(p)
    folder = ROOT / "data" / f"pydoc-subset-{extra}-{seed}"
    shutil.rmtree(folder, ignore_errors=True)
    for p in wanted + picked:
        (folder / p).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(PAGES / p, folder / p)
    out = ROOT / "out" / f"pydoc-index-{extra}-{seed}"
    t0 = time.perf_counter()
    store, st, seconds = build_index(folder, out, rebuild=True, progress=True)
    print(f"subset: {len(wanted)} question pages + {len(picked)} distractors = {len(store.documents)} pages, "
          f"{len(store.chunks)} chunks, build {seconds:.0f} s ({len(store.chunks) / seconds:.1f} chunks/s), "
          f"peak RSS {peak_mib():.0f} MiB, index {out}")
    print("distractors:", ", ".join(picked))


def full() -> None:
    from qa.indexing.build import build_index
    out = ROOT / "out" / "pydoc-index-full"
    store, st, seconds = build_index(PAGES, out, rebuild=True, progress=True)
    print(f"full: {len(store.documents)} pages, {len(store.chunks)} chunks, build {seconds:.0f} s "
          f"({len(store.chunks) / seconds:.1f} chunks/s), peak RSS {peak_mib():.0f} MiB, index {out}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--stats", action="store_true")
    ap.add_argument("--subset", action="store_true")
    ap.add_argument("--full", action="store_true")
    ap.add_argument("--extra", type=int, default=15)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-chunks", type=int, default=40, help="distractor pages larger than this are passed over")
    a = ap.parse_args()
    if a.stats:
        stats()
    if a.subset:
        subset(a.extra, a.seed, a.max_chunks)
    if a.full:
        full()


if __name__ == "__main__":
    main()
