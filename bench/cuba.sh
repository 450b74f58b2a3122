#!/usr/bin/env bash
# CUBA benchmark: neuroc's reference interpreter vs Brian2 2.5.1 C++ standalone, side by side.
#
#   bench/cuba.sh            # 10 s of CUBA, 3 repetitions per tool, plus one Brian2 run that
#                            # reuses its build directory and one with 2 OpenMP threads (~7-9 min)
#   bench/cuba.sh --quick    # 1 s, one repetition (~2-5 min)
#
# Options: --quick, --reps N, --duration SECONDS, --no-build (use the existing Release binary),
#          --no-threads2 (skip the 2-thread Brian2 run), --threads2-timeout SECONDS (default 90),
#          --max-wait SECONDS (how long to wait for a quiet machine before each run, default 10).
#
# Writes bench/results/cuba-<date>.json and .md and prints the table. See bench/README.md for
# what is measured. Exit status 1 if a run failed or the two mean rates disagree.
set -euo pipefail

DUR=10
REPS=3
BUILD=1
THREADS2=1
T2_TIMEOUT=90
MAX_WAIT=10
SUFFIX=
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) DUR=1; REPS=1; SUFFIX=-quick ;;
    --reps) REPS=$2; shift ;;
    --duration) DUR=$2; shift ;;
    --no-build) BUILD=0 ;;
    --no-threads2) THREADS2=0 ;;
    --threads2-timeout) T2_TIMEOUT=$2; shift ;;
    --max-wait) MAX_WAIT=$2; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "cuba.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH="$ROOT/bench"
MODEL="$ROOT/samples/cuba.neuro"
NEUROC="$ROOT/src/NeuroCompiler.Cli/bin/Release/net10.0/neuroc"
PY=/usr/bin/python3   # the Debian interpreter that sees python3-brian (Brian2 2.5.1)
STAMP=$(date +%Y%m%d-%H%M%S)
OUT_JSON="$BENCH/results/cuba-$STAMP$SUFFIX.json"
OUT_MD="$BENCH/results/cuba-$STAMP$SUFFIX.md"
WORK=$(mktemp -d /tmp/neuroc-cuba-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$BENCH/results"
TCK=$(getconf CLK_TCK)
NPROC=$(nproc)

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# --- build ------------------------------------------------------------------------------------
if [[ $BUILD == 1 ]]; then
  log "building neuroc (Release)"
  if ! dotnet build "$ROOT/src/NeuroCompiler.Cli" -c Release -nologo -v quiet >"$WORK/build.log" 2>&1; then
    cat "$WORK/build.log" >&2
    echo "cuba.sh: dotnet build failed" >&2
    exit 1
  fi
fi
[[ -x "$NEUROC" ]] || { echo "cuba.sh: $NEUROC not found (build first)" >&2; exit 1; }
"$PY" -c 'import brian2' 2>/dev/null || { echo "cuba.sh: $PY cannot import brian2 (apt install python3-brian)" >&2; exit 1; }

# --- machine ----------------------------------------------------------------------------------
cpuinfo() { grep -m1 "^$1[[:space:]]*:" /proc/cpuinfo | sed 's/^[^:]*:[[:space:]]*//'; }
git_desc=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n "$(cd "$ROOT" && git status --porcelain -- src 2>/dev/null)" ]]; then git_desc="$git_desc (src/ modified)"; fi
neuroc_version=$("$NEUROC" --version 2>/dev/null | head -1 || echo unknown)
PYTHONWARNINGS=ignore "$PY" - "$WORK/machine.json" 2>/dev/null <<EOF
import json, sys, brian2
json.dump({
  'date': '$(date -Iseconds)', 'duration_s': float('$DUR'), 'repetitions': int('$REPS'),
  'nproc': $NPROC, 'cpu_model': '''$(cpuinfo 'model name')''', 'cpu_family': '$(cpuinfo 'cpu family')',
  'cpu_model_number': '$(cpuinfo model)', 'mem_gib': round($(grep MemTotal /proc/meminfo | awk '{print $2}') / 1048576, 1),
  'kernel': '$(uname -r)', 'dotnet': '$(dotnet --version)', 'brian2_version': brian2.__version__,
  'gxx': '''$(g++ --version | head -1)''', 'python': sys.version.split()[0],
  'neuroc_version': '''$neuroc_version''', 'git': '''$git_desc''',
  'model': 'samples/cuba.neuro as is (records spikes, a 1 ms population rate and 3 voltage traces), --set precision=float64',
}, open(sys.argv[1], 'w'), indent=2)
EOF

# --- measurement helpers ----------------------------------------------------------------------
busy_jiffies() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9}' /proc/stat; }

# CPU cores that other processes are using right now (sampled over 1 s).
others_now() {
  local b0 b1
  b0=$(busy_jiffies); sleep 1; b1=$(busy_jiffies)
  awk -v a="$b0" -v b="$b1" -v t="$TCK" 'BEGIN{printf "%.2f", (b-a)/t}'
}

# Wait (at most MAX_WAIT s) until other processes use less than half a core; echo the last sample.
wait_quiet() {
  local start=$SECONDS o
  while :; do
    o=$(others_now)
    if awk -v o="$o" 'BEGIN{exit !(o < 0.5)}' || (( SECONDS - start >= MAX_WAIT )); then
      echo "$o"; return
    fi
  done
}

# run_timed NAME KIND REP SEED CMD... : runs CMD, records launch-to-exit wall time, the CPU time
# of the process and its children, and the CPU other processes used meanwhile, in meta-NAME.json.
run_timed() {
  local name=$1 kind=$2 rep=$3 seed=$4; shift 4
  local before t0 t1 b0 b1 rc=0 user sys
  before=$(wait_quiet)
  b0=$(busy_jiffies)
  t0=$(date +%s.%N)
  BENCH_T_LAUNCH=$t0 /usr/bin/time -f '%U %S' -o "$WORK/time-$name.txt" "$@" \
      >"$WORK/stdout-$name.txt" 2>"$WORK/stderr-$name.txt" || rc=$?
  t1=$(date +%s.%N)
  b1=$(busy_jiffies)
  read -r user sys < <(grep -E '^[0-9.]+ [0-9.]+$' "$WORK/time-$name.txt" | tail -1 || echo "0 0")
  if [[ $rc != 0 ]]; then
    log "  $name exited with $rc; last lines of its stderr:"
    tail -5 "$WORK/stderr-$name.txt" >&2 || true
  fi
  awk -v n="$name" -v k="$kind" -v r="$rep" -v s="$seed" -v rc="$rc" -v t0="$t0" -v t1="$t1" \
      -v u="${user:-0}" -v sy="${sys:-0}" -v b0="$b0" -v b1="$b1" -v tck="$TCK" -v ob="$before" \
      -v to="$T2_TIMEOUT" 'BEGIN{
        w = t1 - t0; oc = ((b1 - b0) / tck - (u + sy)) / w; if (oc < 0) oc = 0;
        printf "{\"name\":\"%s\",\"tool\":\"%s\",\"kind\":\"%s\",\"rep\":%d,\"seed\":%d,\"rc\":%d,\"wall_s\":%.6f,\"user_s\":%.2f,\"sys_s\":%.2f,\"others_cores_before\":%.2f,\"others_cores_during\":%.2f,\"timeout_s\":%d}\n",
               n, (k ~ /^neuroc/ ? "neuroc" : "brian2"), k, r, s, rc, w, u, sy, ob, oc, to}' >"$WORK/meta-$name.json"
  log "  $name: ${rc/#0/ok}, $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}') s wall (others used $before cores before)"
}

run_neuroc() {  # REP SEED
  run_timed "neuroc-r$1" neuroc "$1" "$2" \
    "$NEUROC" run "$MODEL" --duration "${DUR}s" --seed "$2" --set precision=float64 --out "$WORK/neuroc-r$1" --quiet
}

run_brian2() {  # REP SEED KIND THREADS [--reuse] ; fresh build dirs are deleted by cuba.py first
  local rep=$1 seed=$2 kind=$3 threads=$4 name; shift 4
  name="$kind-r$rep"
  local pre=()
  if [[ $kind == brian2-2threads-fresh ]]; then pre=(timeout -k 5 "$T2_TIMEOUT"); fi
  run_timed "$name" "$kind" "$rep" "$seed" "${pre[@]}" \
    "$PY" "$BENCH/brian2/cuba.py" --duration "$DUR" --seed "$seed" --threads "$threads" \
      --build-dir "$WORK/b2-threads$threads" --json-out "$WORK/$name.json" "$@"
}

# --- runs -------------------------------------------------------------------------------------
log "warm-up: neuroc 10 ms (untimed, then twice timed as the CPU baseline of start-up + build), import brian2"
"$NEUROC" run "$MODEL" --duration 10ms --set precision=float64 --out "$WORK/warmup" --quiet
"$PY" -c 'import brian2' 2>/dev/null
for b in 1 2; do
  run_timed "neuroc-baseline$b" neuroc-baseline 0 1 \
    "$NEUROC" run "$MODEL" --duration 10ms --set precision=float64 --out "$WORK/neuroc-baseline$b" --quiet
done

log "CUBA ${DUR} s, $REPS repetition(s) per tool, alternating"
for rep in $(seq 1 "$REPS"); do
  seed=$rep
  if (( rep % 2 == 1 )); then
    run_neuroc "$rep" "$seed"
    run_brian2 "$rep" "$seed" brian2-1thread-fresh 0
  else
    run_brian2 "$rep" "$seed" brian2-1thread-fresh 0
    run_neuroc "$rep" "$seed"
  fi
done

log "Brian2 again, reusing the last build directory (same seed: nothing to recompile)"
run_brian2 "$REPS" "$REPS" brian2-1thread-reuse 0 --reuse

if [[ $THREADS2 == 1 ]]; then
  log "Brian2 with 2 OpenMP threads (fresh build, at most $T2_TIMEOUT s)"
  run_brian2 1 1 brian2-2threads-fresh 2
fi

# --- report -----------------------------------------------------------------------------------
rc=0
"$PY" "$BENCH/lib/report.py" "$WORK" "$OUT_JSON" "$OUT_MD" || rc=$?
log "wrote $OUT_JSON and $OUT_MD"
exit $rc
