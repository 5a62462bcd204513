#!/usr/bin/env bash
# benchmarks/run-backends.sh quick|full — issue 13: the binding's cost on each backend, JNA and
# FFM, side by side on one lab platform (Wine 10 + Java 25 unless --wine / --java or
# WINSOCK4J_WINE / WINSOCK4J_JAVA say otherwise: FFM needs Java 22+). Everything runs pinned to
# one CPU with its wineserver (taskset -c ${WINSOCK4J_BENCH_CPU:-1}, scripts/bench-wine.sh), in the
# benchmarks' own Wine prefix:
#   1. the bare-call floor: C calling the no-op DLL (scripts/bench-binding-floor.sh)
#   2. BindingCostBench: the same calls through JNA direct mapping and through the FFM port
#   3. BackendDataBench -prof gc: throughput and ping-pong, WinSocket on JNA and on FFM beside
#      Socket streams and SocketChannel (heap and direct, offsets 0 and 7); BlockedReadersBench
#      -prof gc: heap send + recv with 0 and 8 threads blocked in heap recv (issue 22 item 8)
#   4. ClosePairBench twice, -Dwinsock4j.backend=jna and =ffm: the close-path target per backend
# then benchmarks/report_backends.py writes BACKENDS.md (benchmarks/results/ for full, committed;
# benchmarks/target/results-backends-quick/ for quick) with every target's figure.
#   quick: every case once, short iterations (~10 min)     full: the published numbers (~45 min)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
profile=${1:-}
shift || true
case $profile in
  quick)
    out=$root/benchmarks/target/results-backends-quick
    cost_opts=(-f 1 -wi 2 -i 3 -w 500ms -r 500ms)
    data_opts=(-f 1 -wi 2 -i 3 -w 300ms -r 300ms)
    close_opts=(-f 1 -wi 3 -i 5 -bs 200 -wbs 200)
    floor_calls=(20000000 3)
    ;;
  full)
    out=$root/benchmarks/results
    cost_opts=(-f 2 -wi 5 -i 8 -w 1s -r 1s)
    data_opts=(-f 1 -wi 4 -i 6 -w 1s -r 1s)
    close_opts=(-f 2 -wi 10 -i 15)
    floor_calls=(50000000 5)
    ;;
  *) echo "usage: benchmarks/run-backends.sh quick|full [--wine N --java N]" >&2; exit 2 ;;
esac
out=${OUT:-$out}
# shellcheck source=scripts/bench-wine.sh
source "$root/scripts/bench-wine.sh"
bench_select "$@" || exit $?
((${#bench_args[@]} == 0)) || { echo "run-backends: unknown arguments: ${bench_args[*]}" >&2; exit 2; }
((lab_java >= 22)) || { echo "run-backends: the FFM backend needs Java 22+; --java $lab_java has none" >&2; exit 2; }
logs=$root/benchmarks/target/logs-backends-$profile
mkdir -p "$out" "$logs"
start=$(date +%s)
say() { echo "run-backends: $*" >&2; }

bench_jar_build_if_needed
jar=$bench_jar
dll=$("$root/scripts/bench-binding-floor.sh" --wine "$lab_wine" --java "$lab_java" --build-only)

say "1/4 the C floor, ${floor_calls[*]}"
"$root/scripts/bench-binding-floor.sh" --wine "$lab_wine" --java "$lab_java" "${floor_calls[@]}" \
  | tee "$out/backends-floor.txt" >&2

if [[ -n $LAB_JAVA_OPTIONS ]]; then
  export JDK_JAVA_OPTIONS="$LAB_JAVA_OPTIONS${JDK_JAVA_OPTIONS:+ $JDK_JAVA_OPTIONS}"
fi
# Native access for JNA and the FFM API; JMH 1.37 calls sun.misc.Unsafe (Java 24+ warn otherwise).
jvm=(-Djava.awt.headless=true --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow
  "-Dwinsock4j.noopDll=$("$root/lab/winpath" "$dll")")
jmh() { # name regex opts...
  local name=$1 regex=$2 t0; shift 2
  t0=$(date +%s)
  say "$name: JMH $regex $*"
  bench_pinned "$WIN_JAVA" "${jvm[@]}" -jar "$("$root/lab/winpath" "$jar")" "$regex" "$@" \
    -rf json -rff "$("$root/lab/winpath" "$out/$name.json")" >"$logs/$name.log" 2>&1 \
    || { tail -30 "$logs/$name.log" >&2; say "FAILED: $name (log: $logs/$name.log)"; exit 1; }
  # The Windows JVM ends JMH's JSON with a CR; the repository keeps LF (.gitattributes).
  sed -i 's/\r$//' "$out/$name.json"
  say "  done in $(($(date +%s) - t0)) s"
}
jmh backends-cost 'org\.winsock4j\.bench\.BindingCostBench\.' "${cost_opts[@]}"
jmh backends-data 'org\.winsock4j\.bench\.BackendDataBench\.' "${data_opts[@]}" -prof gc
jmh backends-blocked 'org\.winsock4j\.bench\.BlockedReadersBench\.' "${data_opts[@]}" -prof gc
for backend in jna ffm; do
  jmh "backends-close-$backend" 'org\.winsock4j\.bench\.ClosePairBench\.' "${close_opts[@]}" \
    -jvmArgsAppend "-Dwinsock4j.backend=$backend"
done

cat >"$out/backends-env.json" <<JSON
{"profile": "$profile", "wine": "$("$WINE" --version)",
 "cpu": "$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')", "cpus": $(nproc),
 "os": "$( (. /etc/os-release && echo "$PRETTY_NAME") )", "pinned": "taskset -c $bench_cpu (java.exe, its JMH forks, wineserver; the C floor too)",
 "commit": "$(git -C "$root" rev-parse --short HEAD)$([[ -z $(git -C "$root" status --porcelain -- binding benchmarks ':(exclude)benchmarks/results') ]] || echo ' (with uncommitted changes)')",
 "load": "$(cut -d' ' -f1-3 /proc/loadavg)", "wall_s": $(($(date +%s) - start))}
JSON
python3 "$root/benchmarks/report_backends.py" "$out" | tee "$out/BACKENDS.md"
say "done in $(($(date +%s) - start)) s; report: ${out#"$root"/}/BACKENDS.md"
