#!/usr/bin/env bash
# What SIGKILL leaves of an output folder: `neuroc run samples/cuba.neuro --out X` killed at random
# moments, each over the complete X of the run before, and after each kill the state of X (old
# complete, new complete, partial, missing) and the leftovers beside it; finally one more run, which
# must clean every leftover up. Each run has its own seed, so X's summary says which run wrote it.
# The goal: X is always one complete result, never partial or missing.
#
#   bench/kill_output.sh                  # 20 kills, cuba for 1 s on the reference backend
#   bench/kill_output.sh --kills 5 --seed 3 --backend cpu --duration 2s --no-build
#   bench/kill_output.sh --from 0.8       # kills only in the last part of a run: around the writing
#
# Writes bench/results/kill-output-<date>.md (the table) unless --no-save.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
NEUROC="$ROOT/src/NeuroCompiler.Cli/bin/Release/net10.0/neuroc"
KILLS=20
SEED=1
BACKEND=reference
DUR=1s
FROM=0
BUILD=1
SAVE=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --kills) KILLS=$2; shift ;;
    --seed) SEED=$2; shift ;;
    --backend) BACKEND=$2; shift ;;
    --duration) DUR=$2; shift ;;
    --from) FROM=$2; shift ;;
    --neuroc) NEUROC=$2; BUILD=0; shift ;;
    --no-build) BUILD=0 ;;
    --no-save) SAVE=0 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "kill_output.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[[ $BUILD == 0 ]] || dotnet build "$ROOT/src/NeuroCompiler.Cli" -c Release -nologo -v quiet >&2
WORK=$(mktemp -d /tmp/neuroc-kill.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export NEUROC_CACHE="$WORK/kernels"
X="$WORK/X"
RANDOM=$SEED
args() { ARGS=(run "$ROOT/samples/cuba.neuro" --backend "$BACKEND" --duration "$DUR" --seed "$1" --out "$X" --quiet); }
run() { args "$1"; "$NEUROC" "${ARGS[@]}"; }

# The first complete X, and how long a whole run takes (the kills fall anywhere in it).
start=$(date +%s.%N)
run 1000
whole=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN{printf "%.2f", b-a}')
last=1000
{
  echo "# SIGKILL during \`neuroc run samples/cuba.neuro --out X\` ($BACKEND, $DUR)"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$ROOT" rev-parse --short HEAD), \`bench/kill_output.sh --kills $KILLS --seed $SEED --backend $BACKEND --duration $DUR --from $FROM\`."
  echo "A whole run took $whole s here; each kill falls at a uniformly random moment from $FROM × that to 1.1 × that."
  echo
  echo "| # | killed at (s) | X after the kill | X's seed (old → new) | beside X after the kill |"
  echo "|---:|---:|---|---|---|"
} > "$WORK/table.md"
bad=0
for ((i = 1; i <= KILLS; i++)); do
  seed=$((1000 + i))
  at=$(awk -v w="$whole" -v f="$FROM" -v r="$RANDOM" 'BEGIN{printf "%.2f", w * (f + (1.1 - f) * r / 32767)}')
  args "$seed"
  "$NEUROC" "${ARGS[@]}" & pid=$!  # neuroc itself, not a subshell: the kill must reach it
  sleep "$at"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  IFS=$'\t' read -r what xseed beside < <(python3 "$ROOT/bench/lib/output_state.py" "$X" "$last" "$seed")
  [[ $what == "old complete" || $what == "new complete" ]] || bad=$((bad + 1))
  echo "| $i | $at | $what | $last → $seed: $xseed | $beside |" >> "$WORK/table.md"
  [[ $what != "new complete" ]] || last=$seed
done
run 2000
IFS=$'\t' read -r what xseed beside < <(python3 "$ROOT/bench/lib/output_state.py" "$X" "$last" 2000)
[[ $what == "new complete" && $beside == "none" ]] || bad=$((bad + 1))
{
  echo
  echo "Then a run without a kill: X $what (seed $xseed), beside X: $beside."
  echo
  echo "Partial or missing X, or leftovers the next run did not clean: **$bad**."
} >> "$WORK/table.md"
cat "$WORK/table.md"
if [[ $SAVE == 1 ]]; then
  mkdir -p "$ROOT/bench/results"
  cp "$WORK/table.md" "$ROOT/bench/results/kill-output-$(date +%Y%m%d-%H%M%S).md"
fi
exit $((bad > 0))
