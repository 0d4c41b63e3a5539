#!/usr/bin/env bash
# Start-up of the command line: wall time of `./dbpool plan examples/services.yaml`, RUNS runs
# each (after one unmeasured run that builds the jar and the class-data-sharing archive if needed),
# for the launcher as shipped and with its start-up options turned off. Prints every time, then the
# medians; the last line is `median_s=M` for the launcher as shipped.
#
#   bench/startup.sh              # 10 runs each
#   RUNS=20 bench/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
ARGS=(plan examples/services.yaml)

measure() {  # label, then the command (its arguments are ARGS)
  local label=$1; shift
  "$@" "${ARGS[@]}" > /dev/null    # warm: jar, archive, page cache
  local times=()
  for _ in $(seq 1 "$RUNS"); do
    local start end
    start=$(date +%s.%N)
    "$@" "${ARGS[@]}" > /dev/null
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
  printf '%-44s %s  median %.3f s\n' "$label" "$(printf '%.3f ' "${times[@]}")" "$median" >&2
  echo "$median"
}

echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs, $(java -version 2>&1 | head -1)" >&2
./dbpool --version > /dev/null   # builds the jar when missing
plain=$(measure "java -jar cli/target/dbpool.jar (JVM defaults)" java -jar cli/target/dbpool.jar)
shipped=$(measure "./dbpool (CDS archive, C1 only, serial GC)" ./dbpool)
printf 'plain_median_s=%.3f\n' "$plain"
printf 'median_s=%.3f\n' "$shipped"
