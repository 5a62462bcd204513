#!/usr/bin/env bash
# scripts/bench-binding-floor.sh [--wine N --java N] [--build-only] [CALLS [ROUNDS]]
# Issue 13: the bare-call floor. Builds native-headers/probes/noop_ws2.c (a DLL with ws2_32's
# closesocket, getsockopt and send doing nothing) and noop_floor.c (times CALLS calls of each from
# C, ROUNDS times; default 50000000 and 5) into benchmarks/target/binding-floor/ with mingw-w64,
# then runs the floor program under the lab Wine (Wine 10 unless --wine or WINSOCK4J_WINE says
# otherwise; --java only matters to scripts/bench-binding-cost.sh), pinned to one CPU
# (taskset -c ${WINSOCK4J_BENCH_CPU:-1}, its wineserver too: scripts/bench-wine.sh), and prints
#   floor <function> <ns per call>
# one line per function per round. BindingCostBench (scripts/bench-binding-cost.sh) makes the same
# calls from Java on the same CPU; its scores minus these are the binding's own cost per call.
# --build-only: build, print the DLL's Linux path, run nothing.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/bench-wine.sh
source "$root/scripts/bench-wine.sh"

build_only=0
args=()
for a in "$@"; do
  if [[ $a == --build-only ]]; then build_only=1; else args+=("$a"); fi
done
bench_select "${args[@]}" || exit $?
set -- "${bench_args[@]}"
if (($# > 2)) || [[ ${1:-1} != [1-9]* || ${2:-1} != [1-9]* ]]; then
  echo "usage: scripts/bench-binding-floor.sh [--wine N --java N] [--build-only] [CALLS [ROUNDS]]" >&2
  exit 2
fi

out=$root/benchmarks/target/binding-floor
mkdir -p "$out"
probes=$root/native-headers/probes
flags=(-std=c11 -Wall -Wextra -Werror -O2)
# Not linked with ws2_32: the DLL's exports have ws2_32's names.
"$MINGW_CC" "${flags[@]}" -shared -o "$out/noop_ws2.dll" "$probes/noop_ws2.c"
"$MINGW_CC" "${flags[@]}" -o "$out/noop_floor.exe" "$probes/noop_floor.c"
if ((build_only)); then
  echo "$out/noop_ws2.dll"
  exit 0
fi

echo "bench-binding-floor: Wine $lab_wine ($WINEPREFIX), taskset -c $bench_cpu, ${1:-50000000} calls x ${2:-5} rounds" >&2
bench_pinned "$out/noop_floor.exe" "$("$root/lab/winpath" "$out/noop_ws2.dll")" "$@" | tr -d '\r'
