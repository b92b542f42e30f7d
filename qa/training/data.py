"""SQuAD v1.1 examples, abstention examples, titles and labelled windows for reader training.

* ``load_squad``: one example per question (its first gold answer).
* ``add_abstention``: extra examples whose target is "no answer" (the
  [CLS]/<s> token): a fraction pairs the question with another paragraph that
  lacks the answer string (half from the same article, half from a random
  one), a fraction with its own paragraph less the sentence(s) holding the
  answer (a *near miss*: same topic, same entities, the asked fact gone),
  kept only when the answer string is then absent and at least 150 characters
  and two sentences are left.
* ``with_title``: the article title put before the context as ``qa.Reader``
  gives document titles ("Title\\n\\n"), answer offsets shifted.
* ``featurize``: windows of ``max_length`` tokens sharing ``stride``, with
  start/end token labels (0 when the answer is not inside the window) and the
  character offsets of the context tokens (for distillation alignment).
* ``collate``: a batch of windows as padded tensors (ids, mask, labels); used
  by the training loop and by the teacher pass of ``qa.training.distill``.

Leaves out: SQuAD 2.0's own unanswerable questions, data augmentation.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, replace
from pathlib import Path

SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])")
KINDS = ("answer", "other", "near_miss")


@dataclass(frozen=True)
class SquadExample:
    qid: str
    title: str
    question: str
    context: str
    answer_start: int  # -1 = no answer in this context
    answer_text: str
    kind: str = "answer"


@dataclass(frozen=True)
class Feature:
    """One window: token ids, BERT segment ids, start/end labels, its example, its context tokens' offsets."""

    input_ids: list
    token_type_ids: list
    start: int
    end: int
    example: int
    context_offsets: tuple  # ((char_start, char_end), ...) of the window's context tokens, in order
    context_first: int  # position of the first context token


def load_squad(path: str | Path) -> list[SquadExample]:
    """Flatten a SQuAD v1.1 json file into one example per question (first gold answer)."""
    p = Path(path)
    if not p.is_file():
        raise ValueError(f"SQuAD file {str(p)!r} does not exist (get it with `bash scripts/get_squad.sh`)")
    data = json.loads(p.read_text(encoding="utf-8"))["data"]
    out = []
    for article in data:
        for para in article["paragraphs"]:
            for qa in para["qas"]:
                ans = qa["answers"][0]
                out.append(SquadExample(qa["id"], article["title"], qa["question"],
                                        para["context"], ans["answer_start"], ans["text"]))
    return out


def near_miss_context(context: str, answer_start: int, answer_text: str, min_chars: int = 150,
                      min_sentences: int = 2) -> str | None:
    """The paragraph without the sentence(s) that hold the answer, or None when not a clean near miss."""
    bounds, pos = [], 0
    for piece in SENTENCE_SPLIT.split(context):
        start = context.index(piece, pos)
        bounds.append((start, start + len(piece)))
        pos = start + len(piece)
    a0, a1 = answer_start, answer_start + len(answer_text)
    kept = [context[s:e] for s, e in bounds if e <= a0 or s >= a1]
    if len(kept) < min_sentences:
        return None
    text = " ".join(kept)
    if len(text) < min_chars or answer_text.lower() in text.lower():
        return None
    return text


def _other_paragraph(ex: SquadExample, by_title: dict, titles: list, rng: random.Random) -> SquadExample | None:
    for _ in range(10):
        title = ex.title if rng.random() < 0.5 else rng.choice(titles)
        ctx = rng.choice(by_title[title])
        if ctx != ex.context and ex.answer_text.lower() not in ctx.lower():
            return SquadExample(ex.qid + "_neg", title, ex.question, ctx, -1, "", "other")
    return None


def add_abstention(examples: list[SquadExample], other: float, near_miss: float, seed: int) -> list[SquadExample]:
    """``examples`` plus no-answer examples: ``other`` and ``near_miss`` are fractions of ``len(examples)``."""
    for name, frac in (("other", other), ("near_miss", near_miss)):
        if not 0.0 <= frac <= 1.0:
            raise ValueError(f"{name} fraction must be in [0, 1], got {frac!r}")
    rng = random.Random(seed)
    by_title: dict[str, list[str]] = {}
    for ex in examples:
        paras = by_title.setdefault(ex.title, [])
        if not paras or paras[-1] != ex.context:
            paras.append(ex.context)
    titles = list(by_title)
    out = list(examples)
    for ex in rng.sample(examples, int(round(len(examples) * other))):
        neg = _other_paragraph(ex, by_title, titles, rng)
        if neg is not None:
            out.append(neg)
    want = int(round(len(examples) * near_miss))
    made = 0
    for ex in rng.sample(examples, len(examples)):
        if made >= want:
            break
        ctx = near_miss_context(ex.context, ex.answer_start, ex.answer_text)
        if ctx is not None:
            out.append(SquadExample(ex.qid + "_nm", ex.title, ex.question, ctx, -1, "", "near_miss"))
            made += 1
    return out


def with_title(ex: SquadExample) -> SquadExample:
    """The example with its article title put before the context, as ``Reader.read`` gives it."""
    from qa.reader import title_prefix
    head = title_prefix(ex.title.replace("_", " "))  # "Super_Bowl_50" -> "Super Bowl 50"
    start = ex.answer_start + len(head) if ex.answer_start >= 0 else -1
    return replace(ex, context=head + ex.context, answer_start=start)


def title_length(ex: SquadExample) -> int:
    """Characters of the title prefix that ``with_title`` put before the context (0 if none)."""
    from qa.reader import title_prefix
    head = title_prefix(ex.title.replace("_", " "))
    return len(head) if head and ex.context.startswith(head) else 0


def featurize(examples: list[SquadExample], tokenizer, max_length: int, stride: int,
              titled: bool = False) -> list[Feature]:
    """Tokenise with overflowing windows; label start/end token positions (0 = [CLS], "no answer").

    With ``titled`` the title prefix is context only: its tokens are not
    context tokens (no answer starts there; distillation ignores them).
    """
    feats = []
    batch = 256
    for i in range(0, len(examples), batch):
        chunk = examples[i:i + batch]
        enc = tokenizer([e.question for e in chunk], [e.context for e in chunk],
                        truncation="only_second", max_length=max_length, stride=stride,
                        return_overflowing_tokens=True, return_offsets_mapping=True)
        for j, ids in enumerate(enc["input_ids"]):
            k_ex = enc["overflow_to_sample_mapping"][j]
            ex = chunk[k_ex]
            skip = title_length(ex) if titled else 0
            seq = enc.sequence_ids(j)
            offsets = enc["offset_mapping"][j]
            ctx_pos = [t for t, sid in enumerate(seq) if sid == 1 and offsets[t][0] >= skip]
            start_tok = end_tok = 0
            if ex.answer_start >= 0 and ctx_pos:
                a0, a1 = ex.answer_start, ex.answer_start + len(ex.answer_text)
                c0, c1 = ctx_pos[0], ctx_pos[-1]
                if offsets[c0][0] <= a0 and offsets[c1][1] >= a1:
                    k = c0
                    while k <= c1 and offsets[k][0] <= a0:
                        k += 1
                    start_tok = k - 1
                    k = c1
                    while k >= c0 and offsets[k][1] >= a1:
                        k -= 1
                    end_tok = k + 1
            tt = enc["token_type_ids"][j] if "token_type_ids" in enc else [0] * len(ids)
            feats.append(Feature(list(ids), list(tt), start_tok, end_tok, i + k_ex,
                                 tuple(tuple(offsets[t]) for t in ctx_pos), ctx_pos[0] if ctx_pos else 0))
    return feats


def make_batches(lengths: list[int], batch_size: int, seed: int) -> list[list[int]]:
    """Length-bucketed batches: sort within pools of 50 batches, then shuffle the batch order."""
    rng = random.Random(seed)
    idx = list(range(len(lengths)))
    rng.shuffle(idx)
    pool = batch_size * 50
    batches = []
    for p in range(0, len(idx), pool):
        part = sorted(idx[p:p + pool], key=lambda k: lengths[k])
        batches += [part[b:b + batch_size] for b in range(0, len(part), batch_size)]
    rng.shuffle(batches)
    return batches


def collate(rows: list[Feature], pad_id: int, segments: bool) -> dict:
    import torch
    width = max(len(r.input_ids) for r in rows)
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    tt = torch.zeros((len(rows), width), dtype=torch.long)
    for k, r in enumerate(rows):
        ids[k, :len(r.input_ids)] = torch.tensor(r.input_ids)
        mask[k, :len(r.input_ids)] = 1
        tt[k, :len(r.token_type_ids)] = torch.tensor(r.token_type_ids)
    out = {"input_ids": ids, "attention_mask": mask,
           "starts": torch.tensor([r.start for r in rows]), "ends": torch.tensor([r.end for r in rows])}
    if segments:
        out["token_type_ids"] = tt
    return out
