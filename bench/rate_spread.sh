#!/usr/bin/env bash
# Seed-to-seed spread of a model's mean firing rate, for neuroc and Brian2 (C++ standalone).
#
# This calibrates the tolerance that bench/compare.sh uses when it checks that both simulators
# fire at the same rate: one seed is one network realisation (connectivity and initial v), and
# the spread over seeds is the statistical uncertainty of a single run's mean rate.
#
#   bench/rate_spread.sh [SEEDS=8] [DURATION_S=10] [MODEL=cuba|coba]
#
# Prints one line per seed and tool, then mean and SD per tool; writes
# bench/results/rate-spread-<date>.json (cuba) or rate-spread-<model>-<date>.json. The rate is
# the network's (all 4000 neurons; COBA's Poisson kick excluded). neuroc runs with
# --backend cpu --threads 2 (bit-identical to the reference interpreter; only faster). Brian2 reuses
# one build directory, so after the first seed only main.cpp (which holds the seed) is recompiled.
# Takes ~5 min with the defaults (CUBA).
set -euo pipefail

SEEDS=${1:-8}
DUR=${2:-10}
MODEL=${3:-cuba}
case "$MODEL" in cuba|coba) ;; *) echo "rate_spread.sh: MODEL is cuba or coba" >&2; exit 2 ;; esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
NEUROC=${NEUROC:-"$ROOT/src/NeuroCompiler.Cli/bin/Release/net10.0/neuroc"}  # or another build: NEUROC=path/to/neuroc
WORK=$(mktemp -d /tmp/neuroc-rate-spread.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$ROOT/bench/results"
[[ -x "$NEUROC" ]] || dotnet build "$ROOT/src/NeuroCompiler.Cli" -c Release -v quiet -nologo >/dev/null
NAME=rate-spread; [[ $MODEL == cuba ]] || NAME="rate-spread-$MODEL"
OUT="$ROOT/bench/results/$NAME-$(date +%Y%m%d-%H%M%S).json"

nrate() {  # summary.json -> network rate (all populations but 'kick')
  /usr/bin/python3 -c "
import json, sys
d = json.load(open(sys.argv[1])); p = [x for x in d['populations'] if x['name'] != 'kick']
print(sum(x['spikes'] for x in p) / sum(x['size'] for x in p) / d['duration_s'])" "$1"
}

for s in $(seq 1 "$SEEDS"); do
  "$NEUROC" run "$ROOT/samples/$MODEL.neuro" --backend cpu --threads 2 --duration "${DUR}s" --seed "$s" \
      --set precision=float64 --out "$WORK/n$s" --quiet
  /usr/bin/python3 "$ROOT/bench/brian2/$MODEL.py" --duration "$DUR" --seed "$s" --threads 0 \
      --build-dir "$WORK/b2" --reuse --json-out "$WORK/b$s.json" >/dev/null 2>"$WORK/b2.log"
  echo "seed $s: neuroc $(nrate "$WORK/n$s/summary.json") Hz," \
       "brian2 $(/usr/bin/python3 -c "import json;print(json.load(open('$WORK/b$s.json'))['mean_rate_hz'])") Hz"
done

/usr/bin/python3 - "$WORK" "$SEEDS" "$DUR" "$OUT" "$MODEL" <<'EOF'
import json, sys, statistics as st
work, n, dur, out, model = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5]
def neuroc(s):
    d = json.load(open(f'{work}/n{s}/summary.json'))
    p = [x for x in d['populations'] if x['name'] != 'kick']
    rate = sum(x['spikes'] for x in p) / sum(x['size'] for x in p) / d['duration_s']
    ncv = sum(x['neurons_with_cv'] for x in p)
    cv = sum(x['mean_isi_cv'] * x['neurons_with_cv'] for x in p if x['mean_isi_cv'] is not None) / ncv
    return rate, cv
nr, ncv = zip(*(neuroc(s) for s in range(1, n + 1)))
br = [json.load(open(f'{work}/b{s}.json'))['mean_rate_hz'] for s in range(1, n + 1)]
bcv = [json.load(open(f'{work}/b{s}.json'))['mean_isi_cv'] for s in range(1, n + 1)]
res = {'model': model, 'duration_s': dur, 'seeds': list(range(1, n + 1)),
       'neuroc_rate_hz': list(nr), 'brian2_rate_hz': br, 'neuroc_isi_cv': list(ncv), 'brian2_isi_cv': bcv}
for name, r in (('neuroc', nr), ('brian2', br)):
    sd = st.stdev(r) if len(r) > 1 else None
    res[name] = {'mean_rate_hz': st.mean(r), 'sd_rate_hz': sd, 'sd_relative': sd / st.mean(r) if sd else None}
    print(f"{name}: mean {st.mean(r):.4f} Hz, SD over seeds {sd if sd else float('nan'):.4f} Hz "
          f"({100 * sd / st.mean(r) if sd else float('nan'):.1f} %)")
print(f"ISI CV: neuroc {st.mean(ncv):.3f}, brian2 {st.mean(bcv):.3f}")
json.dump(res, open(out, 'w'), indent=2)
print('wrote', out)
EOF
