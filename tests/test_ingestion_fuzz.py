"""Ingestion fuzz: a folder of bad files next to good ones. Each bad file is skipped with its name and a
reason, the good ones load and index, and the whole run stays within a time bound (seeded)."""

import os
import random
import time

import pytest

from qa.indexing.build import build_index
from qa.ingest.documents import scan_folder

SEED = 20261123


@pytest.fixture(scope="module")
def fuzz_folder(tmp_path_factory):
    rng = random.Random(SEED)
    root = tmp_path_factory.mktemp("fuzz")
    bad = {}
    for i, suffix in enumerate([".pdf", ".html", ".txt", ".md", ".docx", ".pdf", ".txt"]):
        name = f"random{i}{suffix}"
        (root / name).write_bytes(bytes(rng.randrange(256) for _ in range(rng.randint(64, 4096))))
        bad[name] = None
    (root / "truncated.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n")
    bad["truncated.pdf"] = "cannot read PDF"
    # an encrypted PDF (no password given)
    from pypdf import PdfWriter
    w = PdfWriter()
    w.add_blank_page(200, 200)
    w.encrypt(user_password="secret", owner_password="owner")
    with open(root / "locked.pdf", "wb") as f:
        w.write(f)
    bad["locked.pdf"] = "cannot read PDF"
    # a file that cannot be read: /proc/self/mem refuses reads even to root
    os.symlink("/proc/self/mem", root / "unreadable.txt")
    bad["unreadable.txt"] = "OSError"
    if os.geteuid() != 0:  # for a normal user a chmod-000 file is unreadable too
        (root / "private.txt").write_text("secret")
        os.chmod(root / "private.txt", 0)
        bad["private.txt"] = "PermissionError"
    # a symlink loop in the folder tree, and a link loop between two names
    (root / "sub").mkdir()
    os.symlink(root, root / "sub" / "loop")
    os.symlink(root / "b.txt", root / "a.txt")
    os.symlink(root / "a.txt", root / "b.txt")
    (root / "empty.html").write_text("<html><body><script>x=1</script></body></html>")
    bad["empty.html"] = "no text"

    good = {}
    (root / "latin1.txt").write_bytes("The caf\xe9 opened in 1911 on the harbour front.".encode("latin-1"))
    good["latin1.txt"] = "The café opened in 1911"
    (root / "utf8-invalid.txt").write_bytes(b"Valid start \xff\xfe then the treaty was signed in Lisbon.")
    good["utf8-invalid.txt"] = "signed in Lisbon"
    (root / "utf16.txt").write_bytes("The bridge is 4 kilometres long.".encode("utf-16"))
    good["utf16.txt"] = "4 kilometres long"
    words = [rng.choice(["harbour", "cargo", "tonnes", "crane", "ship", "port", "1911"]) for _ in range(900_000)]
    (root / "big-one-line.txt").write_text(" ".join(words))  # ~5 MB on a single line
    good["big-one-line.txt"] = "harbour"
    depth = 5000
    (root / "nested.html").write_text("<html><body>" + "<div>" * depth + "<p>Deep text about the canal.</p>"
                                      + "</div>" * depth + "</body></html>")
    good["nested.html"] = "Deep text about the canal."  # deeper than libxml2 goes: the fallback parser reads it
    (root / "sub" / "fine.md").write_text("# Notes\n\nThe ferry leaves at noon.\n")
    good["sub/fine.md"] = "The ferry leaves at noon."
    return root, bad, good


def test_bad_files_skipped_with_reasons_good_files_loaded(fuzz_folder):
    root, bad, good = fuzz_folder
    t0 = time.perf_counter()
    result = scan_folder(root)
    elapsed = time.perf_counter() - t0
    assert elapsed < 60, f"ingestion took {elapsed:.0f} s"
    skipped = {s.path: s.reason for s in result.skipped}
    docs = {d.id: d for d in result.documents}
    assert set(skipped) | set(docs) <= set(bad) | set(good)  # nothing from the loop, no duplicates
    for name, reason in bad.items():
        assert name in skipped, f"{name} was not skipped"
        assert skipped[name], name
        if reason:
            assert reason in skipped[name], (name, skipped[name])
    for name, text in good.items():
        if text is None:
            assert name in docs or skipped.get(name), name
            continue
        assert name in docs, (name, skipped.get(name))
        assert text in docs[name].text
    assert len(docs["big-one-line.txt"].text) > 5_000_000


def test_good_files_are_indexed(fuzz_folder, tmp_path, hash_embedder):
    root, _, good = fuzz_folder
    t0 = time.perf_counter()
    store, stats, _ = build_index(root, tmp_path / "ix", embedder=hash_embedder)
    assert time.perf_counter() - t0 < 120
    assert {d for d in good if good[d]} <= set(store.documents)
    assert stats.added == len(store.documents) and len(store.chunks) > 1000


@pytest.mark.slow
def test_ten_thousand_tiny_files_and_a_100k_deep_page(tmp_path):
    """10,000 tiny files load in bounded time; a page of 100,000 nested tags is read or skipped, never a crash."""
    root = tmp_path / "many"
    root.mkdir()
    for i in range(10_000):
        (root / f"note{i:05d}.txt").write_text(f"Note {i}: the pump in room {i % 97} was checked on day {i % 31}.")
    (root / "deep.html").write_text("<html><body>" + "<div>" * 100_000 + "Deep text about the pump."
                                    + "</div>" * 100_000 + "</body></html>")
    t = time.perf_counter()
    load = scan_folder(root)
    secs = time.perf_counter() - t
    assert secs < 240, f"10,000 tiny files took {secs:.0f} s"
    ids = {d.id for d in load.documents}
    assert sum(1 for i in ids if i.startswith("note")) == 10_000
    assert "deep.html" in ids or any(s.path == "deep.html" for s in load.skipped)
