#!/usr/bin/env bash
# lab/run-wine-tests.sh: the Wine tier. Runs the tests module's integration tests on a Windows
# JVM under Wine, against Wine's real ws2_32, with the JUnit Platform console launcher; then
# checks that every native function of the raw mapping was called.
#   lab/run-wine-tests.sh                          the default platform (Wine 8 + Java 17)
#   lab/run-wine-tests.sh --wine 10 --java 21      any lab platform (lab/platform.sh)
#   lab/run-wine-tests.sh --wine 10 --java 25 --backend jna
#                                                  a backend other than the JVM's default (FFM on
#                                                  Java 22+, JNA before): -Dwinsock4j.backend
# Output (logs, JUnit reports, the coverage report, the C probe's numbers) goes to
# tests/target/wine/ for the default platform, tests/target/wine-wW-jJ/ for the others.
# Needs: lab/provision.sh done, and `mvn package` (or verify) done for the whole project.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lab/platform.sh
source "$root/lab/platform.sh"
lab_parse_platform "$@" || exit 2
backend=""
if ((${#lab_args[@]} == 2)) && [[ ${lab_args[0]} == --backend && ${lab_args[1]} =~ ^(jna|ffm)$ ]]; then
  backend=${lab_args[1]}
elif ((${#lab_args[@]} != 0)); then
  echo "usage: run-wine-tests.sh [--wine 8|10] [--java 17|21|25] [--backend jna|ffm]" >&2; exit 2
fi
lab_select "$lab_wine" "$lab_java" || exit $?
out=$root/tests/target/wine
if [[ $lab_wine != 8 || $lab_java != 17 ]]; then out=$root/tests/target/wine-w$lab_wine-j$lab_java; fi
[[ -z $backend ]] || out=$out-$backend
rm -rf "$out"
mkdir -p "$out"

classes=$root/tests/target/test-classes
launcher=$root/tests/target/wine-launcher/junit-platform-console-standalone.jar
[[ -d $classes && -f $launcher ]] || { echo "run-wine-tests: build first (mvn package)" >&2; exit 1; }

# The C side of ErrorNumbersWineTest: same failing calls, same Wine, numbers printed by C.
"$MINGW_CC" -std=c11 -Wall -Wextra -Werror -O2 -o "$out/errors_probe.exe" \
  "$root/native-headers/probes/errors_probe.c" -lws2_32
"$root/lab/wine-run" "$out/errors_probe.exe" > "$out/errors_probe.txt"

cp_linux=$classes
for jar in "$root"/tests/target/wine-lib/*.jar; do cp_linux+=":$jar"; done
coverage=$out/raw-coverage.txt
rm -f "$coverage"

echo "Wine tier: $("$WINE" --version) | $("$root/lab/wine-java" -version 2>&1 | grep -m1 -E 'Runtime Environment') | backend: ${backend:-default}"
status=0
backend_opt=()
[[ -z $backend ]] || backend_opt=(-Dwinsock4j.backend="$backend")
# A hang must fail, not stall the test command: the tier takes about 30 s, and after
# WINSOCK4J_WINE_TIER_LIMIT seconds (default 600) the JVM's threads, virtual ones included, are
# dumped into this log and the JVM is killed. (A deadlock on Java 21 once hung it for good:
# InterruptHook's class comment.)
limit=${WINSOCK4J_WINE_TIER_LIMIT:-600}
[[ $limit =~ ^[1-9][0-9]*$ ]] || { echo "run-wine-tests: WINSOCK4J_WINE_TIER_LIMIT=$limit: give a whole number of seconds, at least 1" >&2; exit 2; }
watchdog() { # $1: the launcher's process
  local waited=0
  while kill -0 "$1" 2>/dev/null; do
    if ((waited >= limit)); then
      echo "Wine tier: FAILED: still running after $limit s; the JVM's threads:" >&2
      local dump=$out/threads-at-limit.txt winpid
      rm -f "$dump"
      winpid=$("$root/lab/wine-run" "$WIN_JAVA_HOME/bin/jcmd.exe" -l 2>/dev/null | tr -d '\r' \
        | awk '/junit-platform-console-standalone/ {print $1; exit}')
      if [[ -n $winpid ]]; then
        "$root/lab/wine-run" "$WIN_JAVA_HOME/bin/jcmd.exe" "$winpid" Thread.dump_to_file -format=text \
          "$("$root/lab/winpath" "$dump")" >/dev/null 2>&1 || true
      fi
      if [[ -s $dump ]]; then tr -d '\r' < "$dump" >&2; else echo "Wine tier: (no thread dump could be taken)" >&2; fi
      kill -9 "$1" 2>/dev/null || true
      return
    fi
    sleep 1
    waited=$((waited + 1))
  done
}
# Native access granted as the README tells applications on the class path to (JDK 24+ warn
# otherwise; JEP 472); the option exists since Java 17.
"$root/lab/wine-java" --enable-native-access=ALL-UNNAMED "${backend_opt[@]}" \
  -Dwinsock4j.errorsProbe="$("$root/lab/winpath" "$out/errors_probe.txt")" \
  -Dwinsock4j.coverageReport="$("$root/lab/winpath" "$coverage")" \
  -Dwinsock4j.testClassPath="$("$root/lab/winpath" "$cp_linux")" \
  -jar "$("$root/lab/winpath" "$launcher")" execute \
  --class-path "$("$root/lab/winpath" "$cp_linux")" \
  --scan-class-path --include-package org.winsock4j.it --fail-if-no-tests --disable-banner --details=tree --details-theme=ascii \
  --reports-dir "$("$root/lab/winpath" "$out/reports")" &
launcher_pid=$!
watchdog "$launcher_pid"
wait "$launcher_pid" || status=$?

if [[ ! -f $coverage ]]; then
  echo "Wine tier: FAILED: no raw-mapping coverage report was written" >&2
  exit 1
fi
cat "$coverage"
if grep -q MISSING "$coverage"; then
  echo "Wine tier: FAILED: a function of the raw mapping was never called under Wine" >&2
  status=1
fi
exit $status
