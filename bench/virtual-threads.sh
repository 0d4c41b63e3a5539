#!/usr/bin/env bash
# Many virtual threads on one pool: VirtualThreadBenchmark (1,000 virtual threads on 16 connections)
# for bare HikariCP, HikariCP with Micrometer's tracker (what Spring Boot installs) and dbpool under
# each admission policy, on a JDK 21 or later. Writes one JMH JSON file per run and summary.md (wall
# time per call, connections handed out per second, rejected share, process CPU per connection).
#
#   bench/virtual-threads.sh                           # 2 rounds, stub and PostgreSQL
#   ROUNDS=1 TARGETS=stub bench/virtual-threads.sh     # a quick look
#
# The build stays on Java 17; the benchmark makes its virtual threads through reflection and runs on
# the JDK the virtual-thread tests use: DBPOOL_JDK21_HOME, else the newest JDK 21+ under /usr/lib/jvm.
# Without one it says so and exits 0 (DBPOOL_REQUIRE_JDK21=1 makes that exit 1).
#
# Environment:
#   ROUNDS=2              rounds over the rows, the order rotating from round to round
#   TARGETS=stub,postgres stub: connections that do no I/O, held HOLD_MICROS parked (as a virtual thread
#                         waits on a socket); postgres: DBPOOL_BENCH_DATABASE_URL, one SELECT 1 per call
#   HOLD_MICROS=50
#   POLICIES="codel threshold none"
#   WARMUP=5              warm-up iterations of 1 s
#   NICE=-10              scheduling priority of the stub runs (PostgreSQL runs stay at 0, level with
#                         the server's backends)
#   OUT=bench/results/virtual-threads
#   JAR=bench/target/benchmarks.jar (built when missing)
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-2}
TARGETS=${TARGETS:-stub,postgres}
HOLD_MICROS=${HOLD_MICROS:-50}
POLICIES=${POLICIES:-"codel threshold none"}
WARMUP=${WARMUP:-5}
NICE=${NICE:--10}
OUT=${OUT:-bench/results/virtual-threads}
JAR=${JAR:-bench/target/benchmarks.jar}

# The feature version in a JDK home's release file (21, 25, ...), or nothing.
feature() {
  [[ -x $1/bin/java && -f $1/release ]] || return 0
  sed -nE 's/^JAVA_VERSION="?([0-9]+).*/\1/p' "$1/release" | head -1
}

find_jdk21() {
  if [[ -n ${DBPOOL_JDK21_HOME:-} ]]; then
    local f
    f=$(feature "$DBPOOL_JDK21_HOME")
    [[ -n $f && $f -ge 21 ]] || { echo "virtual-threads: DBPOOL_JDK21_HOME must be a JDK 21 or later, got '$DBPOOL_JDK21_HOME'" >&2; exit 2; }
    echo "$DBPOOL_JDK21_HOME"; return
  fi
  local home f best= best_f=0
  for home in /usr/lib/jvm/*; do
    f=$(feature "$home")
    if [[ -n $f && $f -ge 21 && $f -gt $best_f ]]; then best=$home; best_f=$f; fi
  done
  echo "$best"
}

JDK=$(find_jdk21)
if [[ -z $JDK ]]; then
  echo "virtual-threads: skipped: needs a JDK 21 or later (virtual threads) and found none: set DBPOOL_JDK21_HOME" \
       "to a JDK 21+ home, or install one under /usr/lib/jvm (for example the Debian package openjdk-21-jdk-headless)" >&2
  [[ ${DBPOOL_REQUIRE_JDK21:-} == 1 ]] && exit 1
  exit 0
fi
JAVA=$JDK/bin/java

if [[ ! -f $JAR ]]; then
  echo "== building $JAR"
  mvn -B -q -Dstyle.color=never package -pl bench -am -DskipTests
fi

CELLS=(hikariBaseline hikariMicrometer)
for policy in $POLICIES; do CELLS+=("acquireWithBackpressure:$policy"); done

rm -rf "$OUT"
mkdir -p "$OUT"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- . ":(exclude)$OUT" 2>/dev/null || echo ' (modified)')"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') x $(nproc)"
  echo "java: $("$JAVA" -version 2>&1 | head -2 | tr '\n' ' ')"
  echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "options: ROUNDS=$ROUNDS WARMUP=$WARMUP TARGETS=$TARGETS HOLD_MICROS=$HOLD_MICROS NICE=$NICE POLICIES=\"$POLICIES\""
} > "$OUT/machine.txt"
cat "$OUT/machine.txt"

n=${#CELLS[@]}
for round in $(seq 1 "$ROUNDS"); do
  for target in ${TARGETS//,/ }; do
    nice=$([[ $target == stub ]] && echo "$NICE" || echo 0)
    for i in $(seq 0 $(( n - 1 ))); do
      cell=${CELLS[$(( (i + round - 1) % n ))]}
      method=${cell%%:*}
      policy=codel
      [[ $cell == *:* ]] && policy=${cell#*:}
      run="$OUT/round$round-$target-${cell/:/-}"
      echo "== round $round/$ROUNDS, $target, $cell, load $(cut -d' ' -f1 /proc/loadavg)"
      nice -n "$nice" "$JAVA" -jar "$JAR" "VirtualThreadBenchmark\.$method\$" \
          -p target="$target" -p policy="$policy" -p holdMicros="$HOLD_MICROS" \
          -f 1 -wi "$WARMUP" -i 5 -w 1s -r 1s -foe true -rf json -rff "$run.json" > "$run.log" \
        || { tail -30 "$run.log"; exit 1; }
      grep -E '^VirtualThreadBenchmark\.[A-Za-z]+ ' "$run.log" || true
    done
  done
done

echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
"$JAVA" -cp "$JAR" dev.dbpool.bench.VirtualThreadSummary "$OUT"/*.json > "$OUT/summary.md"
echo
cat "$OUT/summary.md"
