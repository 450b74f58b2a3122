#!/usr/bin/env bash
# CUBA: neuroc against Brian2 2.5.1 C++ standalone. The same as `bench/compare.sh cuba`, which took
# this script's place when COBA joined (same options: --quick, --reps N, --duration S, --no-build,
# --no-threads2, --threads2-timeout S, --max-wait S, --neuroc-root DIR); kept so that the commands
# in older results and notes still run.
exec "$(dirname "$0")/compare.sh" cuba "$@"
