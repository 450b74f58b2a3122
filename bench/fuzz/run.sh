#!/usr/bin/env bash
# The fuzzing campaign: mutated samples and documentation examples through neuroc (parse, bind, lower,
# passes, a few steps on the reference backend, and on the cpu backend for one input in 200), in worker
# processes, counting unhandled exceptions, hangs over 2 s and crashes. Writes
# bench/results/fuzz-<date>.md and the inputs of any finding under bench/results/fuzz-<date>/.
# Usage: bench/fuzz/run.sh [COUNT=100000] [SEED=1] [WORKERS=2]
set -euo pipefail
cd "$(dirname "$0")/../.."
count="${1:-100000}"
seed="${2:-1}"
workers="${3:-2}"
dotnet build tests/NeuroCompiler.Fuzzing -c Release -v q -nologo >/dev/null
stamp="$(date +%Y%m%d-%H%M%S)"
report="bench/results/fuzz-$stamp.md"
dotnet tests/NeuroCompiler.Fuzzing/bin/Release/net10.0/NeuroCompiler.Fuzzing.dll \
  --count "$count" --seed "$seed" --workers "$workers" --cpu-every 200 --timeout 2 \
  --report "$report" --failures "bench/results/fuzz-$stamp" && status=0 || status=$?
echo "wrote $report"
exit "$status"
