#!/usr/bin/env bash
# scripts/check-user-project.sh: a project of a user's own, examples/junit-on-wine, against the
# library this checkout built (issue 21: test harnesses are an audience, and the README must work
# as written). Three things, each as the README shows it:
#   1. its JUnit 5 tests, through Maven Surefire on the lab's Windows JVM under Wine (the profile
#      that -Dwinsock4j.checkout turns on), on Wine 8 + Java 17 and on Wine 10 + Java 25: every
#      test class's tests must have run and passed (counted: none run is a failure), on Windows
#      (the reports' os.name) and on the Java asked for;
#   2. the README's block that runs a program on the lab (dependency:copy-dependencies, then
#      lab/wine-java with a target/lib/* class path), run as written, with the README's example
#      compiled into the project;
#   3. the example pom names this checkout's version.
# Nothing is installed into ~/.m2: the library goes into a Maven repository under target/ that
# the example's builds use as their local repository (third-party downloads land there too).
# Needs: lab/provision.sh and mvn package (or verify) done.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
project=$root/examples/junit-on-wine
repo=$root/target/user-project-m2
logs=$project/target/check
JAVA_HOME=$("$root/scripts/build-jdk.sh") || exit 1
export JAVA_HOME PATH=$JAVA_HOME/bin:$PATH
failures=0
fail() { echo "check-user-project: FAILED: $*" >&2; failures=$((failures + 1)); }

version=$(sed -n '0,/<version>/s/.*<version>\(.*\)<\/version>.*/\1/p' "$root/pom.xml")
jar=$root/binding/target/winsock4j-binding-$version.jar
[[ -f $jar ]] || { echo "check-user-project: $jar missing; build first (mvn package)" >&2; exit 1; }
if ! grep -q "<version>$version</version>" <<<"$(grep -A1 '<artifactId>winsock4j-binding</artifactId>' "$project/pom.xml")"; then
  fail "examples/junit-on-wine/pom.xml does not depend on winsock4j-binding $version"
fi

# The library as this checkout built it, with its parent pom, into the repository under target/.
rm -rf "$repo/org/winsock4j"
for artifact in "$root/pom.xml:$root/pom.xml:pom" "$jar:$root/binding/pom.xml:jar"; do
  IFS=: read -r file pom packaging <<<"$artifact"
  (cd "$root" && mvn -B -ntp -N install:install-file -Dfile="$file" -DpomFile="$pom" -Dpackaging="$packaging" \
    -DlocalRepositoryPath="$repo") >"$root/target/user-project-install.log" 2>&1 \
    || { cat "$root/target/user-project-install.log" >&2; echo "check-user-project: installing $file into $repo failed" >&2; exit 1; }
done
rm -rf "$project/target"
mkdir -p "$logs"
cd "$project" || exit 1

# 1. The JUnit tests on the lab, through Surefire. The expected count is the @Test methods in the
#    sources, so that a test class Surefire did not find, or a test it skipped, fails the check.
expected=$(grep -rh '^ *@Test$' src/test/java | wc -l)
((expected > 0)) || fail "no @Test in examples/junit-on-wine/src/test/java"
for platform in 8:17 10:25; do
  w=${platform%:*} j=${platform#*:}
  log=$logs/mvn-test-w$w-j$j.log
  rm -rf target/surefire-reports
  status=0
  WINSOCK4J_WINE=$w WINSOCK4J_JAVA=$j mvn -B -ntp -Dmaven.repo.local="$repo" -Dwinsock4j.checkout="$root" test \
    >"$log" 2>&1 || status=$?
  # Surefire's total: the "Tests run:" line that names no class.
  read -r run bad errors skipped < <(grep -v -- ' -- in ' "$log" \
    | sed -n 's/^\[[A-Z]*\] Tests run: \([0-9]*\), Failures: \([0-9]*\), Errors: \([0-9]*\), Skipped: \([0-9]*\)$/\1 \2 \3 \4/p' | tail -1)
  run=${run:-0} bad=${bad:-0} errors=${errors:-0} skipped=${skipped:-0}
  reports=(target/surefire-reports/TEST-*.xml)
  os=$(sed -n 's/.*<property name="os.name" value="\([^"]*\)".*/\1/p' "${reports[0]}" 2>/dev/null | head -1)
  java=$(sed -n 's/.*<property name="java.specification.version" value="\([^"]*\)".*/\1/p' "${reports[0]}" 2>/dev/null | head -1)
  summary="Wine $w + Java $j: $run tests run, $bad failed, $errors errors, $skipped skipped (os.name ${os:-?}, Java ${java:-?}; mvn exit $status)"
  if ((status != 0 || run != expected || bad + errors + skipped != 0)) || [[ $os != Windows* || $java != "$j" ]]; then
    fail "$summary; expected $expected tests run and passed on Windows, Java $j (log: $log)"
    tail -40 "$log" >&2
  else
    echo "check-user-project: surefire on the lab: $summary"
  fi
done

# 2. The README's block, as written (its W= line names the clone: here, this one), with the
#    README's example compiled into the project as a user's build would.
python3 - "$root/README.md" "$logs" <<'PY' || fail "the README's example or run block was not found"
import re, sys, pathlib
readme = pathlib.Path(sys.argv[1]).read_text(encoding="utf-8")
logs = pathlib.Path(sys.argv[2])
example = re.search(r"\n## Example\n.*?```java\n(.*?)```", readme, re.S).group(1)
(logs / "ReadmeExample.java").write_text(example, encoding="utf-8")
run = next(b for b in re.findall(r"```sh\n(.*?)```", readme, re.S) if "ReadmeExample" in b and "W=" in b)
(logs / "readme-run.sh").write_text(run, encoding="utf-8")
PY
if [[ -f $logs/readme-run.sh ]]; then
  javac --release 17 -cp "$root/binding/target/classes" -d target/classes "$logs/ReadmeExample.java" \
    || fail "the README's example does not compile"
  # Only the W= line changes: it points at this clone. mvn gets the repository under target/.
  sed 's|^W=.*|W='"$root"'|' "$logs/readme-run.sh" >"$logs/readme-run-here.sh"
  # The example reports a refused connect on stderr; Maven's own noise goes there too.
  MAVEN_OPTS="-Dmaven.repo.local=$repo" bash -euo pipefail "$logs/readme-run-here.sh" >"$logs/readme-run.out" 2>&1
  status=$?
  out=$(tr -d '\r' <"$logs/readme-run.out" | sed 's/\x1b\[[0-9;]*m//g') # Windows line ends, Maven's colour codes
  if (exec 3<>/dev/tcp/127.0.0.1/8080) 2>/dev/null; then
    want='^(closed gracefully|reset|WSAECONNREFUSED 10061)$' # something of the machine's listens on 8080
  else
    want='^WSAECONNREFUSED 10061$'
  fi
  if ((status == 0)) && grep -Eq "$want" <<<"$out"; then
    echo "check-user-project: the README's run block printed: $(grep -E "$want" <<<"$out") ($(find target/lib -name '*.jar' | wc -l) jars in target/lib)"
  else
    fail "the README's run block: exit $status, want a line /$want/; output: $out"
  fi
fi

if ((failures)); then
  echo "check-user-project: $failures failure(s)" >&2
  exit 1
fi
echo "check-user-project: examples/junit-on-wine: $expected tests on each of 2 lab platforms through Surefire, and the README's run block, as written"
