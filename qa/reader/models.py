"""Which reader model to load, from where, on which device and in which precision.

A reader is named ``"accurate"`` (MPNet-base, stored int8 in ``qa/models/accurate``),
``"fast"`` (MiniLM-L6 distilled from it, fp16 in ``qa/models/fast``) or given as a
folder holding an ``AutoModelForQuestionAnswering`` checkpoint. A folder may
hold ``reader.json`` with the reader's own settings (``ReaderConfig``): how it
takes ``token_type_ids``, its answer threshold and its score calibration,
all measured for that model (``benchmarks/quality/abstention.py``).

Device: a CUDA GPU when one is present (bf16 autocast), else the CPU. CPU
precision ``auto``: bf16 autocast where the CPU computes bf16 natively,
otherwise int8 dynamic quantisation of the linear layers when the reader's
config says it keeps quality (measured), else fp32.

Which runtime runs the network (PyTorch or ONNX Runtime) is ``qa.reader.runtime``'s choice.

Leaves out: multi-GPU.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, fields
from pathlib import Path

from qa.defaults import PACKAGE_DIR
from qa.errors import ModelNotFoundError

MODELS_DIR = PACKAGE_DIR / "models"
READERS = ("accurate", "fast")
DEFAULT_READER = "accurate"
PRECISIONS = ("auto", "fp32", "bf16", "int8")
DEVICES = ("auto", "cpu", "cuda")
TOKEN_TYPES = ("segments", "zeros", "none")


@dataclass(frozen=True)
class ReaderConfig:
    """Per-model settings, read from ``reader.json`` beside the weights.

    ``token_type_ids``: ``segments`` (BERT's 0/1 question/passage ids), ``zeros``
    (a model trained without them), ``none`` (a model that takes none, MPNet).
    ``threshold``: the answer threshold on the calibrated score.
    ``calibration``: weights of ``score = sigmoid(margin * m + overlap * o + bias)``
    (``qa.answering.scoring``). ``int8_ok``: int8 dynamic quantisation keeps quality on CPU.
    Staged reading (``qa.reader.staged``): the reader first reads the ``first``
    passages (0 = all at once); when no span's margin reaches ``sure_margin`` it
    reads ``more`` further ones (0 = all the rest).
    """

    name: str = ""
    token_type_ids: str = "segments"
    threshold: float = 0.5
    calibration: dict = field(default_factory=lambda: {"margin": 1.0, "overlap": 0.0, "bias": 0.0})
    int8_ok: bool = False
    first: int = 0
    more: int = 0
    sure_margin: float = 8.0
    notes: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.token_type_ids not in TOKEN_TYPES:
            raise ValueError(f"token_type_ids must be one of {', '.join(TOKEN_TYPES)}, got {self.token_type_ids!r}")
        if not 0.0 <= float(self.threshold) <= 1.0:
            raise ValueError(f"threshold must be in [0, 1], got {self.threshold!r}")
        for name in ("first", "more"):
            if not isinstance(getattr(self, name), int) or getattr(self, name) < 0:
                raise ValueError(f"{name} must be an int >= 0, got {getattr(self, name)!r}")


def resolve_reader(spec: str | Path | None) -> Path:
    """The folder of a reader given by name (``accurate``/``fast``) or path; ``QA_READER`` when None."""
    spec = spec if spec not in (None, "") else os.environ.get("QA_READER") or DEFAULT_READER
    if str(spec) in READERS:
        path = MODELS_DIR / str(spec)
    else:
        path = Path(spec)
        if not path.exists() and os.sep not in str(spec) and "/" not in str(spec):
            raise ValueError(f"reader must be one of {', '.join(READERS)} or a model folder, got {str(spec)!r}")
    if not (path / "config.json").is_file():
        raise ModelNotFoundError(
            f"no reader model at {path} (config.json missing). Readers: {', '.join(READERS)}, "
            f"or a folder written by `qa train-reader --export`.")
    return path


def load_config(path: str | Path) -> ReaderConfig:
    p = Path(path) / "reader.json"
    if not p.is_file():
        return ReaderConfig(name=Path(path).name)
    data = json.loads(p.read_text())
    known = {f.name for f in fields(ReaderConfig)}
    return ReaderConfig(**{k: v for k, v in data.items() if k in known})


def save_config(path: str | Path, config: ReaderConfig) -> None:
    from dataclasses import asdict
    (Path(path) / "reader.json").write_text(json.dumps(asdict(config), indent=2) + "\n")


def native_bf16(torch) -> bool:
    """True when this CPU computes bf16 natively (emulated bf16 would be slower than fp32)."""
    try:
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):  # pragma: no cover - depends on the torch build
        return False


def choose_device(torch, device: str | None) -> str:
    device = device or os.environ.get("QA_DEVICE", "auto")
    if device not in DEVICES:
        raise ValueError(f"device must be one of {', '.join(DEVICES)}, got {device!r}")
    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cuda" and not torch.cuda.is_available():
        raise ValueError("device 'cuda' was asked for but torch sees no CUDA GPU; use 'auto' or 'cpu'")
    return device


def choose_precision(torch, precision: str | None, device: str, config: ReaderConfig) -> str:
    precision = precision or os.environ.get("QA_READER_PRECISION", "auto")
    if precision not in PRECISIONS:
        raise ValueError(f"precision must be one of {', '.join(PRECISIONS)}, got {precision!r}")
    if device == "cuda":
        return "fp32" if precision == "fp32" else "bf16"  # int8 dynamic quantisation is CPU-only
    if precision != "auto":
        return precision
    if native_bf16(torch):
        return "bf16"
    return "int8" if config.int8_ok else "fp32"


def load_model(path: Path):
    """The float32 ``AutoModelForQuestionAnswering`` stored in ``path`` (int8 shards or a checkpoint)."""
    import torch
    from transformers import AutoConfig, AutoModelForQuestionAnswering

    from qa.reader.quantized import is_int8_dir, load_int8
    if is_int8_dir(path):
        model = AutoModelForQuestionAnswering.from_config(AutoConfig.from_pretrained(str(path)),
                                                          dtype=torch.float32)
        missing, unexpected = model.load_state_dict(load_int8(path), strict=False)
        missing = [k for k in missing if not k.endswith("position_ids")]
        if missing or unexpected:
            raise ModelNotFoundError(f"int8 weights in {path} do not fit its config: missing {missing[:3]}, "
                                     f"unexpected {unexpected[:3]}")
        if getattr(model.config, "tie_word_embeddings", False):
            model.tie_weights()
    else:
        model = AutoModelForQuestionAnswering.from_pretrained(str(path), dtype=torch.float32)
    return model.eval()


def quantize_int8(model):
    """Linear layers as int8 dynamic-quantised ones (per output channel weights; activations per batch)."""
    import warnings

    import torch
    from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the eager API's deprecation notice
        return quantize_dynamic(model, {torch.nn.Linear: per_channel_dynamic_qconfig}, dtype=torch.qint8)
