"""The embedder's runtimes (qa.indexing.embedding) and the parallel reading of qa.indexing.pipeline.

The fast path must give the vectors of fp32 (cosine >= 0.999), rows in the order given whatever the
length sorting does, the index manifest must say how its vectors were made, and an embedder of
another vector family must be refused with an error naming both paths. Files read in worker
processes must give the same documents, chunks and skip reasons as reading them here.
"""

import json

import numpy as np
import pytest

from qa.errors import IndexMismatchError
from qa.indexing import embedding as emb_mod
from qa.indexing.build import build_index
from qa.indexing.embedding import Embedder, choose_runtime
from qa.indexing.pipeline import worker_count
from qa.stores.faiss_store import IndexStore, current_version

TEXTS = [
    "Where did the 2022 South-South forum take place?",
    "The International Forum on South-South Cooperation and Trade in Services was held in Beijing "
    "on September 2, 2022, co-organized by the China Association of Trade in Services and the UN Office "
    "for South-South Cooperation. Ambassadors, officials and business leaders from 30 countries attended.",
    "Neil Armstrong",
    "A long passage. " * 60,  # past max_seq_length: truncated
    "How many ambassadors attended?",
    "",
]


@pytest.fixture(scope="module")
def fp32():
    return Embedder(runtime="torch-fp32")


@pytest.fixture(scope="module")
def reference(fp32):
    """sentence-transformers' own encode in fp32: what every index was built with before."""
    return fp32.model.encode(TEXTS, batch_size=64, convert_to_numpy=True, normalize_embeddings=True)


def test_fp32_path_is_sentence_transformers(fp32, reference):
    got = fp32.encode(TEXTS)
    assert got.dtype == np.float32 and got.shape == (len(TEXTS), 384)
    assert np.allclose(np.linalg.norm(got, axis=1), 1, atol=1e-5)
    assert np.min(np.sum(got * reference, axis=1)) > 0.99999


def test_auto_path_matches_fp32(embedder, reference):
    """The embedder every test uses is the auto one; its vectors are fp32's."""
    assert embedder.runtime == choose_runtime("auto", embedder.device)
    cos = np.sum(embedder.encode(TEXTS) * reference, axis=1)
    assert cos.min() >= 0.999, (embedder.runtime, cos)


@pytest.mark.parametrize("runtime", ["torch-bf16", "onnx-fp32"])
def test_fp32_family_paths_match_fp32(runtime, reference):
    e = Embedder(runtime=runtime, device="cpu")
    assert e.family == "fp32" and e.name == "all-MiniLM-L6-v2"
    cos = np.sum(e.encode(TEXTS) * reference, axis=1)
    assert cos.min() >= 0.999, (runtime, cos)


def test_queries_of_the_auto_path_are_fp32(embedder, fp32, monkeypatch):
    """On the CPU, auto embeds single questions in ONNX Runtime fp32 (fast on a busy machine)."""
    if embedder.device == "cpu":
        assert embedder.query_runtime == "onnx-fp32"
    q = "Who co-organized the South-South forum?"
    assert float(embedder.encode_query(q) @ fp32.encode_query(q)) > 0.99999
    both = embedder.encode_queries([q, TEXTS[0]])
    assert np.min(np.sum(both * fp32.encode([q, TEXTS[0]]), axis=1)) > 0.99999
    monkeypatch.setenv("QA_EMBED_RUNTIME", "torch-fp32")  # a forced path embeds questions too
    assert Embedder(device="cpu").query_runtime == "torch-fp32"


def test_a_path_far_from_fp32_is_replaced_or_refused(monkeypatch):
    """The probe check: auto falls back to fp32, a forced path is refused naming itself."""
    monkeypatch.setattr(emb_mod, "MIN_COSINE", 1.01)  # nothing but fp32 itself passes now
    forced = Embedder(runtime="torch-bf16", device="cpu")
    with pytest.raises(ValueError, match=r"embedder path 'torch-bf16' .* cosine [01]\.\d+ to fp32 .* QA_EMBED_RUNTIME=torch-fp32"):
        forced.encode(["a text"])
    monkeypatch.setattr(emb_mod, "choose_runtime", lambda *a: "torch-bf16")
    auto = Embedder(device="cpu")
    assert auto.runtime == "torch-bf16" and auto.auto
    auto.encode(["a text"])
    assert auto.runtime == "torch-fp32" and auto.cosine_to_fp32 == 1.0 and auto.family == "fp32"


def test_order_is_kept_with_length_sorting(fp32):
    """Batches are sorted by token count; each row still belongs to its own text."""
    texts = [t for t in TEXTS for _ in range(3)][::-1] + ["short", "a somewhat longer text than that one"]
    size, fp32.batch_size = fp32.batch_size, 4
    try:
        together = fp32.encode(texts)
    finally:
        fp32.batch_size = size
    alone = np.vstack([fp32.encode([t]) for t in texts])
    assert np.min(np.sum(together * alone, axis=1)) > 0.99999
    assert fp32.encode([]).shape == (0, 384)


def test_query_of_the_fast_path_finds_what_fp32_finds(embedder, fp32):
    docs = fp32.encode(TEXTS[1:4])
    q = embedder.encode_query("Where was the South-South forum held?")
    assert int(np.argmax(docs @ q)) == 0


def test_runtime_choice(monkeypatch):
    monkeypatch.delenv("QA_EMBED_RUNTIME", raising=False)
    monkeypatch.setattr(emb_mod, "native_bf16_cpu", lambda: True)
    assert choose_runtime("auto", "cpu") == "torch-bf16"
    monkeypatch.setattr(emb_mod, "native_bf16_cpu", lambda: False)
    assert choose_runtime("auto", "cpu") == "torch-fp32"  # ONNX Runtime fp32 was no faster in batches
    assert choose_runtime("auto", "cuda") == "torch-bf16"
    monkeypatch.setenv("QA_EMBED_RUNTIME", "torch-fp32")
    assert choose_runtime(None, "cpu") == "torch-fp32"
    monkeypatch.setenv("QA_EMBED_RUNTIME", "fast")
    with pytest.raises(ValueError, match="auto, torch-fp32, torch-bf16, onnx-fp32, onnx-int8"):
        choose_runtime(None, "cpu")
    with pytest.raises(ValueError, match="runs on the CPU"):
        choose_runtime("onnx-fp32", "cuda")


def _manifest(index_dir):
    return json.loads((index_dir / current_version(index_dir) / "manifest.json").read_text())


def test_manifest_records_the_path(tmp_path, embedder, fp32):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "forum.txt").write_text(TEXTS[1])
    build_index(docs, tmp_path / "ix", embedder=embedder)
    m = _manifest(tmp_path / "ix")
    assert m["embedder"] == {"name": "all-MiniLM-L6-v2", "dim": 384}
    assert m["embedding"]["runtime"] == embedder.runtime
    assert m["embedding"]["precision"] == embedder.precision
    assert m["embedding"]["family"] == "fp32" and m["embedding"]["runtimes"] == [embedder.runtime]
    assert m["embedding"]["cosine_to_fp32"] >= 0.999
    # another path of the same family may add to it; the manifest lists both
    (docs / "moon.txt").write_text("The first Moon landing was in July 1969.")
    build_index(docs, tmp_path / "ix", embedder=fp32)
    m = _manifest(tmp_path / "ix")
    assert m["embedding"]["runtime"] == "torch-fp32"
    assert m["embedding"]["runtimes"] == list(dict.fromkeys([embedder.runtime, "torch-fp32"]))
    assert IndexStore.load(tmp_path / "ix").embedder_info["runtime"] == "torch-fp32"


def test_an_index_without_the_record_was_made_by_fp32(tmp_path, embedder):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "forum.txt").write_text(TEXTS[1])
    build_index(docs, tmp_path / "ix", embedder=embedder)
    path = tmp_path / "ix" / current_version(tmp_path / "ix") / "manifest.json"
    m = json.loads(path.read_text())
    del m["embedding"]
    path.write_text(json.dumps(m))
    assert IndexStore.load(tmp_path / "ix").embedder_info["runtime"] == "torch-fp32"


def test_int8_vectors_are_another_family_and_refused(tmp_path, embedder, reference):
    int8 = Embedder(runtime="onnx-int8", device="cpu")
    assert int8.family == "int8" and int8.name == "all-MiniLM-L6-v2+int8"
    cos = np.sum(int8.encode(TEXTS) * reference, axis=1)
    assert 0.95 < cos.min() < 0.9999  # close, but not interchangeable: measured 0.989-0.998
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "forum.txt").write_text(TEXTS[1])
    build_index(docs, tmp_path / "ix", embedder=int8)
    store = IndexStore.load(tmp_path / "ix")
    assert _manifest(tmp_path / "ix")["embedding"]["runtime"] == "onnx-int8"
    # a query embedder of the fp32 family (what a retriever checks) is refused, naming both paths
    with pytest.raises(IndexMismatchError, match=r"int8 vectors \(made with the onnx-int8 embedder path\).*"
                                                 r"QA_EMBED_RUNTIME to one of onnx-int8"):
        store.check_compatible(embedder.name, embedder.dim, where=str(tmp_path / "ix"))
    with pytest.raises(IndexMismatchError, match="fp32 vectors"):
        build_index(docs, tmp_path / "ix", embedder=embedder)
    # and the other way round
    build_index(docs, tmp_path / "fp", embedder=embedder)
    with pytest.raises(IndexMismatchError, match=r"holds fp32 vectors .* one of torch-fp32, torch-bf16, onnx-fp32"):
        IndexStore.load(tmp_path / "fp").check_compatible(int8.name, int8.dim)
    # the same family is accepted
    store.check_compatible(int8.name, int8.dim)


# ---- parallel reading -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory):
    from docx import Document as Docx

    from qa.defaults import SAMPLE_CORPUS
    root = tmp_path_factory.mktemp("mixed")
    for p in sorted(SAMPLE_CORPUS.iterdir()):
        if p.is_file():
            (root / p.name).write_bytes(p.read_bytes())
    sub = root / "sub"
    sub.mkdir()
    for i in range(12):
        (sub / f"note{i:02d}.md").write_text(f"# Note {i}\n\nThe ferry number {i} carries {10 + i} cars. " * (i + 1))
    d = Docx()
    d.add_heading("Ferry timetable", 1)
    d.add_paragraph("The first ferry leaves at seven in the morning.")
    d.save(sub / "timetable.docx")
    (root / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (root / "empty.md").write_text("   \n")
    return root


def test_parallel_reading_gives_the_serial_chunks(tmp_path, mixed_folder, hash_embedder):
    serial, s_stats, _ = build_index(mixed_folder, tmp_path / "serial", embedder=hash_embedder, workers=0)
    par, p_stats, _ = build_index(mixed_folder, tmp_path / "par", embedder=hash_embedder, workers=2)
    assert par.chunks == serial.chunks and len(serial) > 20
    assert par.documents == serial.documents
    assert list(par.documents) == list(serial.documents)  # file order, whatever order the workers finish in
    assert np.array_equal(par.index.reconstruct_n(0, len(par)), serial.index.reconstruct_n(0, len(serial)))
    assert p_stats == s_stats
    assert "sub/timetable.docx" in par.documents and "broken.pdf" not in par.documents


def test_parallel_reading_reports_bad_files(tmp_path, mixed_folder, caplog, hash_embedder):
    import logging
    with caplog.at_level(logging.WARNING):
        build_index(mixed_folder, tmp_path / "ix", embedder=hash_embedder, workers=2, progress=True)
    skipped = {r.args[0] for r in caplog.records if r.msg == "skipped %s: %s"}
    assert skipped == {"broken.pdf", "binary.txt", "empty.md"}


def test_parallel_update_embeds_only_changed(tmp_path, mixed_folder, hash_embedder):
    import shutil
    folder = tmp_path / "docs"
    shutil.copytree(mixed_folder, folder)
    build_index(folder, tmp_path / "ix", embedder=hash_embedder, workers=2)
    (folder / "sub" / "note03.md").write_text("# Note 3\n\nThe ferry was retired in 2020.")
    store, stats, _ = build_index(folder, tmp_path / "ix", embedder=hash_embedder, workers=2)
    assert (stats.added, stats.updated) == (0, 1) and stats.chunks_embedded == 1
    assert [c.text for c in store.chunks if c.doc_id == "sub/note03.md"] == ["Note 3\n\nThe ferry was retired in 2020."]


def test_real_embedder_in_the_pipeline_matches_direct_encoding(tmp_path, mixed_folder, embedder):
    store, _, _ = build_index(mixed_folder, tmp_path / "ix", embedder=embedder, workers=2)
    direct = embedder.encode([c.text for c in store.chunks])
    assert np.min(np.sum(store.index.reconstruct_n(0, len(store)) * direct, axis=1)) > 0.9999


def test_worker_count(monkeypatch):
    monkeypatch.delenv("QA_INDEX_WORKERS", raising=False)
    assert worker_count(None, 3) == 0  # a few files: read here
    assert worker_count(None, 500) >= 1
    assert worker_count(2, 1) == 1
    monkeypatch.setenv("QA_INDEX_WORKERS", "0")
    assert worker_count(None, 500) == 0
    monkeypatch.setenv("QA_INDEX_WORKERS", "many")
    with pytest.raises(ValueError, match="QA_INDEX_WORKERS"):
        worker_count(None, 500)


def die_on_crash_files(path, doc_id, old_sha, chunking, max_bytes):
    """``read_and_chunk``, except that the worker process dies on a file named crash*."""
    import os

    from qa.indexing.pipeline import read_and_chunk
    if os.path.basename(path).startswith("crash"):
        os._exit(3)
    return read_and_chunk(path, doc_id, old_sha, chunking, max_bytes)


def test_a_dying_worker_skips_only_its_file(tmp_path):
    from qa.indexing.pipeline import _parallel
    from qa.ingest.chunking import ChunkingConfig
    from qa.ingest.documents import SkippedFile
    names = [f"f{i:02d}.txt" for i in range(10)]
    names[3], names[7] = "crash1.txt", "crash2.txt"
    jobs = []
    for i, name in enumerate(names):
        (tmp_path / name).write_text(f"Document number {i} is about ferries.")
        jobs.append((i, (str(tmp_path / name), name, None, ChunkingConfig(), 10**6)))
    got = {i: (doc, texts) for i, doc, texts in _parallel(jobs, 2, read=die_on_crash_files)}
    assert sorted(got) == list(range(10))
    for i, name in enumerate(names):
        doc, texts = got[i]
        if name.startswith("crash"):
            assert isinstance(doc, SkippedFile) and "died" in doc.reason and texts is None
        else:
            assert doc.id == name and texts == [f"Document number {i} is about ferries."]
