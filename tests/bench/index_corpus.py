#!/usr/bin/env python3
"""The national index's benchmark: 300 agencies x 100 consultations.

    python3 tests/bench/index_corpus.py [--agencies 300] [--consultations 100]
        [--workdir /tmp/sablah-index-bench] [--run]

Writes WORKDIR/index.toml and WORKDIR/agencies/<id>/data/consultations.json
(with a manifest.json beside each, checked with verify = true), made from
the demo site's built records (build it first: `sablah build .`), each
copy with its own agency id, consultation ids, slugs and dates, spread
over 2022-2026. With --run it builds the index with the release binary
under /usr/bin/time -v and prints wall time, peak memory and the time per
consultation. Standard library only.
"""
from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATE = "2026-12-03"


def shift(date: str, days: int) -> str:
    import datetime
    d = datetime.date.fromisoformat(date) + datetime.timedelta(days=days)
    return d.isoformat()


def shift_dates(value, days):
    if isinstance(value, dict):
        return {k: shift_dates(v, days) for k, v in value.items()}
    if isinstance(value, list):
        return [shift_dates(v, days) for v in value]
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return shift(value, days)
    return value


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--agencies", type=int, default=300)
    ap.add_argument("--consultations", type=int, default=100)
    ap.add_argument("--workdir", default="/tmp/sablah-index-bench")
    ap.add_argument("--run", action="store_true")
    args = ap.parse_args()

    demo = os.path.join(ROOT, "public", "data", "consultations.json")
    if not os.path.exists(demo):
        print(f"{demo} is missing: build the demo site first (sablah build .)", file=sys.stderr)
        return 2
    base = json.load(open(demo, encoding="utf-8"))
    templates = base["consultations"]
    shutil.rmtree(args.workdir, ignore_errors=True)
    os.makedirs(args.workdir)
    toml = [
        "[index]",
        'base_url = "https://participate.example.gov.om"',
        'languages = ["ar", "en"]',
        'title = { ar = "المؤشر الوطني", en = "National index" }',
        'operator = { ar = "الوزارة", en = "The Ministry" }',
        'contact = "e-participation@example.gov.om"',
        "",
    ]
    for a in range(args.agencies):
        aid = f"agency-{a:03d}"
        doc = copy.deepcopy(base)
        doc["agency"]["id"] = aid
        doc["agency"]["name"] = {"ar": f"الجهة {a}", "en": f"Agency {a}"}
        host = f"https://consult.{aid}.example.gov.om"
        doc["site"]["base_url"] = host
        records = []
        for i in range(args.consultations):
            t = templates[i % len(templates)]
            # Spread over five years, keeping each record's own date order.
            days = -((i * 17 + a * 5) % (365 * 4))
            c = shift_dates(copy.deepcopy(t), days)
            c["id"] = f"{aid.upper()}-{i:04d}"
            c["slug"] = f"{t['slug']}-{i}"
            for lang, urls in c["urls"].items():
                for k in urls:
                    urls[k] = f"{host}/{lang}/consultations/{c['slug']}/" + ("" if k == "page" else k)
            records.append(c)
        doc["consultations"] = records
        data = os.path.join(args.workdir, "agencies", aid, "data")
        os.makedirs(data)
        body = json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
        open(os.path.join(data, "consultations.json"), "wb").write(body)
        manifest = {"manifest_version": 1, "generator": "sablah bench", "files": [
            {"path": "data/consultations.json", "size": len(body), "sha256": hashlib.sha256(body).hexdigest()}]}
        json.dump(manifest, open(os.path.join(data, "manifest.json"), "w"))
        toml += ["[[sources]]", f'id = "{aid}"', f'path = "agencies/{aid}/data/consultations.json"', "verify = true", ""]
    open(os.path.join(args.workdir, "index.toml"), "w", encoding="utf-8").write("\n".join(toml))
    total = args.agencies * args.consultations
    print(f"wrote {args.agencies} agencies x {args.consultations} consultations = {total} into {args.workdir}")
    if not args.run:
        return 0

    binary = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "sablah")
    cmd = ["/usr/bin/time", "-v", binary, "index", args.workdir, "--date", DATE, "--offline"]
    # One run to fill the cache, then the measured runs (fetch from disk,
    # and offline).
    subprocess.run([binary, "index", args.workdir, "--date", DATE, "-q"], check=True)
    for label, c in [("harvest from files", cmd[:-1]), ("offline (cache only)", cmd)]:
        start = time.monotonic()
        p = subprocess.run(c, capture_output=True, text=True)
        wall = time.monotonic() - start
        rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
        peak = int(rss.group(1)) / 1024 if rss else float("nan")
        files = sum(len(f) for _, _, f in os.walk(os.path.join(args.workdir, "public")))
        print(f"{label}: exit {p.returncode}, {wall:.2f} s wall, peak {peak:.0f} MiB, "
              f"{wall / total * 1e6:.0f} us per consultation, {files} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
