"""Haystack half of the Python-docs side by side (runs in benchmarks/.venv-haystack).

Haystack reads the HTML pages itself: its own ``HTMLToDocument`` converter and
``DocumentSplitter`` (120 words, 25 overlapping: about the size of our
700-character chunks), the same embedder (packaged all-MiniLM-L6-v2) and the
same reader weights, hybrid retrieval (``haystack_run.query_pipeline``).
Usage: python haystack_pydoc_run.py JOB.json OUT.json   (written/read by haystack_pydoc.py)
"""

import json
import resource
import sys
import time
from pathlib import Path

from haystack.components.converters import HTMLToDocument
from haystack.components.preprocessors import DocumentSplitter
from haystack_run import (
    Document,
    InMemoryDocumentStore,
    SentenceTransformersDocumentEmbedder,
    ask,
    get_model_path,
    query_pipeline,
)


def main() -> None:
    job = json.load(open(sys.argv[1]))
    model = str(get_model_path())
    root = Path(job["pages"])
    paths = sorted(root.rglob("*.html"))
    t0 = time.perf_counter()
    converted = HTMLToDocument().run(sources=[str(p) for p in paths],
                                     meta=[{"doc_id": p.relative_to(root).as_posix()} for p in paths])["documents"]
    pages = [d for d in converted if d.content and d.content.strip()]
    splitter = DocumentSplitter(split_by="word", split_length=120, split_overlap=25)
    splitter.warm_up() if hasattr(splitter, "warm_up") else None
    chunks = splitter.run(documents=pages)["documents"]
    chunks = [Document(content=c.content, meta={"doc_id": c.meta["doc_id"]}) for c in chunks if c.content.strip()]
    t1 = time.perf_counter()
    embedder = SentenceTransformersDocumentEmbedder(model=model, progress_bar=True, batch_size=64)
    embedder.warm_up()
    store = InMemoryDocumentStore()
    store.write_documents(embedder.run(chunks)["documents"])
    t2 = time.perf_counter()
    p = query_pipeline(store, model, job["reader"])
    preds = [ask(p, q) for q in job["questions"]]
    json.dump({"pages": len(pages), "pages_given": len(paths), "chunks": len(chunks), "convert_split_s": t1 - t0,
               "embed_s": t2 - t1, "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
               "predictions": preds}, open(sys.argv[2], "w"))


if __name__ == "__main__":
    main()
