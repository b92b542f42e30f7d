"""The training loop of ``qa train-reader``: batches, loss, schedule, checkpoints, export.

AdamW (weight decay 0.01 except biases and LayerNorm), linear warm-up then
linear decay (over the step budget, or the time budget when that is further
along, so a run cut short by the clock still ends with a decayed learning
rate), gradient-norm clip 1.0, length-bucketed dynamically padded batches.
With ``adversarial`` > 0, ``qa.training.adversarial`` adds that fraction of
near-miss questions (target "no answer") and distractor passages made from the
answerable questions. Loss: cross-entropy on the start and end labels; with a teacher,
``hard_weight`` x that + (1 - ``hard_weight``) x the distillation loss
(``qa.training.distill``) on the examples whose windows line up. Runs on a
CUDA GPU when one is there (bf16 autocast), else on the CPU (bf16 autocast
with ``--bf16``). Inputs are token ids and attention mask; BERT segment ids
only with ``segments`` (the shipped readers were trained without them).
``freeze_layers`` keeps the embeddings and the bottom encoder layers fixed (fewer weights to update on a CPU).
Checkpoints every ``save_every`` seconds; ``export`` writes a reader folder
(fp16 safetensors, or the int8 form of ``qa.reader.quantized``).

Leaves out: multi-GPU, gradient accumulation, mixed-precision loss scaling.
"""

from __future__ import annotations

import json
import math
import random
import time
from pathlib import Path

from qa.training.data import Feature, add_abstention, collate, featurize, load_squad, make_batches, with_title


def load_trainable(base: str | Path):
    """(tokenizer, float32 QA model) from an encoder or reader folder (int8 reader folders too)."""
    import torch
    from transformers import AutoModelForQuestionAnswering, AutoTokenizer

    from qa.reader.models import load_model
    from qa.reader.quantized import is_int8_dir
    tok = AutoTokenizer.from_pretrained(str(base))
    if is_int8_dir(base):
        model = load_model(Path(base))
    else:
        model = AutoModelForQuestionAnswering.from_pretrained(str(base), dtype=torch.float32)
    return tok, model


def freeze_bottom(model, n: int) -> int:
    """Fix the embeddings and the bottom ``n`` encoder layers; returns how many parameters stay trainable."""
    if n <= 0:
        return sum(p.numel() for p in model.parameters())
    base = model.base_model
    layers = base.encoder.layer
    if n > len(layers):
        raise ValueError(f"--freeze-layers {n}: the model has only {len(layers)} layers")
    for module in [base.embeddings, *layers[:n]]:
        for p in module.parameters():
            p.requires_grad_(False)
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def prepare(args, tok) -> tuple[list, list[Feature]]:
    """The examples (with abstention examples and titles) and their windows."""
    examples = load_squad(args.train)
    random.Random(args.seed).shuffle(examples)
    if args.max_examples:
        examples = examples[:args.max_examples]
    adversarial = getattr(args, "adversarial", 0.0) or 0.0
    extra = []
    if adversarial:  # made from the answerable questions, before the abstention examples are added
        from qa.training.adversarial import add_adversarial
        t0 = time.time()
        extra = add_adversarial(examples, adversarial, args.seed, kinds=adversarial_kinds(args), progress=True)
        print(f"{len(extra)} adversarial examples in {time.time() - t0:.0f}s", flush=True)
    examples = add_abstention(examples, args.negatives, args.near_miss, args.seed) + extra
    if args.titles:
        examples = [with_title(ex) for ex in examples]
    return examples, featurize(examples, tok, args.max_length, args.stride, titled=args.titles)


def adversarial_kinds(args) -> tuple:
    from qa.training.adversarial import DEFAULT_KINDS
    return tuple(getattr(args, "adversarial_kinds", None) or DEFAULT_KINDS)


def schedule(step: int, total: int, warmup: int, elapsed: float, budget: float, lr: float) -> float:
    frac = max(step / total, elapsed / budget if budget else 0.0)
    if step <= warmup:
        return lr * step / warmup
    return min(lr, lr * max(0.0, 1.0 - frac) / max(1e-9, 1.0 - warmup / total))


def train(args) -> dict:
    """Run one training; returns its log (also written to ``OUT/training.json``)."""
    import numpy as np
    import torch
    from tqdm import tqdm

    from qa.reader.models import choose_device
    from qa.training import distill

    torch.manual_seed(args.seed)
    if args.threads:
        torch.set_num_threads(args.threads)
    device = choose_device(torch, args.device)
    bf16 = device == "cuda" or args.bf16
    tok, model = load_trainable(args.base)
    model.to(device)
    frozen = getattr(args, "freeze_layers", 0) or 0
    trainable = freeze_bottom(model, frozen)
    t0 = time.time()
    examples, feats = prepare(args, tok)
    kinds = {k: sum(e.kind == k for e in examples) for k in ("answer", "other", "near_miss")}
    for k in sorted({e.kind for e in examples} - set(kinds)):  # adversarial kinds
        kinds[k] = sum(e.kind == k for e in examples)
    print(f"{len(examples)} examples {kinds} -> {len(feats)} features in {time.time() - t0:.0f}s", flush=True)
    targets: dict[int, np.ndarray] = {}
    if args.teacher:
        t_tok, t_model = load_trainable(args.teacher)
        t_feats = featurize(examples, t_tok, args.max_length + 1, args.stride, titled=args.titles)
        pairs = distill.match_teacher(feats, t_feats)
        t_model.to(device)
        t_logits = distill.teacher_targets(t_model, t_feats, list(pairs.values()), device, t_tok.pad_token_id,
                                           bf16=bf16, progress=True)
        targets = {s: t_logits[t] for s, t in pairs.items()}
        del t_model
        print(f"teacher targets for {len(targets)} of {len(feats)} features "
              f"({100 * len(targets) / max(1, len(feats)):.0f} % line up)", flush=True)
    lengths = [len(f.input_ids) for f in feats]
    batches = []
    for ep in range(math.ceil(args.epochs)):
        batches += make_batches(lengths, args.batch_size, args.seed + ep)
    total = int(len(batches) * args.epochs / math.ceil(args.epochs))
    if args.skip_batches:
        if args.skip_batches >= total:
            raise ValueError(f"--skip-batches {args.skip_batches} leaves nothing of {total} batches")
        batches, total = batches[args.skip_batches:total], total - args.skip_batches
    warmup = max(1, int(total * args.warmup))
    no_decay = ("bias", "LayerNorm.weight")
    params = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    groups = [{"params": [p for n, p in params if not any(x in n for x in no_decay)], "weight_decay": 0.01},
              {"params": [p for n, p in params if any(x in n for x in no_decay)], "weight_decay": 0.0}]
    opt = torch.optim.AdamW(groups, lr=args.lr)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    log = {"base": str(args.base), "teacher": str(args.teacher) if args.teacher else None,
           "train_file": str(args.train), "device": device, "bf16": bf16, "epochs": args.epochs, "lr": args.lr,
           "batch_size": args.batch_size, "max_length": args.max_length, "stride": args.stride,
           "warmup": args.warmup, "other_paragraph_fraction": args.negatives, "near_miss_fraction": args.near_miss,
           "adversarial_fraction": getattr(args, "adversarial", 0.0) or 0.0,
           "adversarial_kinds": list(adversarial_kinds(args)) if getattr(args, "adversarial", 0.0) else [],
           "examples": kinds, "features_total": len(feats), "teacher_aligned_features": len(targets),
           "hard_weight": args.hard_weight, "temperature": args.temperature, "titles": args.titles,
           "segments": args.segments, "frozen_layers": frozen, "trainable_parameters": trainable,
           "planned_steps": total, "time_budget_s": args.max_seconds,
           "skipped_batches": args.skip_batches, "seed": args.seed, "losses": []}
    prev = Path(args.base) / "training.json"
    if prev.exists():
        log["continued_from"] = json.loads(prev.read_text())
    start = time.time()
    seen = 0
    loss_avg = None

    def save(step: int, final: bool = False) -> None:
        model.save_pretrained(str(out))
        tok.save_pretrained(str(out))
        log.update({"steps_done": step, "features_seen": seen, "elapsed_s": round(time.time() - start),
                    "final": final, "last_loss": loss_avg})
        (out / "training.json").write_text(json.dumps(log, indent=2))

    model.train()
    bar = tqdm(total=total, desc="train", mininterval=30)
    last_save = start
    step = 0
    for step, b in enumerate(batches[:total], start=1):
        elapsed = time.time() - start
        if args.max_seconds and elapsed >= args.max_seconds:
            step -= 1
            break
        lr = schedule(step, total, warmup, elapsed, args.max_seconds, args.lr)
        for g in opt.param_groups:
            g["lr"] = lr
        rows = [feats[k] for k in b]
        batch = collate(rows, tok.pad_token_id, args.segments)
        inputs = {k: v.to(device) for k, v in batch.items() if k not in ("starts", "ends")}
        with torch.autocast(device, dtype=torch.bfloat16, enabled=bf16):
            res = model(**inputs)
        s_log, e_log = res.start_logits.float(), res.end_logits.float()
        hard = (torch.nn.functional.cross_entropy(s_log, batch["starts"].to(device))
                + torch.nn.functional.cross_entropy(e_log, batch["ends"].to(device))) / 2
        soft_rows = [r for r, k in enumerate(b) if k in targets]
        if soft_rows:
            soft = distill.soft_loss(s_log, e_log, soft_rows, [distill.positions(rows[r]) for r in soft_rows],
                                     [targets[b[r]] for r in soft_rows], args.temperature)
            loss = args.hard_weight * hard + (1 - args.hard_weight) * soft
        else:
            loss = hard
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        opt.zero_grad(set_to_none=True)
        seen += len(b)
        value = float(loss.item())
        loss_avg = value if loss_avg is None else 0.98 * loss_avg + 0.02 * value
        log["losses"].append(round(value, 4))
        bar.update(1)
        if step % 50 == 0:
            print(f"step {step}/{total} loss {loss_avg:.3f} lr {lr:.2e} "
                  f"{seen / (time.time() - start):.1f} feat/s", flush=True)
        if time.time() - last_save > args.save_every:
            save(step)
            last_save = time.time()
    bar.close()
    save(step, final=True)
    print(f"done: {step} steps, {seen} features, {time.time() - start:.0f}s", flush=True)
    return log


def export(model_dir: str | Path, out_dir: str | Path, int8: bool = False, name: str | None = None,
           segments: bool | None = None) -> Path:
    """Write a reader folder: fp16 safetensors (or the int8 form) + config + tokenizer + reader.json."""
    import torch

    from qa.reader.models import ReaderConfig, load_config, save_config
    from qa.reader.quantized import save_int8
    tok, model = load_trainable(model_dir)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    log_path = Path(model_dir) / "training.json"
    log = json.loads(log_path.read_text()) if log_path.exists() else {}
    if int8:
        model.config.save_pretrained(str(out))
        save_int8({k: v for k, v in model.state_dict().items()}, out)
    else:
        model.to(torch.float16).save_pretrained(str(out), safe_serialization=True)
    tok.save_pretrained(str(out))
    if log:
        (out / "training.json").write_text(json.dumps({k: v for k, v in log.items() if k != "losses"}, indent=2))
    if segments is None:
        segments = bool(log.get("segments", False))
    takes_types = getattr(model.config, "type_vocab_size", 0) > 0 and model.config.model_type != "mpnet"
    kind = "segments" if segments and takes_types else ("zeros" if takes_types else "none")
    old = load_config(out)
    save_config(out, ReaderConfig(name=name or old.name or out.name, token_type_ids=kind,
                                  threshold=old.threshold, calibration=old.calibration, int8_ok=old.int8_ok,
                                  notes={"threshold": "default; fit it with benchmarks/quality/abstention.py"}))
    return out
