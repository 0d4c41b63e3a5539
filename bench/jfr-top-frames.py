#!/usr/bin/env python3
"""Where a JFR recording's CPU samples are: the top frames (self time) of jdk.ExecutionSample, the
samples by the package of their innermost frame in one of the named packages (what JDK code such a
frame calls counts for it), and by that frame.

    bench/jfr-top-frames.py RECORDING.jfr [TOP] [PACKAGE_PREFIX ...]
    bench/jfr-top-frames.py profile.jfr 15 dev.dbpool com.zaxxer.hikari io.micrometer

Uses the `jfr` tool of the JDK on PATH (or $JAVA_HOME/bin/jfr).
"""
import collections
import json
import os
import shutil
import subprocess
import sys


def jfr_tool():
    home = os.environ.get("JAVA_HOME")
    if home and os.path.exists(os.path.join(home, "bin", "jfr")):
        return os.path.join(home, "bin", "jfr")
    java = shutil.which("java")
    candidate = os.path.join(os.path.dirname(os.path.realpath(java)), "jfr") if java else None
    if candidate and os.path.exists(candidate):
        return candidate
    sys.exit("jfr-top-frames: no jfr tool found (set JAVA_HOME to a JDK)")


def frame_name(frame):
    method = frame["method"]
    return method["type"]["name"].replace("/", ".") + "." + method["name"]


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    recording = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    prefixes = sys.argv[3:] or ["dev.dbpool", "com.zaxxer.hikari", "io.micrometer"]
    out = subprocess.run([jfr_tool(), "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample",
                          recording], check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    own = collections.Counter()
    by_package = collections.Counter()
    by_prefix = collections.Counter()
    for event in events:
        frames = event["values"]["stackTrace"]["frames"]
        if not frames:
            continue
        own[frame_name(frames[0])] += 1
        owner = next((frame_name(f) for f in frames if frame_name(f).startswith(tuple(prefixes))), "(other)")
        by_package[owner] += 1
        by_prefix[next((p for p in prefixes if owner.startswith(p)), "(other)")] += 1
    total = sum(own.values())
    print(f"{total} samples in {recording}")
    print()
    print("| top frame (self) | samples | share |")
    print("|---|---:|---:|")
    for name, n in own.most_common(top):
        print(f"| `{name}` | {n} | {100.0 * n / total:.1f} % |")
    print()
    print("| innermost frame's package | samples | share |")
    print("|---|---:|---:|")
    for name, n in by_prefix.most_common():
        print(f"| `{name}` | {n} | {100.0 * n / total:.1f} % |")
    print()
    print(f"| first frame in {', '.join(prefixes)} (inclusive) | samples | share |")
    print("|---|---:|---:|")
    for name, n in by_package.most_common(top):
        print(f"| `{name}` | {n} | {100.0 * n / total:.1f} % |")


if __name__ == "__main__":
    main()
