"""``qa train-reader``: fine-tune (or distil) an extractive reader on SQuAD v1.1.

``--recipe accurate`` and ``--recipe fast`` set every option to what made the
shipped readers (``qa/models/*/training.json``; MPNet-base teacher, then
MiniLM-L6 distilled from it); any option given on the command line wins.
``--export DIR`` only turns a training folder into a reader folder.
``--adversarial FRACTION`` adds adversarial examples (``qa.training.adversarial``;
``--adversarial-kinds`` picks the kinds); ``training.json`` records both.

Leaves out: hyper-parameter search, evaluation during training (run
``benchmarks/quality/squad_dev.py`` and ``benchmarks/quality/abstention.py`` on the export).
"""

from __future__ import annotations

import argparse
import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

# The shipped readers (../shared/models/RECIPE.md). "base"/"teacher" name folders made by the scripts.
RECIPES = {
    "accurate": {"base": "checkpoints/all-mpnet-base-v2", "epochs": 2, "batch_size": 64, "lr": 5e-5,
                 "warmup": 0.08, "negatives": 0.10, "near_miss": 0.15, "titles": True, "seed": 13},
    "fast": {"base": None, "teacher": "qa/models/accurate", "epochs": 4, "batch_size": 64, "lr": 1.2e-4,
             "warmup": 0.08, "negatives": 0.10, "near_miss": 0.15, "titles": True, "seed": 13,
             "hard_weight": 0.3, "temperature": 2.0},
}
DEFAULTS = {"base": None, "teacher": None, "epochs": 2.0, "batch_size": 32, "lr": 1e-4, "warmup": 0.05,
            "negatives": 0.10, "near_miss": 0.15, "titles": False, "seed": 13, "hard_weight": 0.3,
            "temperature": 2.0, "adversarial": 0.0}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="qa train-reader", description=__doc__.splitlines()[0])
    p.add_argument("--train", help="SQuAD v1.1 train-v1.1.json (bash scripts/get_squad.sh)")
    p.add_argument("--recipe", choices=sorted(RECIPES), help="the settings of a shipped reader")
    p.add_argument("--base", help="encoder or reader folder to start from (default: packaged all-MiniLM-L6-v2; "
                                  "bash scripts/get_mpnet_base.sh makes all-mpnet-base-v2)")
    p.add_argument("--teacher", help="reader folder whose logits the student learns (distillation)")
    p.add_argument("--out", default="checkpoints/reader", help="training folder (checkpoints, training.json)")
    p.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto",
                   help="auto: a CUDA GPU when present (bf16), else the CPU")
    p.add_argument("--epochs", type=float)
    p.add_argument("--lr", type=float)
    p.add_argument("--batch-size", type=int)
    p.add_argument("--max-length", type=int, default=256)
    p.add_argument("--stride", type=int, default=96)
    p.add_argument("--warmup", type=float, help="fraction of steps")
    p.add_argument("--negatives", type=float, help="fraction of questions given another paragraph (no answer)")
    p.add_argument("--near-miss", type=float, help="fraction of questions given their own paragraph without "
                                                   "the answer's sentence (no answer)")
    p.add_argument("--adversarial", type=float, metavar="FRACTION",
                   help="add this fraction of adversarial examples (qa.training.adversarial: questions perturbed so "
                        "the passage no longer answers them, and passages with a distractor sentence; spaCy); "
                        "default 0 = none")
    p.add_argument("--adversarial-kinds", metavar="KINDS",
                   help="comma list of adversarial kinds: adv_entity, adv_attribute, adv_negation, adv_time, "
                        "adv_distractor (the default) and the opt-in adv_count")
    p.add_argument("--hard-weight", type=float, help="with --teacher: weight of the label loss (rest: teacher's)")
    p.add_argument("--temperature", type=float, help="with --teacher: distillation temperature")
    p.add_argument("--max-examples", type=int, default=0, help="use only this many questions (0 = all)")
    p.add_argument("--max-seconds", type=float, default=0, help="time budget; 0 = none")
    p.add_argument("--save-every", type=float, default=900, help="seconds between checkpoints")
    p.add_argument("--threads", type=int, default=0, help="CPU threads (0 = torch's default)")
    p.add_argument("--freeze-layers", type=int, default=0, metavar="N",
                   help="keep the embeddings and the bottom N encoder layers fixed (faster on a CPU: MPNet-base "
                        "1.7 -> 2.3 examples/s with 8 frozen); 0 = train all")
    p.add_argument("--bf16", action="store_true", help="bf16 autocast on the CPU too (always on CUDA)")
    p.add_argument("--segments", action="store_true", help="pass BERT segment ids (token_type_ids)")
    p.add_argument("--seed", type=int)
    p.add_argument("--titles", action="store_true", default=None,
                   help="put each paragraph's article title before it (context only), as qa.Answerer does")
    p.add_argument("--skip-batches", type=int, default=0,
                   help="continue a run from --base: skip the batches it already trained on")
    p.add_argument("--export", metavar="DIR", help="only export OUT as a reader folder to DIR and exit")
    p.add_argument("--int8", action="store_true", help="with --export: store the weights int8 (per row)")
    p.add_argument("--name", help="with --export: the reader's name in reader.json")
    return p


def resolve(args) -> argparse.Namespace:
    """Fill unset options from the recipe, then from the defaults."""
    recipe = RECIPES.get(args.recipe, {})
    for key, default in DEFAULTS.items():
        if getattr(args, key, None) is None:
            setattr(args, key, recipe.get(key, default))
    if args.base is None:
        from qa.defaults import embedder_path
        args.base = str(embedder_path())
    text = getattr(args, "adversarial_kinds", None)
    if text is None or isinstance(text, str):
        from qa.training.adversarial import DEFAULT_KINDS, check_kinds
        args.adversarial_kinds = check_kinds(k.strip() for k in text.split(",") if k.strip()) if text else DEFAULT_KINDS
    for name in ("negatives", "near_miss", "warmup", "hard_weight", "adversarial"):
        v = getattr(args, name)
        if not 0.0 <= v <= 1.0:
            raise ValueError(f"--{name.replace('_', '-')} must be in [0, 1], got {v}")
    if args.epochs <= 0 or args.lr <= 0 or args.batch_size < 1:
        raise ValueError("--epochs, --lr and --batch-size must be positive")
    return args


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.export:
            from qa.training.loop import export
            print(export(args.out, args.export, int8=args.int8, name=args.name))
            return 0
        if not args.train:
            raise ValueError("--train FILE is needed (SQuAD v1.1 train json; bash scripts/get_squad.sh)")
        resolve(args)
        if args.adversarial:
            from qa.training.adversarial import load_nlp
            load_nlp()  # fail early when spaCy or its English pipeline is missing
        from pathlib import Path
        for name in ("base", "teacher"):
            path = getattr(args, name)
            if path and not (Path(path) / "config.json").is_file():
                hint = " (bash scripts/get_mpnet_base.sh)" if "mpnet" in str(path) else ""
                raise ValueError(f"--{name} {path} is not a model folder{hint}")
        from qa.training.loop import train
        train(args)
    except ValueError as e:
        print(f"qa train-reader: error: {e}")
        return 2
    return 0
