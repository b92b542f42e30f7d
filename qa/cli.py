"""The ``qa`` command line: index, search, ask, chat, serve, eval, train-reader.

Every sub-command parses its arguments and calls the Python API; no logic
lives here beyond formatting output. Errors of the ``QAError`` family and
``ValueError`` are printed as one line and exit with status 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from qa.defaults import INDEX_DIR, SAMPLE_CORPUS  # noqa: E402
from qa.errors import QAError  # noqa: E402

STORE_HELP = ("index location: a folder (FAISS, the default) or a Milvus URI: milvus://HOST:PORT/COLLECTION, "
              "milvus-lite:///path/qa.db?collection=NAME")
READER_HELP = ("reader: 'accurate' (MPNet, cascaded behind the fast one; the default), 'fast' "
               "(distilled MiniLM) or a model folder (default: $QA_READER or accurate)")


def _quiet_libraries() -> None:
    try:
        from transformers.utils import logging as hf_logging
        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
    except Exception:  # pragma: no cover - cosmetic only
        pass


def _short(text: str, n: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def cmd_index(a) -> int:
    from qa.indexing.build import build_index, remove_from_index
    from qa.ingest.chunking import ChunkingConfig
    out = a.store or a.out
    if a.remove:
        store, n = remove_from_index(out, a.remove)
        print(f"index {out}: removed {n} of {len(a.remove)} documents; "
              f"{len(store.documents)} documents, {len(store)} chunks left")
        return 0
    chunking = None
    if a.chunk_size is not None or a.overlap is not None:
        chunking = ChunkingConfig(a.chunk_size or 700, a.overlap if a.overlap is not None else 150)
    if a.ray is not None:
        from qa.indexing.ray_build import build_index_ray
        store, stats, secs, failures = build_index_ray(a.path, out, address=a.ray or None, chunking=chunking,
                                                       index_type=a.index_type, rebuild=a.rebuild,
                                                       progress=not a.quiet)
        for path, error in failures:
            print(f"failed: {path}: {error}", file=sys.stderr)
    else:
        store, stats, secs = build_index(a.path, out, chunking=chunking, index_type=a.index_type,
                                         rebuild=a.rebuild, progress=not a.quiet)
    print(f"index {out}: {len(store.documents)} documents, {len(store)} chunks "
          f"({stats.added} added, {stats.updated} updated, {stats.unchanged} unchanged, "
          f"{stats.chunks_embedded} chunks embedded) in {secs:.1f}s")
    return 0


def _open_answerer(a):
    from qa.answerer import Answerer
    return Answerer.from_dir(a.index, reader=getattr(a, "reader", None))


def cmd_search(a) -> int:
    from qa.answerer import open_retriever
    retriever = open_retriever(a.index)
    passages = retriever.retrieve(a.question, k=a.k, mode=a.mode)
    if a.json:
        print(json.dumps([{"rank": p.rank, "doc_id": p.chunk.doc_id, "score": p.score, "dense": p.dense_score,
                           "bm25": p.bm25_score, "start": p.chunk.start, "end": p.chunk.end,
                           "text": p.chunk.text} for p in passages], indent=2))
        return 0
    for p in passages:
        print(f"{p.rank}. [{p.chunk.doc_id}] score={p.score:.4f}"
              f" dense={p.dense_score if p.dense_score is None else round(p.dense_score, 3)}"
              f" bm25={p.bm25_score if p.bm25_score is None else round(p.bm25_score, 2)}")
        print(f"   {_short(p.chunk.text, 320)}")
    return 0


def format_result(r, documents: dict | None = None) -> str:
    """The answer for the terminal; ``documents`` (the store's records) lets the source name its PDF page."""
    from qa.answerer import NOT_FOUND
    from qa.ingest.documents import page_of
    if not r.found:
        lines = [f"{NOT_FOUND} (no-answer confidence {r.answer.score:.2f})"]
        if r.alternatives:
            best = r.alternatives[0]
            lines.append(f"  closest span: {best.text!r} in {best.doc_id} (confidence {best.score:.2f})")
        return "\n".join(lines)
    a = r.answer
    page = page_of(documents[a.doc_id], a.start) if documents and a.doc_id in documents else None
    lines = [f"Answer: {a.text}", f"Confidence: {a.score:.2f}",
             f"Source: {a.doc_id}{f', page {page}' if page else ''} (chars {a.start}-{a.end}, passage score {a.passage.score:.4f}, "
             f"reader margin {a.margin:.2f}, question words around it {a.overlap:.2f})",
             f"Context: {_short(r.supporting_sentence, 400)}"]
    if r.resolved_question and r.resolved_question != r.question:
        lines.insert(0, f"(understood as: {r.resolved_question})")
    others = [alt for alt in r.alternatives if alt.text]
    if others:
        lines.append("Other candidates: " + "; ".join(f"{alt.text!r} ({alt.score:.2f}, {alt.doc_id})"
                                                      for alt in others[:3]))
    return "\n".join(lines)


def _result_json(r) -> dict:
    a = r.answer
    def evidence(x) -> dict:
        return {"doc_id": x.doc_id, "start": x.start, "end": x.end, "passage_score": x.passage.score,
                "reader_margin": x.margin, "question_overlap": x.overlap,
                "name_missing_from_document": x.missing_name,
                "year_missing_from_document": x.missing_year}
    out = {"question": r.question, "resolved_question": r.resolved_question, "answer": a.text,
           "confidence": a.score, "supporting_sentence": r.supporting_sentence,
           "alternatives": [dict({"answer": x.text, "confidence": x.score}, **evidence(x)) for x in r.alternatives],
           "timings_ms": r.timings}
    out.update(evidence(a) if a.text is not None else {"doc_id": None, "start": -1, "end": -1})
    return out


def cmd_ask(a) -> int:
    ans = _open_answerer(a)
    answers = a.history_answer or []
    if len(answers) > len(a.history or []):
        raise ValueError("--history-answer needs a --history question for each answer")
    history = [(q, answers[i] if i < len(answers) else None) for i, q in enumerate(a.history or [])]
    r = ans.ask(a.question, history=history or None, top_k=a.k)
    print(json.dumps(_result_json(r), indent=2) if a.json else format_result(r, ans.store.documents))
    return 0


def cmd_chat(a) -> int:
    ans = _open_answerer(a)
    from qa.answering.conversation import Turn
    history: list[Turn] = []  # the bot's own answers go with the questions (follow-ups may refer to them)
    print("Ask a question about the indexed documents (empty line or Ctrl-D to quit).")
    while True:
        try:
            q = input("you> ").strip()
        except EOFError:
            print()
            break
        if not q:
            break
        try:
            r = ans.ask(q, history=history, top_k=a.k)
        except ValueError as e:
            print(f"error: {e}")
            continue
        print(format_result(r, ans.store.documents))
        history.append(Turn(q, r.answer.text, r.answer.doc_id))
    return 0


def cmd_serve(a) -> int:
    from qa.serve.web import launch
    launch(indexes=a.index, host=a.host, port=a.port, corpus=a.corpus, reader=a.reader)
    return 0


def cmd_eval(a) -> int:
    from qa.evaluate import run_eval_cli
    return run_eval_cli(a)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="qa", description="Local extractive question answering over your documents.")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("index", help="build or update an index from a folder of .txt/.md/.html/.pdf files")
    s.add_argument("path", nargs="?", default=str(SAMPLE_CORPUS), help="folder or file (default: sample corpus)")
    s.add_argument("--out", default=str(INDEX_DIR), help="index folder (default: %(default)s)")
    s.add_argument("--rebuild", action="store_true", help="start a new index instead of updating")
    s.add_argument("--chunk-size", type=int, default=None, help="max characters per chunk (default 700)")
    s.add_argument("--overlap", type=int, default=None, help="characters of overlap (default 150)")
    s.add_argument("--index-type", choices=("auto", "flat", "hnsw", "ivf"), default=None)
    s.add_argument("--store", default=None, help=STORE_HELP + " (instead of --out)")
    s.add_argument("--ray", nargs="?", const="", default=None, metavar="ADDRESS",
                   help="read, chunk and embed with Ray Data (a local Ray with 2 CPUs without ADDRESS)")
    s.add_argument("--remove", action="append", metavar="DOC_ID",
                   help="remove this document (its id as listed by the index) instead of indexing; repeatable")
    s.add_argument("--quiet", action="store_true", help="no progress bar")
    s.set_defaults(func=cmd_index)

    s = sub.add_parser("search", help="print the top passages for a question")
    s.add_argument("question")
    s.add_argument("--index", "--store", default=str(INDEX_DIR), help=STORE_HELP)
    s.add_argument("-k", type=int, default=5)
    s.add_argument("--mode", choices=("hybrid", "dense", "bm25"), default="hybrid")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_search)

    s = sub.add_parser("ask", help="answer one question")
    s.add_argument("question")
    s.add_argument("--index", "--store", default=str(INDEX_DIR), help=STORE_HELP)
    s.add_argument("--reader", default=None, help=READER_HELP)
    s.add_argument("-k", type=int, default=5, help="passages to read")
    s.add_argument("--history", action="append", help="an earlier question of the conversation (repeatable)")
    s.add_argument("--history-answer", action="append",
                   help="the answer the bot gave to the --history question at the same position (repeatable; "
                        "'' for one it could not answer)")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_ask)

    s = sub.add_parser("chat", help="terminal chat with follow-up questions")
    s.add_argument("--index", "--store", default=str(INDEX_DIR), help=STORE_HELP)
    s.add_argument("--reader", default=None, help=READER_HELP)
    s.add_argument("-k", type=int, default=5)
    s.set_defaults(func=cmd_chat)

    s = sub.add_parser("serve", help="start the web chat")
    s.add_argument("--index", "--store", action="append", metavar="NAME=DIR",
                   help=f"an index the page offers by name: a folder or a store URI (repeatable; "
                        f"default: default={INDEX_DIR})")
    s.add_argument("--reader", default=None, help=READER_HELP)
    s.add_argument("--corpus", default=str(SAMPLE_CORPUS),
                   help="folder to build the index named 'default' from if it does not exist")
    s.add_argument("--host", default=os.environ.get("QA_HOST", "127.0.0.1"))
    s.add_argument("--port", type=int, default=int(os.environ.get("QA_PORT", "7860")))
    s.set_defaults(func=cmd_serve)

    s = sub.add_parser("eval", help="evaluate on a question set (jsonl) or SQuAD json")
    s.add_argument("questions", nargs="?", help="questions.jsonl (id, question, answers, optional history, "
                                                "or conversation + turn: asked in order with the bot's own answers)")
    s.add_argument("--split", default=None, help="only the rows whose 'split' field has this value (e.g. tune)")
    s.add_argument("--squad", default=None, help="SQuAD v1.1 json: index its paragraphs and ask its questions")
    s.add_argument("--index", "--store", default=str(INDEX_DIR), help=STORE_HELP)
    s.add_argument("--reader", default=None, help=READER_HELP)
    s.add_argument("-k", type=int, default=5)
    s.add_argument("--limit", type=int, default=0, help="ask at most this many questions (seeded sample)")
    s.add_argument("--held-out", action="store_true",
                   help="with --squad and --limit N: N other questions, none of the --limit N sample")
    s.add_argument("--out", default="eval-report", help="folder for report.json and plots")
    s.add_argument("--no-titles", action="store_true",
                   help="do not give the reader each passage's document title as context")
    s.set_defaults(func=cmd_eval)

    # Listed for `qa --help` only: main() hands `qa train-reader ...` to the training command's parser.
    sub.add_parser("train-reader", help="fine-tune the extractive reader on SQuAD (see --help)", add_help=False)
    return p


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["train-reader"]:
        # argparse's REMAINDER does not take a leading option ("--train ..."),
        # so the training command's own parser gets everything after its name.
        from qa.training.cli import main as train_main
        return train_main(argv[1:])
    args = build_parser().parse_args(argv)
    _quiet_libraries()
    try:
        return args.func(args)
    except (QAError, ValueError) as e:
        print(f"qa: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # pragma: no cover - interactive
        return 130


if __name__ == "__main__":
    sys.exit(main())
