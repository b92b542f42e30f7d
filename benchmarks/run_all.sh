#!/usr/bin/env bash
# Run every benchmark in turn; outputs go to benchmarks/out/<name>.txt (figures copied into RESULTS.md by hand).
set -uo pipefail
cd "$(dirname "$0")/.."
export HF_HUB_OFFLINE=1
bash scripts/get_squad.sh >/dev/null
mkdir -p benchmarks/out
PY=.venv/bin/python
run() { local name=$1; shift; echo "== $name: $*"; "$@" > "benchmarks/out/$name.txt" 2> "benchmarks/out/$name.err"; tail -30 "benchmarks/out/$name.txt"; }
.venv/bin/qa index --quiet
run squad_dev      $PY benchmarks/squad_dev.py --json benchmarks/out/squad_dev.json
run squad_dev_fp32_3000    $PY benchmarks/squad_dev.py --limit 3000 --precision fp32 --json benchmarks/out/squad_dev_fp32_3000.json
run squad_dev_bf16_3000    $PY benchmarks/squad_dev.py --limit 3000 --json benchmarks/out/squad_dev_bf16_3000.json
run squad_dev_notitles_3000 $PY benchmarks/squad_dev.py --limit 3000 --no-titles --json benchmarks/out/squad_dev_notitles_3000.json
run rerank_sweep   $PY benchmarks/rerank_sweep.py
run rerank_sweep_heldout $PY benchmarks/rerank_sweep.py --held-out --weights 0,8
run shared_eval    .venv/bin/qa eval tests/data/questions.jsonl --out benchmarks/out/shared-eval
run speed          $PY benchmarks/speed.py
run scale          $PY benchmarks/scale.py
rm -rf benchmarks/out/open-squad-2000/squad-index   # index the paragraphs afresh
run open_squad2000 .venv/bin/qa eval --squad benchmarks/data/dev-v1.1.json --limit 2000 --out benchmarks/out/open-squad-2000
run retrieval_hits $PY benchmarks/retrieval_hits.py
[ -x benchmarks/.venv-haystack/bin/python ] || bash benchmarks/setup_haystack.sh
run haystack       $PY benchmarks/haystack_side_by_side.py --squad-questions 300
