#!/usr/bin/env bash
# Two neuroc builds on one sample, runs alternated A/B/A/B: the simulation loop's wall time of each
# run (summary.json's wall_time_s.simulation), then the medians and minima and B's change against A
# in each. For a change's cost on a noisy, shared machine (e.g. the NaN/Inf checks:
# docs/semantics.md); where other work competes for the cores, the minima are the steadier measure.
#
#   bench/ab.sh A_NEUROC B_NEUROC SAMPLE [--runs N] [-- extra neuroc run options]
#   bench/ab.sh /tmp/base/neuroc src/NeuroCompiler.Cli/bin/Release/net10.0/neuroc samples/cuba.neuro --runs 9 -- --backend cpu --duration 5s
#
# Each build gets its own kernel cache, warmed by one run that is not counted.
set -euo pipefail
[[ $# -ge 3 ]] || { sed -n '2,9p' "$0" >&2; exit 2; }
A=$1; B=$2; SAMPLE=$3; shift 3
RUNS=7
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "ab.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
loop() { # build label run -> prints the loop time in seconds
  NEUROC_CACHE="$WORK/cache-$2" "$1" run "$SAMPLE" --quiet --out "$WORK/out-$2" "${@:4}" >/dev/null
  python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['wall_time_s']['simulation'])" "$WORK/out-$2/summary.json"
}
loop "$A" a 0 "$@" >/dev/null
loop "$B" b 0 "$@" >/dev/null
a=(); b=()
for ((r = 1; r <= RUNS; r++)); do
  a+=("$(loop "$A" a "$r" "$@")")
  b+=("$(loop "$B" b "$r" "$@")")
  echo "run $r: A ${a[-1]} s, B ${b[-1]} s"
done
python3 - "${a[*]}" "${b[*]}" <<'PY'
import statistics, sys
a = [float(x) for x in sys.argv[1].split()]
b = [float(x) for x in sys.argv[2].split()]
ma, mb = statistics.median(a), statistics.median(b)
print(f"median of {len(a)} runs: A {ma:.4f} s, B {mb:.4f} s, B/A {mb / ma:.4f} ({100 * (mb / ma - 1):+.2f} %)")
na, nb = min(a), min(b)
print(f"minimum of {len(a)} runs: A {na:.4f} s, B {nb:.4f} s, B/A {nb / na:.4f} ({100 * (nb / na - 1):+.2f} %)")
PY
