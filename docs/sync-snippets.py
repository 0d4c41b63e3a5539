#!/usr/bin/env python3
# Copies the tagged regions of compiled example code into the docs: python3 docs/sync-snippets.py . README.md docs/BACKPRESSURE_INTEGRATION.md
# DocSnippetsTest fails when a doc and its code differ; this script is how to bring them back together.
import re, sys, pathlib
root = pathlib.Path(sys.argv[1])
def region(path, tag):
    lines = (root / path).read_text().splitlines()
    s = next(i for i,l in enumerate(lines) if l.strip() == f"// tag::{tag}[]") + 1
    e = next(i for i,l in enumerate(lines) if l.strip() == f"// end::{tag}[]")
    body = lines[s:e]
    ind = min(len(l) - len(l.lstrip()) for l in body if l.strip())
    return "".join(("" if not l.strip() else l[ind:]) + "\n" for l in body)
pat = re.compile(r"(<!-- snippet: (\S+)#(\S+) -->\s*```java\n)(.*?)(```)", re.S)
for doc in sys.argv[2:]:
    p = root / doc
    t = p.read_text()
    t = pat.sub(lambda m: m.group(1) + region(m.group(2), m.group(3)) + m.group(5), t)
    p.write_text(t)
