#!/usr/bin/env bash
# The load generator against pgbench: the same query, the same number of connections, the same
# duration, the same server, one after the other. Prints both throughputs and, as its last line,
# ratio=R (load generator TPS / pgbench TPS; docs/benchmarks.md). One run; docs/benchmarks.md
# reports the median of several.
#
#   bench/loadgen-vs-pgbench.sh                   # 8 connections, 30 s each, about 1.5 minutes
#   CONNECTIONS=2 DURATION=10 bench/loadgen-vs-pgbench.sh
#   DBPOOL_BENCH_DATABASE_URL=postgres://me:pw@db:5432/postgres bench/loadgen-vs-pgbench.sh
#
# The work, on both sides: pgbench's built-in select-only transaction,
#   SELECT abalance FROM pgbench_accounts WHERE aid = :aid     (aid uniform in 1 .. 100000 x SCALE)
# one statement in autocommit, prepared once per connection, over TCP:
#   pgbench:        pgbench -n -S -M prepared -c CONNECTIONS -j THREADS -T DURATION URL
#   load generator: dbpool closed-loop --workload pgbench-select --connections CONNECTIONS
#                   --warmup WARMUPs --duration DURATIONs --database-url URL
#                   (dev.dbpool.loadgen.ClosedLoopRun: one client thread per connection of a dbpool
#                   pool, acquireWithMetrics, run the statement, return the connection, back to back;
#                   its pool reads without a socket timeout, as pgbench does, over sockets whose reads
#                   block: one recv per response, as pgbench's transport, not a service's 30 s timeout)
# on tables made by `pgbench -i -s SCALE` in a database of their own, BENCH_DB, which the script
# creates on the server and drops at the end (also on Ctrl-C or failure). Nothing else is touched.
# Each side gets WARMUP seconds of the same load, unmeasured, first: pgbench as a separate short
# run, the load generator inside its JVM (so that the JIT has compiled the loop).
#
# Environment:
#   DBPOOL_BENCH_DATABASE_URL  the server, as a libpq URI (default postgres://postgres@127.0.0.1:5432/test);
#                              its database is only used to create and drop BENCH_DB
#   BENCH_DB=dbpool_bench      the database created for the run and dropped after it
#   CONNECTIONS=8              pgbench -c, and the pool size and client threads of the load generator
#   THREADS                    pgbench -j (default: the number of CPUs, at most CONNECTIONS); the load
#                              generator has one thread per connection (JDBC calls block)
#   DURATION=30                measured seconds on each side (pgbench -T)
#   WARMUP=5                   unmeasured seconds on each side first
#   SCALE=10                   pgbench -i -s: 1,000,000 accounts, about 150 MB
#   PGBENCH                    the pgbench to use (default: found on PATH or in /usr/lib/postgresql/*/bin,
#                              else installed, see find_pgbench below)
#   RESULTS=bench/results/pgbench/loadgen-vs-pgbench.txt   where this run's full output is saved
#   DBPOOL_JAVA_OPTS           options for the load generator's JVM (none by default)
#   DBPOOL_REBUILD=1           rebuild cli/target/dbpool.jar first (the ./dbpool launcher builds it when missing)
set -euo pipefail
cd "$(dirname "$0")/.."

SERVER_URL=${DBPOOL_BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}
BENCH_DB=${BENCH_DB:-dbpool_bench}
CONNECTIONS=${CONNECTIONS:-8}
CPUS=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-5}
SCALE=${SCALE:-10}
RESULTS=${RESULTS:-bench/results/pgbench/loadgen-vs-pgbench.txt}

die() { echo "loadgen-vs-pgbench: $*" >&2; exit 2; }
# The password of a URL, if any, never reaches the output.
mask() { sed -E 's#(://[^:/@]*):[^@]*@#\1:***@#' <<< "$1"; }
[[ $CONNECTIONS =~ ^[1-9][0-9]*$ ]] || die "CONNECTIONS must be a positive integer, got '$CONNECTIONS'"
THREADS=${THREADS:-$(( CPUS < CONNECTIONS ? CPUS : CONNECTIONS ))}
for n in THREADS DURATION SCALE; do
  [[ ${!n} =~ ^[1-9][0-9]*$ ]] || die "$n must be a positive integer, got '${!n}'"
done
[[ $WARMUP =~ ^[0-9]+$ ]] || die "WARMUP must be a whole number of seconds, got '$WARMUP'"
[[ $BENCH_DB =~ ^[a-z_][a-z0-9_]*$ ]] || die "BENCH_DB must be a plain lower-case identifier, got '$BENCH_DB'"
[[ $SERVER_URL =~ ^postgres(ql)?://([^/?]*@)?[^/?@:]+ ]] \
  || die "DBPOOL_BENCH_DATABASE_URL must be a libpq URI with a host, for TCP (postgres://user@host:port/db), got '$(mask "$SERVER_URL")'"

# The same server, another database: postgres://u:p@h:5432/test?x=y -> postgres://u:p@h:5432/BENCH_DB?x=y
with_database() {
  local url=$1 db=$2 base query=
  base=${url%%\?*}
  [[ $url == *\?* ]] && query="?${url#*\?}"
  local rest=${base#*://}
  [[ $rest == */* ]] && rest=${rest%%/*}
  echo "${base%%://*}://$rest/$db$query"
}

# pgbench ships with PostgreSQL's client tools. Debian 12 and older put it in the server package
# (postgresql-NN, whose install would also create and start a cluster): there the script fetches that
# package and unpacks pgbench alone under bench/target/, next to the libpq that postgresql-client
# brings. Newer Debian and Ubuntu have it in postgresql-client-NN. Elsewhere, install PostgreSQL's
# client tools yourself (brew install postgresql@17, dnf install postgresql-contrib) or set PGBENCH.
find_pgbench() {
  local candidate
  if [[ -n ${PGBENCH:-} ]]; then
    "$PGBENCH" --version >/dev/null 2>&1 || die "PGBENCH=$PGBENCH does not run"
    echo "$PGBENCH"; return
  fi
  if candidate=$(command -v pgbench) && "$candidate" --version >/dev/null 2>&1; then
    echo "$candidate"; return
  fi
  for candidate in $(ls -d /usr/lib/postgresql/*/bin/pgbench bench/target/pgbench/usr/lib/postgresql/*/bin/pgbench \
                       2>/dev/null | sort -V -r); do
    "$candidate" --version >/dev/null 2>&1 && { echo "$candidate"; return; }
  done
  local sudo=
  [[ $(id -u) == 0 ]] || sudo=sudo
  command -v apt-get >/dev/null && { [[ -z $sudo ]] || command -v sudo >/dev/null; } \
    || die "pgbench not found: install PostgreSQL's client tools (Debian/Ubuntu: apt-get install postgresql-client; macOS: brew install postgresql@17) or set PGBENCH"
  echo "== pgbench not found: ${sudo:+$sudo }apt-get install -y postgresql-client" >&2
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql-client >&2
  for candidate in $(command -v pgbench) $(ls -d /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | sort -V -r); do
    "$candidate" --version >/dev/null 2>&1 && { echo "$candidate"; return; }
  done
  local major
  major=$(dpkg-query -W -f='${Package}\n' 'postgresql-client-[0-9]*' 2>/dev/null | grep -oE '[0-9]+$' | sort -n | tail -1)
  [[ -n $major ]] || die "pgbench not found, and no postgresql-client-NN package to match it to: set PGBENCH"
  echo "== postgresql-client $major has no pgbench: unpacking it from postgresql-$major into bench/target/pgbench" >&2
  local tmp
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get download "postgresql-$major" >&2)
  dpkg-deb -x "$tmp"/postgresql-"$major"_*.deb "$tmp/x"
  mkdir -p "bench/target/pgbench/usr/lib/postgresql/$major/bin"
  cp "$tmp/x/usr/lib/postgresql/$major/bin/pgbench" "bench/target/pgbench/usr/lib/postgresql/$major/bin/"
  rm -rf "$tmp"
  candidate="bench/target/pgbench/usr/lib/postgresql/$major/bin/pgbench"
  "$candidate" --version >/dev/null 2>&1 || die "could not install pgbench"
  echo "$candidate"
}

drop_bench_db() {
  psql "$SERVER_URL" -qX -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null 2>&1 \
    || echo "loadgen-vs-pgbench: could not drop database $BENCH_DB" >&2
}

run() {
echo "== loadgen-vs-pgbench: $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- . ':(exclude)bench/results' 2>/dev/null || echo ' (modified)')"
echo "server:      $(mask "$SERVER_URL"), database $BENCH_DB (created and dropped by this script)"
echo "             $(psql "$SERVER_URL" -AtqX -c 'SELECT version()')"
echo "pgbench:     $PGBENCH ($("$PGBENCH" --version))"
echo "java:        $(java -version 2>&1 | head -1)${DBPOOL_JAVA_OPTS:+ with $DBPOOL_JAVA_OPTS}"
echo "machine:     $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//') x $CPUS, $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
echo "parameters:  CONNECTIONS=$CONNECTIONS THREADS=$THREADS DURATION=$DURATION WARMUP=$WARMUP SCALE=$SCALE"
echo "query:       SELECT abalance FROM pgbench_accounts WHERE aid = :aid  (pgbench -S, prepared, autocommit, TCP)"

drop_bench_db
psql "$SERVER_URL" -qX -v ON_ERROR_STOP=1 -c "CREATE DATABASE $BENCH_DB" >/dev/null
trap drop_bench_db EXIT
  trap 'exit 130' INT TERM

echo
echo "== pgbench -i -s $SCALE"
"$PGBENCH" -i -s "$SCALE" -q "$BENCH_URL" 2>&1 | tail -1

PGBENCH_ARGS=(-n -S -M prepared -c "$CONNECTIONS" -j "$THREADS")
if (( WARMUP > 0 )); then
  echo
  echo "== pgbench warm-up: $PGBENCH ${PGBENCH_ARGS[*]} -T $WARMUP"
  "$PGBENCH" "${PGBENCH_ARGS[@]}" -T "$WARMUP" "$BENCH_URL" 2>&1 | grep -E '^tps' || true
fi

echo
echo "== pgbench: $PGBENCH ${PGBENCH_ARGS[*]} -T $DURATION $(mask "$BENCH_URL")"
pgbench_out=$(mktemp)
TIMEFORMAT='%U %S'
# `time` reports the CPU pgbench spent (user, system) on its own line of pgbench_out.cpu.
{ time "$PGBENCH" "${PGBENCH_ARGS[@]}" -T "$DURATION" "$BENCH_URL" > "$pgbench_out" 2>&1 ; } 2> "$pgbench_out.cpu" \
  || { cat "$pgbench_out"; die "pgbench failed"; }
cat "$pgbench_out"
pgbench_tps=$(sed -nE 's/^tps = ([0-9.]+).*/\1/p' "$pgbench_out" | tail -1)
pgbench_tx=$(sed -nE 's/^number of transactions actually processed: ([0-9]+).*/\1/p' "$pgbench_out")
pgbench_latency=$(sed -nE 's/^latency average = ([0-9.]+) ms/\1/p' "$pgbench_out")
pgbench_cpu=$(awk -v tx="$pgbench_tx" '{printf "%.2f", ($1 + $2) * 1e6 / tx}' "$pgbench_out.cpu")
rm -f "$pgbench_out" "$pgbench_out.cpu"
[[ -n $pgbench_tps ]] || die "no tps line in pgbench's output"

echo
echo "== load generator: ./dbpool closed-loop --workload pgbench-select --connections $CONNECTIONS --warmup ${WARMUP}s --duration ${DURATION}s --database-url $(mask "$BENCH_URL")"
loadgen_out=$(mktemp)
./dbpool closed-loop --workload pgbench-select --connections "$CONNECTIONS" --warmup "${WARMUP}s" \
    --duration "${DURATION}s" --database-url "$BENCH_URL" > "$loadgen_out" \
  || { cat "$loadgen_out"; die "the load generator failed"; }
cat "$loadgen_out"
loadgen_tps=$(sed -nE 's/^tps=([0-9.]+)$/\1/p' "$loadgen_out")
loadgen_latency=$(sed -nE 's/^latency_avg_ms=([0-9.]+)$/\1/p' "$loadgen_out")
loadgen_cpu=$(sed -nE 's/^client_cpu_us_per_tx=([0-9.]+)$/\1/p' "$loadgen_out")
rm -f "$loadgen_out"
[[ -n $loadgen_tps ]] || die "no tps line in the load generator's output"

echo
echo "== result ($CONNECTIONS connections, ${DURATION}s each, load at end $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null))"
printf '%-16s %12s %16s %24s\n' "" "tps" "latency avg ms" "client CPU us/transaction"
printf '%-16s %12.1f %16s %24s\n' "pgbench" "$pgbench_tps" "$pgbench_latency" "$pgbench_cpu"
printf '%-16s %12.1f %16s %24s\n' "load generator" "$loadgen_tps" "$loadgen_latency" "$loadgen_cpu"
echo "pgbench_tps=$pgbench_tps"
echo "loadgen_tps=$loadgen_tps"
awk -v l="$loadgen_tps" -v p="$pgbench_tps" 'BEGIN {printf "ratio=%.3f\n", l / p}'
}

PGBENCH=$(find_pgbench)
command -v psql >/dev/null || die "psql not found (it comes with pgbench: apt-get install postgresql-client)"
BENCH_URL=$(with_database "$SERVER_URL" "$BENCH_DB")
mkdir -p "$(dirname "$RESULTS")"
# Everything goes to the terminal and to $RESULTS; ratio=R stays the last line of both.
run 2>&1 | tee "$RESULTS"
exit "${PIPESTATUS[0]}"
