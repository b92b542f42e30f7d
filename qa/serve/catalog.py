"""The indexes a server offers, by name: ``NAME=DIR`` specs and one loaded answerer per name.

The operator names the index folders (``qa serve --index docs=/srv/docs-index``);
clients only ever send a name, checked against that fixed set, so no path
from a client reaches the file system and no server path goes back to one
(``public_message`` replaces the folders in error texts by their names).
All answerers share one embedder and one reader. Given an inference lane
(``qa.serve.batching``), the pool routes every answerer's query embeddings and
reader passes through it, and those of the readers a client may pick.

Leaves out: adding or removing indexes while the server runs, per-user indexes.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

from qa.defaults import INDEX_DIR

DEFAULT_NAME = "default"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


@dataclass(frozen=True)
class IndexEntry:
    name: str
    path: Path | str  # a folder, or a store URI kept as text (``qa.stores``: milvus://..., milvus-lite://...)


def parse_index_spec(spec: str) -> IndexEntry:
    """``"NAME=DIR"`` (or a bare ``DIR``, named ``default``) as an ``IndexEntry``."""
    name, sep, folder = str(spec).partition("=")
    if not sep:
        name, folder = DEFAULT_NAME, str(spec)
    name, folder = name.strip(), folder.strip()
    if not _NAME.match(name):
        raise ValueError(f"index name {name!r} is not allowed: use 1-64 letters, digits, '_', '-', '.' "
                         f"(e.g. --index docs=/srv/index)")
    if not folder:
        raise ValueError(f"index {name!r} has no folder: write --index {name}=DIR")
    from qa.stores import is_store_uri
    return IndexEntry(name, folder if is_store_uri(folder) else Path(folder))


def index_catalog(specs: Iterable[str] | Mapping[str, str | Path] | None) -> tuple[IndexEntry, ...]:
    """Entries for ``--index`` specs or a {name: folder} mapping; ``default=index/`` when empty."""
    if isinstance(specs, Mapping):
        entries = [parse_index_spec(f"{n}={p}") for n, p in specs.items()]
    else:
        entries = [parse_index_spec(s) for s in (specs or [])]
    if not entries:
        entries = [IndexEntry(DEFAULT_NAME, Path(INDEX_DIR))]
    seen: dict[str, Path] = {}
    for e in entries:
        if e.name in seen:
            raise ValueError(f"index name {e.name!r} is given twice; names must be unique")
        seen[e.name] = e.path
    return tuple(entries)


class AnswererPool:
    """One loaded ``Answerer`` per named index, loaded at start; clients choose by name only."""

    def __init__(self, entries: Iterable[IndexEntry], corpus: str | Path | None = None, reader=None,
                 answerers: Mapping[str, object] | None = None, lane=None) -> None:
        """``corpus`` builds the index named ``default`` if it is missing; ``answerers`` are used as given
        (with ``lane``, their network passes are batched through it)."""
        from qa.answerer import Answerer
        self.entries = {e.name: e for e in entries}
        if not self.entries:
            raise ValueError("a server needs at least one index")
        given = dict(answerers or {})
        unknown = set(given) - set(self.entries)
        if unknown:
            raise ValueError(f"answerers given for unknown indexes {sorted(unknown)}; indexes: {self.names}")
        shared = next(iter(given.values()), None)
        embedder = shared.embedder if shared else None
        self._answerers: dict[str, Answerer] = {}
        for e in self.entries.values():
            if e.name not in given:
                build = corpus if e.name == DEFAULT_NAME else None
                given[e.name] = Answerer.from_dir(e.path, reader=shared.reader if shared else reader,
                                                  build_from=build, embedder=embedder)
                shared = shared or given[e.name]
                embedder = shared.embedder
            self._answerers[e.name] = given[e.name]
        self.lane = lane
        if lane is not None:
            from qa.serve.batching import batch_answerer
            for ans in self._answerers.values():
                batch_answerer(ans, lane)
        self._lock = threading.Lock()
        self._readers: dict[str, object] = {}

    @property
    def default_reader_name(self) -> str:
        """The name of the reader the server was started with ("accurate", "fast" or a folder's name)."""
        return getattr(next(iter(self._answerers.values())).reader, "name", "accurate")

    def reader(self, name: str | None):
        """None (use each answerer's own reader) for "" / None / the server's reader, else the named
        reader ("accurate" or "fast" only: clients never choose model folders), loaded once."""
        from qa.reader import load_reader
        from qa.reader.models import READERS
        if not name or name == self.default_reader_name:
            return None
        if name not in READERS:
            raise ValueError(f"unknown reader {str(name)[:40]!r}; choose one of: {', '.join(READERS)}")
        with self._lock:
            if name not in self._readers:
                own = next(iter(self._answerers.values())).reader
                inner = getattr(own, "first", None)  # a cascade already holds the fast reader: reuse it
                self._readers[name] = inner if getattr(inner, "name", None) == name else load_reader(name)
                if self.lane is not None:
                    from qa.serve.batching import batch_reader
                    batch_reader(self._readers[name], self.lane)
            return self._readers[name]

    @property
    def names(self) -> list[str]:
        return list(self.entries)

    def check(self, name) -> str:
        """``name`` if it is one of the served indexes, else ValueError naming them."""
        if not isinstance(name, str) or name not in self.entries:
            shown = repr(name)[:80] if isinstance(name, str) else type(name).__name__
            raise ValueError(f"unknown index {shown}; choose one of: {', '.join(self.names)}")
        return name

    def get(self, name: str | None = None):
        """The answerer of index ``name`` (the first one when None or empty)."""
        return self._answerers[self.check(name or self.names[0])]

    def public_message(self, error: BaseException) -> str:
        """The error's text with every served folder replaced by ``index 'NAME'``."""
        text = str(error)
        folders = []
        for e in self.entries.values():
            forms = {str(e.path)} if isinstance(e.path, str) else {str(e.path.resolve()), str(e.path.absolute())}
            if "/" in str(e.path):  # a bare relative name ("index") is no path to hide, and a common word
                forms.add(str(e.path))
            for form in forms:
                folders.append((form, e.name))
        for form, name in sorted(folders, key=lambda f: -len(f[0])):  # longest first: /a/b before a/b
            if form not in ("", "."):
                text = text.replace(form, f"<{name}>")
        return text
