"""Top-1/top-5 document hit rate of dense, BM25 and hybrid retrieval, per store back end.

Usage: python benchmarks/quality/retrieval_hits.py [questions.jsonl] [corpus_dir] [--backends faiss,milvus-lite]
       python benchmarks/quality/retrieval_hits.py --squad benchmarks/data/dev-v1.1.json --limit 1000
Answerable questions only; follow-ups are resolved against their history first.
``faiss`` is the embedded store (FAISS + bm25s + RRF in Python); ``milvus-lite``
runs dense, BM25 and RRF inside Milvus Lite. ``--squad`` indexes every dev
paragraph as one document and asks a seeded sample of its questions
(open-domain: the right paragraph among all 2,067).
"""

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

from qa.answering.conversation import resolve_followup
from qa.answering.retriever import MODES, Retriever, hit_rates
from qa.defaults import SAMPLE_CORPUS
from qa.indexing.build import build_index
from qa.indexing.embedding import Embedder
from qa.stores import create_store
from qa.types import Document

ROOT = Path(__file__).resolve().parents[2]


def squad_items(path: Path, limit: int, seed: int = 0):
    docs, items = [], []
    for a, art in enumerate(json.loads(path.read_text())["data"]):
        for p, para in enumerate(art["paragraphs"]):
            doc_id = f"{a:03d}-{p:03d}"
            docs.append(Document(id=doc_id, text=para["context"], title=art["title"].replace("_", " ")))
            items += [(qa["question"], doc_id) for qa in para["qas"]]
    random.Random(seed).shuffle(items)
    return docs, items[:limit] if limit else items


def location(backend: str, tmp: str) -> str:
    return f"{tmp}/faiss" if backend == "faiss" else f"milvus-lite://{tmp}/qa.db?collection=hits"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("questions", nargs="?", default=str(ROOT / "tests" / "data" / "questions.jsonl"))
    ap.add_argument("corpus", nargs="?", default=str(SAMPLE_CORPUS))
    ap.add_argument("--backends", default="faiss,milvus-lite")
    ap.add_argument("--squad", default=None, help="SQuAD v1.1 json (open-domain over its paragraphs)")
    ap.add_argument("--limit", type=int, default=1000)
    a = ap.parse_args()
    emb = Embedder()
    if a.squad:
        docs, items = squad_items(Path(a.squad), a.limit)
        print(f"SQuAD {a.squad}: {len(docs)} paragraphs, {len(items)} questions")
    else:
        rows = [json.loads(line) for line in Path(a.questions).read_text().splitlines() if line.strip()]
        items = [(resolve_followup(r["question"], r.get("history")), r["doc"]) for r in rows if r["answers"]]
        docs = None
        print(f"{a.questions}: {len(items)} answerable questions over {a.corpus}")
    vectors: dict[str, object] = {}

    def encode(texts, progress=False):  # embed once, reuse for the second back end
        missing = [t for t in dict.fromkeys(texts) if t not in vectors]
        if missing:
            for t, v in zip(missing, emb.encode(missing, progress=progress)):
                vectors[t] = v
        import numpy as np
        return np.stack([vectors[t] for t in texts]) if texts else emb.encode([])

    print(f"{'backend':12} {'mode':8} {'hit@1':>6} {'hit@5':>6} {'MRR':>6} {'ms/q':>7}")
    for backend in a.backends.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            loc = location(backend, tmp)
            if docs is None:
                class Cached:
                    name, dim, path = emb.name, emb.dim, emb.path

                    def encode(self, texts, progress=False):
                        return encode(texts, progress)

                    def encode_query(self, text):
                        return emb.encode_query(text)
                store, _, _ = build_index(a.corpus, loc, embedder=Cached())
            else:
                store = create_store(loc, emb.name, emb.dim)
                store.add_documents(docs, encode, progress=True)
                store.save(loc)
            ret = Retriever(store, emb)
            for mode in MODES:
                t0 = time.perf_counter()
                r = hit_rates(ret, items, mode)
                ms = 1000 * (time.perf_counter() - t0) / max(1, len(items))
                print(f"{backend:12} {mode:8} {r['hit@1']:6.3f} {r['hit@5']:6.3f} {r['mrr']:6.3f} {ms:7.1f}",
                      flush=True)
            if hasattr(store, "close"):
                store.close()


if __name__ == "__main__":
    main()
