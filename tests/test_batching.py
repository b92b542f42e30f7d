"""Serving many questions at once: the inference lane batches network passes; admission degrades and rejects."""

import socket
import threading
import time

import numpy as np
import pytest

from qa.answerer import VersionLock
from qa.serve.batching import (
    BUSY_REPLY,
    DEGRADED_NOTE,
    Admission,
    InferenceLane,
    ReaderPass,
    batch_answerer,
    unbatch_reader,
)


class Doubler:
    """A lane model: doubles numbers, recording each batch; ``fail`` makes the next pass raise."""

    name = "doubler"

    def __init__(self, max_batch=64, delay=0.05):
        self.max_batch, self.delay, self.batches, self.fail = max_batch, delay, [], False

    @staticmethod
    def size(x):
        return 1

    def run(self, xs):
        time.sleep(self.delay)
        self.batches.append(list(xs))
        if self.fail:
            self.fail = False
            raise RuntimeError("network failed")
        return [2 * x for x in xs]


def _together(lane, model, values):
    """Submit ``values`` from one thread each, all as questions in flight; their results in order."""
    out, go = [None] * len(values), threading.Barrier(len(values))

    def one(i):
        with lane.question():
            go.wait()
            try:
                out[i] = lane.submit(model, values[i])
            except Exception as e:  # noqa: BLE001 - the test looks at it
                out[i] = e
    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(values))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return out


def test_lane_batches_requests_that_arrive_together():
    lane, model = InferenceLane(wait_ms=200), Doubler()
    assert _together(lane, model, list(range(8))) == [2 * i for i in range(8)]
    assert len(model.batches) < 8 and sum(len(b) for b in model.batches) == 8
    assert lane.stats[("doubler", "passes")] == len(model.batches)


def test_lane_runs_a_lone_request_at_once():
    lane, model = InferenceLane(wait_ms=5_000), Doubler(delay=0)
    t0 = time.perf_counter()
    assert lane.submit(model, 21) == 42  # no other question in flight: no waiting for company
    assert time.perf_counter() - t0 < 2
    assert model.batches == [[21]]


def test_lane_keeps_batches_within_max_batch():
    lane, model = InferenceLane(wait_ms=200), Doubler(max_batch=3)
    assert _together(lane, model, list(range(7))) == [2 * i for i in range(7)]
    assert all(len(b) <= 3 for b in model.batches)


def test_lane_hands_an_error_to_every_request_of_the_pass_and_goes_on():
    lane, model = InferenceLane(wait_ms=200), Doubler()
    model.fail = True
    out = _together(lane, model, [1, 2, 3])
    failed = [o for o in out if isinstance(o, RuntimeError)]
    assert failed and len(failed) == len(model.batches[0])
    assert lane.submit(model, 5) == 10


class EchoRunner:
    """A reader network stand-in: start logits = the input ids, end logits = the attention mask."""

    def __init__(self):
        self.calls = []

    def __call__(self, inputs):
        self.calls.append(inputs)
        return inputs["input_ids"].astype(np.float32), inputs["attention_mask"].astype(np.float32)


def _windows(n, width, first_id):
    ids = np.arange(first_id, first_id + n * width, dtype=np.int64).reshape(n, width)
    return {"input_ids": ids, "attention_mask": np.ones_like(ids)}


def test_reader_pass_joins_windows_padded_and_hands_each_its_rows():
    runner = EchoRunner()
    work = ReaderPass(runner, pad_id=1, name="echo", max_batch=16)
    a, b, c = _windows(2, 5, 100), _windows(1, 9, 200), _windows(3, 7, 300)
    out = work.run([a, b, c])
    assert len(runner.calls) == 1 and runner.calls[0]["input_ids"].shape == (6, 9)  # one pass, widest width
    assert (runner.calls[0]["input_ids"][:2, 5:] == 1).all() and (runner.calls[0]["attention_mask"][:2, 5:] == 0).all()
    for (start, end), inp in zip(out, (a, b, c)):
        assert start.shape == inp["input_ids"].shape and (start == inp["input_ids"]).all() and (end == 1).all()
    alone = work.run([a])  # a request alone is the unbatched call itself
    assert runner.calls[-1] is a and (alone[0][0] == a["input_ids"]).all()


def test_admission_degrades_then_rejects_past_the_bounds():
    adm = Admission(degrade_at=1, reject_at=2)
    with adm.enter() as first:
        with adm.enter() as second:
            with adm.enter() as third:
                assert (first.mode, second.mode, third.mode) == ("full", "degraded", "rejected")
                assert adm.in_flight == 2  # a rejected question is not counted
            with adm.enter(can_degrade=False) as plain:  # a reader with no fast stage cannot degrade
                assert plain.mode == "rejected"
    assert adm.in_flight == 0
    with adm.enter(can_degrade=False) as again:
        assert again.mode == "full"
    assert adm.counts == {"full": 2, "degraded": 1, "rejected": 2}


def test_admission_bounds_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("QA_DEGRADE_AT", "3")
    monkeypatch.setenv("QA_REJECT_AT", "9")
    adm = Admission()
    assert (adm.degrade_at, adm.reject_at) == (3, 9) and adm.concurrency >= 9
    monkeypatch.setenv("QA_REJECT_AT", "many")
    with pytest.raises(ValueError, match="QA_REJECT_AT must be an integer"):
        Admission()


def test_version_lock_lets_questions_share_and_the_switch_wait():
    lock, inside, order = VersionLock(), threading.Barrier(3), []

    def question():
        with lock.shared():
            inside.wait(10)  # all three hold it together
            time.sleep(0.1)
            order.append("question")

    def switch():
        time.sleep(0.05)
        with lock:
            order.append("switch")
    threads = [threading.Thread(target=question) for _ in range(3)] + [threading.Thread(target=switch)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert order == ["question"] * 3 + ["switch"]
    with lock:  # the switching thread may ask while it holds the lock (and re-enter it)
        with lock.shared(), lock:
            pass


def _in_thread(fn):
    out = {}
    t = threading.Thread(target=lambda: out.setdefault("r", fn()))
    t.start()
    t.join(600)
    return out["r"]


@pytest.mark.slow
def test_batched_answers_equal_unbatched_ones(answerer, questions):
    qs = [q["question"] for q in questions if q.get("answers")][:8]
    unbatch_reader(answerer.reader)  # (a server started by another test may have routed it through its lane)
    plain = _in_thread(lambda: [answerer.ask(q) for q in qs])
    embedder, lane = answerer.embedder, InferenceLane(wait_ms=300)
    try:
        batch_answerer(answerer, lane)
        alone = _in_thread(lambda: answerer.ask(qs[0]))
        out, go = [None] * len(qs), threading.Barrier(len(qs))

        def ask(i):
            with lane.question():
                go.wait()
                out[i] = answerer.ask(qs[i])
        threads = [threading.Thread(target=ask, args=(i,)) for i in range(len(qs))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(600)
    finally:
        unbatch_reader(answerer.reader)
        answerer.embedder = answerer.retriever.embedder = embedder
    # A question alone goes through the lane with its own inputs: the very same answer and score.
    assert (alone.answer.text, alone.answer.score) == (plain[0].answer.text, plain[0].answer.score)
    # Together, windows are padded to the widest of the pass: the same answers, scores equal to rounding.
    for q, a, b in zip(qs, plain, out):
        assert (a.answer.text, a.answer.doc_id) == (b.answer.text, b.answer.doc_id), q
        assert abs(a.answer.score - b.answer.score) < 0.02, q
    for name in ("fast", "accurate"):  # the reader passes were shared between questions
        assert lane.stats[(name, "requests")] > lane.stats[(name, "passes")], dict(lane.stats)


@pytest.mark.slow
def test_server_degrades_and_rejects_past_its_bounds(index_copy, embedder, accurate_reader, monkeypatch):
    from gradio_client import Client

    from qa.serve.web import launch
    from qa.stores.faiss_store import IndexStore
    monkeypatch.setenv("QA_DEGRADE_AT", "0")  # every question arrives "past" the bound: the fast reader answers
    monkeypatch.setenv("QA_REJECT_AT", "1")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    from qa.answerer import Answerer
    ans = Answerer(IndexStore.load(index_copy), embedder, accurate_reader, index_dir=index_copy)
    demo = launch(indexes={"default": index_copy}, port=port, corpus=None, block=False, answerers={"default": ans})
    q = "Where did the 2022 South-South forum take place?"
    try:
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        reply = client.predict(q, 5, "default", api_name="/chat")
        assert reply.startswith(DEGRADED_NOTE) and "China National Convention Center" in reply
        assert "Confidence:" in reply
        reply = client.predict(q, 5, "default", "fast", api_name="/chat")  # asked for the fast reader: no note
        assert DEGRADED_NOTE not in reply and "China National Convention Center" in reply
        demo.admission.reject_at = 0  # full: turned away at once
        t0 = time.perf_counter()
        assert client.predict(q, 5, "default", api_name="/chat") == BUSY_REPLY
        assert time.perf_counter() - t0 < 10
        demo.admission.degrade_at = demo.admission.reject_at = 100  # quiet: the accurate reader answers
        reply = client.predict(q, 5, "default", api_name="/chat")
        assert DEGRADED_NOTE not in reply and "China National Convention Center" in reply
        assert demo.admission.counts == {"degraded": 1, "full": 2, "rejected": 1}
        assert demo.admission.in_flight == 0
    finally:
        demo.close()
        unbatch_reader(accurate_reader)
