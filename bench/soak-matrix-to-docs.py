#!/usr/bin/env python3
# Copies bench/results/soak-matrix/matrix.md and the summary of its default scenario into docs/soak.md,
# between the <!-- matrix:start/end --> and <!-- default-soak:start/end --> markers, so that the
# figures on that page are exactly those of the last bench/soak-matrix.sh run.
import pathlib, re, sys
root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
out = root / "bench/results/soak-matrix"
page = root / "docs/soak.md"
text = page.read_text()
matrix = (out / "matrix.md").read_text().strip()
summary = (out / "default.txt").read_text()
start = summary.index("goodput, by mode:")
end = summary.index("dbpool: report written") if "dbpool: report written" in summary else len(summary)
default = "```\n" + summary[start:end].rstrip() + "\n```"
def put(text, name, body):
    pattern = re.compile(r"(<!-- " + name + r":start -->\n).*?(<!-- " + name + r":end -->)", re.S)
    return pattern.sub(lambda m: m.group(1) + body + "\n" + m.group(2), text)
text = put(text, "matrix", matrix)
text = put(text, "default-soak", default)
page.write_text(text)
