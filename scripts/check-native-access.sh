#!/usr/bin/env bash
# scripts/check-native-access.sh: on Java 25 (Wine 10), the CLI and programs using the library
# print no JDK or JNA warning at all when they follow the README's "Native access" (issues 9, 21):
#   - the CLI jar grants native access in its manifest (Enable-Native-Access: ALL-UNNAMED);
#   - a program on the class path passes --enable-native-access=ALL-UNNAMED;
#   - a modular program (tests/module-path/module-info.java around the shaded-jar check's
#     demo.Main) with winsock4j and JNA on the module path passes
#     --enable-native-access=org.winsock4j,com.sun.jna, on the FFM backend (the default) and on JNA.
# Controls, so that the check can fail: the class-path program without the flag, the modular one
# without any flag and with only ALL-UNNAMED (which does not reach named modules): each must
# print the JDK's restricted-method warning. Their output is kept in variables, never printed
# unless the check fails, so the test command's own grep for that warning (scripts/test.sh) does
# not count these expected ones. The lab's "NOTE: Picked up JDK_JAVA_OPTIONS" line
# (lab/platform.sh passes -XX:ActiveProcessorCount that way) is not the program's and is left out.
# Needs: lab/provision.sh and mvn verify (or package) done.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
run() { lab/wine-java --wine 10 --java 25 "$@" 2>&1 | tr -d '\r' | grep -v -e '^NOTE: Picked up JDK_JAVA_OPTIONS' -e 'Read access denied for device' || true; }
lib=tests/target/wine-lib
jars=$lib/winsock4j-binding-0.1.0-SNAPSHOT.jar:$lib/jna-5.19.1.jar:$lib/jna-platform-5.19.1.jar
# The binding jar, not target/classes: a JVM reads the multi-release part (the FFM backend,
# the default on Java 25) only from a jar.
cp=$(lab/winpath "binding/target/test-classes:$jars")

# The modular program, compiled for Java 17 against the jars it runs with.
JAVA_HOME=$(scripts/build-jdk.sh)
modular=$root/tests/module-path/target
rm -rf "$modular" && mkdir -p "$modular/classes"
"$JAVA_HOME/bin/javac" --release 17 -p "$jars" -d "$modular/classes" \
  tests/module-path/module-info.java tests/shaded-jar/src/main/java/demo/Main.java
mp=$(lab/winpath "$modular/classes:$jars")
module_flags=--enable-native-access=org.winsock4j,com.sun.jna
status=0

# shellcheck disable=SC2034 # read through ${!what} below
cli=$(run -jar "$(lab/winpath cli/target/winsock4j-cli.jar)" connections --proto tcp --port 1)
program=$(run --enable-native-access=ALL-UNNAMED -cp "$cp" org.winsock4j.example.ReadmeExample)
# shellcheck disable=SC2034
modular_ffm=$(run "$module_flags" -p "$mp" -m demo/demo.Main)
# shellcheck disable=SC2034
modular_jna=$(run "$module_flags" -Dwinsock4j.backend=jna -p "$mp" -m demo/demo.Main)
# shellcheck disable=SC2034 # read through ${!what} below
control=$(run -cp "$cp" org.winsock4j.example.ReadmeExample)
# shellcheck disable=SC2034
control_modular=$(run -p "$mp" -m demo/demo.Main)
# shellcheck disable=SC2034
control_modular_unnamed=$(run --enable-native-access=ALL-UNNAMED -p "$mp" -m demo/demo.Main)

for what in cli program modular_ffm modular_jna; do
  out=${!what}
  if grep -qi 'warning' <<<"$out"; then
    echo "check-native-access: the $what run printed a warning on Java 25:" >&2
    echo "$out" >&2
    status=1
  fi
done
grep -q 'WSAECONNREFUSED 10061' <<<"$program" || { echo "check-native-access: the program did not run: $program" >&2; status=1; }
for backend in ffm jna; do
  what=modular_$backend
  out=${!what}
  [[ $out == *"backend: ${backend^^}"*"round trip: ping"* ]] \
    || { echo "check-native-access: the modular program on ${backend^^} did not run: $out" >&2; status=1; }
done
for what in control control_modular control_modular_unnamed; do
  if ! grep -q 'WARNING: A restricted method' <<<"${!what}"; then
    echo "check-native-access: $what failed: Java 25 should warn there, got: ${!what}" >&2
    status=1
  fi
done
((status == 0)) && echo "check-native-access: Java 25 under Wine 10: the CLI, a class-path program and a module-path program (FFM and JNA) print no warning with the README's flags (controls: without them, and ALL-UNNAMED on the module path, they warn)"
exit $status
