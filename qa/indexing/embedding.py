"""Sentence embeddings with sentence-transformers, loaded offline from disk.

``Embedder`` wraps a local SentenceTransformer directory (by default the
packaged all-MiniLM-L6-v2; ``QA_EMBEDDER=/path`` or ``Embedder(path)`` picks
another, named after its folder in the index manifest) and returns L2-normalised float32 vectors, so an
inner-product FAISS index gives cosine similarity. Nothing is downloaded:
``HF_HUB_OFFLINE=1`` is set before the library is imported.

Leaves out: query/document instruction prefixes, multi-process encoding.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from qa.defaults import EMBEDDER_NAME, embedder_path  # noqa: E402
from qa.errors import ModelNotFoundError  # noqa: E402


class Embedder:
    def __init__(self, model_path: str | Path | None = None, name: str | None = None,
                 batch_size: int = 64) -> None:
        path = Path(model_path) if model_path else embedder_path()
        if not (path / "config.json").is_file():
            raise ModelNotFoundError(f"no sentence-transformers model at {path} (config.json missing)")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as e:  # pragma: no cover - declared dependency
            raise ImportError("Embedding needs sentence-transformers: pip install sentence-transformers") from e
        self.path = path
        packaged = model_path is None and not os.environ.get("QA_EMBEDDER")
        self.name = name or (EMBEDDER_NAME if packaged else path.name)
        self.batch_size = batch_size
        self.model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        self.dim = int(self.model.get_embedding_dimension()
                       if hasattr(self.model, "get_embedding_dimension")
                       else self.model.get_sentence_embedding_dimension())

    def encode(self, texts: list[str], progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = self.model.encode(list(texts), batch_size=self.batch_size, show_progress_bar=progress,
                                 convert_to_numpy=True, normalize_embeddings=True)
        return np.ascontiguousarray(vecs, dtype=np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode([text])[0]
