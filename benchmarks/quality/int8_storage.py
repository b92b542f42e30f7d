"""What the int8 weight storage costs: a reader stored in fp16 and the same reader stored int8.

We have the MPNet reader only in its int8 form (the GPU run's fp16 weights
were not shipped), so the storage format is checked on the fast reader: its
fp16 weights are written in the int8 form (``qa.reader.quantized.save_int8``,
per-row int8 + fp16 scales), then both folders are read over the same seeded
SQuAD dev questions with the gold paragraph (``benchmarks/quality/squad_dev.py``).

Usage: python benchmarks/quality/int8_storage.py [--reader fast] [--limit 1000]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from qa.reader.models import resolve_reader
from qa.reader.quantized import save_int8

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reader", default="fast")
    ap.add_argument("--limit", type=int, default=1000)
    a = ap.parse_args()
    from safetensors.torch import load_file
    src = resolve_reader(a.reader)
    out = ROOT / "benchmarks" / "out" / f"int8-{src.name}"
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(src, out, ignore=shutil.ignore_patterns("*.safetensors"))
    state = load_file(str(src / "model.safetensors"))
    save_int8({k: v.float() for k, v in state.items()}, out)
    sizes = {p: sum(f.stat().st_size for f in p.glob("*.safetensors")) / 2**20 for p in (src, out)}
    print(f"weights on disk: fp16 {sizes[src]:.1f} MiB, int8 {sizes[out]:.1f} MiB")
    for label, path in (("fp16 storage", src), ("int8 storage", out)):
        print(f"== {label}: {path}", flush=True)
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "quality" / "squad_dev.py"), "--reader", str(path),
                        "--limit", str(a.limit), "--precision", "fp32", "--latency-n", "1"], check=True)


if __name__ == "__main__":
    main()
