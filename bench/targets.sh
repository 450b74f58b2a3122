#!/usr/bin/env bash
# Hardware targets, measured: CUBA compiled for every target in targets/ (the mapping reports), CUBA's
# fidelity on each (neuroc verify --target), its fidelity over time after programming on a memristor
# target with and without the drift-aware and fault-aware options, pattern_recall's task accuracy on every target,
# and cuba_stdp learning on chip.
# Writes bench/results/targets-<date>.md, and each mapping's report.json and report.md under bench/results/targets-<date>/.
#
#   bench/targets.sh                          # pcm-256 for the drift study, 1 s runs (about 10 minutes on 2 cores)
#   bench/targets.sh --drift-target rram-1t1r-128 --learning-duration 10s
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
NEUROC="$ROOT/src/NeuroCompiler.Cli/bin/Release/net10.0/neuroc"
DRIFT=pcm-256
LEARN=10s
while [[ $# -gt 0 ]]; do
  case "$1" in
    --drift-target) DRIFT=$2; shift ;;
    --learning-duration) LEARN=$2; shift ;;
    --neuroc) NEUROC=$2; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "targets.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[[ -x "$NEUROC" ]] || dotnet build "$ROOT/src/NeuroCompiler.Cli" -c Release -nologo -v quiet
STAMP=$(date +%Y%m%d-%H%M%S)
DIR="$ROOT/bench/results/targets-$STAMP"
mkdir -p "$DIR"
REPORT="$ROOT/bench/results/targets-$STAMP.md"
TARGETS=(--targets "$ROOT/targets")
CUBA="$ROOT/samples/cuba.neuro"
{
  echo "# Hardware targets: CUBA mapped, emulated and compared ($STAMP)"
  echo
  echo "Command: \`bench/targets.sh --drift-target $DRIFT --learning-duration $LEARN\`; machine: $(nproc) cores; seed 1; float64 reference."
  echo
  for file in "$ROOT"/targets/*.json; do
    target=$(basename "$file" .json)
    echo "## CUBA on $target"
    echo
    "$NEUROC" compile "$CUBA" --target "$target" "${TARGETS[@]}" --insert-relays --out "$DIR/cuba-$target" --set precision=float64 2>&1 | sed '/^wrote /d' | sed 's/^# /### /'
    echo
    echo '```'
    "$NEUROC" verify "$CUBA" --target "$target" "${TARGETS[@]}" --insert-relays --after 1s --set precision=float64 2>&1
    echo '```'
    echo
  done
  echo "## CUBA on $DRIFT over time after programming"
  echo
  for flags in "" "--drift-aware" "--fault-aware" "--drift-aware --fault-aware"; do
    echo "### ${flags:-no option}"
    echo
    echo '```'
    # shellcheck disable=SC2086
    "$NEUROC" verify "$CUBA" --target "$DRIFT" "${TARGETS[@]}" $flags --set precision=float64 2>&1
    echo '```'
    echo
  done
  echo "## pattern_recall's task accuracy on every target"
  echo
  for file in "$ROOT"/targets/*.json; do
    target=$(basename "$file" .json)
    echo '```'
    "$NEUROC" verify "$ROOT/samples/pattern_recall.neuro" --target "$target" "${TARGETS[@]}" --insert-relays --clamp-delays --after 1s 1day 1year 2>&1
    echo '```'
    echo
  done
  echo "## cuba_stdp learning on chip (loihi-like), $LEARN"
  echo
  echo '```'
  "$NEUROC" verify "$ROOT/samples/cuba_stdp.neuro" --target loihi-like "${TARGETS[@]}" --set duration="$LEARN" 2>&1
  echo '```'
} | tee "$REPORT"
# Keep the reports; the configurations (thousands of tile and core files) are rebuilt by the command.
find "$DIR" -type f ! -name 'report.*' -delete
