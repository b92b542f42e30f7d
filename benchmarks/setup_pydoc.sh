#!/usr/bin/env bash
# Install the second corpus for benchmarks/pydoc.py: Debian's python3.11-doc (Python docs as HTML).
# Benchmark setup only; the tests never need it. Pages land in /usr/share/doc/python3.11/html.
set -euo pipefail
if [ ! -d /usr/share/doc/python3.11/html/library ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3.11-doc
fi
find /usr/share/doc/python3.11/html -name '*.html' | wc -l
