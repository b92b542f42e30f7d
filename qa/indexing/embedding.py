"""Sentence embeddings with sentence-transformers, loaded offline from disk, on the fastest path that keeps them.

``Embedder`` wraps a local SentenceTransformer directory (by default the
packaged all-MiniLM-L6-v2; ``QA_EMBEDDER=/path`` or ``Embedder(path)`` picks
another, named after its folder in the index manifest) and returns L2-normalised float32 vectors, so an
inner-product FAISS index gives cosine similarity. Nothing is downloaded:
``HF_HUB_OFFLINE=1`` is set before the library is imported.

**Runtimes** (``runtime=`` or ``QA_EMBED_RUNTIME``, default ``auto``):

* ``torch-fp32`` — the SentenceTransformer network in PyTorch, fp32 (what every index was built with before);
* ``torch-bf16`` — a bf16 copy of the transformer (weights and activations; pooling in fp32);
* ``onnx-fp32`` — the same network exported to ONNX (cached in ``$QA_CACHE_DIR/onnx`` by a hash of the
  weights, as the readers' graphs are) in ONNX Runtime;
* ``onnx-int8`` — that graph with dynamically quantised int8 weights (``onnxruntime.quantization``).

``auto`` picks torch-bf16 on a CUDA GPU (``QA_DEVICE``) and on a CPU that computes bf16 natively
(avx512_bf16 / AMX), else torch-fp32; on the CPU it embeds single questions in ONNX Runtime fp32
(``query_runtime``; fp32 itself) when ``onnxruntime`` is installed. ``benchmarks/speed/embed_speed.py
paths``, 640 news chunks on a 2-core Xeon with AMX (shared with other jobs; quiet run, then a busy one
where CPU time per chunk is the steadier figure): sentence-transformers fp32 as before 60 chunks/s
(busy: 43.9 ms of CPU per chunk), torch-fp32 here 66 (37.6 ms), onnx-fp32 50 (38.2 ms), torch-bf16
196 (16.2 ms; 3.3x), bf16 by autocast over fp32 weights 160 (20.2 ms), onnx-int8 83 (20.8 ms); batch
64 (128 was 15 % slower quiet, 20 % faster busy). ONNX Runtime fp32 gives no batch speed on this CPU,
so ``auto`` keeps PyTorch fp32 where bf16 is not native; for one question ONNX wins: 6.7 ms against
8.4 ms quiet, 14.5 ms against 600 ms on two threads of the busy machine. On a 2-core AMD EPYC with AVX2
only (no bf16; busy, load 3-6), CPU ms per chunk: legacy 76.4, torch-fp32 62.4, onnx-fp32 53.0, onnx-int8
38.1, torch-bf16 398 (emulated bf16: five times slower, which is why ``auto`` asks for native bf16);
quiet, 3 rounds: legacy 22.9 chunks/s, torch-fp32 34.7 (1.5x), onnx-fp32 33.7, onnx-int8 41.6: ONNX fp32
gives nothing in batches there either, so ``auto`` stays PyTorch fp32 without native bf16 (one question:
torch-fp32 14.0 ms, onnx-fp32 7.1 ms, hence the ONNX query path).

**Vector families.** Vectors of one index must be comparable with the query vectors. torch-fp32,
torch-bf16 and onnx-fp32 give the same vectors (cosine to fp32: mean 0.99996, min 0.99991 for bf16 on
640 news chunks and 3,310 SQuAD chunks; 1.00000 for onnx-fp32): they form the family ``fp32`` and mix
freely (an index built in bf16 is queried in fp32, or grown on another machine). ``onnx-int8`` vectors
are further away (mean 0.9938, min 0.985): they form the family ``int8``, ``auto`` never picks it, and
the embedder then calls itself ``<model>+int8``, so an index built with them records that name and is
refused (``IndexMismatchError`` naming both paths, from ``qa.stores.base``) by an embedder of the
other family, and the other way round. Retrieval is the same either way (open-domain SQuAD, 2,000
questions: dense hit@5 0.866 fp32, 0.866 bf16, 0.868 int8; hybrid 0.930 each). ``manifest_info()``
is what the index manifest records about the path (``embedding``).

**Batching.** ``encode`` tokenizes all texts once, sorts them by token count, runs batches of
``batch_size`` texts padded only to the longest of their batch, and returns the vectors in the
original order.

Leaves out: query/document instruction prefixes, multi-process encoding, ONNX Runtime on GPUs.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import warnings
from pathlib import Path
from typing import Callable

import numpy as np

log = logging.getLogger(__name__)

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from qa.defaults import EMBED_FAMILY as FAMILY  # noqa: E402
from qa.defaults import EMBED_FAMILY_SUFFIX, EMBEDDER_NAME, embedder_family, embedder_path  # noqa: E402
from qa.defaults import EMBED_RUNTIMES as RUNTIMES  # noqa: E402
from qa.errors import ModelNotFoundError  # noqa: E402
from qa.onnx_cache import cache_dir, cpu_session, write_atomic  # noqa: E402

PRECISION = {"torch-fp32": "fp32", "torch-bf16": "bf16", "onnx-fp32": "fp32", "onnx-int8": "int8"}
INPUT_NAMES = ("input_ids", "attention_mask", "token_type_ids")
OPSET = 17


def cpu_flags() -> set[str]:
    """The CPU's feature flags from /proc/cpuinfo (empty where there is none)."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def native_bf16_cpu() -> bool:
    """True when the CPU computes bf16 natively (AVX512-BF16 or AMX); emulated bf16 is slower than fp32."""
    flags = cpu_flags()
    if flags:
        return bool({"avx512_bf16", "amx_bf16"} & flags)
    try:  # no /proc/cpuinfo: ask oneDNN
        import torch
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported()) and bool(
            getattr(torch.backends.cpu, "get_cpu_capability", lambda: "")() in ("AVX512_BF16", "AMX"))
    except Exception:  # noqa: BLE001 - depends on the torch build
        return False


def onnxruntime_available() -> bool:
    try:
        import onnx  # noqa: F401  (torch's exporter writes the graph with it)
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def choose_runtime(runtime: str | None = None, device: str = "cpu") -> str:
    """The concrete runtime for ``runtime`` (``auto`` or a name of ``RUNTIMES``) on ``device``."""
    runtime = runtime or os.environ.get("QA_EMBED_RUNTIME") or "auto"
    if runtime not in RUNTIMES:
        raise ValueError(f"embedder runtime must be one of {', '.join(RUNTIMES)}, got {runtime!r} "
                         f"(argument or QA_EMBED_RUNTIME)")
    if runtime.startswith("onnx"):
        if device != "cpu":
            raise ValueError(f"embedder runtime {runtime!r} runs on the CPU; the device is {device!r} "
                             f"(use QA_DEVICE=cpu, or a torch-* runtime on the GPU)")
        if not onnxruntime_available():
            raise ImportError(f"embedder runtime {runtime!r} needs onnx and onnxruntime: pip install onnx onnxruntime")
        return runtime
    if runtime != "auto":
        return runtime
    if device == "cuda" or native_bf16_cpu():
        return "torch-bf16"
    return "torch-fp32"  # ONNX Runtime fp32 was slower in batches (0.75x); it embeds the questions


#: Texts every path other than torch-fp32 embeds once, before its first use, to check its vectors against fp32.
PROBE_TEXTS = (
    "Where did the 2022 South-South forum take place?",
    "Neil Armstrong",
    "The International Forum on South-South Cooperation and Trade in Services was held in Beijing on "
    "September 2, 2022. Ambassadors, officials and business leaders from 30 countries attended; the "
    "forum was co-organized by the China Association of Trade in Services and the UN Office for "
    "South-South Cooperation (UNOSSC), and 76 people took part online.",
    "pandas.DataFrame.merge(right, how='inner', on=None) -> DataFrame: merge with a database-style join.",
)
MIN_COSINE = 0.999  # a path of the fp32 family must stay this close to fp32 on every probe text


class Embedder:
    """A sentence-transformers model on the chosen runtime; ``encode`` gives normalised float32 rows.

    ``runtime`` is the path for ``encode`` (indexing); ``query_runtime`` the one for ``encode_query``:
    the same, except that ``auto`` on the CPU embeds single questions in ONNX Runtime fp32 when it is
    installed (one question: 5 ms there against 10 ms in PyTorch on one thread and 200-400 ms on two
    threads of a busy machine, measured; the same vectors as fp32). Before its first use a path other
    than torch-fp32 embeds ``PROBE_TEXTS`` and compares them with fp32 (``cosine_to_fp32``): a path of
    the fp32 family below ``MIN_COSINE`` (another model than the packaged one could break in bf16) is
    replaced by fp32 when it was chosen by ``auto``, and refused with a ``ValueError`` when forced.
    """

    def __init__(self, model_path: str | Path | None = None, name: str | None = None,
                 batch_size: int | None = None, runtime: str | None = None, device: str | None = None) -> None:
        path = Path(model_path) if model_path else embedder_path()
        if not (path / "config.json").is_file():
            raise ModelNotFoundError(f"no sentence-transformers model at {path} (config.json missing)")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as e:  # pragma: no cover - declared dependency
            raise ImportError("Embedding needs sentence-transformers: pip install sentence-transformers") from e
        wanted = runtime or os.environ.get("QA_EMBED_RUNTIME") or "auto"
        if wanted.startswith("onnx") and device is None and os.environ.get("QA_DEVICE", "auto") == "auto":
            device = "cpu"  # ONNX Runtime runs on the CPU even when a GPU is there
        import torch

        from qa.reader.models import choose_device  # QA_DEVICE=auto|cpu|cuda, as for the readers
        self.device = choose_device(torch, device or os.environ.get("QA_DEVICE") or "auto")
        self.auto = wanted == "auto"
        self._set_runtime(choose_runtime(wanted, self.device))
        self.path = path
        packaged = model_path is None and not os.environ.get("QA_EMBEDDER")
        base = name or (EMBEDDER_NAME if packaged else path.name)
        base, _ = embedder_family(base)  # a name handed over from a manifest may carry a family
        self.model_name = base
        self.name = base + EMBED_FAMILY_SUFFIX[self.family]
        self.batch_size = batch_size or 64  # measured: 64 beats 128 on a quiet machine (the other way when busy)
        self.model = SentenceTransformer(str(path), device=self.device, local_files_only=True)
        self.model.eval()
        self.dim = int(self.model.get_embedding_dimension()
                       if hasattr(self.model, "get_embedding_dimension")
                       else self.model.get_sentence_embedding_dimension())
        self._sessions: dict = {}  # ONNX Runtime sessions by runtime, made on first use
        self._bf16 = None  # torch-bf16: a bf16 copy of the transformer, made on first use
        #: torch-bf16 by autocast over fp32 weights instead (measured slower: the casts around each layer)
        self.bf16_autocast = False
        self.cosine_to_fp32: float | None = None  # measured on PROBE_TEXTS before the first use

    def _set_runtime(self, runtime: str) -> None:
        self.runtime = runtime
        self.precision = PRECISION[runtime]
        self.family = FAMILY[runtime]
        cpu_onnx = self.auto and self.device == "cpu" and self.family == "fp32" and onnxruntime_available()
        self.query_runtime = "onnx-fp32" if cpu_onnx else runtime

    def __repr__(self) -> str:
        return (f"Embedder({self.name!r}, runtime={self.runtime!r}, query_runtime={self.query_runtime!r}, "
                f"device={self.device!r})")

    @property
    def max_seq_length(self) -> int:
        return int(self.model.max_seq_length)

    def manifest_info(self) -> dict:
        """What an index manifest records about how its vectors were made."""
        self.check_path()
        return {"runtime": self.runtime, "precision": self.precision, "device": self.device,
                "family": self.family, "cosine_to_fp32": round(float(self.cosine_to_fp32), 6)}

    def check_path(self) -> float:
        """The smallest cosine to fp32 of this path's vectors of ``PROBE_TEXTS`` (measured once; see the class)."""
        if self.cosine_to_fp32 is not None:
            return self.cosine_to_fp32
        if self.runtime == "torch-fp32":
            self.cosine_to_fp32 = 1.0
            return 1.0
        ref = self._encode(list(PROBE_TEXTS), "torch-fp32")
        cos = float(np.min(np.sum(self._encode(list(PROBE_TEXTS), self.runtime) * ref, axis=1)))
        if self.family == "fp32" and cos < MIN_COSINE:
            if not self.auto:
                raise ValueError(
                    f"embedder path {self.runtime!r} gives vectors of {self.model_name} with cosine {cos:.4f} to "
                    f"fp32 on this machine, below {MIN_COSINE}: they would not match fp32 vectors. Use "
                    f"QA_EMBED_RUNTIME=torch-fp32 (or onnx-fp32).")
            onnx_ok = self.device == "cpu" and onnxruntime_available() and self.runtime != "onnx-fp32"
            fallback = "onnx-fp32" if onnx_ok else "torch-fp32"  # torch-fp32 is fp32 itself: the end
            log.warning("embedder path %s gives vectors with cosine %.4f to fp32 on this machine; using %s",
                        self.runtime, cos, fallback)
            self._set_runtime(fallback)
            self.cosine_to_fp32 = None
            return self.check_path()
        self.cosine_to_fp32 = cos
        return cos

    # ---- encoding -------------------------------------------------------
    def tokenize(self, texts: list[str]) -> tuple[list[list[int]], list[list[int]] | None]:
        """Token ids (truncated to ``max_seq_length``, special tokens added) and token type ids, unpadded."""
        tok = self.model.tokenizer
        enc = tok(list(texts), truncation=True, max_length=self.max_seq_length, padding=False,
                  return_attention_mask=False)
        return enc["input_ids"], enc.get("token_type_ids")

    def encode(self, texts: list[str], progress: bool = False,
               on_batch: Callable[[int], None] | None = None) -> np.ndarray:
        """Normalised vectors of ``texts`` (rows in the order given), batched by token length.

        ``on_batch(n)`` is called after each batch with the number of texts it held; ``progress``
        shows a bar when no callback is given.
        """
        if not len(texts):
            return np.zeros((0, self.dim), dtype=np.float32)
        self.check_path()
        bar = None
        if progress and on_batch is None:
            from tqdm import tqdm
            bar = tqdm(total=len(texts), unit="text", desc="embedding")
            on_batch = bar.update
        try:
            return self._encode(list(texts), self.runtime, on_batch)
        finally:
            if bar is not None:
                bar.close()

    def encode_query(self, text: str) -> np.ndarray:
        """One question's vector, by ``query_runtime``."""
        return self.encode_queries([text])[0]

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        """Questions' vectors, by ``query_runtime`` (for a server that embeds the questions arriving together)."""
        if texts and self.query_runtime != self.runtime and self.query_runtime == "onnx-fp32":
            return self._encode(list(texts), self.query_runtime)  # fp32 itself: nothing to check
        return self.encode(texts)

    def _encode(self, texts: list[str], runtime: str, on_batch: Callable[[int], None] | None = None) -> np.ndarray:
        n = len(texts)
        ids, types = self.tokenize(texts)
        lengths = np.fromiter((len(x) for x in ids), dtype=np.int64, count=n)
        order = np.argsort(-lengths, kind="stable")  # longest first: the biggest batch shows its memory at once
        out = np.empty((n, self.dim), dtype=np.float32)
        pad = self.model.tokenizer.pad_token_id or 0
        for s in range(0, n, self.batch_size):
            rows = order[s:s + self.batch_size]
            width = int(lengths[rows[0]])
            input_ids = np.full((len(rows), width), pad, dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            token_types = np.zeros((len(rows), width), dtype=np.int64)
            for j, r in enumerate(rows):
                m = int(lengths[r])
                input_ids[j, :m] = ids[r]
                mask[j, :m] = 1
                if types is not None:
                    token_types[j, :m] = types[r]
            out[rows] = self._run({"input_ids": input_ids, "attention_mask": mask, "token_type_ids": token_types},
                                  runtime)
            if on_batch is not None:
                on_batch(len(rows))
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
        return out

    def _run(self, feed: dict[str, np.ndarray], runtime: str) -> np.ndarray:
        if runtime.startswith("onnx"):
            session = self._sessions.get(runtime) or self._make_session(runtime)
            names = [i.name for i in session.get_inputs()]
            return session.run(["sentence_embedding"], {k: feed[k] for k in names})[0]
        import torch
        feats = {k: torch.from_numpy(v).to(self.device) for k, v in feed.items()}
        bf16 = runtime == "torch-bf16"
        with torch.inference_mode(), torch.autocast(self.device, dtype=torch.bfloat16,
                                                    enabled=bf16 and self.bf16_autocast):
            if bf16 and not self.bf16_autocast:
                modules = list(self.model)
                feats = self._bf16_transformer()(feats)  # the transformer in bf16; pooling and the rest in fp32
                feats["token_embeddings"] = feats["token_embeddings"].float()
                for module in modules[1:]:
                    feats = module(feats)
            else:
                feats = self.model(feats)
        return feats["sentence_embedding"].float().cpu().numpy()

    def _bf16_transformer(self):
        """A bf16 copy of the transformer module (the fp32 one stays: probes, ONNX export, fp32 queries)."""
        if self._bf16 is None:
            import copy

            import torch
            self._bf16 = copy.deepcopy(self.model[0]).to(torch.bfloat16).eval()
        return self._bf16

    # ---- ONNX Runtime -----------------------------------------------------
    def _make_session(self, runtime: str):
        session = cpu_session(onnx_graph(self.model, int8=runtime == "onnx-int8"))
        self._sessions[runtime] = session
        return session


class _SentenceGraph:
    """A torch module computing ``sentence_embedding`` from the three token tensors (for the export)."""

    def __new__(cls, st_model):
        import torch

        class SentenceGraph(torch.nn.Module):
            def __init__(self, st):
                super().__init__()
                self.st = st

            def forward(self, input_ids, attention_mask, token_type_ids):
                feats = {"input_ids": input_ids, "attention_mask": attention_mask, "token_type_ids": token_type_ids}
                return self.st(feats)["sentence_embedding"]

        return SentenceGraph(st_model)


def _graph_key(st_model) -> str:
    """Hash of the weights, the module layout (pooling etc.) and the versions that shape the graph."""
    import onnxruntime
    import torch
    h = hashlib.sha256(f"embedder|{torch.__version__}|{onnxruntime.__version__}|{OPSET}|{INPUT_NAMES}".encode())
    h.update(repr(st_model).encode())
    for name, t in st_model.state_dict().items():
        h.update(name.encode())
        h.update(t.detach().cpu().float().contiguous().numpy())  # buffer protocol: no copy
    return h.hexdigest()[:24]


def _export(st_model) -> bytes:
    import io

    import torch
    module = _SentenceGraph(st_model).cpu().eval()
    example = tuple(torch.ones((1, 16), dtype=torch.long) for _ in INPUT_NAMES)
    buf = io.BytesIO()
    with warnings.catch_warnings(), torch.inference_mode():
        warnings.simplefilter("ignore")  # the legacy exporter's deprecation and tracer notices
        torch.onnx.export(module, example, buf, input_names=list(INPUT_NAMES), output_names=["sentence_embedding"],
                          dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in INPUT_NAMES},
                                        "sentence_embedding": {0: "batch"}},
                          opset_version=OPSET, dynamo=False)
    return buf.getvalue()


def _quantize(fp32: bytes) -> bytes:
    """Dynamic int8 quantisation (int8 weights per output channel, uint8 activations) of MatMul/Gemm."""
    from onnxruntime.quantization import QuantType, quantize_dynamic
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "fp32.onnx", Path(tmp) / "int8.onnx"
        src.write_bytes(fp32)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            logging.disable(logging.WARNING)  # "consider pre-processing": a note for image models
            try:
                quantize_dynamic(str(src), str(dst), weight_type=QuantType.QInt8, per_channel=True,
                                 op_types_to_quantize=["MatMul", "Gemm"])
            finally:
                logging.disable(logging.NOTSET)
        return dst.read_bytes()


def onnx_graph(st_model, int8: bool = False) -> bytes | str:
    """A path to the cached ONNX graph of ``st_model`` (exported, and quantised, first if needed), or its bytes."""
    key = _graph_key(st_model)
    path = cache_dir() / f"embedder-{key}{'-int8' if int8 else ''}.onnx"
    if path.is_file():
        return str(path)
    fp32_path = cache_dir() / f"embedder-{key}.onnx"
    data = fp32_path.read_bytes() if int8 and fp32_path.is_file() else _export(st_model)
    if int8:
        if not fp32_path.is_file():
            write_atomic(fp32_path, data)
        data = _quantize(data)
    return str(path) if write_atomic(path, data) else data
