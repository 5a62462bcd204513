#!/usr/bin/env python3
"""Issue 22 item 8: BlockedReadersBench before and after the fix, per lab platform, from the JSON
files in a directory (blocked-before-PLATFORM.json, blocked-after-PLATFORM.json and
blocked-env.json, which names the platforms, the machine, the commits and the load). Writes the
markdown report to stdout; every figure is read from the JSON."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from report import BLOCKED_HEADER, Results, blocked_rows  # noqa: E402

out = sys.argv[1]
env = json.load(open(os.path.join(out, "blocked-env.json"), encoding="utf-8"))
print("# Heap calls while other threads are blocked in heap recv (issue 22 item 8)")
print()
print(f"Machine: {env['cpu']}, {env['cpus']} CPUs, shared (load {env['load']}); pinned: {env['pinned']}. "
      f"JMH `{env['jmh']}`, `-prof gc`. Before: commit {env['before']}; after: commit {env['after']}. "
      "Produced by `benchmarks/report_blocked.py`; every figure below is read from the JSON files beside this one.")
print()
print("BlockedReadersBench: a heap send and recv of `bytes` bytes on one loopback connection while `blocked` "
      "platform threads are blocked in a heap recv on idle connections of their own. Heap bytes per operation "
      "(B/op): the median over the iterations (each iteration's figure in brackets; the last one also counts "
      "the trial's tear-down) and JMH's mean ± error (99.9%). Times are one-CPU times on a shared machine.")
for platform in env["platforms"]:
    for when in ("before", "after"):
        res = Results()
        res.load(when, os.path.join(out, f"blocked-{when}-{platform['id']}.json"))
        rows, worst = blocked_rows(res, platform["apis"])
        print()
        print(f"## {platform['name']}, {when} the fix")
        print()
        for line in BLOCKED_HEADER + tuple(rows):
            print(line)
        print()
        print("With 8 blocked, worst median: " + ", ".join(f"{api.upper()} {v:.1f} B/op" for api, v in worst.items()))
