#!/usr/bin/env bash
# Run every bench script in sequence with short defaults; each one's output goes to
# bench/out/<name>.txt and a summary (date, machine, load, exit codes, wall times) to
# bench/out/summary.txt. A failing script is recorded and the rest still run.
#
#   bench/run_all.sh                 # everything
#   bench/run_all.sh checkpoint faults   # only these (names without .py)
#   FULL=1 bench/run_all.sh faults   # the full fault run (20 learner, 20 bridge, 20 world kills) instead of --quick
#   WORLD_MINUTES=10 bench/run_all.sh world   # walk 10 min for the server RSS (default 2)
set -u
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
OUT=bench/out
mkdir -p "$OUT"
SUMMARY=$OUT/summary.txt

# name | arguments (short defaults)
declare -A ARGS=(
  [prompt_tokens]=""
  [checkpoint]="--writes 200 --resumes 2 --skills 1000"
  [library]="--sizes 100,1000,10000 --queries 50"
  [bridge_step]="--steps 100"
  [faults]="--quick"
  [techtree]="--quiet"
  [world]="--minutes ${WORLD_MINUTES:-2}"
)
ORDER=(prompt_tokens checkpoint library bridge_step)
for f in bench/world*.py bench/world*.js; do   # world benches (world-terrain), if present
  [ -e "$f" ] && ORDER+=("$(basename "${f%.*}")")
done
ORDER+=(faults techtree)
[ "${FULL:-0}" = 1 ] && ARGS[faults]="--learner-kills 20 --bridge-kills 20 --world-kills 20 --parallel"
[ $# -gt 0 ] && ORDER=("$@")

{
  echo "bench/run_all.sh $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM," \
       "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
} | tee "$SUMMARY"

for name in "${ORDER[@]}"; do
  script=bench/$name.py runner=$PY
  if [ ! -f "$script" ] && [ -f "bench/$name.js" ]; then
    script=bench/$name.js runner=${NODE:-node}
  fi
  if [ ! -f "$script" ]; then
    echo "$name: MISSING (bench/$name.py not found)" | tee -a "$SUMMARY"
    continue
  fi
  args=${ARGS[$name]-}
  echo "== $name $args (load $(cut -d' ' -f1 /proc/loadavg))"
  start=$SECONDS
  # shellcheck disable=SC2086  # args are split on purpose
  timeout "${BENCH_TIMEOUT:-900}" "$runner" "$script" $args >"$OUT/$name.txt" 2>&1
  code=$?
  secs=$((SECONDS - start))
  tail -n 25 "$OUT/$name.txt"
  printf '%s: exit %s, %s s, load after %s\n' "$name" "$code" "$secs" "$(cut -d' ' -f1 /proc/loadavg)" \
    | tee -a "$SUMMARY"
done
echo "outputs in $OUT/"
