#!/usr/bin/env python3
# Copies the tagged regions of compiled example code into the docs: python3 docs/sync-snippets.py .
# (every page: README.md and docs/**/*.md), or name pages: python3 docs/sync-snippets.py . docs/runtime.md
# DocSnippetsTest fails when a page and its code differ; this script is how to bring them back together.
import re, sys, pathlib
root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
def region(path, tag):
    lines = (root / path).read_text().splitlines()
    s = next(i for i,l in enumerate(lines) if l.strip() == f"// tag::{tag}[]") + 1
    e = next(i for i,l in enumerate(lines) if l.strip() == f"// end::{tag}[]")
    body = lines[s:e]
    ind = min(len(l) - len(l.lstrip()) for l in body if l.strip())
    return "".join(("" if not l.strip() else l[ind:]) + "\n" for l in body)
pat = re.compile(r"(<!-- snippet: (\S+)#(\S+) -->\s*```java\n)(.*?)(```)", re.S)
docs = sys.argv[2:] or ["README.md"] + sorted(str(p.relative_to(root)) for p in (root / "docs").rglob("*.md"))
for doc in docs:
    p = root / doc
    t = p.read_text()
    t = pat.sub(lambda m: m.group(1) + region(m.group(2), m.group(3)) + m.group(5), t)
    p.write_text(t)
