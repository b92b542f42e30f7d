"""The Gradio web chat: a thin view over ``qa.Answerer``.

``build_app`` makes a ``gr.Blocks`` page with a ``gr.ChatInterface``
(messages format, ``api_name="chat"``) whose replies show the answer, its
confidence and a collapsible sources block with the answer highlighted in
its passage; a settings panel (passages to read, index folder); and an
upload box that adds .txt/.md/.html/.pdf files to the index
(``api_name="add_documents"``): size and type are checked, names are reduced
to a safe base name and the originals are kept under ``<index>/uploads/``.
``launch`` binds to 127.0.0.1 unless told otherwise and asks for a password
when ``QA_PASSWORD`` is set.

Leaves out: streaming tokens, per-user indexes, deleting documents.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import threading
from pathlib import Path

from .answerer import NOT_FOUND, Answerer
from .defaults import INDEX_DIR, SAMPLE_CORPUS
from .documents import SUPPORTED_SUFFIXES
from .errors import QAError
from .stores import is_store_uri

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
_SAFE_NAME = re.compile(r"^[\w][\w .\-()]{0,150}$")


class AnswererPool:
    """One loaded ``Answerer`` per index folder, shared by all sessions."""

    def __init__(self, default_dir: str | Path, corpus: str | Path | None = None,
                 answerer: Answerer | None = None) -> None:
        self.default_dir = _key(default_dir)
        self.corpus = corpus
        self._cache: dict[str, Answerer] = {self.default_dir: answerer} if answerer else {}
        self._lock = threading.Lock()

    def get(self, index_dir: str | None = None) -> Answerer:
        key = _key(index_dir or self.default_dir)
        with self._lock:
            if key not in self._cache:
                shared = next(iter(self._cache.values()), None)
                build = self.corpus if key == self.default_dir else None
                self._cache[key] = Answerer.from_dir(
                    key, build_from=build,
                    embedder=shared.embedder if shared else None, reader=shared.reader if shared else None)
            return self._cache[key]


def _key(location) -> str:
    """A folder normalised as a path; a store URI (``milvus://...``) as given."""
    return location if is_store_uri(location) else str(Path(location))


def uploads_dir(location) -> Path:
    """Where uploaded originals are kept: ``<index>/uploads``, or ``./uploads`` for a Milvus store."""
    return Path("uploads") if is_store_uri(location) else Path(location) / "uploads"


def highlight(passage_text: str, start: int, end: int) -> str:
    """HTML-escaped passage with text[start:end] wrapped in <mark>."""
    return (html.escape(passage_text[:start]) + "<mark>" + html.escape(passage_text[start:end]) + "</mark>"
            + html.escape(passage_text[end:]))


def render(result) -> str:
    """Markdown/HTML for one chat reply."""
    lines = []
    if result.resolved_question and result.resolved_question != result.question:
        lines.append(f"*Understood as: {html.escape(result.resolved_question)}*\n")
    if not result.found:
        lines.append(f"**{NOT_FOUND}**\n\nConfidence that the documents do not say: {result.answer.score:.0%}")
        if result.alternatives:
            alt = result.alternatives[0]
            lines.append(f"\n\nClosest span, rejected: “{html.escape(alt.text)}” "
                         f"({alt.score:.0%}, {html.escape(alt.doc_id)})")
        return "\n".join(lines)
    a = result.answer
    lines.append(f"**{html.escape(a.text)}**\n")
    lines.append(f"Confidence: {a.score:.0%} · Source: `{a.doc_id}`")
    sources = []
    p = a.passage.chunk
    sources.append(f"<p><b>{html.escape(a.doc_id)}</b> (characters {a.start}–{a.end}, passage score "
                   f"{a.passage.score:.3f}, question words around it {a.overlap:.0%})</p>"
                   f"<blockquote>{highlight(p.text, a.start - p.start, a.end - p.start)}</blockquote>")
    for alt in result.alternatives[:3]:
        c = alt.passage.chunk
        sources.append(f"<p>Other candidate: <b>{html.escape(alt.text)}</b> ({alt.score:.0%}, question words "
                       f"around it {alt.overlap:.0%}, {html.escape(alt.doc_id)})</p><blockquote>"
                       f"{highlight(c.text, alt.start - c.start, alt.end - c.start)}</blockquote>")
    lines.append("\n<details><summary>Sources</summary>\n\n" + "\n".join(sources) + "\n\n</details>")
    return "\n".join(lines)


def user_questions(history) -> list[str]:
    """Earlier user turns from Gradio's messages-format history."""
    out = []
    for m in history or []:
        role = m.get("role") if isinstance(m, dict) else getattr(m, "role", None)
        content = m.get("content") if isinstance(m, dict) else getattr(m, "content", None)
        if role == "user":
            if isinstance(content, list):  # Gradio 6 content blocks
                content = " ".join(c.get("text", "") for c in content if isinstance(c, dict))
            if isinstance(content, str) and content.strip():
                out.append(content)
    return out


def safe_upload_name(name: str) -> str:
    """A plain base name for an uploaded file, or ValueError (no paths, no hidden files, known type)."""
    base = os.path.basename(str(name).replace("\\", "/"))
    if not base or base in (".", "..") or not _SAFE_NAME.match(base) or ".." in base:
        raise ValueError(f"file name {name!r} is not allowed: use letters, digits, spaces, '.', '-', '_'")
    if Path(base).suffix.lower() not in SUPPORTED_SUFFIXES:
        raise ValueError(f"file type of {base!r} is not supported; allowed: {', '.join(SUPPORTED_SUFFIXES)}")
    return base


def save_uploads(paths: list[str], upload_dir: Path, max_bytes: int = MAX_UPLOAD_BYTES) -> list[Path]:
    """Check and copy uploaded temp files into ``upload_dir``; returns the stored paths."""
    upload_dir.mkdir(parents=True, exist_ok=True)
    stored = []
    for p in paths:
        src = Path(p)
        name = safe_upload_name(getattr(p, "orig_name", None) or src.name)
        size = src.stat().st_size
        if size > max_bytes:
            raise ValueError(f"{name} is {size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB")
        if size == 0:
            raise ValueError(f"{name} is empty")
        dest = upload_dir / name
        stem, suffix, n = dest.stem, dest.suffix, 1
        while dest.exists() and dest.read_bytes() != src.read_bytes():
            dest = upload_dir / f"{stem}-{n}{suffix}"
            n += 1
        shutil.copyfile(src, dest)
        stored.append(dest)
    return stored


def build_app(index_dir: str | Path = INDEX_DIR, corpus: str | Path | None = SAMPLE_CORPUS,
              answerer: Answerer | None = None):
    """The page; ``answerer`` (optional) is used for ``index_dir`` instead of loading one."""
    import gradio as gr

    pool = AnswererPool(index_dir, corpus, answerer)
    pool.get()  # load (or build) the default index before serving

    def chat(message, history, top_k, folder):
        if not isinstance(message, str) or not message.strip():
            return "Please type a question."
        try:
            ans = pool.get(folder.strip() or None)
            result = ans.ask(message, history=user_questions(history), top_k=int(top_k))
        except (QAError, ValueError) as e:
            return f"⚠️ {html.escape(str(e))}"
        return render(result)

    def add_documents(files, folder):
        if not files:
            return "Choose one or more .txt, .md, .html or .pdf files first."
        try:
            ans = pool.get(folder.strip() or None)
            paths = [f if isinstance(f, str) else getattr(f, "name", str(f)) for f in files]
            stored = save_uploads(paths, uploads_dir(ans.index_dir))
            stats = ans.add_files(stored)
        except (QAError, ValueError) as e:
            return f"⚠️ {html.escape(str(e))}"
        return (f"Added {stats.added}, updated {stats.updated}, unchanged {stats.unchanged} "
                f"({stats.chunks_embedded} passages embedded). The index now has "
                f"{len(ans.store.documents)} documents.")

    with gr.Blocks(title="Ask your documents") as demo:
        gr.Markdown("## Ask your documents\nAnswers are copied from the indexed documents, with their source. "
                    "When the documents do not hold the answer, the bot says so. Follow-up questions "
                    "(\"Where was it held?\") refer to the previous question.")
        with gr.Accordion("Settings", open=False):
            top_k = gr.Slider(1, 20, value=5, step=1, label="Passages to read (top-k)")
            folder = gr.Textbox(value=str(index_dir), label="Index folder")
        gr.ChatInterface(
            fn=chat,
            chatbot=gr.Chatbot(height=560, label="Answers"),
            additional_inputs=[top_k, folder],
            api_name="chat",
            fill_height=False,
        )
        with gr.Accordion("Add documents to the index", open=False):
            files = gr.File(file_count="multiple", file_types=list(SUPPORTED_SUFFIXES), label="Files (max 20 MB each)")
            add_btn = gr.Button("Add to index")
            status = gr.Markdown()
            add_btn.click(add_documents, inputs=[files, folder], outputs=status, api_name="add_documents")
    return demo


def launch(index_dir: str | Path = INDEX_DIR, host: str = "127.0.0.1", port: int = 7860,
           corpus: str | Path | None = SAMPLE_CORPUS, block: bool = True, answerer: Answerer | None = None):
    demo = build_app(index_dir, corpus, answerer)
    password = os.environ.get("QA_PASSWORD")
    auth = (os.environ.get("QA_USER", "qa"), password) if password else None
    demo.queue(default_concurrency_limit=2)
    demo.launch(server_name=host, server_port=port, auth=auth, max_file_size=MAX_UPLOAD_BYTES,
                prevent_thread_lock=not block, show_error=True, quiet=not block)
    return demo
