#!/usr/bin/env bash
# Fresh machine -> working chat: install, build the default index, answer a sample question, start the web chat.
# Pass --no-serve to stop after the sample answer.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export HF_HUB_OFFLINE=1
.venv/bin/qa index                      # sample corpus -> index/
.venv/bin/qa ask "who attended the 2022 South-South forum"
if [ "${1:-}" != "--no-serve" ]; then
  .venv/bin/qa serve                    # http://127.0.0.1:7860
fi
