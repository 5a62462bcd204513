#!/usr/bin/env bash
# scripts/check-shaded-jar.sh: repackaging keeps the FFM backend (issue 21). tests/shaded-jar/
# builds a small program (demo.Main: Backend.selected() twice, then a loopback round trip) into
#   app-shaded.jar                          maven-shade-plugin, the README's settings
#   app-jar-with-dependencies.jar           maven-assembly-plugin, the README's settings
#   app-shaded-without-multi-release.jar    the shade settings without Multi-Release (control)
# First, each "documented" execution's configuration must be the README's block for that plugin,
# element for element (comments and layout aside; where the output goes is the module's own), and
# the README's plugin versions the ones pom.xml pins. Then, on Java 25 under Wine 10:
# the two documented jars run on FFM, do the round trip, and print no warning at all; the control
# runs on JNA and logs the fallback exactly once, naming the jar and the missing manifest entry;
# the control with -Dwinsock4j.backend=ffm fails with that cause and never reports FFM.
# Needs: lab/provision.sh and mvn verify (or package) done.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
target=tests/shaded-jar/target
status=0
fail() { echo "check-shaded-jar: $*" >&2; status=1; }

python3 - README.md pom.xml tests/shaded-jar/pom.xml <<'PY' || status=1
import re, sys, xml.etree.ElementTree as ET
readme, parent, module = sys.argv[1:]
NS = "{http://maven.apache.org/POM/4.0.0}"
def strip_ns(e):
    for x in e.iter():
        if isinstance(x.tag, str) and x.tag.startswith(NS):
            x.tag = x.tag[len(NS):]
    return e
def canon(e):
    return ET.canonicalize(ET.tostring(e, encoding="unicode"), strip_text=True)
blocks = []
for b in re.findall(r"```xml\n(.*?)```", open(readme).read(), re.S):
    try:
        blocks.append(strip_ns(ET.fromstring(b)))
    except ET.ParseError:
        pass  # a fragment, not a plugin element

pinned = {p.findtext("artifactId"): p.findtext("version")
          for p in strip_ns(ET.parse(parent).getroot()).iter("plugin") if p.findtext("version")}
plugins = {p.findtext("artifactId"): p for p in strip_ns(ET.parse(module).getroot()).iter("plugin")}
bad = 0
for name, own in (("maven-shade-plugin", {"outputFile", "dependencyReducedPomLocation"}),
                  ("maven-assembly-plugin", {"finalName"})):
    documented = [b for b in blocks if b.tag == "plugin" and b.findtext("artifactId") == name]
    if len(documented) != 1:
        print(f"check-shaded-jar: README has {len(documented)} <plugin> blocks for {name}, expected 1"); bad = 1; continue
    doc = documented[0]
    if doc.findtext("version") != pinned.get(name):
        print(f"check-shaded-jar: README's {name} is version {doc.findtext('version')}, pom.xml pins {pinned.get(name)}"); bad = 1
    execution = [e for e in plugins[name].iter("execution") if e.findtext("id") == "documented"][0]
    used = [canon(c) for c in execution.find("configuration") if c.tag not in own]
    shown = [canon(c) for c in doc.find("executions/execution/configuration")]
    if used != shown:
        print(f"check-shaded-jar: tests/shaded-jar/pom.xml's {name} 'documented' configuration is not the README's"); bad = 1
    for field in ("phase", "goals"):
        if canon(execution.find(field)) != canon(doc.find(f"executions/execution/{field}")):
            print(f"check-shaded-jar: the {name} execution's <{field}> differs from the README's"); bad = 1
sys.exit(bad)
PY

# A Windows JVM ends its lines with CR LF.
run() { lab/wine-java --wine 10 --java 25 "$@" 2>&1 | tr -d '\r' | grep -v -e '^NOTE: Picked up JDK_JAVA_OPTIONS' -e 'Read access denied for device'; }
for jar in app-shaded app-jar-with-dependencies; do
  out=$(run -jar "$(lab/winpath "$target/$jar.jar")") || fail "$jar.jar failed: $out"
  expected=$'backend: FFM\nbackend again: FFM\nround trip: ping'
  [[ $out == "$expected" ]] || fail "$jar.jar on Java 25: expected FFM, a round trip and nothing else, got:"$'\n'"$out"
done

control=app-shaded-without-multi-release.jar
out=$(run -jar "$(lab/winpath "$target/$control")") || fail "$control failed: $out"
if ! grep -qx 'backend: JNA' <<<"$out" || ! grep -qx 'round trip: ping' <<<"$out"; then
  fail "control: $control should run on JNA, got: $out"
fi
warnings=$(grep -c '^WARNING: winsock4j uses the JNA backend, not FFM: ' <<<"$out" || true)
((warnings == 1)) || fail "control: expected the fallback logged once, got $warnings times: $out"
grep -q "the jar .*\\\\$control has no 'Multi-Release: true' in its manifest" <<<"$out" \
  || fail "control: the fallback does not name the jar and the missing Multi-Release entry: $out"

if out=$(run -Dwinsock4j.backend=ffm -jar "$(lab/winpath "$target/$control")"); then
  fail "control: -Dwinsock4j.backend=ffm ran without the FFM classes: $out"
fi
grep -q "WinsockUnavailableException: -Dwinsock4j.backend=ffm: .*the jar .*\\\\$control has no 'Multi-Release: true'" <<<"$out" \
  || fail "control: -Dwinsock4j.backend=ffm did not fail naming the jar and the Multi-Release entry: $out"
! grep -q 'backend: FFM' <<<"$out" || fail "control: Backend.selected() reported FFM without the FFM classes: $out"

((status == 0)) && echo "check-shaded-jar: Java 25 under Wine 10: the README's shade and assembly jars run on FFM with no warning; without Multi-Release (control) JNA with one warning naming the jar, and =ffm fails saying why"
exit $status
