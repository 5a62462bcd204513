#!/usr/bin/env bash
# scripts/check-publishable.sh: everything Maven Central requires except the signatures, on what
# `mvn deploy` uploads (deployed here into target/publish-staging, never installed into the local
# repository): the published modules only (parent pom, winsock4j-binding, winsock4j-cli), their
# pom metadata, jar, sources and javadoc jars, LICENSE and NOTICE in every jar, and every
# NOTICE the CLI's -all jar redistributes (scripts/check-publishable.py says what exactly).
# Self-test first: the checker must fail on staging copies broken three ways (no licences in the
# parent pom, no javadoc jar, a bundled NOTICE dropped from the -all jar), so it can fail.
# Needs: Maven and a JDK 22+ (scripts/build-jdk.sh); the network for plugins not yet cached.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
JAVA_HOME=$(scripts/build-jdk.sh)
export JAVA_HOME PATH=$JAVA_HOME/bin:$PATH
staging=$root/target/publish-staging
classpath=$root/cli/target/runtime-classpath.txt
rm -rf "$staging" "$classpath"
# -DskipTests: the test command's mvn verify ran them. The cli's runtime class path is what its
# -all jar bundles (maven-shade-plugin takes the runtime scope).
# The relative output file lands in each module's target/.
mvn -B -ntp -q deploy dependency:build-classpath -DskipTests -Dmaven.install.skip=true \
  "-DaltDeploymentRepository=staging::file://$staging" -DincludeScope=runtime -Dmdep.outputFile=target/runtime-classpath.txt

status=0
selftest=$(mktemp -d)
trap 'rm -rf "$selftest"' EXIT
broken() { rm -rf "$selftest/repo"; cp -r "$staging" "$selftest/repo"; }
expect_failure() { # what, the message expected
  local out
  if out=$(python3 scripts/check-publishable.py "$selftest/repo" "$root" "$classpath"); then
    echo "check-publishable: self-test: the checker passed a staging repository with $1" >&2; status=1
  elif ! grep -q -- "$2" <<<"$out"; then
    echo "check-publishable: self-test: with $1 the checker did not say '$2': $out" >&2; status=1
  fi
}
broken; sed -i '/<licenses>/,/<\/licenses>/d' "$selftest"/repo/org/winsock4j/winsock4j-parent/*/*.pom
expect_failure "no licences in the parent pom" "winsock4j-binding: pom has no <licenses>"
broken; rm "$selftest"/repo/org/winsock4j/winsock4j-binding/*/*-javadoc.jar
expect_failure "no javadoc jar" "winsock4j-binding: no javadoc jar"
broken
all_jar=$(find "$selftest"/repo/org/winsock4j/winsock4j-cli -name '*-all.jar' | sort | tail -1)
python3 - "$all_jar" <<'PY'
import sys, zipfile, shutil
src = sys.argv[1]; tmp = src + ".tmp"
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(tmp, "w") as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename == "META-INF/NOTICE":
            data = data.split(b"# Jackson JSON processor")[0]
        zout.writestr(item, data)
shutil.move(tmp, src)
PY
expect_failure "Jackson's NOTICE dropped from the -all jar" "META-INF/NOTICE lacks the NOTICE of jackson-core"
((status == 0)) || exit 1

python3 scripts/check-publishable.py "$staging" "$root" "$classpath"
