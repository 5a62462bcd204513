#!/usr/bin/env bash
# scripts/check-launcher.sh: ./winsock4j, the launcher the README shows, runs the CLI under the
# lab from any directory (issue 21): --version names the release and the backend of the platform
# it was asked for, connections prints its table, and the CLI's conventions hold end to end on a
# real Windows JVM under Wine: no command is usage on stderr with exit 2, a usage error is two
# lines with exit 2, killing an IPv6 connection is a platform limit with exit 4.
# Needs: lab/provision.sh and mvn package done (the launcher would otherwise do both first).
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# The jar first, so that a build's output (the launcher builds a stale jar) is not in a run's stderr.
# shellcheck source=scripts/cli-jar.sh
source "$root/scripts/cli-jar.sh"
cli_jar_build_if_needed || exit 1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1 # not the checkout: the launcher must find its own way
failures=0
n=0

# matches FILE ERE: a line of FILE matches; the ERE "EMPTY" means FILE is empty.
matches() { if [[ $2 == EMPTY ]]; then [[ ! -s $1 ]]; else grep -Eq -- "$2" "$1"; fi; }

# expect NAME EXIT STDOUT-ERE STDERR-ERE -- ARGS...: one launcher run, checked; its output is left
# in $work/out and $work/err (Windows line ends made Linux ones).
expect() {
  local name=$1 want=$2 out_re=$3 err_re=$4 got
  shift 5
  n=$((n + 1))
  "$root/winsock4j" "$@" >"$work/out.raw" 2>"$work/err.raw"
  got=$?
  tr -d '\r' <"$work/out.raw" >"$work/out"
  # The lab's own note (lab/wine-java passes Java 21+ options in JDK_JAVA_OPTIONS) is not the CLI's.
  tr -d '\r' <"$work/err.raw" | { grep -v -e '^NOTE: Picked up JDK_JAVA_OPTIONS' -e 'Read access denied for device' || true; } \
    >"$work/err"
  if [[ $got != "$want" ]] || ! matches "$work/out" "$out_re" || ! matches "$work/err" "$err_re"; then
    echo "check-launcher: FAILED: $name: ./winsock4j $*: exit $got (want $want)" >&2
    echo "--- stdout (want /$out_re/):" >&2; cat "$work/out" >&2
    echo "--- stderr (want /$err_re/):" >&2; cat "$work/err" >&2
    failures=$((failures + 1))
    return 1
  fi
  echo "check-launcher: ok: $name (./winsock4j $*: exit $got)"
}

if expect "version, default platform" 0 '^winsock4j 0\.1\.0-SNAPSHOT$' EMPTY -- --version \
  && ! grep -q '^backend: JNA (Java 17\.' "$work/out"; then
  echo "check-launcher: FAILED: the default platform is not JNA on Java 17: $(cat "$work/out")" >&2
  failures=$((failures + 1))
fi
expect "version, --wine 10 --java 25" 0 '^backend: FFM \(Java 25\.' EMPTY -- --wine 10 --java 25 --version
WINSOCK4J_WINE=10 WINSOCK4J_JAVA=21 expect "version, WINSOCK4J_WINE=10 WINSOCK4J_JAVA=21" 0 '^backend: JNA \(Java 21\.' EMPTY -- --version
if expect "connections, table" 0 '^  Proto +Local Address +Foreign Address +State +PID +Process$' EMPTY -- \
  connections --proto tcp --port 1 && (($(wc -l <"$work/out") != 1)); then
  echo "check-launcher: FAILED: port 1 has rows: $(cat "$work/out")" >&2
  failures=$((failures + 1))
fi
if expect "connections, json" 0 '"schemaVersion" : 1,' EMPTY -- connections --proto TCP --port 1 --format json \
  && [[ $(tr -d ' \n' <"$work/out") != '{"schemaVersion":1,"connections":[]}' ]]; then
  echo "check-launcher: FAILED: json: $(cat "$work/out")" >&2
  failures=$((failures + 1))
fi
# A relative path means the caller's directory on every Wine (Wine 10 runs in its own root: there
# the program started in / until lab/wine-chroot changed to the caller's directory).
printf '{"schemaVersion":2,"tool":"t","implementation":"c","scenarios":[]}' >"$work/empty-matrix.json"
expect "relative path, Wine 8" 0 '0 of 0 scenarios' EMPTY -- close-matrix --from empty-matrix.json
expect "relative path, Wine 10" 0 '0 of 0 scenarios' EMPTY -- --wine 10 --java 25 close-matrix --from empty-matrix.json
expect "no command: usage on stderr" 2 EMPTY '^Usage: winsock4j \[-hV\] \[COMMAND\]$' --
expect "usage error: two lines" 2 EMPTY "^Try 'winsock4j kill --help' for more information\.$" -- \
  kill --local 1.2.3:80 --remote 127.0.0.1:1
if ! [[ $(wc -l <"$work/err") == 2 ]] || ! head -1 "$work/err" | grep -q "^winsock4j kill: --local: '1.2.3' in '1.2.3:80'"; then
  echo "check-launcher: FAILED: the usage error is not the two lines:" >&2; cat "$work/err" >&2; failures=$((failures + 1))
fi
expect "kill IPv6: platform limit" 4 EMPTY '^kill: cannot end the IPv6 connection \[::1\]:5 -> \[::1\]:6: Windows ends IPv4' -- \
  kill --local '[::1]:5' --remote '[::1]:6'

if ((failures)); then
  echo "check-launcher: $failures failed check(s) in $n launcher runs" >&2
  exit 1
fi
echo "check-launcher: ./winsock4j ran the CLI under the lab $n times from another directory, as expected"
