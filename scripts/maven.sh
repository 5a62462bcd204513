#!/usr/bin/env bash
# scripts/maven.sh ARGS...: Maven on a JDK 22 or later, the one scripts/build-jdk.sh finds (or
# makes: the FFM backend, binding/src/main/java22, compiles only with javac 22+; the library stays
# Java 17 bytecode). Installs Debian's maven package when there is no mvn on PATH. The README's
# commands and the scripts build through it.
#   scripts/maven.sh -B -q install -DskipTests
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
command -v mvn >/dev/null || "$root/lab/host-packages.sh" maven
JAVA_HOME=$("$root/scripts/build-jdk.sh")
export JAVA_HOME PATH=$JAVA_HOME/bin:$PATH
exec mvn "$@"
