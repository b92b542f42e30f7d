"""Load: many gradio_client users asking one `qa serve`, optionally during an upload.

Starts `qa serve --index default=<copy of an index> --reader READER` on
127.0.0.1 (a free port), then runs USERS threads, each with its own
gradio_client, until SECONDS have passed (a request in flight at the end is
waited for, bounded by the client's own timeout). Questions:

* default: the shared questions of tests/data/questions.jsonl in a seeded
  random order (the same questions again and again);
* ``--squad FILE``: distinct SQuAD dev questions over an index of
  ``--paragraphs`` seeded-sampled dev paragraphs (one document each, built
  with the Python API; ``--squad-index DIR`` keeps it for the next run). The
  questions are shuffled and dealt out to the users; each is asked once, so
  no answer cache can serve the load. The report adds token F1 against the
  gold answers ("I don't know" counts 0).

A reply is an error (an exception or a "⚠️" reply), rejected (the server's
"busy, try again in a few seconds" reply: the user waits ``--backoff``
seconds, then asks its next question), degraded (answered by the fast reader
because the server was busy) or a full answer.

Prints: answers (full + degraded), errors, rejected, throughput (answers per
second), p50/p95/max latency of the answers, the share of degraded answers
and rejected requests, the server's peak RSS (VmHWM) and the upload's time.
``--server-path DIR`` runs the server from another checkout (e.g. a
``git worktree`` of the previous version) for a before/after comparison
on the same machine; ``--json FILE`` writes the figures.

Usage: python benchmarks/speed/load.py [--users 50] [--seconds 60] [--reader fast] [--upload-mb 0] [--seed 0]
       python benchmarks/speed/load.py --reader accurate --squad benchmarks/data/dev-v1.1.json --paragraphs 400
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] if xs else float("nan")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def wait_up(url: str, proc, timeout: float = 600) -> None:
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        if proc.poll() is not None:
            raise SystemExit(f"qa serve exited with {proc.returncode}")
        try:
            urllib.request.urlopen(url, timeout=5).read(100)
            return
        except OSError:
            time.sleep(1)
    raise SystemExit("qa serve did not come up")


def big_text(mb: float, seed: int) -> str:
    rng = random.Random(seed)
    words = ("harbour crane river council bridge station museum archive treaty delegation forum "
             "railway orchard vineyard glacier festival parliament observatory").split()
    out, size, i = [], 0, 0
    while size < mb * 1e6:
        line = (f"Report {i}: the {rng.choice(words)} of district {rng.randrange(900)} was inspected on day "
                f"{rng.randrange(1, 29)} and found to hold {rng.randrange(10_000)} {rng.choice(words)}s.")
        out.append(line)
        size += len(line) + 1
        i += 1
    return "\n".join(out)


BUSY_MARK = "server is busy: try again"
DEGRADED_MARK = "Answered by the fast reader"


def classify(reply) -> str:
    """One reply's kind: "error", "rejected", "degraded" or "full"."""
    if not isinstance(reply, str) or reply.startswith("⚠️"):
        return "error"
    if BUSY_MARK in reply:
        return "rejected"
    return "degraded" if DEGRADED_MARK in reply else "full"


def answer_text(reply: str) -> str:
    """The answer of a rendered reply: its first bold line ("" for "I don't know")."""
    if "I don't know" in reply.split("Confidence")[0]:
        return ""
    m = re.search(r"\*\*(.+?)\*\*", reply)
    return html.unescape(m.group(1)) if m else ""


def squad_questions(path: Path, paragraphs: int, seed: int) -> tuple[list, list[dict]]:
    """(documents, question rows) of ``paragraphs`` seeded-sampled SQuAD dev paragraphs."""
    from qa.evaluate import load_squad_questions
    docs, rows = load_squad_questions(path)
    docs = random.Random(seed).sample(docs, min(paragraphs, len(docs)))
    keep = {d.id for d in docs}
    rows = [r for r in rows if r["doc"] in keep]
    seen, unique = set(), []
    for r in rows:  # each question text once
        if r["question"].strip().lower() not in seen:
            seen.add(r["question"].strip().lower())
            unique.append(r)
    random.Random(seed + 1).shuffle(unique)
    return docs, unique


def build_squad_index(docs, out: Path) -> None:
    from qa.indexing.build import add_to_index, open_or_create
    from qa.indexing.embedding import Embedder
    emb = Embedder()
    store = open_or_create(out, emb, None, None, False)
    add_to_index(store, docs, emb, out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--reader", default="fast")
    ap.add_argument("--index", default=None, help="index folder to copy (default: build the sample corpus)")
    ap.add_argument("--upload-mb", type=float, default=0.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--squad", default=None, help="SQuAD v1.1 json: distinct questions over its paragraphs")
    ap.add_argument("--paragraphs", type=int, default=400, help="with --squad: paragraphs to index")
    ap.add_argument("--squad-index", default=None, help="with --squad: keep the built index here (reused)")
    ap.add_argument("--backoff", type=float, default=3.0, help="seconds a user waits after a busy reply")
    ap.add_argument("--server-path", default=None, help="run the server from this checkout")
    ap.add_argument("--label", default="", help="a name for this run in the report")
    ap.add_argument("--json", default=None, help="write the figures to this file")
    a = ap.parse_args()
    from gradio_client import Client, handle_file

    work = Path(tempfile.mkdtemp(prefix="qa-load-"))
    index_dir = work / "index"
    code = Path(a.server_path).resolve() if a.server_path else ROOT
    env = dict(os.environ, HF_HUB_OFFLINE="1", PYTHONPATH=str(code) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("QA_PASSWORD", None)
    rows: list[dict] = []
    if a.squad:
        docs, rows = squad_questions(Path(a.squad), a.paragraphs, a.seed)
        kept = Path(a.squad_index) if a.squad_index else work / "squad-index"
        if not (kept / "CURRENT").exists():
            t0 = time.monotonic()
            build_squad_index(docs, kept)
            print(f"indexed {len(docs)} SQuAD paragraphs in {time.monotonic() - t0:.0f}s -> {kept}", flush=True)
        a.index = str(kept)
        print(f"{len(rows)} distinct questions over {len(docs)} paragraphs", flush=True)
    if a.index:
        shutil.copytree(a.index, index_dir)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen([sys.executable, "-m", "qa.cli", "serve", "--index", f"default={index_dir}",
                               "--reader", a.reader, "--port", str(port)], env=env, cwd=work,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        t_start = time.monotonic()
        wait_up(url, server)
        print(f"server up in {time.monotonic() - t_start:.1f}s on {url} (reader {a.reader}, code {code})", flush=True)
        shared = [json.loads(x)["question"] for x in (ROOT / "tests/data/questions.jsonl").read_text().splitlines()
                  if x.strip()]
        results: list[tuple[float, float, str, float | None]] = []  # (start, latency, kind, f1 or None)
        lock = threading.Lock()
        upload: dict = {}

        def connect() -> Client:
            return Client(url, verbose=False, analytics_enabled=False, httpx_kwargs={"timeout": 600})

        with ThreadPoolExecutor(max_workers=8) as pool:  # every user connected before the clock starts
            clients = list(pool.map(lambda i: connect(), range(a.users)))
        print(f"{a.users} clients connected", flush=True)
        stop_at = time.monotonic() + a.seconds
        ran_out = []

        def user(i: int) -> None:
            from qa.answering.normalize import f1
            rng = random.Random(a.seed * 1000 + i)
            client = clients[i]
            mine = iter(rows[i::a.users]) if rows else None
            while time.monotonic() < stop_at:
                if mine is not None:
                    row = next(mine, None)
                    if row is None:
                        ran_out.append(i)
                        return
                    q = row["question"]
                else:
                    row, q = None, rng.choice(shared)
                t0 = time.monotonic()
                try:
                    reply = client.predict(q, 5, "default", api_name="/chat")
                    kind = classify(reply)
                except Exception as e:  # counted as an error
                    reply, kind = repr(e), "error"
                if kind == "error":
                    print(f"error: {str(reply)[:200]}", flush=True)
                score = f1(answer_text(reply), row["answers"]) if row and kind in ("full", "degraded") else None
                with lock:
                    results.append((t0, time.monotonic() - t0, kind, score))
                if kind == "rejected":
                    time.sleep(a.backoff)

        def do_upload() -> None:
            doc = work / "big-upload.txt"
            doc.write_text(big_text(a.upload_mb, a.seed))
            client = connect()
            upload["start"] = time.monotonic()
            upload["status"] = client.predict([handle_file(str(doc))], "default", api_name="/add_documents")
            upload["end"] = time.monotonic()

        threads = []
        if a.upload_mb > 0:
            threads.append(threading.Thread(target=do_upload, daemon=True))
            threads[0].start()
        with ThreadPoolExecutor(max_workers=a.users) as pool:
            list(pool.map(user, range(a.users)))
        wall = time.monotonic() - (stop_at - a.seconds)  # the users' phase, up to the last answer
        for t in threads:
            t.join(timeout=900)
        answered = [r for r in results if r[2] in ("full", "degraded")]
        lat = [r[1] for r in answered]
        count = {k: sum(1 for r in results if r[2] == k) for k in ("full", "degraded", "rejected", "error")}
        rejected_lat = [r[1] for r in results if r[2] == "rejected"]
        f1s = [r[3] for r in answered if r[3] is not None]
        fig = {"label": a.label, "code": str(code), "reader": a.reader, "users": a.users, "seconds": a.seconds,
               "questions": "squad" if rows else "shared", "requests": len(results), "answers": len(answered),
               "full": count["full"], "degraded": count["degraded"], "rejected": count["rejected"],
               "errors": count["error"], "wall_s": round(wall, 1), "qps": round(len(lat) / wall, 2),
               "p50_s": round(pct(lat, 50), 2), "p95_s": round(pct(lat, 95), 2),
               "max_s": round(max(lat, default=float("nan")), 2),
               "degraded_share": round(count["degraded"] / len(answered), 3) if answered else None,
               "rejected_share": round(count["rejected"] / len(results), 3) if results else None,
               "rejected_p95_s": round(pct(rejected_lat, 95), 2) if rejected_lat else None,
               "f1": round(100 * sum(f1s) / len(f1s), 1) if f1s else None,
               "f1_full": _mean_f1(answered, "full"), "f1_degraded": _mean_f1(answered, "degraded"),
               "users_out_of_questions": len(ran_out), "server_peak_rss_mb": round(peak_rss_mb(server.pid))}
        print(f"{a.label + ': ' if a.label else ''}users {a.users}, {a.seconds:.0f}s: answers {len(lat)} "
              f"(full {count['full']}, degraded {count['degraded']}), errors {count['error']}, rejected "
              f"{count['rejected']}, throughput {fig['qps']:.2f} q/s, latency p50 {fig['p50_s']:.2f}s "
              f"p95 {fig['p95_s']:.2f}s max {fig['max_s']:.2f}s, degraded {100 * (fig['degraded_share'] or 0):.0f}% "
              f"of answers, rejected {100 * (fig['rejected_share'] or 0):.0f}% of requests"
              + (f", F1 {fig['f1']}" if fig["f1"] is not None else "")
              + f", server peak RSS {fig['server_peak_rss_mb']} MB", flush=True)
        if ran_out:
            print(f"{len(ran_out)} users ran out of questions (use more --paragraphs)", flush=True)
        if upload:
            during = [r for r in results if upload["start"] <= r[0] and r[0] + r[1] <= upload.get("end", 1e18)]
            dl = [r[1] for r in during if r[2] in ("full", "degraded")]
            print(f"upload {a.upload_mb:g} MB: {upload.get('end', float('nan')) - upload['start']:.1f}s; "
                  f"status: {upload.get('status')!r}")
            print(f"answered while the upload was being indexed: {len(dl)} "
                  f"(errors {sum(1 for r in during if r[2] == 'error')}), p50 {pct(dl, 50):.2f}s "
                  f"p95 {pct(dl, 95):.2f}s")
        if a.json:
            raw = {"answer_latencies_s": [round(r[1], 3) for r in sorted(answered)],
                   "answer_kinds": [r[2] for r in sorted(answered)]}
            Path(a.json).write_text(json.dumps(dict(fig, **raw)) + "\n")
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)


def _mean_f1(answered, kind: str):
    xs = [r[3] for r in answered if r[2] == kind and r[3] is not None]
    return round(100 * sum(xs) / len(xs), 1) if xs else None


if __name__ == "__main__":
    main()
