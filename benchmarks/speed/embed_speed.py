"""Embedder paths side by side: chunks/s and cosine to fp32; `qa index` before/after; hit@5 fp32 vs fast.

Usage:
    python benchmarks/speed/embed_speed.py paths [--n 640] [--rounds 3] [--batch-sizes 32,64] [--corpus DIR]
    python benchmarks/speed/embed_speed.py index --corpus benchmarks/sets/blind/news/corpus [--rounds 2]
        [--pages 80 --seed 0] [--variants before,after,after-serial]
    python benchmarks/speed/embed_speed.py hits [--squad benchmarks/data/dev-v1.1.json] [--limit 2000]

``paths``: the first ``--n`` chunks (default chunking) of the files under ``--corpus`` (default: the
blind news corpus, benchmarks/sets/blind/news/corpus), embedded by every runtime of
``qa.indexing.embedding`` (torch-fp32, torch-bf16, onnx-fp32, onnx-int8) at each batch size, plus
``legacy`` = ``SentenceTransformer.encode`` fp32 with batch 64 (what ``Embedder.encode`` ran before)
and ``bf16-autocast`` (torch-bf16 done by autocast over the fp32 weights instead of bf16 weights).
The paths are interleaved: each round runs every (path, batch) once in a shuffled order, so load from
other jobs on a shared machine hits them alike; the table gives the median and best chunks/s over the
rounds, the median CPU time per chunk (process time: all threads; less sensitive to other jobs than
wall time) and the cosine of each path's vectors to the legacy fp32 vectors (mean and minimum); then the
median latency of one question embedded alone (``--queries`` questions of tests/data/questions.jsonl).

``index``: ``qa index CORPUS --rebuild --quiet`` in a fresh process, timed; ``before`` runs a copy of
this working tree's ``qa/`` with the indexing files (qa/indexing, qa/stores, qa/defaults.py) as they
were before the embedder runtimes (``--before-ref``; default the parent of the commit that added
qa/indexing/pipeline.py: fp32 sentence-transformers, files read before embedding), ``after`` the
working tree (``auto`` runtime, parallel reading), ``after-serial`` the same with ``QA_INDEX_WORKERS=0``, ``after-fp32`` with
``QA_EMBED_RUNTIME=torch-fp32``. Variants alternate round by round. ``--pages N`` indexes a seeded
sample of N files of the corpus (copied to a temporary folder) instead of all of it. Chunks/s is
chunks / the build seconds the CLI prints (reading, chunking, embedding, saving); the process wall
time (with imports and model load) and its CPU time per chunk (all its threads and reaped child
processes: the file readers; steadier than wall time on a shared machine) are given too.

``hits``: open-domain SQuAD (every dev paragraph one document, ``--limit`` seeded questions, as
``benchmarks/quality/retrieval_hits.py --squad``): dense and hybrid hit@1/hit@5 with index and
queries both embedded by torch-fp32, by the ``auto`` path, by onnx-int8, and crossed (index by the
auto path, queries by fp32).

Prints ``lscpu``'s model name and the CPU flags that matter (avx512_bf16, amx, avx512_vnni).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NEWS = ROOT / "benchmarks" / "sets" / "blind" / "news" / "corpus"
RUNTIMES = ("torch-fp32", "torch-bf16", "onnx-fp32", "onnx-int8")
# documents.py only gained a per-file function (read_one) for the workers; others edit it too, so it stays
INDEXING_FILES = ("qa/indexing", "qa/stores", "qa/defaults.py")


def cpu_line() -> str:
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    except OSError:
        return "lscpu not available"
    model = next((ln.split(":", 1)[1].strip() for ln in out.splitlines() if ln.startswith("Model name")), "?")
    cpus = next((ln.split(":", 1)[1].strip() for ln in out.splitlines() if ln.startswith("CPU(s)")), "?")
    flags = next((ln.split(":", 1)[1].split() for ln in out.splitlines() if ln.startswith("Flags")), [])
    keep = [f for f in flags if f in ("avx2", "avx512f", "avx512_vnni", "avx512_bf16", "amx_bf16", "amx_int8",
                                      "amx_tile", "avx_vnni")]
    return f"CPU: {model}, {cpus} CPUs, flags: {' '.join(keep)}; load average {os.getloadavg()[0]:.1f}"


def corpus_chunks(corpus: Path, n: int) -> list[str]:
    from qa.ingest.chunking import ChunkingConfig, chunk_text
    from qa.ingest.documents import scan_folder
    texts: list[str] = []
    for d in scan_folder(corpus).documents:
        texts += [c.text for c in chunk_text(d.text, d.id, ChunkingConfig())]
        if len(texts) >= n:
            break
    return texts[:n]


# ---- paths ----------------------------------------------------------------------------------
def cmd_paths(a) -> None:
    import numpy as np
    import torch

    from qa.indexing.embedding import Embedder
    torch.set_num_threads(a.threads)
    texts = corpus_chunks(Path(a.corpus), a.n)
    print(cpu_line())
    print(f"{len(texts)} chunks from {a.corpus}, {a.threads} threads, {a.rounds} rounds", flush=True)
    sizes = [int(b) for b in a.batch_sizes.split(",")]
    runtimes = [r for r in a.runtimes.split(",") if r]
    embedders = {rt: Embedder(runtime=rt) for rt in runtimes}
    legacy = embedders.get("torch-fp32") or Embedder(runtime="torch-fp32")

    def run_legacy(batch):
        return legacy.model.encode(texts, batch_size=batch, convert_to_numpy=True, normalize_embeddings=True)

    jobs = [("legacy", 64, lambda b=64: run_legacy(b))]
    if "torch-bf16" in runtimes:  # the bf16 path as autocast over fp32 weights (what was measured first)
        embedders["bf16-autocast"] = Embedder(runtime="torch-bf16")
        embedders["bf16-autocast"].bf16_autocast = True
        runtimes.insert(runtimes.index("torch-bf16") + 1, "bf16-autocast")
    for rt in runtimes:
        for b in sizes:
            def job(rt=rt, b=b):
                e = embedders[rt]
                e.batch_size = b
                return e.encode(texts)
            jobs.append((rt, b, job))
    for rt, e in embedders.items():  # warm-up: ONNX export/quantisation, oneDNN kernels
        e.encode(texts[:8])
    ref = run_legacy(64)
    rates: dict[tuple[str, int], list[float]] = {(rt, b): [] for rt, b, _ in jobs}
    cpu: dict[tuple[str, int], list[float]] = {(rt, b): [] for rt, b, _ in jobs}
    cos: dict[tuple[str, int], np.ndarray] = {}
    rng = random.Random(0)
    for r in range(a.rounds):
        order = list(jobs)
        rng.shuffle(order)
        for rt, b, job in order:
            t, c0 = time.perf_counter(), time.process_time()
            v = job()
            dt, dc = time.perf_counter() - t, time.process_time() - c0
            rates[(rt, b)].append(len(texts) / dt)
            cpu[(rt, b)].append(1000 * dc / len(texts))
            cos[(rt, b)] = np.sum(v * ref, axis=1)
            print(f"  round {r + 1}: {rt:11} batch {b:3}: {len(texts) / dt:6.1f} chunks/s, "
                  f"{1000 * dc / len(texts):6.1f} CPU ms/chunk, load {os.getloadavg()[0]:.1f}", flush=True)
    print(f"\n{'path':11} {'batch':>5} {'median/s':>9} {'best/s':>8} {'CPU ms/chunk':>13} {'cos mean':>9} "
          f"{'cos min':>8}")
    for (rt, b), xs in rates.items():
        c = cos[(rt, b)]
        print(f"{rt:11} {b:5} {statistics.median(xs):9.1f} {max(xs):8.1f} {statistics.median(cpu[(rt, b)]):13.1f} "
              f"{c.mean():9.5f} {c.min():8.5f}")
    qs = [json.loads(ln)["question"] for ln in (ROOT / "tests" / "data" / "questions.jsonl").read_text().splitlines()
          if ln.strip()][:a.queries]
    lat: dict[str, list[float]] = {rt: [] for rt in ["legacy"] + runtimes}
    for r in range(2):  # one question at a time, as `qa ask` embeds it; paths interleaved per question
        for q in qs:
            for rt in lat:
                t = time.perf_counter()
                if rt == "legacy":
                    legacy.model.encode([q], normalize_embeddings=True)
                else:
                    embedders[rt].encode_query(q)
                lat[rt].append(1000 * (time.perf_counter() - t))
    print(f"\none query ({len(qs)} questions x 2): " + ", ".join(
        f"{rt} {statistics.median(xs):.1f} ms" for rt, xs in lat.items()))
    print(f"load average after: {os.getloadavg()[0]:.1f}")


# ---- index before/after -------------------------------------------------------------------------
def before_ref() -> str:
    """The commit before the embedder runtimes: the parent of the one that added qa/indexing/pipeline.py
    (HEAD while that file is not committed yet)."""
    added = subprocess.run(["git", "log", "--diff-filter=A", "--format=%H", "--", "qa/indexing/pipeline.py"],
                           cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    return f"{added[-1]}^" if added else "HEAD"


def before_tree(dest: Path, ref: str) -> Path:
    """A copy of this working tree's ``qa/`` with the indexing files as they were at ``ref``."""
    shutil.copytree(ROOT / "qa", dest / "qa", ignore=shutil.ignore_patterns("__pycache__"))
    diff = subprocess.run(["git", "diff", "--name-status", "--no-renames", ref, "--", *INDEXING_FILES], cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout.splitlines()
    new = subprocess.run(["git", "ls-files", "--others", "--exclude-standard", "--", *INDEXING_FILES], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout.split()
    for line in diff:
        status, path = line.split("\t", 1)
        if status == "A":  # not there at ref
            new.append(path)
            continue
        data = subprocess.run(["git", "show", f"{ref}:{path}"], cwd=ROOT, capture_output=True, check=True).stdout
        (dest / path).parent.mkdir(parents=True, exist_ok=True)
        (dest / path).write_bytes(data)
    for path in new:
        (dest / path).unlink(missing_ok=True)
    return dest


def run_index(tree: Path, corpus: Path, out: Path, env: dict) -> dict:
    import resource
    t0 = time.perf_counter()
    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = subprocess.run(["nice", "-n", "5", sys.executable, "-m", "qa.cli", "index", str(corpus), "--out", str(out),
                        "--rebuild", "--quiet"], cwd=tree, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
    if p.returncode != 0:
        raise RuntimeError(f"qa index failed in {tree}: {p.stderr[-2000:]}")
    m = re.search(r"(\d+) documents, (\d+) chunks .* in ([\d.]+)s", p.stdout)
    docs, chunks, secs = int(m.group(1)), int(m.group(2)), float(m.group(3))
    manifest = json.loads((out / (out / "CURRENT").read_text().strip() / "manifest.json").read_text())
    return {"documents": docs, "chunks": chunks, "build_s": secs, "wall_s": round(wall, 1),
            "chunks_per_s": round(chunks / secs, 1), "cpu_s": round(cpu, 1),
            "cpu_ms_per_chunk": round(1000 * cpu / chunks, 1),
            "runtime": manifest.get("embedding", {}).get("runtime", "torch-fp32 (not recorded)")}


def cmd_index(a) -> None:
    print(cpu_line(), flush=True)
    corpus = Path(a.corpus).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if a.pages:
            from qa.ingest.documents import iter_files
            files = iter_files(corpus)
            pick = sorted(random.Random(a.seed).sample(files, min(a.pages, len(files))))
            sub = tmp / "corpus"
            for f in pick:
                dst = sub / f.relative_to(corpus)
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(f, dst)
            corpus = sub
            print(f"{len(pick)} of {len(files)} files of {a.corpus} (seed {a.seed})", flush=True)
        ref = a.before_ref or before_ref()
        subject = subprocess.run(["git", "log", "-1", "--format=%h %s", ref], cwd=ROOT, capture_output=True,
                                 text=True).stdout.strip()[:70]
        print(f"before: the indexing files at {ref} ({subject})", flush=True)
        trees = {"before": before_tree(tmp / "before", ref)}
        base = dict(os.environ, HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
        envs = {"before": base, "after": base, "after-serial": dict(base, QA_INDEX_WORKERS="0"),
                "after-fp32": dict(base, QA_EMBED_RUNTIME="torch-fp32")}
        variants = a.variants.split(",")
        results: dict[str, list[dict]] = {v: [] for v in variants}
        for r in range(a.rounds):
            for v in (variants if r % 2 == 0 else variants[::-1]):
                res = run_index(trees.get(v, ROOT), corpus, tmp / f"out-{v}", envs[v])
                results[v].append(res)
                print(f"  round {r + 1}: {v:12} {json.dumps(res)}", flush=True)
        print(f"\n{'variant':12} {'chunks':>6} {'median chunks/s':>16} {'best':>6} {'median wall s':>14} "
              f"{'CPU ms/chunk':>13}")
        for v, rs in results.items():
            print(f"{v:12} {rs[0]['chunks']:6} {statistics.median(r['chunks_per_s'] for r in rs):16.1f} "
                  f"{max(r['chunks_per_s'] for r in rs):6.1f} {statistics.median(r['wall_s'] for r in rs):14.1f} "
                  f"{statistics.median(r['cpu_ms_per_chunk'] for r in rs):13.1f}")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


# ---- hit@5 ---------------------------------------------------------------------------------------
def cmd_hits(a) -> None:
    import numpy as np
    import torch

    from qa.answering.retriever import Retriever, hit_rates
    from qa.indexing.embedding import Embedder, choose_runtime
    from qa.stores.faiss_store import IndexStore
    torch.set_num_threads(a.threads)
    print(cpu_line(), flush=True)
    sys.path.insert(0, str(ROOT / "benchmarks" / "quality"))
    from retrieval_hits import squad_items  # every dev paragraph one document, as retrieval_hits.py measures
    docs, items = squad_items(Path(a.squad), a.limit)
    auto = choose_runtime("auto", "cpu")
    runtimes = list(dict.fromkeys(["torch-fp32", auto] + [r for r in a.extra.split(",") if r]))
    print(f"SQuAD {a.squad}: {len(docs)} paragraphs, {len(items)} questions; auto = {auto}", flush=True)
    emb = {rt: Embedder(runtime=rt) for rt in runtimes}
    stores = {}
    for rt in runtimes:
        store = IndexStore(emb[rt].name, emb[rt].dim)
        t = time.perf_counter()
        store.add_documents(docs, lambda texts, p, e=emb[rt]: e.encode(texts))
        print(f"  indexed with {rt}: {len(store)} chunks in {time.perf_counter() - t:.0f}s", flush=True)
        stores[rt] = store
    v32, vfast = (np.vstack([s.index.reconstruct_n(0, s.index.ntotal)]) for s in (stores["torch-fp32"], stores[auto]))
    c = np.sum(v32 * vfast, axis=1)
    print(f"  chunk vectors {auto} vs fp32: cosine mean {c.mean():.6f}, min {c.min():.6f}")

    questions = list(dict.fromkeys(q for q, _ in items))
    qvecs = {}
    for rt in runtimes:  # the questions embedded once per path, in batches (as one at a time would, to 1e-5)
        qvecs[rt] = dict(zip(questions, emb[rt].encode(questions)))

    class Named:  # the path's query vectors under the index's name, for the crossed runs (the store checks names)
        def __init__(self, rt, name):
            self.rt, self.name, self.dim = rt, name, emb[rt].dim

        def encode_query(self, text):
            return qvecs[self.rt][text] if text in qvecs[self.rt] else emb[self.rt].encode_query(text)

    pairs = [(rt, rt) for rt in runtimes] + [(auto, "torch-fp32"), ("torch-fp32", auto)]
    print(f"\n{'index':11} {'queries':11} {'mode':7} {'hit@1':>6} {'hit@5':>6} {'MRR':>6}")
    for index_rt, query_rt in dict.fromkeys(pairs):
        if index_rt == query_rt == auto and auto == "torch-fp32":
            continue
        ret = Retriever(stores[index_rt], Named(query_rt, stores[index_rt].embedder_name))
        for mode in ("dense", "hybrid"):
            r = hit_rates(ret, items, mode)
            print(f"{index_rt:11} {query_rt:11} {mode:7} {r['hit@1']:6.3f} {r['hit@5']:6.3f} {r['mrr']:6.3f}",
                  flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("paths")
    p.add_argument("--corpus", default=str(NEWS))
    p.add_argument("--n", type=int, default=640)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--batch-sizes", default="32")
    p.add_argument("--runtimes", default=",".join(RUNTIMES))
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--queries", type=int, default=40, help="questions timed one at a time per path")
    p = sub.add_parser("index")
    p.add_argument("--corpus", default=str(NEWS))
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--pages", type=int, default=0, help="index a seeded sample of this many files")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--variants", default="before,after")
    p.add_argument("--before-ref", default=None, help="git revision of the 'before' indexing files (default: the "
                   "parent of the commit that added qa/indexing/pipeline.py)")
    p = sub.add_parser("hits")
    p.add_argument("--squad", default=str(ROOT / "benchmarks" / "data" / "dev-v1.1.json"))
    p.add_argument("--limit", type=int, default=2000)
    p.add_argument("--extra", default="onnx-int8", help="more runtimes to compare")
    p.add_argument("--threads", type=int, default=os.cpu_count())
    a = ap.parse_args()
    {"paths": cmd_paths, "index": cmd_index, "hits": cmd_hits}[a.cmd](a)


if __name__ == "__main__":
    main()
