"""Ingestion of one big single-line text file: load (line filter) and chunk time, peak memory.

No embedding (that cost is per chunk and measured elsewhere). Seeded words, one line, no newline.

    python benchmarks/speed/ingest_big.py --mb 50
"""
import argparse
import random
import resource
import tempfile
import time
from pathlib import Path

from qa.ingest.chunking import ChunkingConfig, chunk_text
from qa.ingest.documents import scan_folder


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=50)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    vocab = ["harbour", "cargo", "tonnes", "crane", "ship", "port", "1911", "the", "of", "and", "was."]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.txt"
        target = int(a.mb * 2**20)
        with open(path, "w") as f:
            written = 0
            while written < target:
                s = " ".join(rng.choice(vocab) for _ in range(10000)) + " "
                f.write(s)
                written += len(s)
        t0 = time.perf_counter()
        result = scan_folder(tmp)
        t_load = time.perf_counter() - t0
        doc = result.documents[0]
        t0 = time.perf_counter()
        chunks = chunk_text(doc.text, doc.id, ChunkingConfig())
        t_chunk = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{a.mb:.0f} MB single line: load {t_load:.1f} s, chunk {t_chunk:.1f} s, {len(chunks)} chunks, "
          f"peak RSS {peak:.0f} MiB")


if __name__ == "__main__":
    main()
