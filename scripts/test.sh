#!/usr/bin/env bash
# scripts/test.sh: every test of winsock4j, from a fresh machine. The README's test command.
#   1. Linux tier: mvn verify (binding unit tests against the fake, the static-assert generator).
#   2. The lab: lab/provision.sh installs Wine, mingw-w64 and the Windows JVMs (cached); a
#      platform it cannot provision is a failure, and the others still run.
#   3. native-headers/check.sh: the Java mapping against the SDK headers (mingw-w64).
#   4. Wine tier: the tests module on a Windows JVM against Wine's ws2_32 (lab/run-wine-tests.sh),
#      on every lab platform (Wine 8 + Java 17, Wine 10 + Java 21, Wine 10 + Java 25) on its
#      default backend, and on Java 25 also on JNA; one summary line
#      "Wine tier [Wine X + Java Y, backend]: N passed, N failed, N skipped" each.
#   5. Further checks registered below (close matrix Java vs C on each platform's default backend,
#      and on Java 21 virtual threads vs platform threads; the lab with TMPDIR set and with two users at once; the build JDK of a
#      host without a JDK 22+; native access; a repackaged jar keeps FFM; what Maven Central
#      would receive; real clients (PostgreSQL's JDBC driver, OkHttp) through the JDK's sockets and
#      winsock4j's; workflow lint, shell-script lint, line ends; the ./winsock4j launcher; a user's
#      project's JUnit tests through Surefire on the lab, and the README's run block).
# Ends with one line "test: N passed, N failed". Exit status non-zero if anything failed.
# WINSOCK4J_SKIP_WINE=1 skips tiers 2-5 for a quick local loop; refused when CI=true.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 1
logs=$root/target/test-logs
mkdir -p "$logs"
# The whole output also goes to target/test-logs/test.log, which the last step greps for the JDK's
# restricted-method warning (README, "Native access"). Checks that provoke it on purpose
# (scripts/check-native-access.sh's controls) keep that output to themselves.
exec > >(tee "$logs/test.log") 2>&1
tee_pid=$!
passed=0
failed=0
steps_failed=()
tier_summaries=()
t_start=$(date +%s)

step() { echo; echo "=== $* ==="; }
fail_step() { steps_failed+=("$1"); }

# Maven runs on a JDK 22+ (the FFM backend compiles only there); the library stays Java 17.
JAVA_HOME=$(scripts/build-jdk.sh) || { echo "test: 0 passed, 1 failed"; exit 1; }
export JAVA_HOME PATH=$JAVA_HOME/bin:$PATH

step "Linux tier: mvn verify (on $("$JAVA_HOME/bin/java" -version 2>&1 | head -1))"
scripts/maven.sh -B -ntp verify 2>&1 | tee "$logs/mvn-verify.log"
mvn_status=${PIPESTATUS[0]}
linux_run=0; linux_bad=0; linux_skipped=0
# Surefire's per-module totals: the "Tests run:" lines that do not name a class.
while read -r r fl e sk; do
  linux_run=$((linux_run + r)); linux_bad=$((linux_bad + fl + e)); linux_skipped=$((linux_skipped + sk))
done < <(grep -v -- ' -- in ' "$logs/mvn-verify.log" \
  | sed -n 's/^\[[A-Z]*\] Tests run: \([0-9]*\), Failures: \([0-9]*\), Errors: \([0-9]*\), Skipped: \([0-9]*\)$/\1 \2 \3 \4/p')
tier_summaries+=("Linux tier: $linux_run tests run, $linux_bad failed, $linux_skipped skipped ($(( $(date +%s) - t_start )) s, mvn exit $mvn_status)")
echo "${tier_summaries[-1]}"
passed=$((passed + linux_run - linux_bad - linux_skipped)); failed=$((failed + linux_bad + linux_skipped))
((mvn_status == 0)) || { fail_step "mvn verify"; ((linux_bad > 0)) || failed=$((failed + 1)); }

step "No Java source fetches the error with a WSAGetLastError downcall (docs/ARCHITECTURE.md#error-capture)"
# A call, a native declaration or a JNA or FFM function lookup would read "WSAGetLastError(" or
# "WSAGetLastError\""; the comments that explain the rule read neither. The FFM backend names it
# as the state a downcall captures (Linker.Option.captureCallState, and the VarHandle reading the
# captured value by that name): those two lines are the sanctioned form, not a downcall.
if grep -rnE 'WSAGetLastError *(\(|")' --include='*.java' binding tests benchmarks native-headers cli 2>/dev/null | grep -v /target/ \
    | grep -vE 'Linker\.Option\.captureCallState\("WSAGetLastError"\)|captureStateLayout\(\)|CAPTURE_LAYOUT\.varHandle\(MemoryLayout\.PathElement\.groupElement\("WSAGetLastError"\)\)'; then
  echo "test.sh: a Java source calls WSAGetLastError" >&2
  failed=$((failed + 1)); fail_step "WSAGetLastError grep"
else
  echo "none: $(grep -rl --include='*.java' . -e 'Native.getLastError' | grep -vc /target/) file(s) read Native.getLastError() instead, $(grep -rl --include='*.java' . -e 'captureCallState' | grep -vc /target/) capture it in the downcall (FFM)"
  passed=$((passed + 1))
fi

step "No source cites a file, or a document's anchor, that is not in the repository, nor a section by number"
# Self-test first: each kind of bad citation (a missing file, a missing anchor, a section number)
# must fail in a throw-away repository, and a good one pass, so that the check can fail.
if ! python3 scripts/check-citations.py --self-test; then
  echo "test.sh: check-citations passed a repository with a bad citation (or failed a good one)" >&2
  failed=$((failed + 1)); fail_step "citation check self-test"
elif python3 scripts/check-citations.py; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); fail_step "citation check"
fi

if [[ ${WINSOCK4J_SKIP_WINE:-} == 1 ]]; then
  if [[ ${CI:-} == true ]]; then
    echo "test.sh: WINSOCK4J_SKIP_WINE=1 is refused when CI=true: the Wine tier must run" >&2
    failed=$((failed + 1)); fail_step "skip refused"
  else
    echo; echo "!!! Wine tier, header check and close matrix NOT RUN (WINSOCK4J_SKIP_WINE=1) !!!"
  fi
else
  step "Lab: provisioning"
  t_check=$(date +%s)
  # Each platform is provisioned on its own: one that fails is a failure below, and the others
  # still run (lab/provision.sh says which failed and why).
  lab/provision.sh || echo "test.sh: provisioning failed for some platform: see above; the others run" >&2
  tier_summaries+=("lab/provision.sh: $(( $(date +%s) - t_check )) s")
  # shellcheck source=lab/platform.sh
  source lab/platform.sh
  if ! lab_read_platforms; then
    echo "test.sh: provisioning failed before any platform was ready: the Wine tier cannot run, and that is a failure" >&2
    failed=$((failed + 1)); fail_step "provisioning"
  else
    step "native-headers: mapping vs SDK headers"
    t_check=$(date +%s)
    if native-headers/check.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); fail_step "header check"; fi
    tier_summaries+=("native-headers/check.sh: $(( $(date +%s) - t_check )) s")

    # Every lab platform: the Wine tier on each, one summary line per platform. Each runs on its
    # JVM's default backend (JNA on Java 17 and 21, FFM from Java 22); the newest Java runs a
    # second time on JNA, so that both backends are proven there (issue 13). A platform that
    # could not be provisioned is a failure.
    runs=()
    declare -A c_run_of_wine=()
    for platform in $LAB_PLATFORMS; do
      j=${platform#*:}
      if ! lab_ready "${platform%:*}" "$j"; then
        echo "test.sh: platform Wine ${platform%:*} + Java $j is not provisioned: its tiers cannot run, and that is a failure" >&2
        failed=$((failed + 1)); fail_step "provisioning [$platform]"
        continue
      fi
      if ((j >= 22)); then runs+=("$platform:ffm" "$platform:jna"); else runs+=("$platform:jna"); fi
    done
    for run in "${runs[@]}"; do
      platform=${run%:*} backend=${run##*:}
      w=${platform%:*} j=${platform#*:}
      name="Wine $w + Java $j, $backend"
      # The JVM's default backend runs without the property, as users run it.
      backend_args=() backend_env=""
      if [[ $backend == jna ]] && ((j >= 22)); then backend_args=(--backend jna); backend_env=jna; fi
      step "Wine tier [$name]: integration tests on Wine's ws2_32"
      t_tier=$(date +%s)
      log=$logs/wine-tier-w$w-j$j-$backend.log
      [[ $platform != 8:17 ]] || log=$logs/wine-tier.log
      lab/run-wine-tests.sh --wine "$w" --java "$j" "${backend_args[@]}" 2>&1 | grep -v 'Read access denied for device' | tee "$log"
      wine_status=${PIPESTATUS[0]}
      wine_ok=$(sed -n 's/.*\[ *\([0-9]*\) tests successful *\].*/\1/p' "$log" | tail -1)
      wine_bad=$(sed -n 's/.*\[ *\([0-9]*\) tests failed *\].*/\1/p' "$log" | tail -1)
      wine_skip=$(sed -n 's/.*\[ *\([0-9]*\) tests skipped *\].*/\1/p' "$log" | tail -1)
      wine_ok=${wine_ok:-0}; wine_bad=${wine_bad:-0}; wine_skip=${wine_skip:-0}
      # The coverage report names the backend the tests ran on: it must be this run's.
      if ! grep -q "^backend: ${backend^^} " "$log"; then
        echo "test.sh: the Wine tier [$name] did not run on the $backend backend" >&2
        wine_status=1
      fi
      tier_summaries+=("Wine tier [$name]: $wine_ok passed, $wine_bad failed, $wine_skip skipped ($(( $(date +%s) - t_tier )) s, exit $wine_status)")
      echo "${tier_summaries[-1]}"
      passed=$((passed + wine_ok)); failed=$((failed + wine_bad + wine_skip))
      if ((wine_status != 0)); then
        fail_step "Wine tier [$name]"
        ((wine_bad > 0)) || failed=$((failed + 1))
      fi

      # The close matrix in Java through winsock4j and in C, on this platform: identical. It runs
      # on the platform's default backend only: JNA's close path is proven on Java 17 and 21 and
      # FFM's on Java 25; the second backend on Java 25 (the Wine tier above) calls the same
      # JNA code as on Java 21, and a fifth matrix (84 s) would put the command past 15 minutes.
      [[ -z $backend_env ]] || continue
      step "scripts/check-close-matrix.sh [$name]"
      t_check=$(date +%s)
      check_status=0
      if [[ $platform == 8:17 ]]; then
        scripts/check-close-matrix.sh || check_status=$?
      else
        # Java 21: the matrix also from virtual threads, which must observe what platform threads
        # do (issue 14). On Java 21 a carrier is pinned by a monitor as well as by a native call,
        # so it is the harder of the two; Java 25's virtual threads are proven by the Wine tier
        # (VirtualThreadsWineTest), and a second virtual-thread matrix costs 63 s.
        vt=0
        if ((j == 21)); then vt=1; fi
        # The C side runs once per Wine version: it involves no JVM (check-close-matrix.sh).
        c_from=${c_run_of_wine[$w]:-}
        WINSOCK4J_WINE=$w WINSOCK4J_JAVA=$j WINSOCK4J_BACKEND=$backend_env WINSOCK4J_MATRIX_VIRTUAL=$vt \
          WINSOCK4J_MATRIX_C_FROM=$c_from scripts/check-close-matrix.sh || check_status=$?
        if ((check_status == 0)) && [[ -z $c_from ]]; then
          c_run_of_wine[$w]=$root/cli/target/close-matrix-w$w-j$j${backend_env:+-$backend_env}
        fi
      fi
      if ((check_status == 0)); then passed=$((passed + 1)); else failed=$((failed + 1)); fail_step "close matrix [$name]"; fi
      tier_summaries+=("close matrix Java vs C [$name]: $( ((check_status == 0)) && echo OK || echo FAILED) ($(( $(date +%s) - t_check )) s)")
    done

    for check in scripts/check-lab.sh scripts/check-build-jdk.sh scripts/check-native-access.sh scripts/check-shaded-jar.sh \
        scripts/check-publishable.sh scripts/check-real-clients.sh scripts/lint-workflows.sh scripts/lint-shell.sh \
        scripts/check-line-endings.sh scripts/check-launcher.sh scripts/check-user-project.sh; do
      step "$check"
      t_check=$(date +%s)
      check_status=0
      # Run with bash: a check that lost its executable bit still runs (it must not pass unrun).
      bash "$check" || check_status=$?
      if ((check_status == 0)); then passed=$((passed + 1)); else failed=$((failed + 1)); fail_step "$check"; fi
      tier_summaries+=("$check: $( ((check_status == 0)) && echo OK || echo FAILED) ($(( $(date +%s) - t_check )) s)")
    done
  fi
fi

step "No restricted-method warning in this command's output (README, \"Native access\")"
# tee writes behind the script: wait until a marker printed now is in the log.
marker="test.sh: output checked up to here ($$ $(date +%s%N))"
echo "$marker"
for _ in $(seq 100); do grep -qF "$marker" "$logs/test.log" && break; sleep 0.1; done
if ! grep -qF "$marker" "$logs/test.log"; then
  echo "test.sh: $logs/test.log did not receive this command's output" >&2
  failed=$((failed + 1)); fail_step "restricted-method grep"
elif grep -n -i 'restricted method' "$logs/test.log"; then
  echo "test.sh: the lines above are restricted-method warnings: grant native access where they come from (README, \"Native access\")" >&2
  failed=$((failed + 1)); fail_step "restricted-method grep"
else
  echo "none in $(wc -l < "$logs/test.log") lines"
  passed=$((passed + 1))
fi

echo
printf '%s\n' "${tier_summaries[@]}"
echo "test.sh: $(( $(date +%s) - t_start )) s; failed steps: ${steps_failed[*]:-none}"
echo "test: $passed passed, $failed failed"
result=$(( failed == 0 && ${#steps_failed[@]} == 0 ? 0 : 1 ))
# Let tee write the last lines before this command returns.
exec >&- 2>&-
wait "$tee_pid"
exit "$result"
