#!/usr/bin/env python3
"""Turns benchmarks/run-vt-scale.sh's runs (issue 21) into VT-SCALE-RUNS.md and vt-scale-runs.json:
per N, the winsock4j/java.net.Socket ratios of round trips per second and of p99 latency in every
run, and their min-max and median over the runs. A single run is not a figure (VT-SCALE.md: the
first run's 1.56x at N = 1000 came out 1.20x and 1.28x in two later ones); the range is.

Usage: report_vt_scale.py LOGS_DIR OUT_DIR < env.json. LOGS_DIR holds run-1.json ... (each one
VirtualThreadScale --json FILE, a list of cases); exits non-zero if a run lacks a case."""
import json
import pathlib
import re
import statistics
import sys

logs, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
env = json.load(sys.stdin)
files = sorted(logs.glob("run-*.json"), key=lambda f: int(re.search(r"run-(\d+)\.json", f.name).group(1)))
if len(files) != env["runs"]:
    sys.exit(f"report_vt_scale: {len(files)} run files in {logs}, expected {env['runs']}")
ns = [int(n) for n in env["n"].split(",")]
APIS = ("winsock4j", "java.net.Socket")

runs = []  # per run: {n: {api: case}}
for f in files:
    cases = json.loads(f.read_text(encoding="utf-8"))
    by_n = {}
    for c in cases:
        by_n.setdefault(c["n"], {})[c["api"]] = c
    for n in ns:
        missing = [a for a in APIS if a not in by_n.get(n, {})]
        if missing:
            sys.exit(f"report_vt_scale: {f.name} has no {', '.join(missing)} case at N = {n}")
    runs.append(by_n)


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


def spread(values):
    """min, median, max of the values that exist, and how many there are."""
    v = [x for x in values if x is not None]
    return {"min": min(v), "median": statistics.median(v), "max": max(v), "count": len(v)} if v else None


def steady(case):
    """A case is in a steady state when no round trip failed and every connection completed one."""
    return case["errors"] == 0 and case["fewestPerConnection"] > 0


summary = {}
for n in ns:
    rows = []
    for i, r in enumerate(runs, 1):
        w, j = r[n]["winsock4j"], r[n]["java.net.Socket"]
        rows.append({"run": i, "winsock4j": w, "java.net.Socket": j,
                     "throughputRatio": ratio(w["roundTripsPerSecond"], j["roundTripsPerSecond"]),
                     "p99Ratio": ratio(w["p99Micros"], j["p99Micros"]),
                     "steady": steady(w) and steady(j)})
    summary[n] = {"runs": rows,
                  "throughputRatio": spread(x["throughputRatio"] for x in rows),
                  "p99Ratio": spread(x["p99Ratio"] for x in rows),
                  "winsock4jRoundTripsPerSecond": spread(x["winsock4j"]["roundTripsPerSecond"] for x in rows),
                  "jdkRoundTripsPerSecond": spread(x["java.net.Socket"]["roundTripsPerSecond"] for x in rows),
                  "unsteadyRuns": [x["run"] for x in rows if not x["steady"]]}


def rng(s, fmt="{:.2f}"):
    if s is None:
        return "n/a"
    return f"{fmt.format(s['min'])}–{fmt.format(s['max'])} (median {fmt.format(s['median'])})"


def num(v, fmt="{:.3f}"):
    return "n/a" if v is None else fmt.format(v)


md = ["# Virtual threads at scale, as ranges over runs (issue 21)", "",
      f"`{env['command']}`: {env['runs']} runs of `VirtualThreadScale {env['n']} {env['seconds']} {env['warmup']}` "
      f"({env['seconds']} s measured after {env['warmup']} s of warm-up), each a fresh java.exe and wineserver in the "
      f"benchmarks' own Wine prefix, not pinned. {env['wine']}, Java {env['java']} "
      f"({env['javaOptions'] or 'no lab options'}); {env['cpu']}, {env['cpus']} CPUs, {env['os']}; commit {env['commit']}; "
      f"load average at the start of each run: {', '.join(str(x) for x in env['loadAtStart'])}; {env['wallSeconds']} s in all. "
      "Ratios are winsock4j / java.net.Socket, both on virtual threads in the same JVM (VT-SCALE.md says what is measured). "
      "Every figure below is read from `vt-scale-runs.json`.", "",
      "| N | runs | throughput winsock4j/JDK: min–max (median) | p99 winsock4j/JDK: min–max (median) "
      "| winsock4j round trips/s | JDK round trips/s | runs not in a steady state |",
      "|---|---|---|---|---|---|---|"]
for n in ns:
    s = summary[n]
    md.append(f"| {n} | {len(s['runs'])} | {rng(s['throughputRatio'])} | {rng(s['p99Ratio'])} "
              f"| {rng(s['winsock4jRoundTripsPerSecond'], '{:.0f}')} | {rng(s['jdkRoundTripsPerSecond'], '{:.0f}')} "
              f"| {', '.join(map(str, s['unsteadyRuns'])) or 'none'} |")
md += ["", "A run is not in a steady state when a round trip failed or some connection completed none in the "
       "measured interval (then its percentiles leave that connection out).", "", "## Every run", "",
       "| N | run | winsock4j round trips/s | JDK round trips/s | throughput ratio | winsock4j p99 µs | JDK p99 µs "
       "| p99 ratio | fewest round trips per connection (winsock4j/JDK) | errors (winsock4j/JDK) |",
       "|---|---|---|---|---|---|---|---|---|---|"]
for n in ns:
    for x in summary[n]["runs"]:
        w, j = x["winsock4j"], x["java.net.Socket"]
        md.append(f"| {n} | {x['run']} | {num(w['roundTripsPerSecond'], '{:.0f}')} | {num(j['roundTripsPerSecond'], '{:.0f}')} "
                  f"| {num(x['throughputRatio'])} | {num(w['p99Micros'], '{:.0f}')} | {num(j['p99Micros'], '{:.0f}')} "
                  f"| {num(x['p99Ratio'])} | {w['fewestPerConnection']}/{j['fewestPerConnection']} | {w['errors']}/{j['errors']} |")
out.mkdir(parents=True, exist_ok=True)
(out / "vt-scale-runs.json").write_text(json.dumps({"env": env, "byN": {str(n): summary[n] for n in ns}}, indent=1) + "\n",
                                        encoding="utf-8")
(out / "VT-SCALE-RUNS.md").write_text("\n".join(md) + "\n", encoding="utf-8")
print("\n".join(md))
