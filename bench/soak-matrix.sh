#!/usr/bin/env bash
# Every admission policy and every peer library against plain waiting, scenario by scenario, on the
# same seeded schedule: the table behind docs/soak.md, "Choosing the admission policy". Each scenario is
# one `dbpool soak` with every mode in one run (wait, threshold, codel, and the peers vegas, gradient2,
# bulkhead around a waiting pool), its report under OUT/<scenario>/, and the table (capacity, goodput,
# goodput of the limit, goodput vs wait, steady shed, timed out, time to recover) in OUT/matrix.md.
#
# The scenarios that separate policies are the overloads (no fault: 1.5x, 2x and 3x the pool's
# capacity with a 10 ms hold, and 20,000/s with no hold, about 1.7x), the partial degradations (the
# database only slower, 8 ms and 20 ms more per round trip, at a rate the healthy pool serves at about
# 70%), and overload during a degradation. The factors assume auth-service's pool of 16 on a 2-core
# machine (about 1,500/s with a 10 ms hold, 12,000/s with none): each report measures capacity_per_s
# first, and the table shows the factor each run really had.
#
#   bench/soak-matrix.sh                       # every scenario below, about 2 hours on 2 cores
#   SCENARIOS="overload-2x degraded-8ms" bench/soak-matrix.sh
#
# Environment:
#   SCENARIOS   names from the list below (default: all of them)
#   MODES=wait,threshold,codel,vegas,gradient2,bulkhead
#   OUT=bench/results/soak-matrix
#   SERVICE=auth-service
#   DBPOOL_REBUILD=1   rebuild the cli jar first
set -euo pipefail
cd "$(dirname "$0")/.."

MODES=${MODES:-wait,threshold,codel,vegas,gradient2,bulkhead}
OUT=${OUT:-bench/results/soak-matrix}
SERVICE=${SERVICE:-auth-service}

# name | soak arguments (besides --service, --mode and --report)
SCENARIO_LIST=$(cat <<'LIST'
default|
none|--fault none --duration 30s
kill|--fault kill@15s+5s --duration 45s
restart|--fault restart@15s+5s --duration 45s
two-stalls|--fault slowdown@10s+6s --fault slowdown@25s+6s --duration 50s
spike|--fault spike:2.5@15s+10s --duration 45s
rate-2000-seed-7|--rate 2000 --seed 7 --fault slowdown@15s+8s --duration 45s
short-stall|--fault slowdown@15s+300ms --duration 30s
overload-1.5x|--hold 10ms --rate 2300 --fault none --duration 30s
overload-2x|--hold 10ms --rate 3000 --fault none --duration 30s
overload-3x|--hold 10ms --rate 4500 --fault none --duration 30s
heavy-overload|--hold 0ms --rate 20000 --fault none --duration 10s
degraded-8ms|--rate 1400 --fault latency:8ms@10s+15s --duration 40s
degraded-20ms|--rate 1400 --fault latency:20ms@10s+15s --duration 40s
overload-degraded|--rate 3000 --fault latency:8ms@4s+28s --duration 34s
LIST
)
SCENARIOS=${SCENARIOS:-$(echo "$SCENARIO_LIST" | cut -d'|' -f1 | tr '\n' ' ')}

mkdir -p "$OUT"
for name in $SCENARIOS; do
  args=$(echo "$SCENARIO_LIST" | awk -F'|' -v n="$name" '$1 == n { print $2 }')
  if ! echo "$SCENARIO_LIST" | cut -d'|' -f1 | grep -qx "$name"; then
    echo "soak-matrix: unknown scenario '$name'" >&2
    exit 2
  fi
  echo "== $name: ./dbpool soak --service $SERVICE --mode $MODES $args" >&2
  rm -rf "${OUT:?}/$name"
  # shellcheck disable=SC2086
  ./dbpool soak --service "$SERVICE" --mode "$MODES" $args --report "$OUT/$name" \
    > "$OUT/$name.txt" 2>&1 || echo "soak-matrix: $name exited $? (see $OUT/$name.txt)" >&2
done

python3 - "$OUT" $SCENARIOS > "$OUT/matrix.md" <<'PY'
import json, sys, pathlib
out, names = pathlib.Path(sys.argv[1]), sys.argv[2:]
def pct(x): return "n/a" if x is None else f"{100 * x:.1f}%"
def num(x, fmt="{:.2f}"): return "never" if x is None else fmt.format(x)
print("| scenario | capacity/s (offered x) | mode | goodput | goodput / offered | of limit | vs wait | steady shed "
      "| timed out | TTR (s) | valid |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for name in names:
    path = out / name / "report.json"
    if not path.exists():
        print(f"| {name} | | (no report) | | | | | | | | |")
        continue
    report = json.loads(path.read_text())
    runs = report["runs"]
    capacity = report.get("capacity_per_s")
    rate = report["scenario"]["rate_per_s"]
    capacity_text = "n/a" if not capacity else f"{capacity:,.0f} ({rate / capacity:.1f}x)"
    wait = next((r for r in runs if r["mode"] == "wait"), None)
    for i, r in enumerate(runs):
        gain = None if not wait or not wait.get("goodput") else r["goodput"] / wait["goodput"]
        gain_text = "n/a (wait: 0)" if gain is None else f"{gain:.2f}x"
        ttr = r.get("time_to_recover_s")
        ttr_text = "-" if not report["scenario"].get("faults") else num(ttr, "{:.0f}")
        limit = r.get("goodput_of_limit")
        mode = r["mode"] + (" (default)" if r["mode"] == report.get("default_policy") else "")
        print(f"| {name if i == 0 else ''} | {capacity_text if i == 0 else ''} | {mode} | {r['goodput']:,} | "
              f"{pct(r['goodput'] / r['offered'])} | {num(limit, '{:.2f}') if limit is not None else 'n/a'} | "
              f"{gain_text} | {pct(r.get('steady_shed_ratio'))} | {r['timed_out']:,} | {ttr_text} | {r['valid']} |")
PY
cat "$OUT/matrix.md"
# docs/soak.md shows these figures: bench/soak-matrix-to-docs.py copies them in.
