#!/usr/bin/env bash
# The GPU checks, in one run on a machine with an NVIDIA GPU (see stage.sh for how it gets there):
#   1. neuroc verify --backend gpu on every sample (the big ones shrunk as in the test suite), on CUDA:
#      the whole run bit for bit against the reference interpreter;
#   2. timings on the GPU and, for the ratio, on the machine's CPUs: CUBA 10 s, COBA 5 s, the
#      Potjans-Diesmann microcircuit at full scale for 1 s (real-time factor);
#   3. report.md and the runs' summary.json files in $OUT.
# Options: --device cpu-accelerator (try the script here, on ILGPU's CPU emulator, tiny sizes),
#          --quick (verify only).
set -uo pipefail
cd "$(dirname "$0")/../.."
DEVICE=cuda
QUICK=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --device) DEVICE=$2; shift ;;
    --quick) QUICK=1 ;;
    *) echo "check.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
OUT=${OUT:-$PWD/.device/out}
mkdir -p "$OUT"
REPORT="$OUT/report.md"
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 # the machine may have no ICU
export NEUROC_CACHE=/tmp/neuroc-kernels

if [[ -f .device/neuroc.tar.xz ]]; then
  rm -rf /tmp/neuroc && mkdir -p /tmp/neuroc && tar xJf .device/neuroc.tar.xz -C /tmp/neuroc
  NEUROC=/tmp/neuroc/publish/neuroc
else
  NEUROC=${NEUROC:-src/NeuroCompiler.Cli/bin/Release/net10.0/neuroc}
fi

say() { echo "$*" | tee -a "$REPORT"; }
: >"$REPORT"
say "# GPU checks, $(date -u +%Y-%m-%dT%H:%M:%SZ), device $DEVICE"
say ""
say '```'
(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv 2>&1 || echo "no nvidia-smi") | tee -a "$REPORT"
say "$("$NEUROC" --version 2>&1 | head -1); $(nproc) CPUs"
say '```'

# 1. verify: every sample; the big ones shrunk (tests/NeuroCompiler.TestSupport/SampleSizes.cs).
say ""
say "## verify --backend gpu"
say ""
failures=0
for model in samples/*.neuro; do
  name=$(basename "$model" .neuro)
  set_args=()
  steps=2000
  case "$name" in
    brunel2000) set_args=(--set N_E=2000 --set "J=0.5 mV") ;;
    microcircuit) set_args=(--set scale=0.1); steps=1000 ;;
  esac
  [[ $DEVICE == cpu-accelerator ]] && steps=100
  start=$(date +%s.%N)
  "$NEUROC" verify "$model" --backend gpu --device "$DEVICE" --steps "$steps" "${set_args[@]}" >"$OUT/verify-$name.txt" 2>&1
  rc=$?
  [[ $rc -ne 0 ]] && failures=$((failures + 1))
  say "- $name ($steps steps${set_args:+, ${set_args[*]}}): exit $rc, $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}') s; $(grep -E 'identical|differ|device:' "$OUT/verify-$name.txt" | tr '\n' ' ' | sed 's/  */ /g')"
done
[[ $QUICK -eq 1 ]] && exit $((failures > 0))

# 2. timings: loop time and events/s from summary.json, GPU and CPU side by side.
say ""
say "## timings (loop s, synaptic events/s, build s)"
say ""
say "| model | backend | loop s | events/s | real-time factor | build s |"
say "|---|---|---:|---:|---:|---:|"
time_run() { # NAME BACKEND MODEL DURATION [args...]
  local name=$1 backend=$2 model=$3 duration=$4; shift 4
  local dir="/tmp/neuroc-out-$name-$backend"
  local device_args=()
  [[ $backend == gpu ]] && device_args=(--device "$DEVICE")
  "$NEUROC" run "$model" --backend "$backend" "${device_args[@]}" --duration "$duration" --out "$dir" --quiet "$@" >"$OUT/run-$name-$backend.txt" 2>&1
  local rc=$?
  if [[ $rc -ne 0 ]]; then say "| $name | $backend | failed (exit $rc) | | | |"; return; fi
  cp "$dir/summary.json" "$OUT/summary-$name-$backend.json" 2>/dev/null
  # summary.json has one key per line; no python or jq needed on the device machine.
  awk -v name="$name" -v backend="$backend" -F'[:,]' '
    /"duration_s"/ { d = $2 + 0 }
    /"synaptic_events"/ { ev = $2 + 0 }
    /"build"/ { b = $2 + 0 }
    /"simulation"/ { loop = $2 + 0 }
    END { printf "| %s | %s | %.3f | %.0f | %s | %.1f |\n", name, backend, loop, (loop > 0 ? ev / loop : 0), (d > 0 ? sprintf("%.2f", loop / d) : "-"), b }
  ' "$dir/summary.json" | tee -a "$REPORT"
}
if [[ $DEVICE == cpu-accelerator ]]; then
  time_run cuba gpu samples/cuba.neuro 0.02s
  time_run cuba cpu samples/cuba.neuro 0.02s
else
  for backend in gpu cpu; do
    time_run cuba "$backend" samples/cuba.neuro 10s --set precision=float64
    time_run coba "$backend" samples/coba.neuro 5s --set precision=float64
  done
  time_run microcircuit gpu samples/microcircuit.neuro 1s
fi
say ""
say "verify failures: $failures"
exit $((failures > 0))
