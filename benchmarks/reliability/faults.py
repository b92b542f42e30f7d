"""Faults: kill -9 `qa index` at seeded random points, damage each index file, fill the disk.

* kill: RUNS times, start `qa index DOCS --out INDEX --rebuild` (a real
  index: the sample corpus plus generated documents) and kill -9 it: half
  the runs at a random time in [0, T] (T = one measured full run), half at a
  random 0-50 ms after its new version folder appears (inside the write).
  After each kill the index must load, hold the documents of a complete
  version and answer the forum question; at the end a plain `qa index` must
  complete. Prints where each kill landed and how many runs survived.
* damage: truncate / flip a byte / overwrite with garbage each file of the
  live version (and CURRENT): `qa search` must exit 2 with one line naming
  the file and the rebuild command, no traceback (run through qa.cli.main in
  this process, to skip 20 model start-ups).
* full disk: a 1 MB tmpfs holding the index (root only), an upload that does
  not fit: a clear error, the old version intact.

Usage: python benchmarks/reliability/faults.py [--runs 20] [--seed 0] [--extra-docs 300]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
FORUM_Q = "Where did the 2022 South-South forum take place?"


def env() -> dict:
    return dict(os.environ, HF_HUB_OFFLINE="1", PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))


def qa(*args, timeout=900) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "qa.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, env=env())


def qa_in_process(*args) -> subprocess.CompletedProcess:
    """`qa ARGS` through qa.cli.main in this process (same error handling, no model start-up per call)."""
    import contextlib
    import io
    import traceback

    from qa.cli import main
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(x) for x in args])
        except BaseException:  # what a user would see as a stack trace
            traceback.print_exc(file=err)
            code = 1
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def make_docs(folder: Path, extra: int, seed: int) -> None:
    from qa.defaults import SAMPLE_CORPUS
    shutil.copytree(SAMPLE_CORPUS, folder)
    rng = random.Random(seed)
    words = "river council bridge station museum archive treaty delegation orchard glacier festival".split()
    for i in range(extra):
        text = " ".join(f"In {1900 + rng.randrange(120)} the {rng.choice(words)} of town {i} hosted "
                        f"{rng.randrange(500)} visitors from {rng.choice(words)} district {j}." for j in range(40))
        (folder / f"gen_{i:04d}.txt").write_text(text)


def kill_runs(work: Path, runs: int, seed: int, extra: int) -> None:
    from qa.answerer import Answerer
    from qa.indexing.embedding import Embedder
    from qa.reader import Reader
    from qa.stores.faiss_store import IndexStore, current_version
    docs, out = work / "docs", work / "index"
    make_docs(docs, extra, seed)
    t0 = time.monotonic()
    r = qa("index", docs, "--out", out, "--quiet")
    full = time.monotonic() - t0
    assert r.returncode == 0, r.stderr
    n_docs = len(IndexStore.load(out).documents)
    print(f"kill -9: one full `qa index --rebuild` of {n_docs} documents takes {full:.1f}s")
    embedder, reader = Embedder(), Reader("fast")
    rng = random.Random(seed)
    landed: dict[str, int] = {}
    survived = 0
    for run in range(runs):
        on_write = run % 2 == 1
        before = current_version(out)
        old_tmp = set(out.glob(".tmp-*"))
        proc = subprocess.Popen([sys.executable, "-m", "qa.cli", "index", str(docs), "--out", str(out), "--rebuild",
                                 "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env())
        started = time.monotonic()
        if on_write:
            while not set(out.glob(".tmp-*")) - old_tmp and proc.poll() is None and time.monotonic() - started < 900:
                time.sleep(0.002)
            time.sleep(rng.uniform(0, 0.05))
        else:
            time.sleep(rng.uniform(0, full))
        at = time.monotonic() - started
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        if proc.returncode == 0:
            where = "finished before the kill"
        elif current_version(out) != before:
            where = "after the switch to the new version"
        elif set(out.glob(".tmp-*")) - old_tmp:
            where = "while writing the new version"
        else:
            where = "before writing (loading, reading, embedding)"
        landed[where] = landed.get(where, 0) + 1
        try:
            store = IndexStore.load(out)
            answer = Answerer(store, embedder, reader, out).ask(FORUM_Q).answer.text or ""
            ok = len(store.documents) == n_docs and "China National Convention Center" in answer
        except Exception as e:
            ok, answer = False, repr(e)
        survived += ok
        print(f"  run {run + 1:2d}: killed at {at:5.2f}s {where}: {'loads and answers' if ok else 'BROKEN ' + answer}")
    r = qa("index", docs, "--out", out, "--quiet")
    print(f"kill -9: {survived}/{runs} runs left a loadable index that answers; kills landed: {landed}; "
          f"next `qa index`: exit {r.returncode} ({r.stdout.strip() or r.stderr.strip()})")


def damage_runs(work: Path, seed: int) -> None:
    from qa.defaults import SAMPLE_CORPUS
    from qa.stores.faiss_store import current_version
    base = work / "good"
    assert qa("index", SAMPLE_CORPUS, "--out", base, "--quiet").returncode == 0
    rng = random.Random(seed)
    total = clear = 0
    for file in ("CURRENT", "manifest.json", "faiss.index", "chunks.jsonl", "documents.jsonl"):
        for how in ("truncate", "flip", "garbage", "delete"):
            idx = work / "broken"
            shutil.rmtree(idx, ignore_errors=True)
            shutil.copytree(base, idx)
            path = idx / file if file == "CURRENT" else idx / current_version(idx) / file
            data = path.read_bytes()
            if how == "truncate":
                path.write_bytes(data[: len(data) // 2])
            elif how == "flip":
                i = rng.randrange(len(data))
                path.write_bytes(data[:i] + bytes([data[i] ^ 0x5A]) + data[i + 1:])
            elif how == "garbage":
                path.write_bytes(os.urandom(max(16, len(data) // 4)))
            else:
                path.unlink()
            r = qa_in_process("search", FORUM_Q, "--index", idx)
            line = r.stderr.strip()
            named = (file in line or (file == "CURRENT" and "no index at" in line))
            good = r.returncode == 2 and "Traceback" not in line and len(line.splitlines()) == 1 and named \
                and ("--rebuild" in line or "qa index" in line)
            if r.returncode == 0:  # e.g. a flipped byte inside a JSON number of the manifest: still a valid index
                good = "China National Convention Center" in r.stdout
                line = "loaded and answered (the damage left a valid file)"
            total += 1
            clear += good
            print(f"  {file:16s} {how:8s} -> exit {r.returncode}: {line[:170]}")
    print(f"damage: {clear}/{total} damaged indexes gave one clear line naming the file (or still answered)")


def full_disk(work: Path) -> None:
    from qa.defaults import SAMPLE_CORPUS
    from qa.stores.faiss_store import IndexStore, current_version
    built = work / "disk-src"
    r = qa("index", SAMPLE_CORPUS, "--out", built, "--quiet")
    assert r.returncode == 0, r.stderr
    pages = sum(-(-p.stat().st_size // 4096) for p in built.rglob("*") if p.is_file())
    size_kb = 4 * int(pages * 1.5 + 2)  # room for the index and half of a second copy: the next version cannot fit
    mnt = work / "disk"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(mnt)]).returncode != 0:
        print("full disk: skipped (cannot mount a tmpfs; needs root)")
        return
    try:
        out = mnt / "index"
        shutil.copytree(built, out)
        before = current_version(out)
        docs = work / "small"
        docs.mkdir()
        (docs / "crane.txt").write_text("The harbour crane lifts 40 tonnes.")
        r = qa("index", docs, "--out", out, "--quiet")
        intact = current_version(out) == before and not list(out.glob(".tmp-*"))
        store = IndexStore.load(out)
        print(f"full disk ({size_kb} KB tmpfs holding a {4 * pages} KB index): `qa index` of one more document "
              f"-> exit {r.returncode}: {r.stderr.strip()[:260]}")
        print(f"full disk: old version intact and loadable: {intact and 'crane.txt' not in store.documents}")
    finally:
        subprocess.run(["umount", "-l", str(mnt)])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--extra-docs", type=int, default=300)
    ap.add_argument("--skip", default="", help="comma list of parts to skip: kill,damage,disk")
    a = ap.parse_args()
    skip = set(filter(None, a.skip.split(",")))
    work = Path(tempfile.mkdtemp(prefix="qa-faults-"))
    try:
        if "damage" not in skip:
            damage_runs(work, a.seed)
        if "disk" not in skip:
            full_disk(work)
        if "kill" not in skip:
            kill_runs(work, a.runs, a.seed, a.extra_docs)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
