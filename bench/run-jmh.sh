#!/usr/bin/env bash
# Runs AcquireBenchmark the way docs/BENCHMARKS.md reports it and writes everything needed to
# regenerate its tables: one JMH JSON file per run, machine.txt, summary.md.
#
#   bench/run-jmh.sh                          # the documented run (about 12 minutes on 2 cores)
#   ROUNDS=1 THREADS=1 TARGETS=stub bench/run-jmh.sh   # a quick look
#
# Each method runs in its own JVM, the order rotating from round to round, so that load which
# drifts over minutes (a shared machine, a laptop's turbo) falls on every method alike instead of
# on whichever happens to run last. Within a run: FORKS forks x 5 measured iterations of 1 s after
# 3 warm-up iterations, each iteration's score is one sample of the median.
#
# Environment:
#   ROUNDS=3              rounds over the three methods
#   FORKS=1               JMH forks per run (ROUNDS x FORKS forks per method in all)
#   THREADS="1 8"         thread counts (the pool has POOL_SIZE connections)
#   POOL_SIZE=4
#   TARGETS=stub,postgres stub: a driver that does no I/O; postgres: DBPOOL_BENCH_DATABASE_URL
#                         (default postgres://postgres@127.0.0.1:5432/test)
#   OUT=bench/results/jmh where the results go (emptied first)
#   JMH_EXTRA=            more JMH options, e.g. "-prof stack"
#   NICE=-10              scheduling priority of the stub runs (below 0 needs root; 0 leaves it
#                         alone): on a machine shared with builds, a higher priority keeps their
#                         load from stretching every figure in proportion to the CPU it takes.
#                         PostgreSQL runs always stay at 0, level with the server's backends.
#   REBUILD=1             rebuild bench/target/benchmarks.jar even when it exists
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-3}
FORKS=${FORKS:-1}
THREADS=${THREADS:-"1 8"}
POOL_SIZE=${POOL_SIZE:-4}
TARGETS=${TARGETS:-stub,postgres}
OUT=${OUT:-bench/results/jmh}
JMH_EXTRA=${JMH_EXTRA:-}
NICE=${NICE:--10}
JAR=bench/target/benchmarks.jar
METHODS=(hikariBaseline acquireWithMetrics acquireWithBackpressure)

if [[ ! -f $JAR || -n ${REBUILD:-} ]]; then
  echo "== building $JAR"
  mvn -B -q -Dstyle.color=never package -pl bench -am -DskipTests
fi

rm -rf "$OUT"
mkdir -p "$OUT"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- . ":(exclude)$OUT" 2>/dev/null || echo ' (modified)')"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') x $(nproc)"
  echo "memory: $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "kernel: $(uname -sr)"
  echo "java: $(java -version 2>&1 | head -2 | tr '\n' ' ')"
  echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "options: ROUNDS=$ROUNDS FORKS=$FORKS THREADS=\"$THREADS\" POOL_SIZE=$POOL_SIZE TARGETS=$TARGETS NICE=$NICE JMH_EXTRA=\"$JMH_EXTRA\""
} > "$OUT/machine.txt"
cat "$OUT/machine.txt"

for round in $(seq 1 "$ROUNDS"); do
  for threads in $THREADS; do
    for target in ${TARGETS//,/ }; do
      # The PostgreSQL server's backends run at normal priority on the same CPUs: a client above
      # them would starve the server it waits for, so only the stub runs at $NICE.
      nice=$([[ $target == stub ]] && echo "$NICE" || echo 0)
      for i in 0 1 2; do
        method=${METHODS[$(( (i + round - 1) % 3 ))]}
        run="$OUT/round$round-t$threads-$target-$method"
        echo "== round $round/$ROUNDS, $threads thread(s), $target, $method"
        # -foe: stop at the first error (an unreachable database) instead of reporting half a table.
        # shellcheck disable=SC2086
        nice -n "$nice" java -jar "$JAR" "AcquireBenchmark\.$method\$" \
            -p target="$target" -p poolSize="$POOL_SIZE" -t "$threads" \
            -f "$FORKS" -wi 3 -i 5 -w 1s -r 1s -prof gc -foe true $JMH_EXTRA \
            -rf json -rff "$run.json" > "$run.log" \
          || { tail -30 "$run.log"; exit 1; }
        grep -E '^AcquireBenchmark\.[A-Za-z]+ ' "$run.log" || true
      done
    done
  done
done

echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
java -cp "$JAR" dev.dbpool.bench.JmhSummary "$OUT"/*.json > "$OUT/summary.md"
echo
cat "$OUT/summary.md"
