#!/usr/bin/env bash
# neuroc (reference interpreter and cpu backend) vs Brian2 2.5.1 C++ standalone, side by side, on
# one model.
#
#   bench/compare.sh cuba            # 10 s simulated, 3 repetitions of every configuration, plus a
#   bench/compare.sh coba            # Brian2 rerun in its build directory and a 2-thread Brian2 run
#   bench/compare.sh coba --quick    # 1 s, one repetition
#   bench/compare.sh cuba_stdp       # CUBA with pair STDP on E->E (samples/cuba_stdp.neuro)
#
# Per repetition (seed = repetition number), in alternating order: neuroc --backend reference;
# neuroc --backend cpu with its default thread count, once with an empty kernel cache (cold) and
# once with a warm one; neuroc --backend cpu --threads 1 and --threads 2 (warm cache); Brian2
# standalone, 1 thread, fresh build directory.
#
# Options: --quick, --reps N, --duration SECONDS, --no-build (use the existing Release binary),
#          --neuroc-root DIR (build and run the neuroc, and its samples/, of another checkout, e.g. a
#          clean `git clone --shared` of one commit, when the working tree has uncommitted changes),
#          --no-threads2 (skip the 2-thread Brian2 run), --threads2-timeout SECONDS (default 90),
#          --max-wait SECONDS (how long to wait for a quiet machine before each run, default 10).
#
# Writes bench/results/<model>-<date>.json and .md and prints the tables. See bench/README.md for
# what is measured. Exit status 1 if a run failed, the rates disagree with Brian2's, or the
# backends' spike counts differ for a seed.
set -euo pipefail

usage() { sed -n '2,21p' "$0"; }
[[ $# -ge 1 ]] || { usage >&2; exit 2; }
case "$1" in
  cuba|coba|cuba_stdp) MODEL_NAME=$1; shift ;;
  -h|--help) usage; exit 0 ;;
  *) echo "compare.sh: the first argument is the model: cuba, coba or cuba_stdp" >&2; exit 2 ;;
esac
cmdline="bench/compare.sh $MODEL_NAME${*:+ $*}"

DUR=10
REPS=3
BUILD=1
THREADS2=1
T2_TIMEOUT=90
MAX_WAIT=10
SUFFIX=
NEUROC_ROOT=
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) DUR=1; REPS=1; SUFFIX=-quick ;;
    --reps) REPS=$2; shift ;;
    --duration) DUR=$2; shift ;;
    --no-build) BUILD=0 ;;
    --neuroc-root) NEUROC_ROOT=$(cd "$2" && pwd); shift ;;
    --no-threads2) THREADS2=0 ;;
    --threads2-timeout) T2_TIMEOUT=$2; shift ;;
    --max-wait) MAX_WAIT=$2; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "compare.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH="$ROOT/bench"
NEUROC_ROOT=${NEUROC_ROOT:-$ROOT}
MODEL="$NEUROC_ROOT/samples/$MODEL_NAME.neuro"
[[ -f $MODEL ]] || MODEL="$NEUROC_ROOT/bench/models/$MODEL_NAME.neuro"
B2_SCRIPT="$BENCH/brian2/$MODEL_NAME.py"
NEUROC="$NEUROC_ROOT/src/NeuroCompiler.Cli/bin/Release/net10.0/neuroc"
NEUROC_SET=(--set precision=float64)
PY=/usr/bin/python3   # the Debian interpreter that sees python3-brian (Brian2 2.5.1)
STAMP=$(date +%Y%m%d-%H%M%S)
OUT_JSON="$BENCH/results/$MODEL_NAME-$STAMP$SUFFIX.json"
OUT_MD="$BENCH/results/$MODEL_NAME-$STAMP$SUFFIX.md"
WORK=$(mktemp -d "/tmp/neuroc-$MODEL_NAME-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$BENCH/results"
source "$BENCH/lib/common.sh"   # TCK, NPROC, log, busy_jiffies, others_now, wait_quiet


# --- build ------------------------------------------------------------------------------------
if [[ $BUILD == 1 ]]; then
  log "building neuroc (Release) in $NEUROC_ROOT"
  if ! dotnet build "$NEUROC_ROOT/src/NeuroCompiler.Cli" -c Release -nologo -v quiet >"$WORK/build.log" 2>&1; then
    cat "$WORK/build.log" >&2
    echo "compare.sh: dotnet build failed" >&2
    exit 1
  fi
fi
[[ -x "$NEUROC" ]] || { echo "compare.sh: $NEUROC not found (build first)" >&2; exit 1; }
"$PY" -c 'import brian2' 2>/dev/null || { echo "compare.sh: $PY cannot import brian2 (apt install python3-brian)" >&2; exit 1; }

# --- machine ----------------------------------------------------------------------------------
cpuinfo() { grep -m1 "^$1[[:space:]]*:" /proc/cpuinfo | sed 's/^[^:]*:[[:space:]]*//'; }
git_desc=$(cd "$NEUROC_ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n "$(cd "$NEUROC_ROOT" && git status --porcelain -- src samples 2>/dev/null)" ]]; then git_desc="$git_desc (src/ or samples/ modified)"; fi
[[ $NEUROC_ROOT == "$ROOT" ]] || git_desc="$git_desc, checkout $NEUROC_ROOT"
neuroc_version=$("$NEUROC" --version 2>/dev/null | head -1 || echo unknown)
PYTHONWARNINGS=ignore "$PY" - "$WORK/machine.json" 2>/dev/null <<EOF
import json, sys, brian2
json.dump({
  'date': '$(date -Iseconds)', 'model_name': '$MODEL_NAME', 'duration_s': float('$DUR'), 'repetitions': int('$REPS'),
  'nproc': $NPROC, 'cpu_model': '''$(cpuinfo 'model name')''', 'cpu_family': '$(cpuinfo 'cpu family')',
  'cpu_model_number': '$(cpuinfo model)', 'mem_gib': round($(grep MemTotal /proc/meminfo | awk '{print $2}') / 1048576, 1),
  'kernel': '$(uname -r)', 'dotnet': '$(dotnet --version)', 'brian2_version': brian2.__version__,
  'gxx': '''$(g++ --version | head -1)''', 'python': sys.version.split()[0],
  'neuroc_version': '''$neuroc_version''', 'git': '''$git_desc''',
  'loadavg_at_start': '''$(cat /proc/loadavg)''',
  'neuroc_command': '''neuroc run ${MODEL#$NEUROC_ROOT/} --duration ${DUR}s --seed N ${NEUROC_SET[*]} --out DIR --quiet [--backend cpu [--threads 1|2]]''',
  'brian2_command': '''BENCH_T_LAUNCH=\$(date +%s.%N) /usr/bin/python3 bench/brian2/$MODEL_NAME.py --duration $DUR --seed N --threads 0 --build-dir DIR''',
}, open(sys.argv[1], 'w'), indent=2)
EOF

# --- measurement helpers ----------------------------------------------------------------------
# busy_jiffies, others_now and wait_quiet: bench/lib/common.sh (sourced above).

# run_timed NAME KIND REP SEED CMD... : runs CMD, records launch-to-exit wall time, the CPU time
# of the process and its children, and the CPU other processes used meanwhile, in meta-NAME.json.
# For neuroc runs (KIND neuroc-*) whose --out is $WORK/NAME, bench/lib/dirwatch.py records when
# neuroc creates that folder (right after its loop) in outdir-NAME.txt.
run_timed() {
  local name=$1 kind=$2 rep=$3 seed=$4; shift 4
  local before t0 t1 b0 b1 rc=0 user sys watcher=
  before=$(wait_quiet)
  if [[ $kind == neuroc* && $kind != neuroc-version ]]; then
    "$PY" "$BENCH/lib/dirwatch.py" "$WORK" "$name" "$WORK/outdir-$name.txt" 900 &
    watcher=$!
    for _ in $(seq 200); do [[ -e "$WORK/outdir-$name.txt.ready" ]] && break; sleep 0.01; done
  fi
  b0=$(busy_jiffies)
  t0=$(date +%s.%N)
  BENCH_T_LAUNCH=$t0 /usr/bin/time -f '%U %S' -o "$WORK/time-$name.txt" "$@" \
      >"$WORK/stdout-$name.txt" 2>"$WORK/stderr-$name.txt" || rc=$?
  t1=$(date +%s.%N)
  b1=$(busy_jiffies)
  if [[ -n $watcher ]]; then
    if [[ -e "$WORK/outdir-$name.txt" ]]; then wait "$watcher" || true; else kill "$watcher" 2>/dev/null || true; wait "$watcher" 2>/dev/null || true; fi
  fi
  read -r user sys < <(grep -E '^[0-9.]+ [0-9.]+$' "$WORK/time-$name.txt" | tail -1 || echo "0 0")
  if [[ $rc != 0 ]]; then
    log "  $name exited with $rc; last lines of its stderr:"
    tail -5 "$WORK/stderr-$name.txt" >&2 || true
  fi
  local outdir_t=null
  [[ -s "$WORK/outdir-$name.txt" ]] && outdir_t=$(cat "$WORK/outdir-$name.txt")
  awk -v n="$name" -v k="$kind" -v r="$rep" -v s="$seed" -v rc="$rc" -v t0="$t0" -v t1="$t1" \
      -v u="${user:-0}" -v sy="${sys:-0}" -v b0="$b0" -v b1="$b1" -v tck="$TCK" -v ob="$before" \
      -v to="$T2_TIMEOUT" -v od="$outdir_t" 'BEGIN{
        w = t1 - t0; oc = ((b1 - b0) / tck - (u + sy)) / w; if (oc < 0) oc = 0;
        odv = (od == "null") ? "null" : sprintf("%.6f", od - t0);
        printf "{\"name\":\"%s\",\"tool\":\"%s\",\"kind\":\"%s\",\"rep\":%d,\"seed\":%d,\"rc\":%d,\"t_launch\":%.6f,\"wall_s\":%.6f,\"launch_to_outdir_s\":%s,\"user_s\":%.2f,\"sys_s\":%.2f,\"others_cores_before\":%.2f,\"others_cores_during\":%.2f,\"timeout_s\":%d}\n",
               n, (k ~ /^neuroc/ ? "neuroc" : "brian2"), k, r, s, rc, t0, w, odv, u, sy, ob, oc, to}' >"$WORK/meta-$name.json"
  log "  $name: ${rc/#0/ok}, $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}') s wall (others used $before cores before)"
}

WARM_CACHE="$WORK/kernel-cache-warm"

# run_neuroc KIND REP SEED DURATION [neuroc run options...]
#   KIND neuroc-reference | neuroc-cpu-cold | neuroc-cpu-warm | neuroc-cpu-t1 | neuroc-cpu-t2 | neuroc-baseline-*
run_neuroc() {
  local kind=$1 rep=$2 seed=$3 dur=$4; shift 4
  local name="$kind-r$rep" cache="$WARM_CACHE"
  if [[ $kind == *cold* ]]; then cache="$WORK/kernel-cache-$name"; rm -rf "$cache"; mkdir -p "$cache"; fi
  run_timed "$name" "$kind" "$rep" "$seed" env NEUROC_CACHE="$cache" \
    "$NEUROC" run "$MODEL" --duration "$dur" --seed "$seed" "${NEUROC_SET[@]}" --out "$WORK/$name" --quiet "$@"
}

run_config() {  # CONFIG REP SEED
  case "$1" in
    reference) run_neuroc neuroc-reference "$2" "$3" "${DUR}s" --backend reference ;;
    cpu-cold)  run_neuroc neuroc-cpu-cold "$2" "$3" "${DUR}s" --backend cpu ;;
    cpu-warm)  run_neuroc neuroc-cpu-warm "$2" "$3" "${DUR}s" --backend cpu ;;
    cpu-t1)    run_neuroc neuroc-cpu-t1 "$2" "$3" "${DUR}s" --backend cpu --threads 1 ;;
    cpu-t2)    run_neuroc neuroc-cpu-t2 "$2" "$3" "${DUR}s" --backend cpu --threads 2 ;;
    brian2)    run_brian2 "$2" "$3" brian2-1thread-fresh 0 ;;
  esac
}

run_brian2() {  # REP SEED KIND THREADS [--reuse] ; fresh build dirs are deleted by the script first
  local rep=$1 seed=$2 kind=$3 threads=$4 name; shift 4
  name="$kind-r$rep"
  local pre=()
  if [[ $kind == brian2-2threads-fresh ]]; then pre=(timeout -k 5 "$T2_TIMEOUT"); fi
  run_timed "$name" "$kind" "$rep" "$seed" "${pre[@]}" \
    "$PY" "$B2_SCRIPT" --duration "$DUR" --seed "$seed" --threads "$threads" \
      --build-dir "$WORK/b2-threads$threads" --json-out "$WORK/$name.json" "$@"
}

# --- runs -------------------------------------------------------------------------------------
log "warm-up (untimed): neuroc reference and cpu 10 ms (fills the warm kernel cache), import brian2"
mkdir -p "$WARM_CACHE"
"$NEUROC" run "$MODEL" --duration 10ms "${NEUROC_SET[@]}" --out "$WORK/warmup-ref" --quiet
NEUROC_CACHE="$WARM_CACHE" "$NEUROC" run "$MODEL" --backend cpu --duration 10ms "${NEUROC_SET[@]}" --out "$WORK/warmup-cpu" --quiet
"$PY" -c 'import brian2' 2>/dev/null

log ".NET start-up: neuroc --version, 5 times (launch to exit)"
for b in 1 2 3 4 5; do run_timed "neuroc-version$b" neuroc-version 0 0 "$NEUROC" --version; done

log "CPU baselines: 10 ms runs (start-up, build, kernels, output), twice per configuration"
for b in 1 2; do
  run_neuroc neuroc-baseline-reference "$b" 1 10ms --backend reference
  run_neuroc neuroc-baseline-cpu-cold "$b" 1 10ms --backend cpu
  run_neuroc neuroc-baseline-cpu-warm "$b" 1 10ms --backend cpu
  run_neuroc neuroc-baseline-cpu-t2 "$b" 1 10ms --backend cpu --threads 2
done

CONFIGS=(reference cpu-cold cpu-warm cpu-t1 cpu-t2 brian2)
log "${MODEL_NAME^^} ${DUR} s, $REPS repetition(s) of ${CONFIGS[*]}, order reversed every other repetition"
for rep in $(seq 1 "$REPS"); do
  order=("${CONFIGS[@]}")
  if (( rep % 2 == 0 )); then
    order=(); for (( i=${#CONFIGS[@]}-1; i>=0; i-- )); do order+=("${CONFIGS[i]}"); done
  fi
  for c in "${order[@]}"; do run_config "$c" "$rep" "$rep"; done
done

log "Brian2 again, reusing the last build directory (same seed: nothing to recompile)"
run_brian2 "$REPS" "$REPS" brian2-1thread-reuse 0 --reuse

if [[ $THREADS2 == 1 ]]; then
  log "Brian2 with 2 OpenMP threads (fresh build, at most $T2_TIMEOUT s)"
  run_brian2 1 1 brian2-2threads-fresh 2
fi

# --- report -----------------------------------------------------------------------------------
rc=0
"$PY" "$BENCH/lib/report.py" "$WORK" "$OUT_JSON" "$OUT_MD" "$cmdline" || rc=$?
log "wrote $OUT_JSON and $OUT_MD"
exit $rc
