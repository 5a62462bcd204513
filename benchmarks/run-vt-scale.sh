#!/usr/bin/env bash
# benchmarks/run-vt-scale.sh quick|full [--runs R] [--n N,N...] [--seconds S] [--warmup S] [--wine N --java N]
# Issue 21: VirtualThreadScale's figures as ranges over runs. One run of the harness at 1000
# connections gave winsock4j 1.56x the JDK's round trips and 0.65x its p99; two later ones gave
# 1.20x/1.28x and 0.91x/1.11x. So a figure is a range: this runs the harness R times (each run a
# fresh java.exe and a fresh wineserver, in the benchmarks' own Wine prefix, not pinned, as
# VT-SCALE.md measured) and reports, per N, the min-max and median over the runs of the
# winsock4j/JDK throughput ratio and p99 ratio (benchmarks/report_vt_scale.py).
#   full:  R=5, N=100,1000, 10 s measured after 10 s warm-up (VT-SCALE.md's first command), on
#          Wine 10 + Java 25; writes benchmarks/results/VT-SCALE-RUNS.md and vt-scale-runs.json.
#          About 5 x 2 x 2 x 20 s plus set-up: ~8-10 min. Run it on a quiet machine.
#   quick: R=2, N=10, 2 s after 1 s: proves the pipeline (~1 min); benchmarks/target/results-vt-scale-quick/.
# The options override the profile's values; OUT=DIR overrides where the results go.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
command="benchmarks/run-vt-scale.sh $*"
profile=${1:-}
shift || true
case $profile in
  quick) runs=2 ns=10 seconds=2 warmup=1 out=$root/benchmarks/target/results-vt-scale-quick ;;
  full) runs=5 ns=100,1000 seconds=10 warmup=10 out=$root/benchmarks/results ;;
  *) echo "usage: benchmarks/run-vt-scale.sh quick|full [--runs R] [--n N,N...] [--seconds S] [--warmup S] [--wine N --java N]" >&2
     exit 2 ;;
esac
rest=()
while (($#)); do
  case $1 in
    --runs | --n | --seconds | --warmup)
      (($# >= 2)) || { echo "run-vt-scale: $1 needs a value" >&2; exit 2; }
      case $1 in --runs) runs=$2 ;; --n) ns=$2 ;; --seconds) seconds=$2 ;; --warmup) warmup=$2 ;; esac
      shift 2 ;;
    *) rest+=("$1"); shift ;;
  esac
done
[[ $runs =~ ^[1-9][0-9]*$ && $ns =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ && $seconds =~ ^[1-9][0-9]*$ && $warmup =~ ^[0-9]+$ ]] \
  || { echo "run-vt-scale: --runs, --seconds: positive integers; --n: N[,N...]; --warmup: 0 or more (got $runs, $ns, $seconds, $warmup)" >&2; exit 2; }
out=${OUT:-$out}
# shellcheck source=scripts/bench-wine.sh
source "$root/scripts/bench-wine.sh"
bench_select "${rest[@]}" || exit $?
((${#bench_args[@]} == 0)) || { echo "run-vt-scale: unknown arguments: ${bench_args[*]}" >&2; exit 2; }
((lab_java >= 21)) || { echo "run-vt-scale: virtual threads need Java 21+; --java $lab_java has none" >&2; exit 2; }
# Not pinned (VT-SCALE.md's runs were not): every CPU; bench_pinned then only gives each run a
# fresh wineserver of the benchmarks' own prefix, which no other lab user shares.
bench_cpu=0-$(($(nproc) - 1))
logs=$root/benchmarks/target/logs-vt-scale-$profile
mkdir -p "$out" "$logs"
rm -f "$logs"/run-*.json
start=$(date +%s)
say() { echo "run-vt-scale: $*" >&2; }

bench_jar_build_if_needed
jar=$bench_jar
if [[ -n $LAB_JAVA_OPTIONS ]]; then
  export JDK_JAVA_OPTIONS="$LAB_JAVA_OPTIONS${JDK_JAVA_OPTIONS:+ $JDK_JAVA_OPTIONS}"
fi

loads=()
for ((r = 1; r <= runs; r++)); do
  t0=$(date +%s)
  load=$(cut -d' ' -f1 /proc/loadavg)
  say "run $r of $runs: VirtualThreadScale $ns $seconds $warmup (load $load)"
  bench_pinned "$WIN_JAVA" -Djava.awt.headless=true --enable-native-access=ALL-UNNAMED -cp "$("$root/lab/winpath" "$jar")" \
    org.winsock4j.bench.VirtualThreadScale --json "$("$root/lab/winpath" "$logs/run-$r.json")" "$ns" "$seconds" "$warmup" \
    >"$logs/run-$r.md" 2>"$logs/run-$r.log" \
    || { tail -30 "$logs/run-$r.log" >&2; say "FAILED: run $r (log: $logs/run-$r.log)"; exit 1; }
  [[ -s $logs/run-$r.json ]] || { say "FAILED: run $r wrote no $logs/run-$r.json"; exit 1; }
  loads+=("$load")
  say "  done in $(($(date +%s) - t0)) s"
done

commit=$(git -C "$root" rev-parse --short HEAD)
[[ -z $(git -C "$root" status --porcelain -- binding benchmarks/src) ]] || commit+=" (with uncommitted changes)"
python3 "$root/benchmarks/report_vt_scale.py" "$logs" "$out" <<JSON
{"profile": "$profile", "runs": $runs, "n": "$ns", "seconds": $seconds, "warmup": $warmup,
 "command": "$command",
 "wine": "$("$WINE" --version)", "java": "$lab_java", "javaOptions": "${LAB_JAVA_OPTIONS}",
 "cpu": "$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')", "cpus": $(nproc),
 "os": "$( (. /etc/os-release && echo "$PRETTY_NAME") )", "commit": "$commit",
 "loadAtStart": [$(IFS=,; echo "${loads[*]}")], "wallSeconds": $(($(date +%s) - start))}
JSON
say "done in $(($(date +%s) - start)) s; report: $out/VT-SCALE-RUNS.md"
