"""Where a reader's network runs: PyTorch, or ONNX Runtime on the CPU.

On a 2-core AVX-512 EPYC (benchmarks/RESULTS.md, first section), ONNX Runtime
runs the same fp32 network about twice as fast as PyTorch eager for
MPNet-base (one 192-token window: 109 ms against 217 ms) and 1.6 times for
the MiniLM reader, with logits equal to 1e-5 (``benchmarks/speed/runtime.py``). So ``runtime="auto"`` (the default,
``QA_READER_RUNTIME`` overrides) picks ``onnx`` for an fp32 reader on the CPU
when ``onnxruntime`` is installed, and ``torch`` otherwise (CUDA, bf16
autocast, int8 dynamic quantisation, or no onnxruntime).

The ONNX graph is exported from the loaded PyTorch model (a few seconds for
MPNet-base) and cached in ``$QA_CACHE_DIR`` (default
``~/.cache/qa/onnx``), keyed by a hash of the weights and of the torch and
onnxruntime versions, so later starts skip the export. The cache is written
atomically; when it cannot be written the export is kept in memory only.

Both runtimes take numpy inputs and give numpy ``(start_logits, end_logits)``.
Leaves out: ONNX int8 quantisation (int8 activations break MPNet, see
RESULTS.md), GPUs through ONNX Runtime.
"""

from __future__ import annotations

import hashlib
import io
import os
import warnings

import numpy as np

from qa.onnx_cache import cache_dir, cpu_session, write_atomic

RUNTIMES = ("auto", "torch", "onnx")
OPSET = 17


def onnxruntime_available() -> bool:
    try:
        import onnx  # noqa: F401  (torch's exporter writes the graph with it)
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def choose_runtime(runtime: str | None, device: str, precision: str) -> str:
    """``torch`` or ``onnx`` for a reader on ``device`` in ``precision`` (see the module doc)."""
    runtime = runtime or os.environ.get("QA_READER_RUNTIME", "auto")
    if runtime not in RUNTIMES:
        raise ValueError(f"runtime must be one of {', '.join(RUNTIMES)}, got {runtime!r}")
    if runtime == "onnx":
        if device != "cpu" or precision != "fp32":
            raise ValueError(f"runtime 'onnx' runs fp32 readers on the CPU; got device={device!r}, "
                             f"precision={precision!r} (use runtime 'torch' or 'auto')")
        if not onnxruntime_available():
            raise ImportError("runtime 'onnx' needs onnx and onnxruntime: pip install onnx onnxruntime")
        return "onnx"
    if runtime == "auto" and device == "cpu" and precision == "fp32" and onnxruntime_available():
        return "onnx"
    return "torch"


class TorchRunner:
    """The PyTorch module itself (any device, bf16 autocast when asked)."""

    name = "torch"

    def __init__(self, model, device: str, bf16: bool) -> None:
        self.model = model
        self.device = device
        self.bf16 = bf16

    def __call__(self, inputs: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        import torch
        feed = {k: torch.from_numpy(v).to(self.device) for k, v in inputs.items()}
        with torch.inference_mode(), torch.autocast(self.device, dtype=torch.bfloat16, enabled=self.bf16):
            out = self.model(**feed)
        return out.start_logits.float().cpu().numpy(), out.end_logits.float().cpu().numpy()


def model_key(model, input_names: list[str]) -> str:
    """Hash of the weights, the inputs and the versions that shape the exported graph."""
    import onnxruntime
    import torch
    h = hashlib.sha256(f"{torch.__version__}|{onnxruntime.__version__}|{OPSET}|{input_names}".encode())
    h.update(type(model).__name__.encode())
    for name, t in model.state_dict().items():
        h.update(name.encode())
        h.update(t.detach().cpu().contiguous().numpy())  # buffer protocol: no copy
    return h.hexdigest()[:24]


def export_onnx(model, input_names: list[str]) -> bytes:
    """The model as an ONNX graph (batch and length dynamic), in memory."""
    import torch
    example = {name: torch.zeros((1, 16), dtype=torch.long) for name in input_names}
    outputs = ["start_logits", "end_logits"]
    buf = io.BytesIO()
    with warnings.catch_warnings(), torch.inference_mode():
        warnings.simplefilter("ignore")  # the legacy exporter's deprecation and tracer notices
        torch.onnx.export(model, (), buf, kwargs=example, input_names=input_names, output_names=outputs,
                          dynamic_axes={n: {0: "batch", 1: "tokens"} for n in input_names + outputs},
                          opset_version=OPSET, dynamo=False)
    return buf.getvalue()


def cached_onnx(model, input_names: list[str]) -> bytes | str:
    """A path to the cached graph of ``model`` (exported and cached first if needed), or its bytes."""
    key = model_key(model, input_names)
    path = cache_dir() / f"{type(model).__name__}-{key}.onnx"
    if path.is_file():
        return str(path)
    data = export_onnx(model, input_names)
    write_atomic(path, data)  # when it cannot be written (read-only home, full disk): run from memory
    return data


class OnnxRunner:
    """The same network in an ONNX Runtime CPU session (``intra_op`` threads = torch's)."""

    name = "onnx"

    def __init__(self, model, input_names: list[str], threads: int | None = None) -> None:
        self.session = cpu_session(cached_onnx(model, input_names), threads)
        self.input_names = list(input_names)

    def __call__(self, inputs: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        feed = {k: inputs[k] for k in self.input_names}  # Reader._inputs gives contiguous int64 arrays
        start, end = self.session.run(["start_logits", "end_logits"], feed)
        return start, end
