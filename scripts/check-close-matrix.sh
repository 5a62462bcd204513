#!/usr/bin/env bash
# scripts/check-close-matrix.sh: the proof of "exact Winsock semantics". Runs the close matrix
# twice under Wine, one after the other, against the same wire peer: once in Java through winsock4j
# (cli/target/winsock4j-cli.jar) and once in C (native-headers/probes/close_matrix.c, mingw-w64),
# both from the one scenario data file, then fails on any difference between what they observed:
# durations may differ by the tolerance (CLOSE_MATRIX_TOLERANCE_MS, default 300), everything else
# must be identical. First it checks that both read the data file alike: --only selects the same
# ids in both, and the C reader refuses an unknown key as the Java one does.
# The Java side runs on the JVM's default backend (FFM on Java 22+, JNA before), or on the one
# WINSOCK4J_BACKEND (jna|ffm) names. With WINSOCK4J_MATRIX_VIRTUAL=1 (Java 21+), the Java matrix
# then runs once more with --virtual-threads, and its observations must equal the platform-thread
# run's (issue 14): the same comparison and tolerance, differing scenarios re-run once in both.
# With WINSOCK4J_MATRIX_C_FROM=DIR, the output directory of an earlier check on the same Wine
# version, the C side's full run is taken from DIR instead of run again: the C program involves no
# JVM, so on one Wine version what it observes does not depend on the Java platform under test.
# Its Wine version must equal the Java run's; the data-file checks ran there and are not repeated;
# scenarios that differ are still re-run on both sides.
# Needs lab/provision.sh done and the cli module built (mvn package); prints a short summary.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# MINGW_CC, CJSON_DIR (lab/provision.sh).
# shellcheck source=lab/platform.sh
source lab/platform.sh
lab_read_platforms
jar=cli/target/winsock4j-cli.jar
[[ -f $jar ]] || { echo "check-close-matrix: $jar missing; build first (mvn package)" >&2; exit 1; }
out=$root/cli/target/close-matrix${WINSOCK4J_WINE:+-w$WINSOCK4J_WINE}${WINSOCK4J_JAVA:+-j$WINSOCK4J_JAVA}${WINSOCK4J_BACKEND:+-$WINSOCK4J_BACKEND}
backend_opt=()
case ${WINSOCK4J_BACKEND:-} in
  '') ;;
  jna | ffm) backend_opt=(-Dwinsock4j.backend="$WINSOCK4J_BACKEND") ;;
  *) echo "check-close-matrix: WINSOCK4J_BACKEND=$WINSOCK4J_BACKEND: use jna or ffm" >&2; exit 2 ;;
esac
mkdir -p "$out" native-headers/target/probes
exe=$root/native-headers/target/probes/close_matrix.exe
"$MINGW_CC" -std=c11 -Wall -Wextra -Werror -O2 -I"$CJSON_DIR" -o "$exe" native-headers/probes/close_matrix.c \
  "$CJSON_DIR/cJSON.c" -lws2_32 -liphlpapi
data=cli/src/main/resources/org/winsock4j/cli/matrix/scenarios.json
data_win=$(lab/winpath "$data")

c_from=${WINSOCK4J_MATRIX_C_FROM:-}
if [[ -n $c_from && ! -s $c_from/c.json ]]; then
  echo "check-close-matrix: WINSOCK4J_MATRIX_C_FROM=$c_from has no c.json" >&2
  exit 2
fi

# One data file, read alike: the same ids for the same --only, and the C reader as strict as Java's.
selected_ids=()
[[ -z $c_from ]] || echo "check-close-matrix: the data-file checks and the C run of ${c_from#"$root"/} are reused"
for globs in '*' 'nonblocking/*' 'special/*-inherited,*/linger2s/unsent/close' 'blocking/*/close(500ms)'; do
  [[ -z $c_from ]] || break
  java -jar "$jar" close-matrix --list --only "$globs" >"$out/ids.java"
  "$root/lab/wine-run" "$exe" --scenarios "$data_win" --list --only "$globs" | tr -d '\r' >"$out/ids.c"
  if ! cmp -s "$out/ids.java" "$out/ids.c" || [[ ! -s $out/ids.c ]]; then
    diff "$out/ids.java" "$out/ids.c" >&2 || true
    echo "check-close-matrix: FAILED: --only '$globs' selects different scenarios in Java and C" >&2
    exit 1
  fi
  selected_ids+=("$(wc -l <"$out/ids.c" | tr -d ' ')")
done
if [[ -z $c_from ]]; then
  sed 's/"closeError"/"closeEror"/' "$data" >"$out/typo.json"
  typo_status=0
  "$root/lab/wine-run" "$exe" --scenarios "$(lab/winpath "$out/typo.json")" --list >/dev/null 2>"$out/typo.log" || typo_status=$?
  if ((typo_status != 2)) || ! grep -q 'unknown key "closeEror"' "$out/typo.log"; then
    cat "$out/typo.log" >&2
    echo "check-close-matrix: FAILED: the C reader accepted an unknown key (exit $typo_status)" >&2
    exit 1
  fi
  echo "check-close-matrix: one data file: --only selects the same ids in Java and C (${selected_ids[*]} for 4 glob sets); an unknown key is refused by both"
fi

# shellcheck source=scripts/wire-peer.sh
source scripts/wire-peer.sh
start_wire_peer "$out"
"$root/lab/wine-run" "$WIN_NOOP" >/dev/null 2>&1 || true   # Wine's services up before the two runs

# Both matrices, one after the other (two Wine processes at once share one wineserver, and under
# Wine 10 that alone can stretch a close by seconds), against the same wire peer: $1 = suffix of
# the output files, $2 = the --only globs (empty: all), $3 = a C run to take instead of running C
# (WINSOCK4J_MATRIX_C_FROM). Exits on a failed run.
run_both() {
  local suffix=$1 only=(${2:+--only "$2"}) reuse_c=${3:-} java_status=0 c_status=0 c0
  "$root/lab/wine-java" "${backend_opt[@]}" -jar "$(lab/winpath "$jar")" close-matrix --wire-peer "$WIRE_PEER" --format json "${only[@]}" \
    --out "$out/java$suffix.json" >/dev/null 2>"$out/java$suffix.log" || java_status=$?
  java_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  if ((java_status != 0)); then
    tail -20 "$out/java$suffix.log" >&2
    echo "check-close-matrix: FAILED: the Java matrix failed (exit $java_status)" >&2
    exit 1
  fi
  if [[ -n $reuse_c ]]; then
    cp "$reuse_c" "$out/c$suffix.json"
    c_ms=0
    local java_wine c_wine
    java_wine=$(grep -o '"platform" *: *"[^"]*"' "$out/java$suffix.json" | head -1)
    c_wine=$(grep -o '"platform" *: *"[^"]*"' "$out/c$suffix.json" | head -1)
    if [[ -z $java_wine || $java_wine != "$c_wine" ]]; then
      echo "check-close-matrix: FAILED: the reused C run is from another platform ($c_wine; Java: $java_wine)" >&2
      exit 1
    fi
    return 0
  fi
  c0=$(date +%s%N)
  "$root/lab/wine-run" "$exe" --scenarios "$data_win" --wire-peer "$WIRE_PEER" "${only[@]}" \
    >"$out/c$suffix.json" 2>"$out/c$suffix.log" || c_status=$?
  c_ms=$(( ($(date +%s%N) - c0) / 1000000 ))
  if ((c_status != 0)); then
    tail -20 "$out/c$suffix.log" >&2
    echo "check-close-matrix: FAILED: the C matrix failed (exit $c_status)" >&2
    exit 1
  fi
}

t0=$(date +%s%N)
run_both "" "" "${c_from:+$c_from/c.json}"
both_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
first_java_ms=$java_ms first_c_ms=$c_ms

java -jar "$jar" close-matrix --from "$out/c.json" --out "$out/c.judged.json" >"$out/c.table.txt"
java -jar "$jar" close-matrix --from "$out/java.json" >"$out/java.table.txt"
status=0
java -jar "$jar" compare-matrix "$out/java.json" "$out/c.json" \
  --tolerance-ms "${CLOSE_MATRIX_TOLERANCE_MS:-300}" >"$out/compare.txt" || status=$?
cat "$out/compare.txt"
# Wine moves data and finishes closes asynchronously, so on a loaded machine a duration or a
# byte count can differ by chance. A scenario that differed runs again in both languages (at
# most twice); it passes only if Java and C then agree, and the re-run is reported.
rerun_note=""
for attempt in 1 2; do
  ((status != 0)) || break
  ids=$(grep -oE '^  [^ ]+' "$out/compare$( ((attempt > 1)) && echo ".rerun$((attempt - 1))").txt" | sed 's/^  //; s/:$//' \
    | sort -u | paste -sd, -)
  [[ -n $ids ]] || break
  echo "check-close-matrix: re-run $attempt of the scenarios that differed: $ids"
  t0=$(date +%s%N)
  run_both ".rerun$attempt" "$ids"
  status=0
  java -jar "$jar" compare-matrix "$out/java.rerun$attempt.json" "$out/c.rerun$attempt.json" \
    --tolerance-ms "${CLOSE_MATRIX_TOLERANCE_MS:-300}" >"$out/compare.rerun$attempt.txt" || status=$?
  cat "$out/compare.rerun$attempt.txt"
  rerun_note=" (after re-running $ids)"
done
grep -m1 '^winsock4j close-matrix: ' "$out/java.table.txt" | sed 's/^winsock4j close-matrix: /check-close-matrix: Java side: /; s/;.*//'
grep -m1 ' scenarios behave as Windows is expected to' "$out/java.table.txt" | sed 's/^/check-close-matrix: Java: /; s/;.*//'
grep -m1 ' scenarios behave as Windows is expected to' "$out/c.table.txt" | sed 's/^/check-close-matrix: C:    /; s/;.*//'
printf 'check-close-matrix: Java %d ms, C %d ms%s, both %d ms (tables: %s/{java,c}.table.txt)\n' \
  "$first_java_ms" "$first_c_ms" "${c_from:+ (reused from ${c_from#"$root"/})}" "$both_ms" "${out#"$root"/}"
if ((status != 0)); then
  echo "check-close-matrix: FAILED: Java through winsock4j and C observed different things" >&2
  exit 1
fi
echo "check-close-matrix: OK: Java through winsock4j and C observed the same$rerun_note"

[[ ${WINSOCK4J_MATRIX_VIRTUAL:-} == 1 ]] || exit 0
# Issue 14: the same matrix from virtual threads; its observations equal the platform-thread run's.
java_matrix() { # output-suffix [extra close-matrix options...]
  local suffix=$1 java_status=0
  shift
  "$root/lab/wine-java" "${backend_opt[@]}" -jar "$(lab/winpath "$jar")" close-matrix --wire-peer "$WIRE_PEER" --format json \
    "$@" --out "$out/java$suffix.json" >/dev/null 2>"$out/java$suffix.log" || java_status=$?
  if ((java_status != 0)); then
    tail -20 "$out/java$suffix.log" >&2
    echo "check-close-matrix: FAILED: the Java matrix$suffix failed (exit $java_status)" >&2
    exit 1
  fi
}
compare_runs() { # platform.json virtual.json report.txt: prints the report; sets vt_status
  vt_status=0
  java -jar "$jar" compare-matrix "$1" "$2" --tolerance-ms "${CLOSE_MATRIX_TOLERANCE_MS:-300}" >"$3" || vt_status=$?
  cat "$3"
}
echo "check-close-matrix: on virtual threads: all scenarios"
t0=$(date +%s%N)
java_matrix .virtual --virtual-threads
vt_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
compare_runs "$out/java.json" "$out/java.virtual.json" "$out/compare.virtual.txt"
vt_note=""
if ((vt_status != 0)); then
  ids=$(grep -oE '^  [^ ]+' "$out/compare.virtual.txt" | sed 's/^  //; s/:$//' | sort -u | paste -sd, -)
  if [[ -n $ids ]]; then
    echo "check-close-matrix: re-run of the scenarios that differed between platform and virtual threads: $ids"
    java_matrix .platform.rerun --only "$ids"
    java_matrix .virtual.rerun --only "$ids" --virtual-threads
    compare_runs "$out/java.platform.rerun.json" "$out/java.virtual.rerun.json" "$out/compare.virtual.rerun.txt"
    vt_note=" (after re-running $ids)"
  fi
fi
if ((vt_status != 0)); then
  echo "check-close-matrix: FAILED: on virtual threads winsock4j observed otherwise than on platform threads" >&2
  exit 1
fi
echo "check-close-matrix: OK: on virtual threads the Java matrix observed the same as on platform threads$vt_note ($vt_ms ms)"
