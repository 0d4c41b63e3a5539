#!/usr/bin/env bash
# Start-up of the command line: wall time of `./dbpool plan examples/services.yaml`, RUNS runs
# each (after one unmeasured run that builds the jar and the class-data-sharing archive if needed),
# for the launcher as shipped and with its start-up options turned off. Prints every time, then the
# medians; the last line is `median_s=M` for the launcher as shipped.
#
#   bench/startup.sh              # 10 runs each, the java on PATH
#   RUNS=20 bench/startup.sh
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/startup.sh   # another java (the launcher's
#                                 # DBPOOL_JAVA): on Java 24+ the launcher starts from an AOT cache
#   NICE=-10 bench/startup.sh     # at a higher priority, on a machine shared with other work
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
JAVA=${JAVA:-java}
NICE=${NICE:-0}
export DBPOOL_JAVA=$JAVA
ARGS=(plan examples/services.yaml)

measure() {  # label, then the command (its arguments are ARGS)
  local label=$1; shift
  "$@" "${ARGS[@]}" > /dev/null    # warm: jar, archive, page cache
  local times=()
  for _ in $(seq 1 "$RUNS"); do
    local start end
    start=$(date +%s.%N)
    nice -n "$NICE" "$@" "${ARGS[@]}" > /dev/null
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
  printf '%-44s %s  median %.3f s\n' "$label" "$(printf '%.3f ' "${times[@]}")" "$median" >&2
  echo "$median"
}

feature=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -nE 's/^ *java\.specification\.version = ([0-9]+).*/\1/p')
echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs, $("$JAVA" -version 2>&1 | head -1), nice $NICE" >&2
./dbpool --version > /dev/null   # builds the jar when missing
plain=$(measure "java -jar cli/target/dbpool.jar (JVM defaults)" "$JAVA" -jar cli/target/dbpool.jar)
if [[ -n $feature && $feature -ge 24 ]]; then
  how="AOT cache"
else
  how="CDS archive"
fi
shipped=$(measure "./dbpool ($how, C1 only, serial GC)" ./dbpool)
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
printf 'plain_median_s=%.3f\n' "$plain"
printf 'median_s=%.3f\n' "$shipped"
