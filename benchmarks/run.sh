#!/usr/bin/env bash
# benchmarks/run.sh quick|full [datapath] — the winsock4j JMH benchmarks, start to finish (issue 5).
#
#   benchmarks/run.sh quick   CI smoke, about three minutes warm: every benchmark once, short
#                             iterations, one fork. Results in benchmarks/target/results-quick/.
#   benchmarks/run.sh full    the numbers we publish (~25 min on 2 cores). Results in
#                             benchmarks/results/ (committed).
#   ... datapath              only runs 4 and 5 (issue 8's data path), report in DATA-PATH.md
#                             instead of RESULTS.md.
#
# Steps: build benchmarks/target/benchmarks.jar if any source is newer (mvn package, never
# install); lab/provision.sh (Wine + the Windows JVM, idempotent); then five JMH runs:
#   1. host JVM:            GuardBench, CloseOverheadBench, ErrorOverheadBench  (any JVM, no-op backend)
#   2. Windows JVM (Wine):  CloseBench, ClosePairBench, ErrorPathBench  (real ws2_32, batched)
#   3. Windows JVM (Wine):  MappingBench  (real ws2_32, time-based)
#   4. Windows JVM (Wine):  DataPathBench -prof gc  (send+recv of 10 bytes from 8 KiB / 64 MiB arrays)
#   5. Windows JVM (Wine):  SendChunkBench  (64 KiB / 1 MiB sends, scratch chunk sizes)
# each writing JSON (-rf json), then benchmarks/report.py turns them into one markdown table with
# the machine, Wine, JVMs and JMH settings and the verdict on every target, printed at the end.
# JMH's forks use the JVM that started them, so the Wine runs fork java.exe under Wine too.
# Runs 4 and 5 are pinned to one CPU (taskset -c $WINSOCK4J_BENCH_CPU, default 1), Wine's
# wineserver included: their targets are ratios between cases, which a second core (and whatever
# else runs on it) would blur.
#
# On Windows itself (Git Bash/MSYS), runs 2-5 also use $JAVA instead of Wine, unpinned: the
# Windows CI job sets JAVA to each leg's Java (.github/workflows/ci.yml). Environment: JAVA (the
# JVM measured: the host JVM, and on Windows all runs; default: java on PATH), MVN (default: mvn),
# JAR (a benchmarks.jar built elsewhere, e.g. from an older commit for a before/after
# comparison: used as is, not built; JAR_FROM says what it was built from, for the report),
# OUT (the results directory instead of the profile's).
set -euo pipefail

profile=${1:-}
only=${2:-all}
case $profile/$only in
  quick/all|full/all|quick/datapath|full/datapath) ;;
  *) echo "usage: benchmarks/run.sh quick|full [datapath]" >&2; exit 2 ;;
esac

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench=$root/benchmarks
pin=() # the command prefix that pins a Wine run to one CPU (pin_on), empty otherwise
jar=${JAR:-$bench/target/benchmarks.jar}
java=${JAVA:-java}
mvn=${MVN:-mvn}
start=$(date +%s)
say() { echo "run.sh: $*" >&2; }

# JMH settings per profile. The SingleShotTime runs (batched closes) take -wi/-i; their batch
# (CloseBench.BATCH = 1000 closes per iteration, with @OperationsPerInvocation to match, so
# scores are per close) is set in the annotations, and quick shrinks it with -bs/-wbs/-opi
# together. Time-based runs also take -w/-r.
# The data path runs: -prof gc adds gc.alloc.rate.norm (heap bytes per operation); quick sends
# only 1 MiB, with the backend's 256 KiB chunk against the direct buffer.
if [[ $profile == quick ]]; then
  out=$bench/target/results-quick
  host_opts=(-f 1 -wi 2 -i 3 -w 200ms -r 200ms)
  close_opts=(-f 1 -wi 2 -i 4 -bs 200 -wbs 200 -opi 200)
  mapping_opts=(-f 1 -wi 2 -i 3 -w 200ms -r 200ms)
  datapath_opts=(-f 1 -wi 2 -i 3 -w 200ms -r 200ms -prof gc)
  chunk_opts=(-f 1 -wi 2 -i 3 -w 200ms -r 200ms -p sendSize=1048576 -p chunk=262144)
else
  out=$bench/results
  host_opts=(-f 2 -wi 5 -i 8 -w 1s -r 1s)
  close_opts=(-f 2 -wi 15 -i 20)
  mapping_opts=(-f 2 -wi 3 -i 8 -w 1s -r 1s)
  datapath_opts=(-f 3 -wi 5 -i 8 -w 1s -r 1s -prof gc)
  chunk_opts=(-f 2 -wi 4 -i 6 -w 1s -r 1s)
fi
out=${OUT:-$out}
logs=$bench/target/logs-$profile
mkdir -p "$out" "$logs"

# --- 1. build if needed ----------------------------------------------------------------------
stale=""
if [[ -n ${JAR:-} ]]; then
  [[ -f $jar ]] || { echo "run.sh: JAR=$jar: no such file" >&2; exit 2; }
  say "using $jar as is (JAR)"
elif [[ ! -f $jar ]]; then
  stale="no jar yet"
else
  newer=$(find "$root/pom.xml" "$root/binding/pom.xml" "$root/binding/src/main" "$bench/pom.xml" \
    "$bench/src" -newer "$jar" -type f -print -quit 2>/dev/null || true)
  [[ -z $newer ]] || stale="$newer changed"
fi
if [[ -n $stale ]]; then
  say "building benchmarks.jar ($stale)"
  (cd "$root" && JAVA_HOME=$(scripts/build-jdk.sh) "$mvn" -q -B -pl benchmarks -am package -DskipTests) >&2
fi

# --- 2. the lab (or Windows itself) ------------------------------------------------------------
case $(uname -s) in
  MINGW*|MSYS*|CYGWIN*)
    windows_native=1
    win_java() { "$java" "$@"; }
    winpath() { cygpath -w "$1"; }
    wine_version="none (native Windows $(uname -r))"
    pin_on() { :; }
    pinning="none (native Windows)"
    ;;
  *)
    windows_native=0
    "$root/lab/provision.sh" --platform 8:17 >&2
    cache=${WINSOCK4J_CACHE:-$HOME/.cache/winsock4j}
    # shellcheck source=/dev/null
    source "$cache/lab.env"
    # A Wine prefix of our own, so a wineserver of our own: every Wine program of a prefix shares
    # one wineserver, and other work in the lab prefix (e.g. a lingering close, which Wine 8.0
    # passes to a blocking Linux close()) would otherwise stall our closes mid-measurement.
    WINEPREFIX=${WINSOCK4J_BENCH_WINEPREFIX:-$cache/wineprefix-bench}
    export WINEPREFIX
    exec 8>"$cache/.bench-prefix.lock"
    flock 8
    if [[ ! -f $WINEPREFIX/.winsock4j-initialised ]]; then
      say "initialising the benchmarks' own Wine prefix $WINEPREFIX (once, ~10 s)"
      rm -rf "$WINEPREFIX"
      "$WINE" wineboot -i > "$logs/wineboot.log" 2>&1 8>&- || { cat "$logs/wineboot.log" >&2; exit 1; }
      "$WINESERVER" -w 8>&-
      touch "$WINEPREFIX/.winsock4j-initialised"
    fi
    exec 8>&-
    # as lab/wine-java, but in our prefix: start Wine's services detached from our stdio first
    win_java() {
      "${pin[@]}" "$WINE" "$WIN_NOOP" </dev/null >/dev/null 2>&1 8>&-
      "${pin[@]}" "$WINE" "$WIN_JAVA" -Djava.awt.headless=true "$@" 8>&-
    }
    winpath() { "$root/lab/winpath" "$1"; }
    wine_version="$("$WINE" --version) (prefix of its own: $WINEPREFIX)"
    # One CPU for a whole Wine run: first let the prefix's wineserver (started unpinned by an
    # earlier run) exit, so that the pinned run starts a pinned one; every Wine process of the
    # run, JMH's forks included, inherits the affinity.
    cpu=${WINSOCK4J_BENCH_CPU:-1}
    pin_on() { "$WINESERVER" -w; pin=(taskset -c "$cpu"); }
    pinning="taskset -c $cpu (java.exe, its JMH forks and the prefix's wineserver)"
    ;;
esac

# --- 3. the three JMH runs ----------------------------------------------------------------------
load_start=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')

jmh_host() { # name regex opts...
  local name=$1 regex=$2; shift 2
  say "JMH $name on the host JVM ($*) -> $out/$name.json"
  local t0; t0=$(date +%s)
  "$java" -jar "$jar" "$regex" "$@" -rf json -rff "$out/$name.json" > "$logs/$name.log" 2>&1 \
    || { tail -40 "$logs/$name.log" >&2; say "FAILED: $name (log: $logs/$name.log)"; exit 1; }
  say "  done in $(( $(date +%s) - t0 )) s"
}

jmh_windows() { # name regex opts...
  local name=$1 regex=$2; shift 2
  say "JMH $name on the Windows JVM$([[ $windows_native == 1 ]] || echo ' under Wine') ($*) -> $out/$name.json"
  local t0; t0=$(date +%s)
  win_java -jar "$(winpath "$jar")" "$regex" "$@" -rf json -rff "$(winpath "$out/$name.json")" \
    > "$logs/$name.log" 2>&1 \
    || { tail -40 "$logs/$name.log" >&2; say "FAILED: $name (log: $logs/$name.log)"; exit 1; }
  sed -i 's/\r$//' "$out/$name.json"   # the Windows JVM's CR; the repository keeps LF
  say "  done in $(( $(date +%s) - t0 )) s"
}

jmh_windows_pinned() { # name regex opts...
  local name=$1 regex=$2; shift 2
  say "JMH $name on the Windows JVM$([[ $windows_native == 1 ]] || echo ' under Wine'), pinned: $pinning ($*) -> $out/$name.json"
  local t0; t0=$(date +%s)
  pin_on
  win_java -jar "$(winpath "$jar")" "$regex" "$@" -rf json -rff "$(winpath "$out/$name.json")" \
    > "$logs/$name.log" 2>&1 \
    || { tail -40 "$logs/$name.log" >&2; say "FAILED: $name (log: $logs/$name.log)"; exit 1; }
  sed -i 's/\r$//' "$out/$name.json"
  pin=()
  say "  done in $(( $(date +%s) - t0 )) s"
}

if [[ $only == all ]]; then
  jmh_host host-any-jvm 'org\.winsock4j\.bench\.(GuardBench|CloseOverheadBench|ErrorOverheadBench)\.' "${host_opts[@]}"
  jmh_windows ws2_32-close 'org\.winsock4j\.bench\.(CloseBench|ClosePairBench|ErrorPathBench)\.' "${close_opts[@]}"
  jmh_windows ws2_32-mapping 'org\.winsock4j\.bench\.MappingBench\.' "${mapping_opts[@]}"
fi
jmh_windows_pinned ws2_32-datapath 'org\.winsock4j\.bench\.DataPathBench\.' "${datapath_opts[@]}"
jmh_windows_pinned ws2_32-sendchunk 'org\.winsock4j\.bench\.SendChunkBench\.' "${chunk_opts[@]}"

load_end=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
wall=$(( $(date +%s) - start ))

# --- 4. the table ---------------------------------------------------------------------------------
cpu_model=$(grep -m1 '^model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || true)
cpu_count=$(grep -c '^processor' /proc/cpuinfo 2>/dev/null || nproc 2>/dev/null || echo '?')
os_name=$( (. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME") || uname -o)
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n $(git -C "$root" status --porcelain -- binding benchmarks ':(exclude)benchmarks/results' 2>/dev/null) ]]; then
  commit+=" (with uncommitted changes)"
fi
[[ -z ${JAR:-} ]] || commit="benchmarks.jar from JAR=$JAR: ${JAR_FROM:-built elsewhere} (run from $commit)"
if [[ $only == all ]]; then
  env_json=$out/env.json report=$out/RESULTS.md
  settings=("host: ${host_opts[*]}" "ws2_32-close: ${close_opts[*]}" "ws2_32-mapping: ${mapping_opts[*]}")
else
  env_json=$out/env-datapath.json report=$out/DATA-PATH.md
  settings=()
fi
settings+=("ws2_32-datapath: ${datapath_opts[*]}" "ws2_32-sendchunk: ${chunk_opts[*]}" "pinned: $pinning")

# The run's description, kept beside the JSON (env.json) so that report.py can be rerun on it.
python3 - "$env_json" "$profile" "$(date -u '+%Y-%m-%d %H:%M UTC')" "$commit" \
  "${cpu_model:-unknown} (${cpu_count} logical CPUs)" "$os_name, $(uname -srm)" "$wine_version" \
  "$load_start -> $load_end (1/5/15 min, start -> end)" "$wall" "${settings[@]}" <<'PY'
import json, sys
keys = ["profile", "date", "commit", "cpu", "os", "wine", "load", "wall"]
values = sys.argv[2:]
env = dict(zip(keys, values[:len(keys)]))
env["settings"] = values[len(keys):]
with open(sys.argv[1], "w", encoding="utf-8") as f:
    json.dump(env, f, indent=1)
PY
# The data path measured before issue 8's fix, if kept beside the results (see benchmarks/README.md).
before=()
if [[ -f $out/ws2_32-datapath-before.json ]]; then
  before=(--datapath-before-json "$out/ws2_32-datapath-before.json" --datapath-before-env "$out/env-datapath-before.json")
  [[ ! -f $out/ws2_32-sendchunk-before.json ]] || before+=(--chunk-before-json "$out/ws2_32-sendchunk-before.json")
fi
if [[ $only == all ]]; then
  python3 "$bench/report.py" --env "$env_json" \
    --host-json "$out/host-any-jvm.json" \
    --close-json "$out/ws2_32-close.json" \
    --mapping-json "$out/ws2_32-mapping.json" \
    --datapath-json "$out/ws2_32-datapath.json" --chunk-json "$out/ws2_32-sendchunk.json" "${before[@]}" \
    --out "$report"
else
  python3 "$bench/report.py" --env "$env_json" --only datapath \
    --datapath-json "$out/ws2_32-datapath.json" --chunk-json "$out/ws2_32-sendchunk.json" "${before[@]}" \
    --out "$report"
fi

cat "$report"
say "$profile profile done in ${wall} s; results in $out (JMH logs in $logs)"
