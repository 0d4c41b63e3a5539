#!/usr/bin/env bash
# Runs AcquireBenchmark the way docs/benchmarks.md reports it and writes everything needed to
# regenerate its tables: one JMH JSON file per run, machine.txt, summary.md.
#
#   bench/run-jmh.sh                          # the documented run (about 12 minutes on 2 cores)
#   ROUNDS=1 THREADS=1 TARGETS=stub bench/run-jmh.sh   # a quick look
#   JARS="before=/tmp/before.jar after=bench/target/benchmarks.jar" bench/run-jmh.sh
#                                             # two builds, each cell back to back
#
# Each method (and acquireWithBackpressure once per admission policy) runs in its own JVM, the
# order rotating from round to round, so that load which drifts over minutes (a shared machine, a
# laptop's turbo) falls on every method alike instead of on whichever happens to run last. Within
# a run: FORKS forks x 5 measured iterations of 1 s after 3 warm-up iterations, each iteration's
# score is one sample of the median.
#
# Environment:
#   ROUNDS=3              rounds over the methods
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
#   POLICIES="threshold codel"
#                         the admission policies acquireWithBackpressure runs with (-p policy)
#   METHODS="hikariBaseline hikariMicrometer acquireWithMetrics acquireWithBackpressure dataSource"
#                         dataSource (DbPool.dataSource().getConnection() on a pool built with the
#                         default policy, codel) runs once, not once per policy
#   WARMUP=5              warm-up iterations of 1 s (the JIT settles the longer paths in 2-5 s)
#   JARS=                 "label=path ...": run every cell with each benchmarks jar in turn, back to
#                         back (the order alternating by round), results in $OUT/label/, one
#                         summary per label; to compare two builds of the runtime in one run
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
WARMUP=${WARMUP:-5}
JAR=bench/target/benchmarks.jar
POLICIES=${POLICIES:-"threshold codel"}
# One cell per method, acquireWithBackpressure once per policy: "method" or "method:policy".
CELLS=()
for method in ${METHODS:-hikariBaseline hikariMicrometer acquireWithMetrics acquireWithBackpressure dataSource}; do
  if [[ $method == acquireWithBackpressure ]]; then
    for policy in $POLICIES; do CELLS+=("$method:$policy"); done
  else
    CELLS+=("$method")
  fi
done
# label=path pairs; without JARS one unlabelled jar, results straight in $OUT.
JAR_SPECS=(${JARS:-"=$JAR"})

if [[ -z ${JARS:-} && ( ! -f $JAR || -n ${REBUILD:-} ) ]]; then
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
  echo "options: ROUNDS=$ROUNDS FORKS=$FORKS WARMUP=$WARMUP THREADS=\"$THREADS\" POOL_SIZE=$POOL_SIZE TARGETS=$TARGETS NICE=$NICE POLICIES=\"$POLICIES\" JARS=\"${JARS:-}\" JMH_EXTRA=\"$JMH_EXTRA\""
} > "$OUT/machine.txt"
cat "$OUT/machine.txt"

for spec in "${JAR_SPECS[@]}"; do
  mkdir -p "$OUT/${spec%%=*}"
done

n=${#CELLS[@]}
for round in $(seq 1 "$ROUNDS"); do
  for threads in $THREADS; do
    for target in ${TARGETS//,/ }; do
      # The PostgreSQL server's backends run at normal priority on the same CPUs: a client above
      # them would starve the server it waits for, so only the stub runs at $NICE.
      nice=$([[ $target == stub ]] && echo "$NICE" || echo 0)
      for i in $(seq 0 $(( n - 1 ))); do
        cell=${CELLS[$(( (i + round - 1) % n ))]}
        method=${cell%%:*}
        policy=codel
        [[ $cell == *:* ]] && policy=${cell#*:}
        for j in $(seq 0 $(( ${#JAR_SPECS[@]} - 1 ))); do
          spec=${JAR_SPECS[$(( (j + round - 1) % ${#JAR_SPECS[@]} ))]}
          label=${spec%%=*}
          jar=${spec#*=}
          run="$OUT/${label:+$label/}round$round-t$threads-$target-${cell/:/-}"
          echo "== round $round/$ROUNDS, $threads thread(s), $target, $cell${label:+, $label}, load $(cut -d' ' -f1 /proc/loadavg)"
          # -foe: stop at the first error (an unreachable database) instead of reporting half a table.
          # shellcheck disable=SC2086
          nice -n "$nice" java -jar "$jar" "AcquireBenchmark\.$method\$" \
              -p target="$target" -p poolSize="$POOL_SIZE" -p policy="$policy" -t "$threads" \
              -f "$FORKS" -wi "$WARMUP" -i 5 -w 1s -r 1s -prof gc -foe true $JMH_EXTRA \
              -rf json -rff "$run.json" > "$run.log" \
            || { tail -30 "$run.log"; exit 1; }
          grep -E '^AcquireBenchmark\.[A-Za-z]+ ' "$run.log" || true
        done
      done
    done
  done
done

echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
for spec in "${JAR_SPECS[@]}"; do
  label=${spec%%=*}
  dir="$OUT${label:+/$label}"
  java -cp "${spec#*=}" dev.dbpool.bench.JmhSummary "$dir"/*.json > "$dir/summary.md"
  echo
  [[ -n $label ]] && echo "## $label (${spec#*=})"
  cat "$dir/summary.md"
done
