import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

DATA = Path(__file__).parent / "data"


def load_questions() -> list[dict]:
    return [json.loads(line) for line in (DATA / "questions.jsonl").read_text().splitlines() if line.strip()]


@pytest.fixture(scope="session")
def questions() -> list[dict]:
    return load_questions()


@pytest.fixture(scope="session")
def embedder():
    from qa.indexing.embedding import Embedder
    return Embedder()


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory, embedder):
    """The sample corpus indexed once for the session: (index_dir, store)."""
    from qa.defaults import SAMPLE_CORPUS
    from qa.indexing.build import build_index
    out = tmp_path_factory.mktemp("index")
    store, _, _ = build_index(SAMPLE_CORPUS, out, embedder=embedder)
    return out, store


@pytest.fixture(scope="session")
def reader():
    """The fast reader (distilled MiniLM), loaded once."""
    from qa.reader import Reader
    return Reader("fast")


@pytest.fixture(scope="session")
def accurate_reader(reader):
    """The product's default: the accurate reader cascaded behind the fast one (shared with ``reader``)."""
    from qa.reader import CascadeReader, Reader
    return CascadeReader(reader, Reader("accurate"))


@pytest.fixture(scope="session")
def answerer(corpus_index, embedder, accurate_reader):
    """The default answerer (accurate reader) over the sample corpus."""
    from qa.answerer import Answerer
    from qa.stores.faiss_store import IndexStore
    out, _ = corpus_index
    return Answerer(IndexStore.load(out), embedder, accurate_reader, index_dir=out)


@pytest.fixture(scope="session")
def fast_answerer(corpus_index, embedder, reader):
    from qa.answerer import Answerer
    from qa.stores.faiss_store import IndexStore
    out, _ = corpus_index
    return Answerer(IndexStore.load(out), embedder, reader, index_dir=out)


@pytest.fixture()
def index_copy(tmp_path, corpus_index):
    """A private copy of the sample-corpus index folder (tests that write to or damage it)."""
    import shutil
    out = tmp_path / "index"
    shutil.copytree(corpus_index[0], out)
    return out


@pytest.fixture()
def child_env():
    """Environment for a ``qa`` subprocess: this checkout first on the path, no model hub."""
    return dict(os.environ, PYTHONPATH=os.getcwd() + os.pathsep + os.environ.get("PYTHONPATH", ""),
                HF_HUB_OFFLINE="1")


class _HashEmbedder:
    """A cheap stand-in for the sentence embedder: tests of the reading pipeline, not of the model, use it."""

    name = "hash-embedder-test"
    dim = 16

    def encode(self, texts, progress=False):
        import numpy as np
        out = np.zeros((len(texts), self.dim), np.float32)
        for i, t in enumerate(texts):
            out[i, sum(map(ord, t)) % self.dim] = 1.0
        return out


@pytest.fixture
def hash_embedder():
    return _HashEmbedder()
