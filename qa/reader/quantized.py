"""Compact int8 storage of reader weights: per-row int8 values with fp16 scales.

Format (the one ``../shared/models/RECIPE.md`` describes, used for the shipped
``accurate`` reader): the tensors of a checkpoint are spread over
``model-int8.0.safetensors``, ``model-int8.1.safetensors``, ... A 2-D tensor with
at least ``MIN_VALUES`` values is stored as ``NAME::q`` (int8, same shape) and
``NAME::s`` (fp16, one scale per row, shape ``[rows, 1]``), with
``value = q * s`` and ``s = absmax(row) / 127``; every other tensor is stored
under its own name in fp16. Shards stay under ``MAX_SHARD_BYTES`` so that each
file fits the size limits of git hosts and of the GPU machine's transfers.

``save_int8`` writes that form from a state dict, ``load_int8`` reads it back as
float32 tensors, and ``row_scales`` exposes the stored scales so an int8 runtime
can reuse exactly the stored integers. Leaves out: activation quantisation
(see ``qa.reader.models``), other bit widths.
"""

from __future__ import annotations

from pathlib import Path

MIN_VALUES = 500_000
MAX_SHARD_BYTES = 60 * 1024 * 1024
PATTERN = "model-int8.*.safetensors"


def is_int8_dir(path: str | Path) -> bool:
    return any(Path(path).glob(PATTERN))


def quantize_rows(weight):
    """(q int8, s fp16 [rows, 1]) with ``weight ~= q * s`` (per-row absmax / 127)."""
    import torch
    w = weight.detach().float()
    s = (w.abs().amax(dim=1, keepdim=True) / 127.0).clamp(min=1e-12)
    q = torch.clamp(torch.round(w / s), -127, 127).to(torch.int8)
    return q, s.to(torch.float16)


def save_int8(state_dict: dict, out_dir: str | Path, min_values: int = MIN_VALUES,
              max_shard_bytes: int = MAX_SHARD_BYTES) -> list[Path]:
    """Write ``state_dict`` in the int8 form into ``out_dir``; returns the shard paths."""
    import torch
    from safetensors.torch import save_file

    tensors: dict[str, "torch.Tensor"] = {}
    for name, t in state_dict.items():
        if t.ndim == 2 and t.numel() >= min_values and t.is_floating_point():
            q, s = quantize_rows(t)
            tensors[name + "::q"], tensors[name + "::s"] = q.contiguous(), s.contiguous()
        elif t.is_floating_point():
            tensors[name] = t.detach().to(torch.float16).contiguous()
        else:
            tensors[name] = t.detach().contiguous()
    shards: list[dict] = [{}]
    size = 0
    for name in sorted(tensors, key=lambda n: -tensors[n].numel() * tensors[n].element_size()):
        nbytes = tensors[name].numel() * tensors[name].element_size()
        if shards[-1] and size + nbytes > max_shard_bytes:
            shards.append({})
            size = 0
        shards[-1][name] = tensors[name]
        size += nbytes
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob(PATTERN):
        old.unlink()
    paths = []
    for i, shard in enumerate(shards):
        p = out / f"model-int8.{i}.safetensors"
        save_file(shard, str(p), metadata={"format": "pt", "qa_int8": "per-row"})
        paths.append(p)
    return paths


def _read_shards(model_dir: str | Path) -> dict:
    from safetensors.torch import load_file
    raw: dict = {}
    files = sorted(Path(model_dir).glob(PATTERN))
    if not files:
        raise FileNotFoundError(f"no {PATTERN} files in {model_dir}")
    for f in files:
        raw.update(load_file(str(f)))
    return raw


def load_int8(model_dir: str | Path) -> dict:
    """The float32 state dict stored in ``model_dir`` (``q * s`` for int8 tensors)."""
    raw = _read_shards(model_dir)
    state = {}
    for name, t in raw.items():
        if name.endswith("::s"):
            continue
        if name.endswith("::q"):
            base = name[:-3]
            state[base] = t.float() * raw[base + "::s"].float()
        else:
            state[name] = t.float() if t.is_floating_point() else t
    return state


def row_scales(model_dir: str | Path) -> dict:
    """``{tensor name: (q int8, s fp16)}`` for the tensors stored as int8."""
    raw = _read_shards(model_dir)
    return {n[:-3]: (t, raw[n[:-3] + "::s"]) for n, t in raw.items() if n.endswith("::q")}
