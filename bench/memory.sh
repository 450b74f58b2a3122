#!/usr/bin/env bash
# The memory estimate against the measured peak: every sample with its default settings, the
# full-scale microcircuit, and a model whose memory is one huge recording (bench/models/huge_recording.neuro),
# each run with `neuroc run` on the reference interpreter and on the cpu backend (with a cold kernel
# cache, so Roslyn compiles, and again warm). The estimate is the one neuroc computes before the run
# and writes into summary.json (memory_estimate_bytes); the peak is GNU time's maximum resident set size
# of the whole process (start-up, build, run, writing, and a kernel compilation the run outlived).
#
#   bench/memory.sh                                   # everything: ~1.5 h on 2 cores (distal_reward is an hour of model time)
#   bench/memory.sh --only "cuba brunel2000"          # some samples (names without .neuro; huge_recording is one)
#   bench/memory.sh --skip "distal_reward" --microcircuit-scale 0.1
#
# Options: --only NAMES, --skip NAMES, --backends "reference cpu" (default both), --microcircuit-scale S
#          (default 1; 0 leaves it out), --microcircuit-backends LIST (default "cpu": the interpreted
#          full-scale run takes long), --timeout SECONDS (per run, default 7200),
#          --neuroc PATH (default $NEUROC or src/NeuroCompiler.Cli/bin/Release/net10.0/neuroc).
# Writes bench/results/memory-<date>.md and .json and prints the table; exit status 1 if a run failed
# or an estimate is off the measured peak by more than 30 %. Does not build neuroc.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
NEUROC=${NEUROC:-"$ROOT/src/NeuroCompiler.Cli/bin/Release/net10.0/neuroc"}
ONLY=
SKIP=
BACKENDS="reference cpu"
MC_SCALE=1
MC_BACKENDS="cpu"
RUN_TIMEOUT=7200
MAX_WAIT=0   # memory does not depend on a quiet machine
cmdline="bench/memory.sh${*:+ $*}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --only) ONLY=$2; shift ;;
    --skip) SKIP=$2; shift ;;
    --backends) BACKENDS=$2; shift ;;
    --microcircuit-scale) MC_SCALE=$2; shift ;;
    --microcircuit-backends) MC_BACKENDS=$2; shift ;;
    --timeout) RUN_TIMEOUT=$2; shift ;;
    --neuroc) NEUROC=$2; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "memory.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

BENCH="$ROOT/bench"
STAMP=$(date +%Y%m%d-%H%M%S)
OUT_JSON="$BENCH/results/memory-$STAMP.json"
OUT_MD="$BENCH/results/memory-$STAMP.md"
WORK=$(mktemp -d /tmp/neuroc-memory-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$BENCH/results"
# shellcheck source=lib/common.sh
source "$BENCH/lib/common.sh"
[[ -x "$NEUROC" ]] || { echo "memory.sh: $NEUROC not found (dotnet build src/NeuroCompiler.Cli -c Release)" >&2; exit 1; }

wanted() {
  local name=$1
  [[ -z $ONLY || " $ONLY " == *" $name "* ]] && [[ " $SKIP " != *" $name "* ]]
}

# One case: NAME MODEL BACKEND CACHE [neuroc options...]. CACHE is "cold" (a fresh kernel cache) or "warm" (the case's cache from a cold run).
run_case() {
  local name=$1 model=$2 backend=$3 cache=$4; shift 4
  local id="$name--$backend--$cache"
  export NEUROC_CACHE="$WORK/cache-$name"
  [[ $cache == cold ]] && rm -rf "$NEUROC_CACHE"
  mkdir -p "$NEUROC_CACHE"
  run_timed "$id" "$NEUROC" run "$model" --backend "$backend" --quiet --out "$WORK/out-$id" "$@"
  cp "$WORK/out-$id/summary.json" "$WORK/summary-$id.json" 2>/dev/null || true
  rm -rf "$WORK/out-$id"
  printf '%s\t%s\t%s\t%s\t%s\n' "$id" "$name" "$backend" "$cache" "$*" >>"$WORK/cases.tsv"
}

run_model() {
  local name=$1 model=$2 backends=$3; shift 3
  local b
  for b in $backends; do
    if [[ $b == cpu ]]; then
      run_case "$name" "$model" cpu cold "$@"
      run_case "$name" "$model" cpu warm "$@"
    else
      run_case "$name" "$model" "$b" none "$@"
    fi
  done
}

machine_json "$WORK/machine.json" "command=$cmdline" "backends=$BACKENDS" "microcircuit_scale=$MC_SCALE" \
  "microcircuit_backends=$MC_BACKENDS" "timeout_s=$RUN_TIMEOUT" \
  "budget_gib=$(awk '/MemAvailable/{printf "%.1f", $2 / 1048576}' /proc/meminfo) available when the runs began"
: >"$WORK/cases.tsv"
for model in "$ROOT"/samples/*.neuro "$BENCH/models/huge_recording.neuro"; do
  name=$(basename "$model" .neuro)
  [[ $name == microcircuit ]] && continue
  wanted "$name" || continue
  log "$name"
  run_model "$name" "$model" "$BACKENDS"
done
if [[ $MC_SCALE != 0 ]] && wanted microcircuit; then
  log "microcircuit at scale $MC_SCALE"
  run_model microcircuit "$ROOT/samples/microcircuit.neuro" "$MC_BACKENDS" --set "scale=$MC_SCALE"
fi

rc=0
python3 "$BENCH/lib/memory_report.py" "$WORK" "$OUT_JSON" "$OUT_MD" || rc=$?
log "wrote $OUT_JSON and $OUT_MD"
exit $rc
