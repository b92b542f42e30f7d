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
run runtime        $PY benchmarks/speed/runtime.py
for r in accurate fast; do
  run squad_dev_$r   $PY benchmarks/quality/squad_dev.py --reader $r --json benchmarks/out/squad_dev_$r.json \
                     --predictions benchmarks/out/squadfull-$r-predictions.json
  run squad_dev_${r}_1000 $PY benchmarks/quality/squad_dev.py --reader $r --limit 1000 --json benchmarks/out/squad_dev_${r}_1000.json
  run speed_$r       $PY benchmarks/speed/speed.py --reader $r --squad-questions 150 --rounds 2
  QA_READER_PRECISION=fp32 run speed_${r}_fp32 $PY benchmarks/speed/speed.py --reader $r --squad-questions 150 --rounds 2
done
run int8_storage   $PY benchmarks/quality/int8_storage.py --reader fast --limit 1000
run abstention     $PY benchmarks/quality/abstention.py --readers fast,accurate --write
run year_rule      $PY benchmarks/quality/year_rule.py benchmarks/data/train-v1.1.json benchmarks/data/dev-v1.1.json
run count_rule     $PY benchmarks/quality/count_rule.py benchmarks/data/train-v1.1.json benchmarks/data/dev-v1.1.json
# (--write stores the margin+overlap variant; the answer-kind variant is printed beside it.)
run shared_eval    .venv/bin/qa eval tests/data/questions.jsonl --out benchmarks/out/shared-eval
run regression     .venv/bin/qa eval tests/data/regression.jsonl --out benchmarks/out/regression-after
.venv/bin/qa index benchmarks/sets/fresh/corpus --out benchmarks/out/fresh-index --rebuild --quiet
run fresh_eval     .venv/bin/qa eval benchmarks/sets/fresh/questions.jsonl --index benchmarks/out/fresh-index --out benchmarks/out/fresh-eval
run sentence_split $PY benchmarks/quality/sentence_split.py
run rule_table     $PY benchmarks/quality/rule_table.py --squad 300
run adversarial    $PY benchmarks/quality/adversarial_sample.py
.venv/bin/qa index qa/data/corpus --out benchmarks/out/chat-index --rebuild --quiet
.venv/bin/qa index benchmarks/sets/blind/chat/corpus --out benchmarks/out/chat-index --quiet
run chat_tune      .venv/bin/qa eval benchmarks/sets/blind/chat/questions.jsonl --split tune --index benchmarks/out/chat-index --out benchmarks/out/chat-tune
run followup_latency $PY benchmarks/speed/followup_latency.py --index benchmarks/out/chat-index
run embed_speed    $PY benchmarks/speed/embed_speed.py paths
run embed_hits     $PY benchmarks/speed/embed_speed.py hits --limit 2000
# The blind sets (benchmarks/sets/blind/{news,manuals}, chat --split heldout) are run by hand, once before and once after a change.
run regression_by_type $PY benchmarks/quality/report_by_type.py benchmarks/out/regression-after/report.json tests/data/regression.jsonl
run scale          $PY benchmarks/speed/scale.py
rm -rf benchmarks/out/open-squad-2000/squad-index   # index the paragraphs afresh
run open_squad2000 .venv/bin/qa eval --squad benchmarks/data/dev-v1.1.json --limit 2000 --out benchmarks/out/open-squad-2000
mkdir -p benchmarks/out/open-squad-heldout && ln -sfn ../open-squad-2000/squad-index benchmarks/out/open-squad-heldout/squad-index
run open_squad_heldout .venv/bin/qa eval --squad benchmarks/data/dev-v1.1.json --limit 2000 --held-out --out benchmarks/out/open-squad-heldout
run retrieval_hits $PY benchmarks/quality/retrieval_hits.py
[ -x benchmarks/.venv-haystack/bin/python ] || bash benchmarks/side_by_side/setup_haystack.sh
run haystack       $PY benchmarks/side_by_side/haystack_side_by_side.py --reader accurate --squad-questions 300
run haystack_mpnet $PY benchmarks/side_by_side/haystack_side_by_side.py --reader accurate --no-cascade --squad-questions 300
bash benchmarks/sets/setup_pydoc.sh
run pydoc_full     $PY benchmarks/speed/pydoc_index.py --full
run pydoc_eval     .venv/bin/qa eval benchmarks/sets/pydoc_questions.jsonl --index benchmarks/out/pydoc-index-full --out benchmarks/out/eval-pydoc-full
run haystack_pydoc $PY benchmarks/side_by_side/haystack_pydoc.py
