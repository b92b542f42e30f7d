"""Load: many gradio_client users asking the shared questions of one `qa serve`, optionally during an upload.

Starts `qa serve --index default=<copy of an index> --reader READER` on
127.0.0.1 (a free port), then runs USERS threads, each with its own
gradio_client, asking questions from tests/data/questions.jsonl (seeded
order) until SECONDS have passed (a request in flight at the end is waited
for, bounded by the client's own timeout). With --upload-mb N, one more
client uploads a generated N MB text file at the start; the report then
also counts the questions answered while that upload was being indexed.

Prints: requests served, errors (exceptions or "⚠️" replies), throughput,
p50/p95/max latency, the server's peak RSS (VmHWM), and the upload's time.

Usage: python benchmarks/speed/load.py [--users 50] [--seconds 60] [--reader fast] [--upload-mb 0] [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import os
import random
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--reader", default="fast")
    ap.add_argument("--index", default=None, help="index folder to copy (default: build the sample corpus)")
    ap.add_argument("--upload-mb", type=float, default=0.0)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    from gradio_client import Client, handle_file

    work = Path(tempfile.mkdtemp(prefix="qa-load-"))
    index_dir = work / "index"
    env = dict(os.environ, HF_HUB_OFFLINE="1", PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("QA_PASSWORD", None)
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
        print(f"server up in {time.monotonic() - t_start:.1f}s on {url} (reader {a.reader})", flush=True)
        questions = [json.loads(x)["question"] for x in (ROOT / "tests/data/questions.jsonl").read_text().splitlines()
                     if x.strip()]
        results: list[tuple[float, float, bool]] = []  # (start, latency, ok)
        lock = threading.Lock()
        upload: dict = {}

        def connect() -> Client:
            return Client(url, verbose=False, analytics_enabled=False, httpx_kwargs={"timeout": 600})

        with ThreadPoolExecutor(max_workers=8) as pool:  # every user connected before the clock starts
            clients = list(pool.map(lambda i: connect(), range(a.users)))
        print(f"{a.users} clients connected", flush=True)
        stop_at = time.monotonic() + a.seconds

        def user(i: int) -> None:
            rng = random.Random(a.seed * 1000 + i)
            client = clients[i]
            while time.monotonic() < stop_at:
                q = rng.choice(questions)
                t0 = time.monotonic()
                try:
                    reply = client.predict(q, 5, "default", api_name="/chat")
                    ok = isinstance(reply, str) and not reply.startswith("⚠️")
                except Exception as e:  # counted as an error
                    ok, reply = False, repr(e)
                if not ok:
                    print(f"error: {str(reply)[:200]}", flush=True)
                with lock:
                    results.append((t0, time.monotonic() - t0, ok))

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
        lat = [r[1] for r in results if r[2]]
        errors = sum(1 for r in results if not r[2])
        print(f"users {a.users}, {a.seconds:.0f}s: requests served {len(lat)}, errors {errors}, "
              f"throughput {len(lat) / wall:.2f} q/s, latency p50 {pct(lat, 50):.2f}s p95 {pct(lat, 95):.2f}s "
              f"max {max(lat, default=float('nan')):.2f}s, server peak RSS {peak_rss_mb(server.pid):.0f} MB")
        if upload:
            during = [r for r in results if upload["start"] <= r[0] and r[0] + r[1] <= upload.get("end", 1e18)]
            dl = [r[1] for r in during if r[2]]
            print(f"upload {a.upload_mb:g} MB: {upload.get('end', float('nan')) - upload['start']:.1f}s; "
                  f"status: {upload.get('status')!r}")
            print(f"answered while the upload was being indexed: {len(dl)} "
                  f"(errors {sum(1 for r in during if not r[2])}), p50 {pct(dl, 50):.2f}s p95 {pct(dl, 95):.2f}s")
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
