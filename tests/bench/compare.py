#!/usr/bin/env python3
"""Sablah against Hugo on the shared benchmark corpus.

    python3 tests/bench/compare.py [--sizes S,M,L] [--runs 3] [--workdir DIR]

For each size (S = 100 x 20, M = 1,000 x 20, L = 10,000 x 20 consultations x
inputs) it generates the corpus with ../shared/bench/gen_corpus.py (seed 1) in
Sablah's format and in Hugo's, builds each with the release build of Sablah and
with Debian's `hugo` (apt-get install hugo), alternating runs into fresh output
folders, and prints the median wall time, pages per second, peak memory
(/usr/bin/time -v) and the Sablah/Hugo ratio. Corpora are kept in --workdir and
reused. Standard library only.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GEN = os.environ.get("SABLAH_CORPUS_GEN", os.path.join(ROOT, "..", "shared", "bench", "gen_corpus.py"))
SIZES = {"S": 100, "M": 1000, "L": 10000}
DATE = "2026-11-27"


def sh(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, check=True, text=True, **kw)


def corpus(workdir: str, size: str, fmt: str) -> tuple[str, int]:
    path = os.path.join(workdir, f"{size}-{fmt}")
    marker = os.path.join(path, ".pages_expected")
    if not os.path.exists(marker):
        out = sh([sys.executable, GEN, "--format", fmt, "--consultations", str(SIZES[size]),
                  "--inputs-per", "20", "--seed", "1", "--force", path], capture_output=True).stdout
        pages = int(re.search(r"pages_expected=(\d+)", out).group(1))
        with open(marker, "w") as f:
            f.write(str(pages))
    with open(marker) as f:
        return path, int(f.read())


def timed(cmd: list[str], out: str) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one run into a fresh folder."""
    shutil.rmtree(out, ignore_errors=True)
    for stale in (os.path.join(os.path.dirname(out), "." + os.path.basename(out) + ".staging"),):
        shutil.rmtree(stale, ignore_errors=True)
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr).group(1))
    return wall, rss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="S,M")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--workdir", default="/tmp/sablah-bench")
    ap.add_argument("--no-hugo", action="store_true", help="time Sablah only")
    args = ap.parse_args()
    if not os.path.exists("/usr/bin/time"):
        sys.exit("needs GNU time: apt-get install time")
    hugo = shutil.which("hugo")
    if not hugo and not args.no_hugo:
        sys.exit("needs Debian's hugo: apt-get install hugo (or pass --no-hugo)")
    os.makedirs(args.workdir, exist_ok=True)
    sh(["cargo", "build", "--release", "--quiet"], cwd=ROOT)
    sablah = os.path.join(ROOT, "target", "release", "sablah")
    print(f"machine: {os.cpu_count()} cores; {platform_line()}")
    if hugo:
        print("hugo:", sh([hugo, "version"], capture_output=True).stdout.strip())
    rows = []
    for size in args.sizes.split(","):
        src, pages = corpus(args.workdir, size, "sablah")
        tools = [("sablah", [sablah, "build", src, "--quiet", "--date", DATE, "--output"])]
        if hugo and not args.no_hugo:
            hsrc, _ = corpus(args.workdir, size, "hugo")
            tools.append(("hugo", [hugo, "--quiet", "--source", hsrc, "--destination"]))
        results: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in tools}
        for _ in range(args.runs):
            for name, cmd in tools:  # alternate the tools run by run
                out = os.path.join(args.workdir, f"out-{size}-{name}")
                results[name].append(timed(cmd + [out], out))
        for name, runs in results.items():
            wall = statistics.median(r[0] for r in runs)
            peak = max(r[1] for r in runs)
            rows.append((size, name, pages, wall, pages / wall, peak))
    print(f"\n{'size':<5}{'tool':<8}{'pages':>8}{'median s':>10}{'pages/s':>10}{'peak MiB':>10}{'ratio':>8}")
    for size, name, pages, wall, pps, peak in rows:
        hugo_wall = next((r[3] for r in rows if r[0] == size and r[1] == "hugo"), None)
        ratio = f"{wall / hugo_wall:.2f}" if hugo_wall and name == "sablah" else ""
        print(f"{size:<5}{name:<8}{pages:>8}{wall:>10.2f}{pps:>10.0f}{peak:>10.0f}{ratio:>8}")


def platform_line() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            model = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        model = "unknown CPU"
    return model


if __name__ == "__main__":
    main()
