#!/usr/bin/env bash
# Scaling curve at fixed in-degree: bench/models/scaling.neuro (CUBA's neurons and synapses, every
# neuron with 64 excitatory + 16 inhibitory inputs) at growing sizes, one neuroc run per size.
#
#   bench/scaling.sh                              # 4k, 16k, 64k, 256k, 1M neurons, 1 s each, cpu backend
#   bench/scaling.sh --sizes 4000,16000 --duration 0.2
#
# Options: --sizes LIST (neurons, comma-separated; default 4000,16000,64000,256000,1024000),
#          --duration SECONDS (simulated, default 1), --backend cpu|reference (default cpu),
#          --threads N (default: neuroc's own choice), --seed N (default 1),
#          --no-warmup (no untimed 1-step run per size first: the timed run then compiles its
#          kernels, a cold kernel cache), --max-wait SECONDS (wait for a quiet machine before each
#          timed run, default 10), --timeout SECONDS (per run, default 3600; 0 = none),
#          --neuroc PATH (default $NEUROC or src/NeuroCompiler.Cli/bin/Release/net10.0/neuroc).
#
# Per size: neurons, synapses, bytes per synapse, build time (cold and warm kernel cache), set-up,
# simulation loop, real-time factor, synaptic events/s, mean rate and ISI CV, peak memory
# (neuroc's summary.json and GNU time's max RSS). Writes bench/results/scaling-<date>.json and .md
# and prints the table. Exit status 1 if a run failed. Does not build neuroc. See bench/README.md.
set -euo pipefail

SIZES=4000,16000,64000,256000,1024000
DUR=1
BACKEND=cpu
THREADS=
SEED=1
WARMUP=1
MAX_WAIT=10
RUN_TIMEOUT=3600
ROOT=$(cd "$(dirname "$0")/.." && pwd)
NEUROC=${NEUROC:-"$ROOT/src/NeuroCompiler.Cli/bin/Release/net10.0/neuroc"}
cmdline="bench/scaling.sh${*:+ $*}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sizes) SIZES=$2; shift ;;
    --duration) DUR=$2; shift ;;
    --backend) BACKEND=$2; shift ;;
    --threads) THREADS=$2; shift ;;
    --seed) SEED=$2; shift ;;
    --no-warmup) WARMUP=0 ;;
    --max-wait) MAX_WAIT=$2; shift ;;
    --timeout) RUN_TIMEOUT=$2; shift ;;
    --neuroc) NEUROC=$2; shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "scaling.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
case "$BACKEND" in cpu|reference) ;; *) echo "scaling.sh: --backend is cpu or reference" >&2; exit 2 ;; esac
[[ $BACKEND == cpu ]] || WARMUP=0   # the reference interpreter compiles no kernels

BENCH="$ROOT/bench"
MODEL="$BENCH/models/scaling.neuro"
STAMP=$(date +%Y%m%d-%H%M%S)
OUT_JSON="$BENCH/results/scaling-$STAMP.json"
OUT_MD="$BENCH/results/scaling-$STAMP.md"
WORK=$(mktemp -d /tmp/neuroc-scaling-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$BENCH/results"
# shellcheck source=lib/common.sh
source "$BENCH/lib/common.sh"

[[ -x "$NEUROC" ]] || { echo "scaling.sh: $NEUROC not found (dotnet build src/NeuroCompiler.Cli -c Release)" >&2; exit 1; }
"$NEUROC" check "$MODEL" >/dev/null

# A private kernel cache: the warm-up fills it; the timed run finds its kernels there.
export NEUROC_CACHE="$WORK/kernel-cache"
mkdir -p "$NEUROC_CACHE"
run_opts=(--backend "$BACKEND" --seed "$SEED")
[[ -z $THREADS ]] || run_opts+=(--threads "$THREADS")

machine_json "$WORK/machine.json" "command=$cmdline" "model=bench/models/scaling.neuro" \
  "sizes=$SIZES" "duration_s=$DUR" "backend=$BACKEND" "threads=${THREADS:-neuroc default}" "seed=$SEED" \
  "warmup=$WARMUP" "max_wait_s=$MAX_WAIT" "timeout_s=$RUN_TIMEOUT"

IFS=', ' read -r -a sizes <<<"$SIZES"
log "scaling: sizes ${sizes[*]}, ${DUR} s simulated, backend $BACKEND, threads ${THREADS:-default}, warm-up $WARMUP"
for n in "${sizes[@]}"; do
  if [[ $WARMUP == 1 ]]; then
    log "N = $n: warm-up (one step; compiles the kernels, builds the connectivity)"
    run_timed "warmup-$n" "$NEUROC" run "$MODEL" "${run_opts[@]}" --set "N_total=$n" --duration 0.1ms \
      --out "$WORK/warmup-$n" --quiet
  fi
  log "N = $n: timed run, ${DUR} s"
  run_timed "run-$n" "$NEUROC" run "$MODEL" "${run_opts[@]}" --set "N_total=$n" --duration "${DUR}s" \
    --out "$WORK/run-$n" --quiet
  rm -f "$WORK"/run-"$n"/*.csv "$WORK"/warmup-"$n"/*.csv
done

rc=0
python3 "$BENCH/lib/scaling_report.py" "$WORK" "$OUT_JSON" "$OUT_MD" "${sizes[@]}" || rc=$?
log "wrote $OUT_JSON and $OUT_MD"
exit $rc
