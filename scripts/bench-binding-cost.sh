#!/usr/bin/env bash
# scripts/bench-binding-cost.sh [--wine N --java N] [JMH options...]
# Issue 13: BindingCostBench (benchmarks module) under the lab Wine and Windows Java (Wine 10 +
# Java 25 unless --wine / --java or WINSOCK4J_WINE / WINSOCK4J_JAVA say otherwise), pinned to one
# CPU with its wineserver and JMH's forks (taskset -c ${WINSOCK4J_BENCH_CPU:-1}: scripts/bench-wine.sh),
# on the no-op DLL that scripts/bench-binding-floor.sh builds (passed as -Dwinsock4j.noopDll).
# JMH options go through as they are: without any, the class's annotations hold (2 forks, 5+8
# iterations of 1 s); a quick check is  -f 1 -wi 3 -i 5 -w 1s -r 1s.  Prints JMH's output; the
# JSON and the log are kept in benchmarks/target/binding-cost/. Builds benchmarks.jar if a source
# is newer (mvn package, as benchmarks/run.sh does).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/bench-wine.sh
source "$root/scripts/bench-wine.sh"
bench_select "$@" || exit $?
platform=(--wine "$lab_wine" --java "$lab_java")

bench_jar_build_if_needed
jar=$bench_jar
dll=$("$root/scripts/bench-binding-floor.sh" "${platform[@]}" --build-only)

out=$root/benchmarks/target/binding-cost
mkdir -p "$out"
name=binding-cost-wine$lab_wine-java$lab_java
# What java.exe needs on this platform (lab/platform.sh); JMH's forks are java.exe too and read
# JDK_JAVA_OPTIONS as well. Java 24 and later warn at JNA's first native call unless native access
# is granted (README.md); JMH 1.37 itself calls sun.misc.Unsafe, which Java 24 and later warn
# about in every JVM unless allowed (the warnings are JMH's, not the binding's).
if [[ -n $LAB_JAVA_OPTIONS ]]; then
  export JDK_JAVA_OPTIONS="$LAB_JAVA_OPTIONS${JDK_JAVA_OPTIONS:+ $JDK_JAVA_OPTIONS}"
fi
jvm=(-Djava.awt.headless=true "-Dwinsock4j.noopDll=$("$root/lab/winpath" "$dll")")
((lab_java < 24)) || jvm+=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)

echo "bench-binding-cost: Wine $lab_wine + Java $lab_java ($WINEPREFIX), taskset -c $bench_cpu, JMH ${bench_args[*]:-(annotations)}" >&2
status=0
# JMH forks its JVMs with the parent's JVM options, so the forks get the DLL's path too.
bench_pinned "$WIN_JAVA" "${jvm[@]}" -jar "$("$root/lab/winpath" "$jar")" 'org\.winsock4j\.bench\.BindingCostBench\.' \
  "${bench_args[@]}" -rf json -rff "$("$root/lab/winpath" "$out/$name.json")" 2>&1 | tr -d '\r' | tee "$out/$name.log" \
  || status=$?
((status == 0)) || { echo "bench-binding-cost: FAILED (log: $out/$name.log)" >&2; exit "$status"; }
echo "bench-binding-cost: JSON in $out/$name.json" >&2
