#!/usr/bin/env bash
# lab/run-wine-tests.sh: the Wine tier. Runs the tests module's integration tests on a Windows
# JVM under Wine, against Wine's real ws2_32, with the JUnit Platform console launcher; then
# checks that every native function of the raw mapping was called.
# Needs: lab/provision.sh done, and `mvn package` (or verify) done for the whole project.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${WINSOCK4J_CACHE:-$HOME/.cache/winsock4j}
# shellcheck source=/dev/null
source "$cache/lab.env"
out=$root/tests/target/wine
mkdir -p "$out"

classes=$root/tests/target/test-classes
launcher=$root/tests/target/wine-launcher/junit-platform-console-standalone.jar
[[ -d $classes && -f $launcher ]] || { echo "run-wine-tests: build first (mvn package)" >&2; exit 1; }

# The C side of ErrorNumbersTest: same failing calls, same Wine, numbers printed by C.
probes=$root/native-headers/target/probes
mkdir -p "$probes"
"$MINGW_CC" -std=c11 -Wall -Wextra -Werror -O2 -o "$probes/errors_probe.exe" \
  "$root/native-headers/probes/errors_probe.c" -lws2_32
"$root/lab/wine-run" "$probes/errors_probe.exe" > "$out/errors_probe.txt"

cp_linux=$classes
for jar in "$root"/tests/target/wine-lib/*.jar; do cp_linux+=":$jar"; done
coverage=$out/raw-coverage.txt
rm -f "$coverage"

echo "Wine tier: $("$WINE" --version) | $("$root/lab/wine-java" -version 2>&1 | sed -n 2p)"
status=0
"$root/lab/wine-java" \
  -Dwinsock4j.errorsProbe="$("$root/lab/winpath" "$out/errors_probe.txt")" \
  -Dwinsock4j.coverageReport="$("$root/lab/winpath" "$coverage")" \
  -Dwinsock4j.testClassPath="$("$root/lab/winpath" "$cp_linux")" \
  -jar "$("$root/lab/winpath" "$launcher")" execute \
  --class-path "$("$root/lab/winpath" "$cp_linux")" \
  --scan-class-path --include-package org.winsock4j.it --fail-if-no-tests --disable-banner --details=tree --details-theme=ascii \
  --reports-dir "$("$root/lab/winpath" "$out/reports")" || status=$?

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
