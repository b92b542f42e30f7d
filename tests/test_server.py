"""A shared server: write lock across processes, uploads indexed in the background, login on the API."""

import signal
import subprocess
import sys
import threading
import time

import pytest

from qa.answerer import Answerer
from qa.errors import IndexLockedError
from qa.indexing.build import build_index
from qa.serve.jobs import IndexingJobs, JobBusyError
from qa.stores.faiss_store import IndexStore, current_version
from qa.types import Document

pytestmark = pytest.mark.slow

HOLD_LOCK = """
import sys, time
from qa.stores.locking import write_lock
with write_lock(sys.argv[1], timeout=5):
    print("held", flush=True)
    time.sleep(60)
"""


def test_second_writer_is_refused_while_another_process_writes(index_copy, tmp_path, embedder, child_env):
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(index_copy)], stdout=subprocess.PIPE,
                              text=True, env=child_env)
    try:
        assert holder.stdout.readline().strip() == "held"
        docs = tmp_path / "docs"
        docs.mkdir()
        (docs / "new.txt").write_text("The Orvieto funicular climbs 157 metres from the station to the town.")
        t0 = time.perf_counter()
        with pytest.raises(IndexLockedError, match="being written by another process"):
            build_index(docs, index_copy, embedder=embedder, lock_timeout=0.5)
        assert time.perf_counter() - t0 < 5
        live = IndexStore.load(index_copy)  # readers are never blocked
        assert "new.txt" not in live.documents
        r = subprocess.run([sys.executable, "-m", "qa.cli", "index", str(docs), "--out", str(index_copy), "--quiet"],
                           capture_output=True, text=True, timeout=300, env=dict(child_env, QA_LOCK_TIMEOUT="0.5"))
        assert r.returncode == 2 and "being written by another process" in r.stderr and "Traceback" not in r.stderr
    finally:
        holder.send_signal(signal.SIGKILL)  # a killed writer leaves no stale lock behind
        holder.wait(timeout=30)
    build_index(docs, index_copy, embedder=embedder, lock_timeout=5)
    assert "new.txt" in IndexStore.load(index_copy).documents


def test_writer_adds_to_the_version_another_writer_saved(index_copy, embedder, reader):
    """No lost update: the server's answerer adds to the newer version `qa index` saved meanwhile."""
    ans = Answerer(IndexStore.load(index_copy), embedder, reader, index_dir=index_copy)
    other = IndexStore.load(index_copy)  # another process's writer
    other.add_documents([Document("other.txt", "The Tarn bridge was painted green in 1911.")],
                        lambda t, p: embedder.encode(t))
    other.save(index_copy)
    ans.add_documents([Document("mine.txt", "The Lune ferry carries forty cars on each crossing.")])
    on_disk = IndexStore.load(index_copy)
    assert {"other.txt", "mine.txt"} <= set(on_disk.documents)
    assert ans.store.version == on_disk.version == current_version(index_copy)


class GatedEmbedder:
    """The real embedder; calls from an indexing job thread wait until ``gate`` is set."""

    def __init__(self, embedder):
        self.inner, self.name, self.dim = embedder, embedder.name, embedder.dim
        self.gate, self.entered = threading.Event(), threading.Event()

    def encode(self, texts, progress=False):
        if threading.current_thread().name.startswith("index-"):
            self.entered.set()
            assert self.gate.wait(60), "test never opened the gate"
        return self.inner.encode(texts, progress=progress)

    def encode_query(self, text):
        return self.encode([text])[0]


def test_questions_are_answered_while_an_upload_is_indexed(index_copy, tmp_path, embedder, reader):
    gated = GatedEmbedder(embedder)
    ans = Answerer(IndexStore.load(index_copy), gated, reader, index_dir=index_copy)
    doc = tmp_path / "lunar_notes.txt"
    doc.write_text("The Lunar Gateway station will orbit the Moon. Its first module, the Power and Propulsion "
                   "Element, was built by Maxar Technologies in Westminster, Colorado.")
    jobs = IndexingJobs()
    jobs.start("default", lambda report: str(ans.add_files([doc], report)))
    try:
        assert gated.entered.wait(60)
        with pytest.raises(JobBusyError, match="still being indexed"):
            jobs.start("default", lambda report: "second")
        t0 = time.perf_counter()
        r = ans.ask("Where did the 2022 South-South forum take place?")
        assert "China National Convention Center" in r.answer.text
        assert time.perf_counter() - t0 < 30
        r = ans.ask("Who built the Power and Propulsion Element?")
        assert "Maxar" not in (r.answer.text or "")  # still the previous version
        status = jobs.status("default")
        assert status.running and status.message == "embedding passages: 0/1", status
    finally:
        gated.gate.set()
    status = jobs.wait("default", 120)
    assert status.state == "done", status
    r = ans.ask("Who built the Power and Propulsion Element?")
    assert "Maxar Technologies" in r.answer.text and r.answer.doc_id == "lunar_notes.txt"


def test_login_guards_the_api_too(index_copy, embedder, reader, monkeypatch, capfd):
    import socket

    import httpx
    from gradio_client import Client

    from qa.serve.web import launch
    password = "correct horse 7e1f"
    monkeypatch.setenv("QA_PASSWORD", password)
    monkeypatch.setenv("QA_USER", "team")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    ans = Answerer(IndexStore.load(index_copy), embedder, reader, index_dir=index_copy)
    demo = launch(indexes={"default": index_copy}, port=port, corpus=None, block=False, answerers={"default": ans})
    url = f"http://127.0.0.1:{port}/"
    try:
        for bad_auth in (None, ("team", "wrong"), ("qa", password)):
            with pytest.raises(Exception):
                Client(url, auth=bad_auth, verbose=False).predict("Where?", 5, "default", api_name="/chat")
        for path in ("gradio_api/call/chat", "gradio_api/run/chat", "gradio_api/queue/join"):
            r = httpx.post(url + path, json={"data": ["Where did the 2022 South-South forum take place?", 5,
                                                      "default"], "fn_index": 0, "session_hash": "x"}, timeout=30)
            assert r.status_code in (401, 403), (path, r.status_code, r.text[:200])
        r = httpx.get(url + "config", timeout=30)
        assert r.status_code in (401, 403) or '"auth_required": true' in r.text.replace("True", "true") \
            or '"auth_required":true' in r.text
        client = Client(url, auth=("team", password), verbose=False)
        reply = client.predict("Where did the 2022 South-South forum take place?", 5, "default", api_name="/chat")
        assert "China National Convention Center" in reply
    finally:
        demo.close()
    out, err = capfd.readouterr()
    assert password not in out + err  # never logged
