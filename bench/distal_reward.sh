#!/usr/bin/env bash
# The distal reward experiment at full length (Izhikevich 2007, Fig. 1): samples/distal_reward.neuro
# for an hour of simulated time on the cpu backend, then a report of the rewarded synapse's weight
# against every other excitatory weight: bench/results/distal-reward-<date>.md.
#
#   bench/distal_reward.sh                    # 3600 s (about 7 minutes on 2 cores)
#   bench/distal_reward.sh --duration 600     # shorter
#   bench/distal_reward.sh --seed 8 --neuroc PATH
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
NEUROC="$ROOT/src/NeuroCompiler.Cli/bin/Release/net10.0/neuroc"
DUR=3600
SEED=7
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) DUR=$2; shift ;;
    --seed) SEED=$2; shift ;;
    --neuroc) NEUROC=$2; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "distal_reward.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[[ -x "$NEUROC" ]] || dotnet build "$ROOT/src/NeuroCompiler.Cli" -c Release -nologo -v quiet
OUT=$(mktemp -d /tmp/neuroc-distal.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
STAMP=$(date +%Y%m%d-%H%M%S)
mkdir -p "$ROOT/bench/results"
"$NEUROC" run "$ROOT/samples/distal_reward.neuro" --backend cpu --duration "${DUR}s" --seed "$SEED" --out "$OUT/run" --quiet
python3 "$ROOT/bench/lib/distal_reward_report.py" "$OUT/run" "bench/distal_reward.sh --duration $DUR --seed $SEED" \
  | tee "$ROOT/bench/results/distal-reward-$STAMP.md"
