#!/usr/bin/env python3
"""The result cache: wall time of a cold run (an empty cache folder) beside a warm
run (the same tree again) on one folder, and their ratio.

Usage: benches/cache.py FOLDER [--runs 5] [--bin PATH]

Each cold run gets a fresh cache folder; each warm run reuses the folder of one
cold run. The outputs of both are compared, and the medians are reported.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(command):
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} exited with {done.returncode}")
    return elapsed, done.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--bin",
        default=os.environ.get("TYPO_GATE", "typo-gate"),
        help="the typo-gate binary (default: $TYPO_GATE, else typo-gate on PATH)",
    )
    args = parser.parse_args()
    cold, warm = [], []
    # The human report ends with the run's duration; JSON holds it in one field.
    strip = lambda out: out.rsplit(b'"duration_ms"', 1)[0]
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as cache:
            command = [args.bin, "check", "--format", "json", "--cache-dir", cache, str(args.folder)]
            seconds, first = timed(command)
            cold.append(seconds)
            seconds, second = timed(command)
            warm.append(seconds)
            if strip(first) != strip(second):
                sys.exit("a warm run printed something else than the cold run")
    cold_ms = statistics.median(cold) * 1000
    warm_ms = statistics.median(warm) * 1000
    print(f"{args.folder}: cold {cold_ms:.0f} ms, warm {warm_ms:.0f} ms, "
          f"cold/warm {cold_ms / warm_ms:.1f}x (median of {args.runs})")


if __name__ == "__main__":
    main()
