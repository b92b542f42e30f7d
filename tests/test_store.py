import subprocess
import sys

import numpy as np
import pytest

from qa.defaults import SAMPLE_CORPUS
from qa.errors import IndexMismatchError, IndexNotFoundError
from qa.indexing.build import build_index
from qa.ingest.chunking import ChunkingConfig
from qa.ingest.documents import load_folder
from qa.stores.faiss_store import IndexStore
from qa.types import Document

N_SAMPLE = sum(1 for p in SAMPLE_CORPUS.iterdir() if p.is_file())  # documents of the sample corpus


class CountingEmbedder:
    """The real embedder, counting how many texts it was asked to embed."""

    def __init__(self, inner):
        self.inner, self.name, self.dim, self.calls = inner, inner.name, inner.dim, []

    def encode(self, texts, progress=False):
        self.calls.append(list(texts))
        return self.inner.encode(texts)


def test_round_trip(tmp_path, embedder):
    store, stats, _ = build_index(SAMPLE_CORPUS, tmp_path, embedder=embedder)
    assert stats.added == N_SAMPLE and stats.chunks_embedded == len(store) > N_SAMPLE
    loaded = IndexStore.load(tmp_path)
    assert loaded.chunks == store.chunks
    assert loaded.documents == store.documents
    assert loaded.manifest()["corpus_fingerprint"] == store.fingerprint()
    m = loaded.manifest()
    assert m["embedder"] == {"name": "all-MiniLM-L6-v2", "dim": 384}
    assert m["chunking"] == {"chunk_size": 700, "overlap": 150}
    q = embedder.encode(["Where did the 2022 South-South forum take place?"])
    s1, i1 = store.search(q, 5)
    s2, i2 = loaded.search(q, 5)
    assert (i1 == i2).all() and np.allclose(s1, s2)
    for c in loaded.chunks:
        assert loaded.documents[c.doc_id]["text"][c.start:c.end] == c.text


def test_incremental_add_embeds_only_new_documents(tmp_path, embedder):
    counting = CountingEmbedder(embedder)
    docs = load_folder(SAMPLE_CORPUS)
    store, _, _ = build_index(SAMPLE_CORPUS, tmp_path, embedder=counting)
    n_before = len(store)
    counting.calls.clear()
    extra = tmp_path.parent / f"{tmp_path.name}-extra"
    extra.mkdir()
    (extra / "moon.txt").write_text("The first Moon landing was in July 1969. Neil Armstrong stepped out first.")
    store2, stats, _ = build_index(extra, tmp_path, embedder=counting)
    assert stats.added == 1 and stats.unchanged == 0
    assert counting.calls == [["The first Moon landing was in July 1969. Neil Armstrong stepped out first."]]
    loaded = IndexStore.load(tmp_path)
    assert len(loaded) == n_before + 1 and len(loaded.documents) == len(docs) + 1
    # re-indexing the same folder embeds nothing
    counting.calls.clear()
    _, stats, _ = build_index(SAMPLE_CORPUS, tmp_path, embedder=counting)
    assert stats.unchanged == N_SAMPLE and counting.calls == []
    # a changed document replaces its own chunks only
    (extra / "moon.txt").write_text("Apollo 11 landed on the Moon in 1969.")
    _, stats, _ = build_index(extra, tmp_path, embedder=counting)
    assert stats.updated == 1 and counting.calls == [["Apollo 11 landed on the Moon in 1969."]]
    loaded = IndexStore.load(tmp_path)
    assert [c.text for c in loaded.chunks if c.doc_id == "moon.txt"] == ["Apollo 11 landed on the Moon in 1969."]
    q = embedder.encode(["Apollo 11 Moon landing"])
    _, ids = loaded.search(q, 1)
    assert loaded.chunks[ids[0][0]].doc_id == "moon.txt"


def test_mismatched_settings_raise(tmp_path, embedder):
    build_index(SAMPLE_CORPUS, tmp_path, embedder=embedder)
    store = IndexStore.load(tmp_path)
    with pytest.raises(IndexMismatchError, match="embedder 'all-MiniLM-L6-v2', not 'other-model'"):
        store.check_compatible("other-model", 384)
    with pytest.raises(IndexMismatchError, match="dimension 384"):
        store.check_compatible("all-MiniLM-L6-v2", 768)
    with pytest.raises(IndexMismatchError, match="chunk_size"):
        build_index(SAMPLE_CORPUS, tmp_path, embedder=embedder, chunking=ChunkingConfig(400, 50))
    # --rebuild accepts new settings
    store, _, _ = build_index(SAMPLE_CORPUS, tmp_path, embedder=embedder, chunking=ChunkingConfig(400, 50), rebuild=True)
    assert IndexStore.load(tmp_path).chunking == ChunkingConfig(400, 50)


def test_missing_index(tmp_path):
    with pytest.raises(IndexNotFoundError, match="qa index"):
        IndexStore.load(tmp_path / "nothing")


def test_crash_during_save_leaves_previous_index(tmp_path, embedder, monkeypatch):
    build_index(SAMPLE_CORPUS, tmp_path, embedder=embedder)
    before = IndexStore.load(tmp_path)
    import faiss
    real = faiss.write_index

    def crash(index, path):
        real(index, path)
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(faiss, "write_index", crash)
    store = IndexStore.load(tmp_path)
    store.add_documents([Document("new.txt", "A brand new document about volcanoes in Iceland.")],
                        lambda t, p: embedder.encode(t))
    with pytest.raises(OSError, match="simulated"):
        store.save(tmp_path)
    monkeypatch.setattr(faiss, "write_index", real)
    after = IndexStore.load(tmp_path)
    assert after.chunks == before.chunks and "new.txt" not in after.documents
    assert not list(tmp_path.glob(".tmp-*")), "temporary version folder left behind"


@pytest.mark.parametrize("kind", ["flat", "hnsw", "ivf"])
def test_index_types(tmp_path, embedder, kind):
    docs = [Document(f"d{i}.txt", f"Document {i} is about the number {i} and city number {i % 7}.") for i in range(1200)]
    store = IndexStore(embedder.name, embedder.dim, index_type=kind)
    store.add_documents(docs, lambda t, p: embedder.encode(t))
    store.save(tmp_path)
    loaded = IndexStore.load(tmp_path)
    assert loaded.manifest()["faiss_type"] == kind
    q = embedder.encode(["Document 777 is about the number 777 and city number 0."])
    _, ids = loaded.search(q, 3)
    assert loaded.chunks[ids[0][0]].doc_id == "d777.txt"


def test_bad_index_type():
    with pytest.raises(ValueError, match="index_type must be one of"):
        IndexStore("m", 4, index_type="annoy")


def test_cli_index_and_search(tmp_path):
    out = tmp_path / "idx"
    r = subprocess.run([sys.executable, "-m", "qa.cli", "index", str(SAMPLE_CORPUS), "--out", str(out), "--quiet"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert f"{N_SAMPLE} documents" in r.stdout
    r = subprocess.run([sys.executable, "-m", "qa.cli", "search", "Where did the 2022 South-South forum take place?",
                        "--index", str(out), "-k", "3"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    first = r.stdout.splitlines()[0]
    assert first.startswith("1. [002_557cd2be1ce03ba0.txt]")
    assert "China National Convention Center" in r.stdout.splitlines()[1]
    r = subprocess.run([sys.executable, "-m", "qa.cli", "index", str(SAMPLE_CORPUS), "--out", str(out),
                        "--chunk-size", "400", "--quiet"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 2 and "--rebuild" in r.stderr
    r = subprocess.run([sys.executable, "-m", "qa.cli", "search", "anything", "--index", str(tmp_path / "none")],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 2 and "no index at" in r.stderr
