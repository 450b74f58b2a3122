#!/usr/bin/env bash
# Seed-to-seed spread of CUBA's mean firing rate, for neuroc and Brian2 (C++ standalone).
#
# This calibrates the tolerance that bench/cuba.sh uses when it checks that both simulators
# fire at the same rate: one seed is one network realisation (connectivity and initial v), and
# the spread over seeds is the statistical uncertainty of a single run's mean rate.
#
#   bench/rate_spread.sh [SEEDS=8] [DURATION_S=10]
#
# Prints one line per seed and tool, then mean and SD per tool; writes
# bench/results/rate-spread-<date>.json. Brian2 reuses one build directory, so after the first
# seed only main.cpp (which holds the seed) is recompiled. Takes ~5 min with the defaults.
set -euo pipefail

SEEDS=${1:-8}
DUR=${2:-10}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
NEUROC="$ROOT/src/NeuroCompiler.Cli/bin/Release/net10.0/neuroc"
WORK=$(mktemp -d /tmp/neuroc-rate-spread.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$ROOT/bench/results"
[[ -x "$NEUROC" ]] || dotnet build "$ROOT/src/NeuroCompiler.Cli" -c Release -v quiet -nologo >/dev/null

for s in $(seq 1 "$SEEDS"); do
  "$NEUROC" run "$ROOT/samples/cuba.neuro" --duration "${DUR}s" --seed "$s" --set precision=float64 \
      --out "$WORK/n$s" --quiet
  /usr/bin/python3 "$ROOT/bench/brian2/cuba.py" --duration "$DUR" --seed "$s" --threads 0 \
      --build-dir "$WORK/b2" --reuse --json-out "$WORK/b$s.json" >/dev/null 2>"$WORK/b2.log"
  echo "seed $s: neuroc $(/usr/bin/python3 -c "import json;print(json.load(open('$WORK/n$s/summary.json'))['populations'][0]['mean_rate_hz'])") Hz," \
       "brian2 $(/usr/bin/python3 -c "import json;print(json.load(open('$WORK/b$s.json'))['mean_rate_hz'])") Hz"
done

/usr/bin/python3 - "$WORK" "$SEEDS" "$DUR" "$ROOT/bench/results/rate-spread-$(date +%Y%m%d-%H%M%S).json" <<'EOF'
import json, sys, statistics as st
work, n, dur, out = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
nr = [json.load(open(f'{work}/n{s}/summary.json'))['populations'][0]['mean_rate_hz'] for s in range(1, n + 1)]
br = [json.load(open(f'{work}/b{s}.json'))['mean_rate_hz'] for s in range(1, n + 1)]
ncv = [json.load(open(f'{work}/n{s}/summary.json'))['populations'][0]['mean_isi_cv'] for s in range(1, n + 1)]
bcv = [json.load(open(f'{work}/b{s}.json'))['mean_isi_cv'] for s in range(1, n + 1)]
res = {'duration_s': dur, 'seeds': list(range(1, n + 1)),
       'neuroc_rate_hz': nr, 'brian2_rate_hz': br, 'neuroc_isi_cv': ncv, 'brian2_isi_cv': bcv}
for name, r in (('neuroc', nr), ('brian2', br)):
    res[name] = {'mean_rate_hz': st.mean(r), 'sd_rate_hz': st.stdev(r) if len(r) > 1 else None}
    print(f"{name}: mean {st.mean(r):.4f} Hz, SD over seeds {st.stdev(r) if len(r) > 1 else float('nan'):.4f} Hz")
print(f"ISI CV: neuroc {st.mean(ncv):.3f}, brian2 {st.mean(bcv):.3f}")
json.dump(res, open(out, 'w'), indent=2)
print('wrote', out)
EOF
