"""One suite, two back ends: the embedded FAISS store and a Milvus Lite database file."""

import numpy as np
import pytest

from qa.answering.retriever import MODES, Retriever
from qa.defaults import SAMPLE_CORPUS
from qa.errors import IndexMismatchError, IndexNotFoundError
from qa.indexing.build import build_index, remove_from_index
from qa.ingest.chunking import ChunkingConfig
from qa.ingest.documents import content_hash, load_folder
from qa.stores import Store, StoreLocation, create_store, open_store, parse_location, store_exists
from qa.types import Document

BACKENDS = ("faiss", "milvus-lite")
MOON = "The first Moon landing was in July 1969. Neil Armstrong stepped out first onto the lunar surface."
FORUM_Q = "Where did the 2022 South-South forum take place?"


def location(backend: str, folder) -> str:
    return str(folder / "index") if backend == "faiss" else f"milvus-lite://{folder}/qa.db?collection=test"


class CountingEncode:
    """The real embedder's encode, recording the texts it was asked to embed."""

    def __init__(self, embedder):
        self.embedder, self.calls = embedder, []

    def __call__(self, texts, progress=False):
        self.calls.append(list(texts))
        return self.embedder.encode(texts)


class SharedVectors:
    """The real embedder; texts embedded once are not embedded again (both back ends index the same corpus)."""

    def __init__(self, inner):
        self.inner, self.name, self.dim, self.path, self.cache = inner, inner.name, inner.dim, inner.path, {}

    def encode(self, texts, progress=False):
        missing = [t for t in dict.fromkeys(texts) if t not in self.cache]
        self.cache.update(zip(missing, self.inner.encode(missing)))
        return np.stack([self.cache[t] for t in texts])

    def encode_query(self, text):
        return self.inner.encode_query(text)


@pytest.fixture(scope="module")
def shared_vectors(embedder):
    return SharedVectors(embedder)


@pytest.fixture(params=BACKENDS)
def backend(request):
    if request.param == "milvus-lite":
        pytest.importorskip("pymilvus")
    return request.param


@pytest.fixture(scope="module", params=BACKENDS)
def sample_store(request, tmp_path_factory, shared_vectors):
    """The sample corpus indexed once per back end: (location, store)."""
    if request.param == "milvus-lite":
        pytest.importorskip("pymilvus")
    loc = location(request.param, tmp_path_factory.mktemp(request.param))
    store, stats, _ = build_index(SAMPLE_CORPUS, loc, embedder=shared_vectors)
    assert stats.added == len(load_folder(SAMPLE_CORPUS))
    return loc, store


def test_locations_parse():
    assert parse_location("index") == StoreLocation("faiss", "index")
    assert parse_location("milvus://db.example:19530/docs") == StoreLocation("milvus", "http://db.example:19530", "docs")
    assert parse_location("milvus+https://db.example/docs").uri == "https://db.example:19530"
    assert parse_location("milvus-lite:///data/qa.db?collection=news") == StoreLocation("milvus", "/data/qa.db", "news")
    assert parse_location("milvus-lite://rel/qa.db").collection == "qa"
    with pytest.raises(ValueError, match="scheme must be one of"):
        parse_location("postgres://host/db")
    with pytest.raises(ValueError, match="names a .db file"):
        parse_location("milvus-lite:///data/qa")
    with pytest.raises(ValueError, match="collection name"):
        parse_location("milvus://host:19530/bad-name")


def test_round_trip(sample_store, embedder):
    loc, store = sample_store
    assert isinstance(store, Store)
    loaded = open_store(loc)
    docs = load_folder(SAMPLE_CORPUS)
    assert sorted(loaded.documents) == sorted(d.id for d in docs)
    assert {i: d["sha256"] for i, d in loaded.documents.items()} == {d.id: content_hash(d.text) for d in docs}
    assert len(loaded) == len(store) == len(loaded.chunks) > len(docs)
    m = loaded.manifest()
    assert m["embedder"] == {"name": "all-MiniLM-L6-v2", "dim": 384}
    assert m["chunking"] == {"chunk_size": 700, "overlap": 150}
    assert m["n_chunks"] == len(store) and m["n_documents"] == len(docs)
    for c in loaded.chunks:
        assert loaded.document(c.doc_id).text[c.start:c.end] == c.text
    # a document's date (the year rule needs it) is kept by every back end
    assert {d.id: loaded.document(d.id).date for d in docs} == {d.id: d.date for d in docs}
    assert sum(bool(d.date) for d in docs) >= 2
    assert {i: d.get("date", "") for i, d in loaded.documents.items()} == {d.id: d.date for d in docs}
    q = embedder.encode_query(FORUM_Q)
    a, b = store.dense_search(q, 5), loaded.dense_search(q, 5)
    assert [c for c, _ in a] == [c for c, _ in b]
    assert [round(s, 4) for _, s in a] == [round(s, 4) for _, s in b]
    assert all(x >= y for (_, x), (_, y) in zip(a, a[1:]))  # best first


@pytest.mark.parametrize("mode", MODES)
def test_retrieval_modes_find_the_forum_article(sample_store, embedder, mode):
    _, store = sample_store
    passages = Retriever(store, embedder).retrieve(FORUM_Q, k=3, mode=mode)
    assert len(passages) == 3 and [p.rank for p in passages] == [1, 2, 3]
    forum = [d for d in load_folder(SAMPLE_CORPUS) if "South-South" in d.text and "2022" in d.text]
    assert passages[0].chunk.doc_id in {d.id for d in forum}
    assert all(p.score >= q.score for p, q in zip(passages, passages[1:]))


def test_incremental_add_update_and_remove(backend, tmp_path, embedder):
    loc = location(backend, tmp_path)
    store = create_store(loc, embedder.name, embedder.dim, ChunkingConfig(200, 40))
    enc = CountingEncode(embedder)
    docs = [Document(id=f"d{i}.txt", text=t) for i, t in enumerate(
        ["Paris is the capital of France. It lies on the Seine.",
         "The Danube flows through Vienna, Budapest and Belgrade into the Black Sea."])]
    stats = store.add_documents(docs, enc)
    assert (stats.added, stats.chunks_embedded) == (2, 2)
    store.save(loc)
    enc.calls.clear()
    stats = store.add_documents(docs + [Document(id="moon.txt", text=MOON)], enc)
    assert (stats.added, stats.unchanged) == (1, 2) and enc.calls == [[MOON]]
    store.save(loc)
    reopened = open_store(loc)
    assert len(reopened) == 3 and sorted(reopened.documents) == ["d0.txt", "d1.txt", "moon.txt"]
    top, _ = reopened.dense_search(embedder.encode_query("Apollo Moon landing 1969"), 1)[0]
    assert top.doc_id == "moon.txt"
    # a changed document replaces its own chunks only
    enc.calls.clear()
    stats = reopened.add_documents([Document(id="moon.txt", text="Apollo 11 landed on the Moon in 1969.")], enc)
    assert stats.updated == 1 and enc.calls == [["Apollo 11 landed on the Moon in 1969."]]
    assert [c.text for c in reopened.chunks if c.doc_id == "moon.txt"] == ["Apollo 11 landed on the Moon in 1969."]
    reopened.save(loc)
    # removing a document removes its chunks, on disk too
    store2, n = remove_from_index(loc, ["moon.txt", "never-indexed.txt"])
    assert n == 1
    again = open_store(loc)
    assert sorted(again.documents) == ["d0.txt", "d1.txt"] and len(again) == 2
    assert {c.doc_id for c, _ in again.dense_search(embedder.encode_query("Moon landing"), 5)} == {"d0.txt", "d1.txt"}
    assert again.remove_documents(["moon.txt"]) == 0


def test_mismatch_and_missing_errors_are_the_same(backend, tmp_path, embedder):
    loc = location(backend, tmp_path)
    with pytest.raises(IndexNotFoundError, match="no index"):
        open_store(loc)
    assert not store_exists(loc)
    store = create_store(loc, embedder.name, embedder.dim)
    store.add_documents([Document(id="a.txt", text=MOON)], lambda t, p: embedder.encode(t))
    store.save(loc)
    assert store_exists(loc)
    opened = open_store(loc)
    with pytest.raises(IndexMismatchError, match="embedder 'all-MiniLM-L6-v2', not 'other-model'"):
        opened.check_compatible("other-model", 384)
    with pytest.raises(IndexMismatchError, match="has dimension 384, the embedder gives 768"):
        opened.check_compatible("all-MiniLM-L6-v2", 768)
    with pytest.raises(IndexMismatchError, match="was chunked with"):
        build_index(SAMPLE_CORPUS, loc, embedder=embedder, chunking=ChunkingConfig(300, 50))
    with pytest.raises(IndexMismatchError, match="query vectors have dimension 3"):
        opened.dense_search([0.1, 0.2, 0.3], 1)


def test_cli_index_search_remove_with_a_store_uri(backend, tmp_path, capsys):
    from qa.cli import main
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "moon.txt").write_text(MOON)
    (folder / "danube.txt").write_text("The Danube flows through Vienna, Budapest and Belgrade into the Black Sea.")
    loc = location(backend, tmp_path)
    assert main(["index", str(folder), "--store", loc, "--quiet"]) == 0
    assert "2 documents, 2 chunks (2 added" in capsys.readouterr().out
    assert main(["search", "Which river flows through Budapest?", "--store", loc, "-k", "1", "--json"]) == 0
    assert '"doc_id": "danube.txt"' in capsys.readouterr().out
    assert main(["index", "--store", loc, "--remove", "danube.txt"]) == 0
    assert "removed 1 of 1 documents; 1 documents, 1 chunks left" in capsys.readouterr().out
    assert main(["search", "Which river flows through Budapest?", "--store", loc, "-k", "1", "--json"]) == 0
    assert '"doc_id": "moon.txt"' in capsys.readouterr().out
