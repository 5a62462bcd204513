# shellcheck shell=bash disable=SC2154  # sourced: $root is the caller's
# scripts/cli-jar.sh: sourced by scripts/main-job.sh and ./winsock4j (the launcher). The CLI's
# runnable jar, cli/target/winsock4j-cli.jar, built when it is missing or older than a source.
# Needs: $root (the repository). Sets cli_jar; cli_jar_build_if_needed builds (Maven on a JDK 22+,
# scripts/maven.sh), all output on stderr, one build at a time per checkout.
cli_jar=$root/cli/target/winsock4j-cli.jar

cli_jar_build_if_needed() {
  local lock
  # A launcher and the main job started at once must not run two Maven builds in one target/.
  # (flock is util-linux: on Linux always; Git for Windows may lack it, and builds there run alone.)
  mkdir -p "$root/target"
  exec {lock}>"$root/target/.cli-build.lock"
  if command -v flock >/dev/null; then flock "$lock"; fi
  if [[ ! -f $cli_jar ]] || [[ -n $(cd "$root" && find pom.xml binding cli -newer "$cli_jar" \
      \( -name '*.java' -o -name pom.xml -o -name '*.json' \) -not -path '*/target/*' -print -quit) ]]; then
    echo "building $cli_jar" >&2
    # Maven runs on a JDK 22+ (scripts/maven.sh); the library stays Java 17.
    (cd "$root" && scripts/maven.sh -q -B -ntp -pl cli -am package -DskipTests) >&2
  fi
  exec {lock}>&-
}
