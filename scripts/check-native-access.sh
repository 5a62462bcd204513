#!/usr/bin/env bash
# scripts/check-native-access.sh: on Java 25 (Wine 10), the CLI and a small program using the
# library print no JDK or JNA warning at all (issue 9, JDK 24+ hygiene). The CLI jar grants
# native access in its manifest (Enable-Native-Access: ALL-UNNAMED); a program on the class path
# passes --enable-native-access=ALL-UNNAMED, as the README tells applications to. As a control,
# the same program without the flag must print the JDK's restricted-method warning, so this
# check can fail. The lab's own "NOTE: Picked up JDK_JAVA_OPTIONS" line (lab/platform.sh passes
# -XX:ActiveProcessorCount that way) is not the program's and is left out.
# Needs: lab/provision.sh and mvn verify (or package) done.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
run() { lab/wine-java --wine 10 --java 25 "$@" 2>&1 | grep -v -e '^NOTE: Picked up JDK_JAVA_OPTIONS' -e 'Read access denied for device' || true; }
# The binding jar, not target/classes: a JVM reads the multi-release part (the FFM backend,
# the default on Java 25) only from a jar.
cp=$(lab/winpath binding/target/test-classes:tests/target/wine-lib/winsock4j-binding-0.1.0-SNAPSHOT.jar:tests/target/wine-lib/jna-5.19.1.jar:tests/target/wine-lib/jna-platform-5.19.1.jar)
status=0

# shellcheck disable=SC2034 # read through ${!what} below
cli=$(run -jar "$(lab/winpath cli/target/winsock4j-cli.jar)" connections --proto tcp --port 1)
program=$(run --enable-native-access=ALL-UNNAMED -cp "$cp" org.winsock4j.example.ReadmeExample)
control=$(run -cp "$cp" org.winsock4j.example.ReadmeExample)

for what in cli program; do
  out=${!what}
  if grep -qi 'warning' <<<"$out"; then
    echo "check-native-access: the $what printed a warning on Java 25:" >&2
    echo "$out" >&2
    status=1
  fi
done
grep -q 'WSAECONNREFUSED 10061' <<<"$program" || { echo "check-native-access: the program did not run: $program" >&2; status=1; }
if ! grep -q 'WARNING: A restricted method' <<<"$control"; then
  echo "check-native-access: control failed: without the flag Java 25 should warn, got: $control" >&2
  status=1
fi
((status == 0)) && echo "check-native-access: Java 25 under Wine 10: the CLI and a library program print no warning (control: the program without the flag warns)"
exit $status
