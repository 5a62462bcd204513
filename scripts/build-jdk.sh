#!/usr/bin/env bash
# scripts/build-jdk.sh: prints the home of a JDK that can build winsock4j, or fails saying why.
# The library runs on Java 17, but its FFM backend (binding/src/main/java22, the multi-release
# part of the jar) compiles only with javac 22 or later, so Maven must run on such a JDK.
# Looks, in order, at $WINSOCK4J_BUILD_JDK, $JAVA_HOME, the JDKs in /usr/lib/jvm (newest first:
# the machine's second JDK, Temurin, is there) and the javac on PATH. Where none is 22 or later
# (Debian bookworm has none), it makes one: Debian trixie's openjdk-25 from the lab's trixie root,
# runnable on the host (lab/trixie-jdk.sh; needs root, about a minute the first time).
#   export JAVA_HOME=$(scripts/build-jdk.sh)
#   scripts/build-jdk.sh --trixie     that JDK, whatever the host has (scripts/check-build-jdk.sh)
set -euo pipefail
min=22
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ ${1:-} == --trixie ]]; then exec "$root/lab/trixie-jdk.sh"; fi

feature() { # the feature release of the JDK at $1, or nothing
  local v
  [[ -x $1/bin/javac && -x $1/bin/java ]] || return 0
  v=$("$1/bin/javac" -version 2>&1 | sed -n 's/^javac \([0-9]*\).*/\1/p')
  echo "${v:-}"
}

candidates=()
[[ -z ${WINSOCK4J_BUILD_JDK:-} ]] || candidates+=("$WINSOCK4J_BUILD_JDK")
[[ -z ${JAVA_HOME:-} ]] || candidates+=("$JAVA_HOME")
for d in /usr/lib/jvm/*; do [[ -L $d ]] || candidates+=("$d"); done
if command -v javac > /dev/null; then candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"); fi

best="" best_v=0 seen=()
for c in "${candidates[@]}"; do
  [[ -d $c ]] || continue
  v=$(feature "$c")
  seen+=("$c (${v:-no javac})")
  [[ -n $v ]] || continue
  # An explicit choice wins if it is new enough; otherwise the newest JDK found.
  if [[ -n ${WINSOCK4J_BUILD_JDK:-} && $c == "$WINSOCK4J_BUILD_JDK" ]] && ((v >= min)); then best=$c; best_v=$v; break; fi
  if ((v > best_v)); then best=$c; best_v=$v; fi
done
if ((best_v < min)); then
  echo "build-jdk.sh: no JDK $min or later here (found: ${seen[*]:-none}); using Debian trixie's openjdk-25 (lab/trixie-jdk.sh)" >&2
  best=$("$root/lab/trixie-jdk.sh") || {
    echo "build-jdk.sh: building winsock4j needs a JDK $min or later (javac for the FFM backend), and" >&2
    echo "lab/trixie-jdk.sh could not make one; install one (e.g. Temurin 25) and set WINSOCK4J_BUILD_JDK or JAVA_HOME to it." >&2
    exit 1
  }
fi
echo "$best"
