"""Faults (broken index files, a full disk, kill -9 during `qa index`) and hostile questions.

Long versions: benchmarks/reliability/faults.py. Everything runs on local temp folders.
"""

import json
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from qa.answerer import Answerer
from qa.defaults import SAMPLE_CORPUS
from qa.errors import IndexCorruptError, IndexWriteError
from qa.indexing.build import build_index
from qa.stores.faiss_store import DATA_FILES, IndexStore, current_version
from qa.types import Document

pytestmark = pytest.mark.slow

FORUM_Q = "Where did the 2022 South-South forum take place?"


def damage(path: Path, how: str, rng: random.Random) -> None:
    data = path.read_bytes()
    if how == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif how == "flip":
        i = rng.randrange(len(data))
        path.write_bytes(data[:i] + bytes([data[i] ^ 0x5A]) + data[i + 1:])
    else:  # garbage
        path.write_bytes(bytes(rng.randrange(256) for _ in range(max(16, len(data) // 4))))


@pytest.mark.parametrize("file", ["manifest.json", *DATA_FILES])
def test_a_broken_index_file_is_named_with_the_way_to_rebuild(index_copy, file):
    rng = random.Random(12)
    live = index_copy / current_version(index_copy)
    pristine = (live / file).read_bytes()
    for how in (("truncate", "garbage") if file == "manifest.json" else ("truncate", "flip", "garbage")):
        (live / file).write_bytes(pristine)
        damage(live / file, how, rng)
        with pytest.raises(IndexCorruptError) as e:
            IndexStore.load(index_copy)
        assert file in str(e.value) and "--rebuild" in str(e.value), (how, str(e.value))
    (live / file).unlink()
    with pytest.raises(IndexCorruptError, match=f"{file} is missing"):
        IndexStore.load(index_copy)


def test_a_broken_current_pointer_and_the_cli_message(index_copy, child_env):
    (index_copy / "CURRENT").write_bytes(b"\x00\xff garbage")
    with pytest.raises(IndexCorruptError, match="CURRENT"):
        IndexStore.load(index_copy)
    (index_copy / "CURRENT").write_text("v-does-not-exist\n")
    with pytest.raises(IndexCorruptError, match="CURRENT names the version folder 'v-does-not-exist'"):
        IndexStore.load(index_copy)
    r = subprocess.run([sys.executable, "-m", "qa.cli", "search", "anything", "--index", str(index_copy)],
                       capture_output=True, text=True, timeout=300, env=child_env)
    assert r.returncode == 2 and "Traceback" not in r.stderr and "--rebuild" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr


@pytest.fixture()
def small_disk(tmp_path, corpus_index):
    """A tmpfs (root only) with room for the sample index and half of another copy; unmounted afterwards."""
    mnt = tmp_path / "disk"
    mnt.mkdir()
    pages = sum(-(-p.stat().st_size // 4096) for p in Path(corpus_index[0]).rglob("*") if p.is_file())
    size_kb = 4 * int(pages * 1.5 + 2)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(mnt)], capture_output=True)
    if r.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_full_disk_gives_a_clear_error_and_keeps_the_old_version(small_disk, corpus_index, embedder, reader):
    index_dir = small_disk / "index"
    shutil.copytree(corpus_index[0], index_dir)
    before = current_version(index_dir)
    ans = Answerer(IndexStore.load(index_dir), embedder, reader, index_dir=index_dir)
    with pytest.raises(IndexWriteError, match="no space left") as e:  # a new version is a full copy: no room
        ans.add_documents([Document("crane.txt", "The harbour crane lifts 40 tonnes.")])
    assert "previous version is still live" in str(e.value)
    assert current_version(index_dir) == before
    assert not list(index_dir.glob(".tmp-*")) and not list(index_dir.glob(".CURRENT.*"))
    assert "crane.txt" not in IndexStore.load(index_dir).documents
    assert "China National Convention Center" in ans.ask(FORUM_Q).answer.text


def _kill_index_run(out: Path, docs: Path, rng: random.Random, on_write: bool, env: dict) -> str:
    """Start `qa index --rebuild`, kill -9 it (at a random time, or just after its new version folder appears)."""
    proc = subprocess.Popen([sys.executable, "-m", "qa.cli", "index", str(docs), "--out", str(out), "--rebuild",
                             "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 240
    old_tmp = set(out.glob(".tmp-*"))
    if on_write:
        while not set(out.glob(".tmp-*")) - old_tmp and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        time.sleep(rng.uniform(0, 0.05))
    else:
        time.sleep(rng.uniform(1.0, 8.0))
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    return "finished" if proc.returncode == 0 else ("in write" if set(out.glob(".tmp-*")) - old_tmp else "killed")


def test_kill_9_during_qa_index_leaves_a_loadable_index(tmp_path, corpus_index, embedder, reader, child_env):
    out = tmp_path / "index"
    shutil.copytree(corpus_index[0], out)
    docs = tmp_path / "docs"
    shutil.copytree(SAMPLE_CORPUS, docs)
    rng = random.Random(2026)
    for on_write in (True, False):
        _kill_index_run(out, docs, rng, on_write, child_env)
        store = IndexStore.load(out)  # the previous version, or the new one if it was already switched
        assert len(store.documents) == len(corpus_index[1].documents)
        assert "China National Convention Center" in Answerer(store, embedder, reader, out).ask(FORUM_Q).answer.text
    (docs / "extra.txt").write_text("The Lune ferry carries forty cars on each crossing.")
    build_index(docs, out, embedder=embedder, lock_timeout=5)  # the next writer completes (the lock died with -9)
    assert len(IndexStore.load(out).documents) == len(corpus_index[1].documents) + 1


HOSTILE = ["<script>alert(1)</script> where was the forum held?", '"><img src=x onerror=alert(1)> who attended?',
           "Wo fand das Forum 2022 statt?", "2022年南南合作论坛在哪里举行？", "أين عقد المنتدى؟", "🙂 " * 50,
           "where\x00 was\x1b[31m the\u202e forum\r\nheld?", "a" * 999, "?" * 20, "\u200b\u200b?"]


def test_hostile_questions_get_an_answer_or_a_clear_error(fast_answerer):
    from qa.serve.web import render
    for q in ["", "   \n\t", "x" * 10_000, 42, None]:
        with pytest.raises(ValueError, match="question"):
            fast_answerer.ask(q)
    for q in HOSTILE:
        r = fast_answerer.ask(q)
        page = render(r)
        assert "<script>" not in page and "<img" not in page, (q, page)
        assert json.dumps(r.question)  # serialisable for the API
