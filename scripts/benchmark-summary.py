#!/usr/bin/env python3
"""Min / median / max of each figure over the benchmark runs kept in target/benchmark/runs/ (issue 9).

Each run of `./mvnw -Pbenchmark test` writes one JSON file there (the medians over its rounds); `./mvnw clean`
removes them. Usage: python3 scripts/benchmark-summary.py [prefix]   (prefix: lifecycle, the default)
"""
import glob
import json
import statistics
import sys

prefix = sys.argv[1] if len(sys.argv) > 1 else "lifecycle"
runs = [json.load(open(f)) for f in sorted(glob.glob(f"target/benchmark/runs/{prefix}-*.json"))]
if not runs:
    sys.exit(f"no runs in target/benchmark/runs/{prefix}-*.json: run ./mvnw -Pbenchmark test first")
print(f"{len(runs)} runs, from {runs[0]['at']} to {runs[-1]['at']}\n")
print("| figure | min | median | max |")
print("|---|---|---|---|")
for key, value in runs[0].items():
    if isinstance(value, (int, float)) and key not in ("contracts", "threads", "rounds"):
        values = [r[key] for r in runs if key in r]
        floats = any(isinstance(v, float) for v in values)
        small = all(abs(v) < 10 for v in values)
        fmt = (lambda v: f"{v:.2f}") if floats and small else (lambda v: f"{v:.1f}") if floats else (lambda v: f"{v:.0f}")
        print(f"| {key} | {fmt(min(values))} | {fmt(statistics.median(values))} | {fmt(max(values))} |")
