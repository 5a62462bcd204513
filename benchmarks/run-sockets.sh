#!/usr/bin/env bash
# benchmarks/run-sockets.sh quick|full — issue 24: a request/response through winsock4j's
# java.net.Socket (org.winsock4j.net.WinsockSocket) beside the JDK's Socket on the same JVM
# (SocketApiBench, -prof gc), pinned to one CPU with its wineserver (scripts/bench-wine.sh) on
# Wine 10 + Java 25 unless --wine / --java say otherwise. Writes SOCKET-API.md with each case's
# round trips per second (JMH's 99.9% error), the winsock4j/JDK ratio (target >= 0.95) and the
# heap bytes per round trip (target: no more than the JDK's): benchmarks/results/ for full,
# benchmarks/target/results-sockets-quick/ for quick.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
profile=${1:-}
shift || true
case $profile in
  quick) out=$root/benchmarks/target/results-sockets-quick; opts=(-f 1 -wi 2 -i 3 -w 1s -r 1s) ;;
  full) out=$root/benchmarks/results; opts=(-f 2 -wi 4 -i 8 -w 1s -r 2s) ;;
  *) echo "usage: benchmarks/run-sockets.sh quick|full [--wine N --java N]" >&2; exit 2 ;;
esac
out=${OUT:-$out}
# shellcheck source=scripts/bench-wine.sh
source "$root/scripts/bench-wine.sh"
bench_select "$@" || exit $?
((${#bench_args[@]} == 0)) || { echo "run-sockets: unknown arguments: ${bench_args[*]}" >&2; exit 2; }
mkdir -p "$out" "$root/benchmarks/target"
jar=$root/benchmarks/target/benchmarks.jar
if [[ ! -f $jar || -n $(find "$root/pom.xml" "$root/binding" "$root/benchmarks/pom.xml" "$root/benchmarks/src" \
  -newer "$jar" -type f \( -name '*.java' -o -name pom.xml \) -print -quit) ]]; then
  echo "run-sockets: building benchmarks.jar" >&2
  (cd "$root" && JAVA_HOME=$(scripts/build-jdk.sh) scripts/maven.sh -q -B -ntp -pl benchmarks -am package -DskipTests) >&2
fi
if [[ -n $LAB_JAVA_OPTIONS ]]; then
  export JDK_JAVA_OPTIONS="$LAB_JAVA_OPTIONS${JDK_JAVA_OPTIONS:+ $JDK_JAVA_OPTIONS}"
fi
json=$out/sockets.json
log=$root/benchmarks/target/sockets-$profile.log
start=$(date +%s)
unsafe_access=()
((lab_java >= 24)) && unsafe_access=(--sun-misc-unsafe-memory-access=allow)
bench_pinned "$WIN_JAVA" -Djava.awt.headless=true --enable-native-access=ALL-UNNAMED "${unsafe_access[@]}" \
  -jar "$("$root/lab/winpath" "$jar")" 'org\.winsock4j\.bench\.SocketApiBench\.' "${opts[@]}" -prof gc \
  -rf json -rff "$("$root/lab/winpath" "$json")" > "$log" 2>&1 \
  || { tail -30 "$log" >&2; exit 1; }
sed -i 's/\r$//' "$json"   # the Windows JVM's CR; the repository keeps LF
python3 - "$json" "$profile" "$("$WINE" --version)" "$lab_java" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(( $(date +%s) - start ))" \
  "$(git -C "$root" rev-parse --short HEAD)" <<'PY' | tee "$out/SOCKET-API.md"
import json, sys
path, profile, wine, java, load, wall, commit = sys.argv[1:]
runs = json.load(open(path))
score, alloc = {}, {}
for r in runs:
    key = (r["params"]["socket"], int(r["params"]["bytes"]))
    m = r["primaryMetric"]
    score[key] = (m["score"], m["scoreError"])
    a = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
    alloc[key] = (a["score"], a["scoreError"]) if a else (float("nan"), float("nan"))
print(f"# SocketApiBench: request/response through java.net.Socket, winsock4j vs the JDK ({profile})\n")
print(f"{wine}, Java {java}, pinned to one CPU with its wineserver; commit {commit}; load before the run {load}; {wall} s.")
print("Load is the 1, 5 and 15 minute load average before the run; pinning keeps the measured JVM and its wineserver on one CPU, not other work off it.\n")
print("| bytes | JDK round trips/s | winsock4j round trips/s | winsock4j/JDK | JDK B/op | winsock4j B/op |")
print("|---|---|---|---|---|---|")
for size in sorted({k[1] for k in score}):
    j, w = score[("jdk", size)], score[("winsock4j", size)]
    ja, wa = alloc[("jdk", size)], alloc[("winsock4j", size)]
    ratio = w[0] / j[0]
    # The ratio's interval from the two 99.9% intervals (worst and best case).
    lo = (w[0] - w[1]) / (j[0] + j[1]) if j[0] + j[1] > 0 else float("nan")
    hi = (w[0] + w[1]) / (j[0] - j[1]) if j[0] - j[1] > 0 else float("inf")
    print(f"| {size} | {j[0]:.0f} ± {j[1]:.0f} | {w[0]:.0f} ± {w[1]:.0f} | {ratio:.2f} ({lo:.2f}–{hi:.2f}) | "
          f"{ja[0]:.2f} ± {ja[1]:.2f} | {wa[0]:.2f} ± {wa[1]:.2f} |")
PY
