#!/usr/bin/env bash
# Potjans & Diesmann (2014) cortical microcircuit, samples/microcircuit.neuro, as a benchmark:
# 77,169 neurons and about 3.0e8 synapses at full scale, on neuroc's cpu backend.
#
#   bench/microcircuit.sh                              # full scale, 1 s simulated
#   bench/microcircuit.sh --scale 0.02 --duration 0.1  # a quick check of the script (~15 s)
#
# Options: --scale S (the model's `scale` param: population sizes; default 1), --duration SECONDS
#          (simulated, default 1), --backend cpu|reference (default cpu), --threads N (default:
#          neuroc's own choice), --seed N (default: the model's, 55), --transient MS (rates are
#          also given without the first MS ms, from the 1 ms rate recordings; default 100),
#          --warmup (an untimed 1-step run first, so that the timed run finds its kernels compiled;
#          off by default: at full scale the kernel compilation is ~2 s of a build of minutes, and the
#          warm-up would repeat that build), --no-warmup (the default),
#          --max-wait SECONDS (wait for a quiet machine before the timed run, default 10),
#          --timeout SECONDS (per run, default 3600; 0 = none),
#          --neuroc PATH (default $NEUROC or src/NeuroCompiler.Cli/bin/Release/net10.0/neuroc).
#
# Reports build time, simulation loop time, real-time factor, peak memory (neuroc's summary.json and
# GNU time's max RSS), synapses, bytes per synapse, synaptic events/s and the rate of every
# population next to approximate reference rates (NEST 2.x, full scale). Writes
# bench/results/microcircuit-<date>.json and .md and prints the tables. Exit status 1 if a run
# failed. Does not build neuroc. See bench/README.md.
set -euo pipefail

SCALE=1
DUR=1
BACKEND=cpu
THREADS=
SEED=
TRANSIENT_MS=100
WARMUP=0
MAX_WAIT=10
RUN_TIMEOUT=3600
ROOT=$(cd "$(dirname "$0")/.." && pwd)
NEUROC=${NEUROC:-"$ROOT/src/NeuroCompiler.Cli/bin/Release/net10.0/neuroc"}
cmdline="bench/microcircuit.sh${*:+ $*}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --scale) SCALE=$2; shift ;;
    --duration) DUR=$2; shift ;;
    --backend) BACKEND=$2; shift ;;
    --threads) THREADS=$2; shift ;;
    --seed) SEED=$2; shift ;;
    --transient) TRANSIENT_MS=$2; shift ;;
    --warmup) WARMUP=1 ;;
    --no-warmup) WARMUP=0 ;;
    --max-wait) MAX_WAIT=$2; shift ;;
    --timeout) RUN_TIMEOUT=$2; shift ;;
    --neuroc) NEUROC=$2; shift ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) echo "microcircuit.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
case "$BACKEND" in cpu|reference) ;; *) echo "microcircuit.sh: --backend is cpu or reference" >&2; exit 2 ;; esac
[[ $BACKEND == cpu ]] || WARMUP=0   # the reference interpreter compiles no kernels

# Reference rates (approximate, NEST 2.x full scale), spikes/s: Potjans & Diesmann (2014) Fig. 6
# and NEST's microcircuit example (pynest/examples/Potjans_2014), read off their figures and
# outputs, not computed here; a range where sources differ. Only a full-scale run (--scale 1) with
# the transient cut off is comparable with them.
REF_RATES="L23E=0.3-0.9,L23I=2.8,L4E=4.4,L4I=5.8,L5E=7.6,L5I=8.5,L6E=1.1,L6I=7.6"

BENCH="$ROOT/bench"
MODEL="$ROOT/samples/microcircuit.neuro"
STAMP=$(date +%Y%m%d-%H%M%S)
OUT_JSON="$BENCH/results/microcircuit-$STAMP.json"
OUT_MD="$BENCH/results/microcircuit-$STAMP.md"
WORK=$(mktemp -d /tmp/neuroc-microcircuit-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$BENCH/results"
# shellcheck source=lib/common.sh
source "$BENCH/lib/common.sh"

[[ -x "$NEUROC" ]] || { echo "microcircuit.sh: $NEUROC not found (dotnet build src/NeuroCompiler.Cli -c Release)" >&2; exit 1; }
"$NEUROC" check "$MODEL" >/dev/null

export NEUROC_CACHE="$WORK/kernel-cache"   # private; the warm-up fills it
mkdir -p "$NEUROC_CACHE"
run_opts=(--backend "$BACKEND" --set "scale=$SCALE")
[[ -z $THREADS ]] || run_opts+=(--threads "$THREADS")
[[ -z $SEED ]] || run_opts+=(--seed "$SEED")

machine_json "$WORK/machine.json" "command=$cmdline" "model=samples/microcircuit.neuro" \
  "scale=$SCALE" "duration_s=$DUR" "backend=$BACKEND" "threads=${THREADS:-neuroc default}" \
  "seed=${SEED:-model default}" "transient_ms=$TRANSIENT_MS" "warmup=$WARMUP" "max_wait_s=$MAX_WAIT" \
  "timeout_s=$RUN_TIMEOUT"

log "microcircuit: scale $SCALE, ${DUR} s simulated, backend $BACKEND, threads ${THREADS:-default}, warm-up $WARMUP"
if [[ $WARMUP == 1 ]]; then
  log "warm-up (one step; compiles the kernels, builds the connectivity)"
  run_timed warmup "$NEUROC" run "$MODEL" "${run_opts[@]}" --duration 0.1ms --out "$WORK/warmup" --quiet
fi
log "timed run, ${DUR} s"
run_timed run "$NEUROC" run "$MODEL" "${run_opts[@]}" --duration "${DUR}s" --out "$WORK/run" --quiet

rc=0
python3 "$BENCH/lib/microcircuit_report.py" "$WORK" "$OUT_JSON" "$OUT_MD" "$REF_RATES" || rc=$?
log "wrote $OUT_JSON and $OUT_MD"
exit $rc
