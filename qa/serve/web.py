"""The Gradio web chat: a thin view over ``qa.Answerer``.

``build_app`` makes a ``gr.Blocks`` page with a chat (a ``gr.Chatbot`` in
messages format; the user's question is shown HTML-escaped, so markup typed
in a question is never rendered; ``api_name="chat"`` is the same answer
over the HTTP API) whose replies show the answer, its
confidence and a collapsible sources block with the answer highlighted in
its passage; a settings panel (passages to read, a dropdown of the index
*names* the server was started with, ``qa.serve.catalog``); and an upload box that
adds .txt/.md/.rst/.html/.pdf/.docx files to the chosen index (``api_name="add_documents"``):
size and type are checked, names are reduced to a safe base name, the
originals are kept under ``<index>/uploads/``, and the new files are indexed
in a background job (``qa.serve.jobs``) whose progress the box shows while the
chat keeps answering from the current version. The HTTP API takes index
names only; errors never show server paths. ``launch`` binds to 127.0.0.1
unless told otherwise and, when ``QA_PASSWORD`` is set, asks for a login on
the page and the API alike (password compared in constant time, never logged).
Questions are answered side by side, their network passes batched, and past
the admission bounds answered by the fast reader or turned away at once with
a "busy" reply (``qa.serve.batching``).

Leaves out: streaming tokens, per-user indexes, deleting documents.
"""

from __future__ import annotations

import hmac
import html
import os
import re
import shutil
import time
from pathlib import Path
from typing import Iterable, Mapping

from qa.answerer import NOT_FOUND
from qa.answering.conversation import Turn
from qa.defaults import SAMPLE_CORPUS
from qa.errors import QAError
from qa.ingest.documents import SUPPORTED_SUFFIXES, page_of
from qa.reader.models import READERS
from qa.serve.batching import BUSY_REPLY, DEGRADED_NOTE, Admission
from qa.serve.catalog import AnswererPool, index_catalog
from qa.serve.jobs import IndexingJobs
from qa.stores import is_store_uri

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
POLL_SECONDS = 0.5
_SAFE_NAME = re.compile(r"^[\w][\w .\-()]{0,150}$")


def uploads_dir(location) -> Path:
    """Where uploaded originals are kept: ``<index>/uploads``, or ``./uploads`` for a Milvus store."""
    return Path("uploads") if is_store_uri(location) else Path(location) / "uploads"

def highlight(passage_text: str, start: int, end: int) -> str:
    """HTML-escaped passage with text[start:end] wrapped in <mark>."""
    return (html.escape(passage_text[:start]) + "<mark>" + html.escape(passage_text[start:end]) + "</mark>"
            + html.escape(passage_text[end:]))


def render(result, page: int | None = None) -> str:
    """Markdown/HTML for one chat reply; ``page``: the PDF page of the answer, when known."""
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
    where = f", page {page}" if page else ""
    lines.append(f"Confidence: {a.score:.0%} · Source: `{a.doc_id}`{where}")
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
                out.append(html.unescape(content))  # the page shows questions escaped
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


def check_password(user: str, password: str):
    """A Gradio ``auth`` function accepting only ``user``/``password``, compared in constant time."""
    want_user, want_password = user.encode(), password.encode()

    def auth(given_user, given_password) -> bool:
        u = str(given_user or "").encode()
        p = str(given_password or "").encode()
        return hmac.compare_digest(u, want_user) & hmac.compare_digest(p, want_password)

    return auth


def upload_summary(stats, documents: int) -> str:
    return (f"Added {stats.added}, updated {stats.updated}, unchanged {stats.unchanged} "
            f"({stats.chunks_embedded} passages embedded). The index now has {documents} documents.")


def job_line(status) -> str:
    if status.state == "running":
        return f"⏳ Indexing in the background ({status.seconds:.0f} s): {html.escape(status.message)}"
    if status.state == "failed":
        return f"⚠️ {html.escape(status.message)}"
    return html.escape(status.message)


def build_app(indexes: Iterable[str] | Mapping[str, str | Path] | None = None,
              corpus: str | Path | None = SAMPLE_CORPUS, answerers: Mapping[str, object] | None = None,
              reader=None):
    """The page over the named ``indexes`` (``NAME=DIR`` specs or {name: dir}; default ``default=index/``).

    ``corpus`` builds the ``default`` index if it is missing; ``answerers`` ({name: Answerer}) are used
    instead of loading those; ``reader`` is "accurate", "fast" or a model folder (the server's choice).
    """
    import gradio as gr

    admission = Admission.from_env()
    pool = AnswererPool(index_catalog(indexes), corpus, reader, answerers, lane=admission.lane)
    jobs = IndexingJobs(pool.public_message)

    def ask(message, history, top_k, index_name, reader_name=None):
        """(reply, Turn or None): the rendered reply and, when the question was asked, the turn it adds.

        Past the admission bounds (``qa.serve.batching``) the fast reader answers, or the reply is
        ``BUSY_REPLY`` at once."""
        if not isinstance(message, str) or not message.strip():
            return "Please type a question.", None
        try:
            ans = pool.get(pool.check(index_name))
            chosen = pool.reader(reader_name)
            fast = getattr(chosen or ans.reader, "first", None)  # a cascade holds the fast reader
            with admission.enter(can_degrade=fast is not None) as ticket:
                if ticket.mode == "rejected":
                    return BUSY_REPLY, None
                result = ans.ask(message, history=history, top_k=int(top_k),
                                 reader=fast if ticket.mode == "degraded" else chosen)
            page = page_of(ans.store.document(result.answer.doc_id), result.answer.start) if result.found else None
        except (QAError, ValueError, TypeError) as e:
            return f"⚠️ {html.escape(pool.public_message(e))}", None
        reply = render(result, page)
        if ticket.mode == "degraded":
            reply = f"{DEGRADED_NOTE}\n\n{reply}"
        return reply, Turn(message, result.answer.text, result.answer.doc_id)

    def respond(message, history, top_k, index_name, reader_name, turns):
        """The page's chat: the question (escaped) and the reply appended to the history; the box emptied.

        ``turns`` (the session's state) holds each asked question with the bot's own answer, so a
        follow-up can refer to an answer; if it does not match the visible chat (another tab, a
        cleared chat) the visible user questions are used instead."""
        turns = list(turns or [])
        if len(turns) != len(user_questions(history)):
            turns = [Turn(q) for q in user_questions(history)]
        reply, turn = ask(message, turns, top_k, index_name, reader_name)
        shown = html.escape(message if isinstance(message, str) else "")
        return "", list(history or []) + [{"role": "user", "content": shown},
                                          {"role": "assistant", "content": reply}], \
            turns + ([turn] if turn else [Turn(message if isinstance(message, str) else "")])

    def ask_api(message: str, top_k: float, index_name: str, reader: str = "") -> str:
        """One question to the index named ``index_name``; ``reader``: "accurate", "fast" or "" (the
        server's); returns the reply (Markdown/HTML)."""
        return ask(message, [], top_k, index_name, reader)[0]

    def add_documents(files, index_name):
        if not files:
            yield "Choose one or more .txt, .md, .rst, .html, .pdf or .docx files first."
            return
        try:
            name = pool.check(index_name)
            ans = pool.get(name)
            paths = [f if isinstance(f, str) else getattr(f, "name", str(f)) for f in files]
            stored = save_uploads(paths, uploads_dir(ans.index_dir))
            jobs.start(name, lambda report: upload_summary(ans.add_files(stored, report),
                                                           len(ans.store.documents)))
        except (QAError, ValueError, OSError) as e:
            yield f"⚠️ {html.escape(pool.public_message(e))}"
            return
        status = jobs.status(name)
        while status.running:
            yield job_line(status)
            time.sleep(POLL_SECONDS)
            status = jobs.status(name)
        yield job_line(status)

    def upload_status(index_name):
        try:
            return job_line(jobs.status(pool.check(index_name)))
        except ValueError as e:
            return f"⚠️ {html.escape(str(e))}"

    with gr.Blocks(title="Ask your documents") as demo:
        gr.Markdown("## Ask your documents\nAnswers are copied from the indexed documents, with their source. "
                    "When the documents do not hold the answer, the bot says so. Follow-up questions "
                    "(\"Where was it held?\", \"What is her title?\") refer to the conversation.")
        with gr.Accordion("Settings", open=False):
            top_k = gr.Slider(1, 20, value=5, step=1, label="Passages to read (top-k)")
            index_name = gr.Dropdown(choices=pool.names, value=pool.names[0], label="Index",
                                     interactive=len(pool.names) > 1)
            reader_name = gr.Dropdown(choices=list(dict.fromkeys([pool.default_reader_name, *READERS])),
                                      value=pool.default_reader_name, label="Reader",
                                      info="accurate: MPNet-base behind the fast reader (default); "
                                           "fast: the distilled MiniLM alone")
        chatbot = gr.Chatbot(height=560, label="Answers")
        question = gr.Textbox(placeholder="Ask a question about the documents and press Enter",
                              show_label=False, max_length=10_000)
        turns = gr.State([])
        # Questions run side by side (their network passes are batched), as many at once as it takes for
        # each to reach the admission check rather than wait in Gradio's queue.
        question.submit(respond, [question, chatbot, top_k, index_name, reader_name, turns],
                        [question, chatbot, turns], api_visibility="private",
                        concurrency_limit=admission.concurrency, concurrency_id="questions")
        gr.api(ask_api, api_name="chat", concurrency_limit=admission.concurrency, concurrency_id="questions")
        with gr.Accordion("Add documents to the index", open=False):
            files = gr.File(file_count="multiple", file_types=list(SUPPORTED_SUFFIXES), label="Files (max 20 MB each)")
            add_btn = gr.Button("Add to index")
            status = gr.Markdown()
            add_btn.click(add_documents, inputs=[files, index_name], outputs=status, api_name="add_documents")
            check_btn = gr.Button("Check indexing progress", size="sm")
            check_btn.click(upload_status, inputs=[index_name], outputs=status, api_name="upload_status")
    demo.pool, demo.jobs = pool, jobs  # for callers (tests, benchmarks) that need the loaded answerers
    demo.admission = admission
    return demo


def launch(indexes: Iterable[str] | Mapping[str, str | Path] | None = None, host: str = "127.0.0.1",
           port: int = 7860, corpus: str | Path | None = SAMPLE_CORPUS, block: bool = True,
           answerers: Mapping[str, object] | None = None, reader=None):
    demo = build_app(indexes, corpus, answerers, reader)
    password = os.environ.get("QA_PASSWORD")
    auth = check_password(os.environ.get("QA_USER", "qa"), password) if password else None
    demo.queue(default_concurrency_limit=2)  # uploads and status checks; questions have their own limit
    demo.launch(server_name=host, server_port=port, auth=auth, max_file_size=MAX_UPLOAD_BYTES,
                prevent_thread_lock=not block, show_error=True, quiet=not block,
                max_threads=max(40, demo.admission.concurrency + 8))
    return demo
