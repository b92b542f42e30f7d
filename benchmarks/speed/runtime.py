"""The reader's network alone in each runtime and precision: milliseconds per forward pass.

Usage: python benchmarks/speed/runtime.py [--reps 8]

For both shipped readers, a forward pass over random token ids of a few
window shapes (tokens x batch), median of ``--reps`` runs after one warm-up:
PyTorch fp32, PyTorch bf16 autocast (only meaningful on a CPU with native
bf16; emulated elsewhere) and ONNX Runtime fp32 (``qa.reader.runtime``), plus
the largest start-logit difference between ONNX Runtime and PyTorch fp32.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from qa.reader import Reader
from qa.reader.models import native_bf16

SHAPES = ((96, 1), (192, 1), (192, 5))


def bench(reader: Reader, tokens: int, batch: int, reps: int) -> tuple[float, np.ndarray]:
    rng = np.random.default_rng(0)
    x = rng.integers(1000, 5000, (batch, tokens)).astype(np.int64)
    x[:, 0] = 0
    feed = {"input_ids": x, "attention_mask": np.ones_like(x)}
    if "token_type_ids" in reader.input_names():
        feed["token_type_ids"] = np.zeros_like(x)
    start, _ = reader.model(feed)
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        reader.model(feed)
        times.append(time.perf_counter() - t)
    return 1000 * float(np.median(times)), start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=8)
    a = ap.parse_args()
    import torch
    print(f"threads {torch.get_num_threads()}, native bf16: {native_bf16(torch)}")
    print("| reader | runtime | " + " | ".join(f"{t} tok x {b}" for t, b in SHAPES) + " | max |start logit diff| vs torch fp32 |")
    print("| --- | --- |" + " --- |" * (len(SHAPES) + 1))
    for name in ("accurate", "fast"):
        ref = None
        for precision, runtime in (("fp32", "torch"), ("bf16", "torch"), ("fp32", "onnx")):
            reader = Reader(name, precision=precision, runtime=runtime)
            cells, diff = [], ""
            for tokens, batch in SHAPES:
                ms, start = bench(reader, tokens, batch, a.reps)
                cells.append(f"{ms:.0f} ms")
                if (tokens, batch) == SHAPES[-1]:
                    if ref is None:
                        ref = start
                    elif runtime == "onnx":
                        diff = f"{float(np.abs(start - ref).max()):.1e}"
            print(f"| {name} | {runtime} {precision} | " + " | ".join(cells) + f" | {diff} |", flush=True)
            del reader


if __name__ == "__main__":
    main()
