#!/usr/bin/env python3
"""Edit-to-reload latency of `sablah serve` on the benchmark corpus.

    python3 tests/bench/serve_latency.py [--corpus DIR] [--edits 10]

Generates corpus M (1,000 consultations x 20 inputs, seed 1) with
../shared/bench/gen_corpus.py if DIR does not hold it yet, starts the release
build of `sablah serve` on it (127.0.0.1, any free port), listens to the live-
reload events, then edits one published input at a time (a sentence appended
to its text) and measures the time from the end of the write to the reload
event that names the input's page: what an author waits for. Each edit waits
until the server is idle again (its open data rewritten). Prints every
measurement, then the median and the maximum. Standard library only.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GEN = os.environ.get("SABLAH_CORPUS_GEN", os.path.join(ROOT, "..", "shared", "bench", "gen_corpus.py"))
BINARY = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "sablah")
DATE = "2026-11-27"


class Events:
    """A Server-Sent Events stream, read on a thread into a queue of (time, data)."""

    def __init__(self, port: int):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.sendall(b"GET /__sablah/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        self.events: list[tuple[float, str, str]] = []
        self.lock = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        buf = ""
        while True:
            chunk = self.sock.recv(65536)
            if not chunk:
                return
            now = time.monotonic()
            buf += chunk.decode("utf-8", "replace")
            # Events end with a blank line; chunked framing lines are skipped.
            *complete, buf = buf.split("\n\n")
            for block in complete:
                fields = dict(line.split(": ", 1) for line in block.split("\n") if line.startswith(("event: ", "data: ")))
                if "event" in fields:
                    with self.lock:
                        self.events.append((now, fields["event"], fields.get("data", "")))
                        self.lock.notify_all()

    def wait(self, pred, timeout: float) -> tuple[float, str, str] | None:
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                for i, ev in enumerate(self.events):
                    if pred(ev):
                        del self.events[: i + 1]
                        return ev
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.lock.wait(left)


def get_status(port: int, path: str) -> int:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        head = s.recv(64).decode("latin-1")
        return int(head.split()[1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default="/tmp/corpusM")
    ap.add_argument("--edits", type=int, default=10)
    args = ap.parse_args()
    if not os.path.exists(os.path.join(args.corpus, "sablah.toml")):
        subprocess.run([sys.executable, GEN, "--format", "sablah", "--consultations", "1000", "--inputs-per", "20", "--seed", "1", args.corpus], check=True)
    if not os.path.exists(BINARY):
        print(f"build the release binary first (cargo build --release): {BINARY} is missing", file=sys.stderr)
        return 2

    started = time.monotonic()
    server = subprocess.Popen([BINARY, "serve", "--port", "0", "--date", DATE, args.corpus], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = server.stdout.readline()
        port = int(re.search(r"http://127\.0\.0\.1:(\d+)/", line).group(1))
        print(f"initial build and start: {time.monotonic() - started:.1f} s, port {port}")
        events = Events(port)
        if not events.wait(lambda e: e[1] == "hello", 30):
            print("no hello event", file=sys.stderr)
            return 1

        consultations = sorted(os.listdir(os.path.join(args.corpus, "content", "consultations")))
        chosen = []
        for slug in consultations[:: max(1, len(consultations) // (args.edits * 3))]:
            folder = os.path.join(args.corpus, "content", "consultations", slug, "inputs")
            for name in sorted(os.listdir(folder)):
                if re.fullmatch(r"[a-z0-9-]+\.md", name):
                    page = f"/en/consultations/{slug}/inputs/{name[:-3]}/"
                    if get_status(port, page) == 200:
                        chosen.append((os.path.join(folder, name), page))
                        break
            if len(chosen) == args.edits:
                break

        timings = []
        for n, (path, page) in enumerate(chosen, 1):
            with open(path, "a", encoding="utf-8") as f:
                f.write(f"\nEdited for the latency benchmark, pass {n}.\n")
            saved = time.monotonic()
            ev = events.wait(lambda e: e[1] == "reload" and page in json.loads(e[2]).get("paths", []), 30)
            if ev is None:
                print(f"{page}: no reload event within 30 s", file=sys.stderr)
                return 1
            ms = (ev[0] - saved) * 1000
            timings.append(ms)
            print(f"edit {n:2}: {ms:6.0f} ms  {page}")
            # Idle again once the open data is rewritten.
            events.wait(lambda e: e[1] == "reload" and "/data/manifest.json" in e[2], 120)
        print(f"save to reload signal: median {statistics.median(timings):.0f} ms, max {max(timings):.0f} ms over {len(timings)} edits")
    finally:
        server.kill()
        server.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
