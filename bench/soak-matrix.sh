#!/usr/bin/env bash
# Every admission policy against plain waiting, scenario by scenario, on the same seeded schedule:
# the table behind docs/soak.md, "Choosing the admission policy". Each scenario is one `dbpool soak` with
# every mode in one run (wait, threshold, codel), its report under OUT/<scenario>/, and
# the table (goodput, goodput vs wait, steady shed, timed out, time to recover) in OUT/matrix.md.
#
#   bench/soak-matrix.sh                       # every scenario below, about 40 minutes on 2 cores
#   SCENARIOS="default none" bench/soak-matrix.sh
#
# Environment:
#   SCENARIOS   names from the list below (default: all of them)
#   MODES=wait,threshold,codel
#   OUT=bench/results/soak-matrix
#   SERVICE=auth-service
#   DBPOOL_REBUILD=1   rebuild the cli jar first
set -euo pipefail
cd "$(dirname "$0")/.."

MODES=${MODES:-wait,threshold,codel}
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
print("| scenario | mode | goodput | goodput / offered | vs wait | steady shed | timed out | TTR (s) | valid |")
print("|---|---|---|---|---|---|---|---|---|")
for name in names:
    path = out / name / "report.json"
    if not path.exists():
        print(f"| {name} | (no report) | | | | | | | |")
        continue
    report = json.loads(path.read_text())
    runs = report["runs"]
    wait = next((r for r in runs if r["mode"] == "wait"), None)
    for r in runs:
        gain = None if not wait or not wait.get("goodput") else r["goodput"] / wait["goodput"]
        gain_text = "n/a (wait: 0)" if gain is None else f"{gain:.2f}x"
        ttr = r.get("time_to_recover_s")
        ttr_text = "-" if not report["scenario"].get("faults") else num(ttr, "{:.0f}")
        print(f"| {name} | {r['mode']} | {r['goodput']:,} | {pct(r['goodput'] / r['offered'])} | "
              f"{gain_text} | {pct(r.get('steady_shed_ratio'))} | {r['timed_out']:,} | {ttr_text} | {r['valid']} |")
PY
cat "$OUT/matrix.md"
# docs/soak.md shows these figures: bench/soak-matrix-to-docs.py copies them in.
