# shellcheck shell=bash disable=SC2034  # sourced; bench_args and bench_cpu are for the caller
# scripts/bench-wine.sh: sourced by scripts/bench-binding-floor.sh and scripts/bench-binding-cost.sh
# (issue 13). A lab platform (lab/platform.sh; here Wine 10 + Java 25 unless WINSOCK4J_WINE /
# WINSOCK4J_JAVA or --wine / --java say otherwise), run in a Wine prefix of the benchmarks' own and
# pinned to one CPU, wineserver included, as benchmarks/run.sh does for its pinned runs.
#
#   bench_select "$@"     reads leading --wine N / --java N, selects that platform, switches
#                         WINEPREFIX to the benchmarks' prefix for that Wine (made once, ~10 s);
#                         sets bench_args (the arguments that remain) and bench_cpu
#   bench_pinned PROG...  runs a Windows program under that Wine, pinned to CPU $bench_cpu
#   bench_jar_build_if_needed
#                         builds benchmarks/target/benchmarks.jar ($bench_jar) when it is missing
#                         or a source of it is newer (mvn package on a JDK 22+), output on stderr
#
# Why a prefix of its own: every Wine program of a prefix shares one wineserver. Pinning needs the
# prefix's wineserver to exit first (so that the pinned program starts a pinned one), which in the
# shared lab prefix would wait for whatever else runs there, and would then pin that work too.
# Why pinned: java.exe, its JMH forks and wineserver on one CPU whatever runs on the other core;
# the C floor runs on the same CPU, so the two figures are comparable (benchmarks/README.md).

bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench_jar=$bench_root/benchmarks/target/benchmarks.jar
# shellcheck source=lab/platform.sh
source "$bench_root/lab/platform.sh"

bench_select() {
  local cache=${WINSOCK4J_CACHE:-$HOME/.cache/winsock4j}
  if [[ ! -f $cache/lab.env || ! -f $cache/platforms.env ]]; then
    "$bench_root/lab/provision.sh" >&2 || return 1
  fi
  WINSOCK4J_WINE=${WINSOCK4J_WINE:-10} WINSOCK4J_JAVA=${WINSOCK4J_JAVA:-25} lab_parse_platform "$@" || return 2
  lab_select "$lab_wine" "$lab_java" || return $?
  bench_args=("${lab_args[@]}")
  bench_cpu=${WINSOCK4J_BENCH_CPU:-1}
  # Wine 8 shares benchmarks/run.sh's prefix; Wine 10's sits beside its lab prefix, in the cache
  # that lab/wine-chroot binds into the Wine 10 root.
  if [[ $lab_wine == 8 ]]; then
    WINEPREFIX=${WINSOCK4J_BENCH_WINEPREFIX:-$cache/wineprefix-bench}
  else
    WINEPREFIX=$cache/wine${lab_wine}/prefix-bench
  fi
  export WINEPREFIX
  # Wine 10 runs in a root of its own: the repository must be visible there (as lab/wine-run does).
  export WINSOCK4J_LAB_BINDS=$bench_root${WINSOCK4J_LAB_BINDS:+:$WINSOCK4J_LAB_BINDS}
  (
    flock 8
    if [[ ! -f $WINEPREFIX/.winsock4j-initialised ]]; then
      echo "bench-wine: initialising the benchmarks' own Wine $lab_wine prefix $WINEPREFIX (once, ~10 s)" >&2
      rm -rf "$WINEPREFIX"
      "$WINE" wineboot -i >"$cache/wineboot-bench-$lab_wine.log" 2>&1 8>&- \
        || { cat "$cache/wineboot-bench-$lab_wine.log" >&2; exit 1; }
      "$WINESERVER" -w 8>&-
      touch "$WINEPREFIX/.winsock4j-initialised"
    fi
  ) 8>"$cache/.bench-prefix-$lab_wine.lock" || return 1
}

bench_pinned() {
  # Let the prefix's wineserver (started unpinned by an earlier run, if any) exit first, so that
  # the pinned programs below start a pinned one; every Wine process of the run, JMH's forks
  # included, inherits the affinity. Wine's services are started detached from our stdio first
  # (lab/wine-run says why).
  "$WINESERVER" -w
  taskset -c "$bench_cpu" "$WINE" "$WIN_NOOP" </dev/null >/dev/null 2>&1
  taskset -c "$bench_cpu" "$WINE" "$@"
}

bench_jar_build_if_needed() {
  if [[ ! -f $bench_jar || -n $(find "$bench_root/pom.xml" "$bench_root/binding" "$bench_root/benchmarks/pom.xml" \
    "$bench_root/benchmarks/src" -newer "$bench_jar" -type f \( -name '*.java' -o -name pom.xml -o -path '*/src/main/resources/*' \) \
    -not -path '*/target/*' \
    -print -quit) ]]; then
    echo "bench-wine: building $bench_jar" >&2
    (cd "$bench_root" && JAVA_HOME=$(scripts/build-jdk.sh) "${MVN:-mvn}" -q -B -ntp -pl benchmarks -am package -DskipTests) >&2
  fi
}
