#!/usr/bin/env bash
# scripts/main-job.sh: the README's main job. Prints the close matrix (`winsock4j close-matrix`):
# on Linux under Wine, after provisioning the lab and building if needed, with a Linux JVM wire
# peer beside it; on Windows natively (no wire peer there).
# Arguments are passed on to close-matrix (e.g. --format json); none are needed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# shellcheck source=scripts/cli-jar.sh
source scripts/cli-jar.sh

case "$(uname -s)" in
  MINGW* | MSYS* | CYGWIN* | Windows_NT)
    cli_jar_build_if_needed
    exec java -jar "$cli_jar" close-matrix "$@"
    ;;
esac

lab/provision.sh >&2
cli_jar_build_if_needed
# shellcheck source=scripts/wire-peer.sh
source scripts/wire-peer.sh
start_wire_peer "$root/cli/target/main-job"
status=0
WINSOCK4J_WIRE_PEER=$WIRE_PEER lab/wine-java -jar "$(lab/winpath "$cli_jar")" close-matrix "$@" || status=$?
exit $status
