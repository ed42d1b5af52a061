#!/bin/bash
# Instructions executed per pipeline stage (callgrind inclusive Ir of each Stage::run) on the first 600 BBC
# articles (1.2 MB), one pass. Deterministic, so changes of a few per cent are visible on a noisy host where
# timings move by tens of per cent; the entities line includes the one-off model load.
# Usage (from the workspace root, ../shared beside it, valgrind installed):
#   cargo build --release -p pipeline --example stage_times && bash crates/pipeline/scripts/icount.sh [STAGE_TIMES]
set -euo pipefail
bin=${1:-${CARGO_TARGET_DIR:-target}/release/examples/stage_times}
corpus=$(mktemp /tmp/bbc600.XXXXXX.jsonl)
out=$(mktemp /tmp/cg.XXXXXX)
zcat ../shared/eval/bbc-news/bbc-2225.jsonl.gz | head -600 > "$corpus" || true
valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" "$corpus" --passes 1 >/dev/null 2>&1
callgrind_annotate --inclusive=yes "$out" 2>/dev/null | grep -E 'Stage>::run' \
  | sed -E 's#^ *([0-9,]+) .*<([a-z_]+)::.*#\2 \1#' \
  | awk 'seen[$1]++ {next} {gsub(",","",$2); printf "%-10s %8.1f M instructions\n", $1, $2/1e6; t+=$2} END {printf "%-10s %8.1f M instructions\n", "total", t/1e6}'
rm -f "$corpus"
echo "(per function: callgrind_annotate --inclusive=yes $out | head -60)"
