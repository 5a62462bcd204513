#!/usr/bin/env python3
"""Turns benchmarks/run-backends.sh's output (issue 13) into BACKENDS.md: the binding's cost per
call on JNA and FFM against the bare C call, the data path on both backends against the JDK's
Socket and SocketChannel, and the close-path target per backend. Every figure is read from the
run's files; errors are JMH's (99.9% interval) and ratios propagate them, as report.py does."""
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from report import (BLOCKED_HEADER, Results, alloc_iterations, alloc_mean, blocked_rows, diff, fmt,  # noqa: E402
                    paired, pm, ratio, verdict)

out = sys.argv[1]
env = json.load(open(os.path.join(out, "backends-env.json"), encoding="utf-8"))
res = Results()
cost = res.load("cost", os.path.join(out, "backends-cost.json"))
data = res.load("data", os.path.join(out, "backends-data.json"))
blocked = res.load("blocked", os.path.join(out, "backends-blocked.json"))
close = {b: Results() for b in ("jna", "ffm")}
for b, r in close.items():
    r.load(b, os.path.join(out, f"backends-close-{b}.json"))

floor = {}
for line in open(os.path.join(out, "backends-floor.txt"), encoding="utf-8"):
    parts = line.split()
    if len(parts) == 3 and parts[0] == "floor":
        floor.setdefault(parts[1], []).append(float(parts[2]))

lines = []
w = lines.append
any_record = (cost or data or [{}])[0]
w("# The binding on each backend: JNA and FFM (issue 13)")
w("")
w(f"Machine: {env['cpu']}, {env['cpus']} CPUs, {env['os']}; {env['wine']}; "
  f"{any_record.get('vmName', '?')} {any_record.get('jdkVersion', '?')}; pinned: {env['pinned']}. "
  f"Profile `{env['profile']}`, commit {env['commit']}, load {env['load']}, {env['wall_s']} s. "
  f"Produced by `benchmarks/run-backends.sh {env['profile']}`; every figure below is read from the "
  f"JSON and text files beside this one.")
w("")
w("Errors (±) are JMH's: half-width of the 99.9% confidence interval; ratios carry the propagated error; "
  "a target is **met** only when the whole interval is within the limit.")
w("")

# --- per-call cost --------------------------------------------------------------------------------
w("## Per-call binding cost against the bare call (no-op DLL)")
w("")
w("native-headers/probes/noop_ws2.c exports closesocket, getsockopt and send with ws2_32's prototypes and does "
  "nothing (closesocket sets WSAENOTSOCK). The floor is noop_floor.c calling them from C on the same CPU "
  "(median of its rounds; min–max in brackets). `jna` is the bare JNA direct mapping (plus "
  "Native.getLastError for closesocket), `ffm` is the FFM backend's whole port call "
  "(FfmWinsockPort.boundTo): per-thread state, captured last error, a direct buffer's address.")
w("")
w("| call | C floor ns | JNA ns | FFM ns | JNA − floor | FFM − floor | FFM/JNA | target: FFM − floor ≤ 10 ns |")
w("|---|---|---|---|---|---|---|---|")
CALLS = (("closesocketFailing", "closesocket"), ("getsockopt", "getsockopt"), ("send16Direct", "send"))
for bench, fn in CALLS:
    fl = floor.get(fn, [])
    f0 = statistics.median(fl) if fl else float('nan')
    spread = f" [{fmt(min(fl), 2)}–{fmt(max(fl), 2)}]" if fl else ""
    j, je, _ = res.score("BindingCostBench.jna_" + bench)
    f, fe, _ = res.score("BindingCostBench.ffm_" + bench)
    jd, jde = diff(j, je, f0, 0.0)
    fd, fde = diff(f, fe, f0, 0.0)
    r, re_ = ratio(f, fe, j, je)
    w(f"| {fn} | {fmt(f0, 2)}{spread} | {pm(j, je)} | {pm(f, fe)} | {pm(jd, jde)} | {pm(fd, fde)} | "
      f"{pm(r, re_, 3)} | {verdict(fd, fde, 10)} |")
w("")

# --- data path ----------------------------------------------------------------------------------------
def alloc(name, **params):
    r = res.get(name, **params)
    if r is None:
        return float('nan')
    # The median over iterations: JMH's GC profiler adds the trial's tear-down (closing the
    # connection, the echo thread's end) to the last iteration, the same for every API.
    per_iteration = alloc_iterations(r)
    return statistics.median(per_iteration) if per_iteration else alloc_mean(r)[0]


def jdk_best(name, **params):
    """The faster of Socket streams and SocketChannel for the same case: (time, error, which)."""
    best = None
    for api in ("socket", "channel"):
        t, e, _ = res.score(name, api=api, **params)
        if t == t and (best is None or t < best[0]):
            best = (t, e, api)
    return best or (float('nan'), float('nan'), "?")


def data_table(name, title, sizes):
    w(f"### {title}")
    w("")
    w("Time per operation (ns; lower is faster) and heap bytes per operation (`-prof gc`, median over the "
      "iterations: the last one also counts the trial's tear-down). Relative speed = "
      "the better JDK API's time / the backend's time (≥ 0.98 is the target).")
    w("")
    w("| memory | bytes | offset | JNA ns | FFM ns | Socket ns | SocketChannel ns | JNA rel. speed | FFM rel. speed "
      "| B/op JNA / FFM / Socket / Channel |")
    w("|---|---|---|---|---|---|---|---|---|---|")
    verdicts = []
    for memory in ("heap", "direct"):
        for size in sizes:
            for offset in ("0", "7"):
                p = {"memory": memory, "offset": offset}
                if size is not None:
                    p["bytes"] = size
                cells = {api: res.score(name, api=api, **p) for api in ("jna", "ffm", "socket", "channel")}
                if all(c[0] != c[0] for c in cells.values()):
                    continue
                bt, be, _ = jdk_best(name, **p)
                rel = {}
                for api in ("jna", "ffm"):
                    t, e, _ = cells[api]
                    rel[api] = ratio(bt, be, t, e)
                    verdicts.append((api, memory, size, offset, rel[api], alloc(name, api=api, **p)))
                allocs = " / ".join(fmt(alloc(name, api=a, **p), 1) for a in ("jna", "ffm", "socket", "channel"))
                w(f"| {memory} | {size or 16} | {offset} | {pm(*cells['jna'][:2])} | {pm(*cells['ffm'][:2])} | "
                  f"{pm(*cells['socket'][:2])} | {pm(*cells['channel'][:2])} | {pm(*rel['jna'], 3)} | "
                  f"{pm(*rel['ffm'], 3)} | {allocs} |")
    w("")
    return verdicts


w("## Data path: WinSocket on each backend beside Socket and SocketChannel")
w("")
w("BackendDataBench: `throughput` sends a slice on the client end of a loopback connection and receives it on "
  "the accepted end, on one thread; `pingPong` sends 16 bytes to an echo thread (same API) and reads them back. "
  "`socket` with direct memory copies through an array first, as an application holding a direct buffer would.")
w("")
v_thr = data_table("BackendDataBench.throughput", "Throughput", ("16", "1024", "65536"))
v_pp = data_table("BackendDataBench.pingPong", "Ping-pong, 16 bytes", (None,))


def blocked_table():
    """BlockedReadersBench (issue 22 item 8): heap send + recv with 0 and 8 threads blocked in heap recv."""
    w("## Heap calls while other threads are blocked in heap recv (issue 22 item 8)")
    w("")
    w("BlockedReadersBench: a heap send and recv of `bytes` bytes on one loopback connection while `blocked` "
      "platform threads are blocked in a heap recv on idle connections of their own. Heap bytes per operation: "
      "the median over the iterations (each iteration's figure in brackets) and JMH's mean ± error.")
    w("")
    rows, worst = blocked_rows(res)
    for line in BLOCKED_HEADER + tuple(rows):
        w(line)
    w("")
    return worst


v_blocked = blocked_table() if blocked else {}

w("## Targets")
w("")
w("| target | measured | limit | verdict |")
w("|---|---|---|---|")
for bench, fn in CALLS:
    f0 = statistics.median(floor[fn]) if floor.get(fn) else float('nan')
    f, fe, _ = res.score("BindingCostBench.ffm_" + bench)
    fd, fde = diff(f, fe, f0, 0.0)
    w(f"| FFM binding overhead per call over the bare call, {fn} | {pm(fd, fde)} ns | ≤ 10 ns | {verdict(fd, fde, 10)} |")
for label, vs in (("throughput", v_thr), ("ping-pong", v_pp)):
    for api in ("jna", "ffm"):
        mine = [v for v in vs if v[0] == api]
        if not mine:
            continue
        worst = min(mine, key=lambda v: v[4][0])
        lo = worst[4][0] - (worst[4][1] if worst[4][1] == worst[4][1] else 0)
        met = sum(1 for v in mine if v[4][0] - (v[4][1] if v[4][1] == v[4][1] else 0) >= 0.98)
        w(f"| {label}, {api.upper()}: relative speed vs the better of Socket and SocketChannel, every case | "
          f"worst {pm(*worst[4], 3)} ({worst[1]}, {worst[2] or 16} B, offset {worst[3]}); {met} of {len(mine)} cases "
          f"with the whole interval ≥ 0.98 | ≥ 0.98 | {'**met**' if met == len(mine) else '**not met**' if worst[4][0] + (worst[4][1] if worst[4][1] == worst[4][1] else 0) < 0.98 else 'inconclusive or not met in some cases'} |")
        worst_alloc = max(mine, key=lambda v: v[5] if v[5] == v[5] else -1)
        w(f"| {label}, {api.upper()}: heap bytes per operation, every case | at most {fmt(worst_alloc[5], 2)} B/op "
          f"({worst_alloc[1]}, {worst_alloc[2] or 16} B, offset {worst_alloc[3]}) | ≤ 1 B/op | "
          f"{'**met**' if worst_alloc[5] <= 1 else '**not met**'} |")
for api, med in v_blocked.items():
    w(f"| heap send + recv with 8 threads blocked in heap recv, {api.upper()}: heap bytes per operation, median, "
      f"worst case | {fmt(med, 2)} B/op | ≤ 1 B/op | {'**met**' if med <= 1 else '**not met**'} |")
for b, r in close.items():
    for kind in ("unconnected", "connected"):
        st = paired(r.get("ClosePairBench.rawVsWinSocketClose", socket=kind))
        ctl = paired(r.get("ClosePairBench.rawVsRawClose", socket=kind))
        if st is None:
            w(f"| close path on {b.upper()}, {kind} | not measured | ≤ 1.05 | not measured |")
            continue
        m, e = st["median_ratio"]
        control = f"; control raw vs raw {pm(*ctl['median_ratio'], 3)}" if ctl else ""
        w(f"| close path on {b.upper()}: `WinSocket.close()` / raw JNA closesocket, {kind} socket, paired medians | "
          f"{pm(m, e, 3)} ({fmt(st['cand_median_us'])} vs {fmt(st['base_median_us'])} µs{control}) | ≤ 1.05 | "
          f"{verdict(m, e, 1.05)} |")
w("")
print("\n".join(lines))
