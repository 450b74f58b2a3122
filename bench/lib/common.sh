# Shell helpers shared by bench/scaling.sh and bench/microcircuit.sh (source it; bash only).
#
# The caller sets: WORK (a scratch folder), MAX_WAIT (seconds to wait for a quiet machine before a
# timed run), RUN_TIMEOUT (seconds a timed run may take; 0 = no limit), NEUROC (the binary).
#
#   run_timed NAME CMD...   runs CMD under GNU time (and `timeout` when RUN_TIMEOUT > 0) and writes
#                           $WORK/meta-NAME.json: exit status, launch-to-exit wall time, user and
#                           sys CPU, maximum resident set size (GNU time %M, KiB -> bytes), and the
#                           CPU cores that other processes used just before and during the run.
#   machine_json FILE KEY=VALUE...   the machine, the commit and neuroc's version, plus the given
#                           string pairs, as a JSON object.

TCK=$(getconf CLK_TCK)
NPROC=$(nproc)

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

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

run_timed() {
  local name=$1; shift
  local before t0 t1 b0 b1 rc=0 wall user sys rss pre=()
  if [[ ${RUN_TIMEOUT:-0} != 0 ]]; then pre=(timeout -k 10 "$RUN_TIMEOUT"); fi
  before=$(wait_quiet)
  b0=$(busy_jiffies)
  t0=$(date +%s.%N)
  /usr/bin/time -f '%e %U %S %M' -o "$WORK/time-$name.txt" "${pre[@]}" "$@" \
      >"$WORK/stdout-$name.txt" 2>"$WORK/stderr-$name.txt" || rc=$?
  t1=$(date +%s.%N)
  b1=$(busy_jiffies)
  # GNU time writes "Command exited with non-zero status N" first when the command fails.
  read -r wall user sys rss < <(grep -E '^[0-9.]+ [0-9.]+ [0-9.]+ [0-9]+$' "$WORK/time-$name.txt" | tail -1 || echo "0 0 0 0")
  if [[ $rc != 0 ]]; then
    log "  $name exited with $rc$([[ $rc == 124 ]] && echo " (timed out after $RUN_TIMEOUT s)"); last lines of its stderr:"
    tail -5 "$WORK/stderr-$name.txt" >&2 || true
  fi
  awk -v n="$name" -v rc="$rc" -v t0="$t0" -v t1="$t1" -v u="${user:-0}" -v sy="${sys:-0}" \
      -v rss="${rss:-0}" -v b0="$b0" -v b1="$b1" -v tck="$TCK" -v ob="$before" 'BEGIN{
        w = t1 - t0; oc = ((b1 - b0) / tck - (u + sy)) / w; if (oc < 0) oc = 0;
        printf "{\"name\":\"%s\",\"rc\":%d,\"wall_s\":%.6f,\"user_s\":%.2f,\"sys_s\":%.2f,\"max_rss_bytes\":%.0f,\"others_cores_before\":%.2f,\"others_cores_during\":%.2f}\n",
               n, rc, w, u, sy, rss * 1024, ob, oc}' >"$WORK/meta-$name.json"
  log "  $name: ${rc/#0/ok}, $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}') s wall, max RSS $(( ${rss:-0} / 1024 )) MiB (others used $before cores before)"
  return 0
}

machine_json() {
  local file=$1; shift
  local cpu git_desc root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  cpu=$(grep -m1 '^model name' /proc/cpuinfo | sed 's/^[^:]*:[[:space:]]*//')
  git_desc=$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
  if [[ -n "$(cd "$root" && git status --porcelain -- src samples 2>/dev/null)" ]]; then git_desc="$git_desc (src/ or samples/ modified)"; fi
  python3 - "$file" "date=$(date -Iseconds)" "nproc=$NPROC" "cpu_model=$cpu" \
      "mem_gib=$(awk '/MemTotal/{printf "%.1f", $2 / 1048576}' /proc/meminfo)" "kernel=$(uname -r)" \
      "git=$git_desc" "neuroc_version=$("$NEUROC" --version 2>/dev/null | head -1 || echo unknown)" \
      "neuroc_binary=$NEUROC" "$@" <<'EOF'
import json, sys
d = dict(a.split('=', 1) for a in sys.argv[2:])
json.dump(d, open(sys.argv[1], 'w'), indent=2)
EOF
}
