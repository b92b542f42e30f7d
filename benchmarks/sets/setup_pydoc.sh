#!/usr/bin/env bash
# Install the second corpus for benchmarks/speed/pydoc_index.py: Debian's python3.11-doc (Python docs as HTML).
# Benchmark setup only; the tests never need it. Pages land in /usr/share/doc/python3.11/html.
set -euo pipefail
if [ ! -d /usr/share/doc/python3.11/html/library ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3.11-doc
fi

# Only the HTML pages (the package also ships the .rst sources as .txt under _sources/).
DEST="$(dirname "$0")/../data/pydoc-html"
rm -rf "$DEST"; mkdir -p "$DEST"
(cd /usr/share/doc/python3.11/html && find . -name '*.html' -print0 | xargs -0 cp --parents -L -t "$(realpath -m "$OLDPWD/$DEST")")
find "$DEST" -name '*.html' | wc -l
