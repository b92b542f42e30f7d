"""`qa index FOLDER --ray` on a local Ray (2 CPUs): same index as the single process, bad files reported."""

import shutil

import numpy as np
import pytest

from qa.cli import main
from qa.defaults import SAMPLE_CORPUS
from qa.indexing.build import build_index
from qa.stores import open_store

ray = pytest.importorskip("ray")


@pytest.fixture
def local_ray():
    """One local Ray with 2 CPUs for both runs of the test (what `--ray` starts without an address)."""
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


@pytest.mark.slow
def test_ray_index_matches_single_process_and_reports_bad_files(tmp_path, embedder, capsys, local_ray):
    folder = tmp_path / "docs"
    folder.mkdir()
    for p in sorted(SAMPLE_CORPUS.glob("*.txt"))[:3]:
        shutil.copy(p, folder / p.name)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a PDF")
    out = tmp_path / "ray-index"
    assert main(["index", str(folder), "--out", str(out), "--ray", "--quiet"]) == 0
    printed = capsys.readouterr()
    assert "failed: " in printed.err and "broken.pdf" in printed.err
    assert "3 added" in printed.out

    ray_store = open_store(str(out))
    good = tmp_path / "good"
    shutil.copytree(folder, good, ignore=shutil.ignore_patterns("*.pdf"))
    single, _, _ = build_index(good, tmp_path / "single-index", embedder=embedder)
    assert sorted(ray_store.documents) == sorted(single.documents)
    by_doc = lambda s: sorted((c.doc_id, c.start, c.end) for c in s.chunks)  # noqa: E731
    assert by_doc(ray_store) == by_doc(single)
    # the vectors embedded on Ray workers are the single process's vectors
    q = embedder.encode_query("Where did the 2022 South-South forum take place?")
    a, b = ray_store.dense_search(q, 5), single.dense_search(q, 5)
    assert [c for c, _ in a] == [c for c, _ in b]
    assert np.allclose([s for _, s in a], [s for _, s in b], atol=1e-4)
    # indexing the folder again embeds nothing
    assert main(["index", str(folder), "--out", str(out), "--ray", "--quiet"]) == 0
    assert "3 unchanged, 0 chunks embedded" in capsys.readouterr().out
