#!/usr/bin/env bash
# scripts/check-lab.sh: the lab works whatever the caller's environment holds, and for several
# users at once (issue 21; lab/README-lab.md, "TMPDIR" and "Several users at once").
#   1. TMPDIR: with TMPDIR set to /tmp, /var/tmp, an empty string and a missing directory, every
#      lab Wine starts a program straight through its wrapper (without lab/wine-run's clean
#      environment: the fix must hold at the Wine layer); with /var/tmp, every platform's
#      java -version through lab/wine-java, and a fresh Wine 10 prefix (wineboot -i, where the
#      first failure was seen).
#   2. Two lab users at once from different directories: on each Wine, a JVM started in directory
#      A (class path in A) runs while a second JVM starts in directory B (class path in B); both
#      must load their class and finish. A and B lie under /var/lib, which the Wine 10 root
#      provides itself, so the root's shared namespace must bind each of them (lab/wine-chroot).
# Needs: lab/provision.sh done for 8:17, 10:21 and 10:25; a host javac (any JDK, --release 17).
# Prints one line per case; exits non-zero if any failed.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 1
# shellcheck source=lab/platform.sh
source lab/platform.sh
lab_read_platforms || exit 1
status=0
ok() { echo "check-lab: OK: $*"; }
bad() { echo "check-lab: FAILED: $*" >&2; status=1; }

# --- 1. TMPDIR ----------------------------------------------------------------------------------
for tmpdir in /tmp /var/tmp "" /nonexistent-winsock4j-tmpdir; do
  for w in 8 10; do
    v=WINE${w}_WINE p=WINE${w}_PREFIX
    if out=$(TMPDIR=$tmpdir WINEPREFIX=${!p} WINEDEBUG=-all "${!v}" "$WIN_NOOP" 2>&1 </dev/null); then
      ok "Wine $w, TMPDIR='$tmpdir': a program starts through the wrapper"
    else
      bad "Wine $w, TMPDIR='$tmpdir': the wrapper could not start a program: $out"
    fi
  done
  # A JVM too (its own temporary files, its child processes), with one value.
  [[ $tmpdir == /var/tmp ]] || continue
  for platform in 8:17 10:21 10:25; do
    out=$(TMPDIR=$tmpdir lab/wine-java --wine "${platform%:*}" --java "${platform#*:}" -version 2>&1)
    if [[ $? == 0 && $out == *"version \"${platform#*:}."* ]]; then
      ok "Wine ${platform%:*} + Java ${platform#*:}, TMPDIR='$tmpdir': java -version"
    else
      bad "Wine ${platform%:*} + Java ${platform#*:}, TMPDIR='$tmpdir': java -version failed: $out"
    fi
  done
done
scratch=$(mktemp -d /var/tmp/winsock4j-check-lab.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
prefix=$scratch/wine10-prefix
if out=$(TMPDIR=/var/tmp WINEPREFIX=$prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" "$WINE10_WINE" wineboot -i 2>&1 </dev/null) \
    && TMPDIR=/var/tmp WINEPREFIX=$prefix "$WINE10_WINESERVER" -w && [[ -f $prefix/system.reg ]]; then
  ok "Wine 10, TMPDIR=/var/tmp: wineboot -i made a fresh prefix"
else
  bad "Wine 10, TMPDIR=/var/tmp: wineboot -i failed: $(tail -5 <<<"$out")"
fi
rm -rf "$prefix"

# --- 2. two users at once, from different directories -------------------------------------------
dirs=$(mktemp -d /var/lib/winsock4j-check-lab.XXXXXX)
trap 'rm -rf "$scratch" "$dirs"' EXIT
for u in a b; do
  mkdir -p "$dirs/$u"
  # Says hello from its own class path, then waits until the file named by its argument exists
  # (at most 60 s), so that A is still running when B starts and ends.
  cat >"$dirs/$u/Hello$u.java" <<EOF
public class Hello$u {
    public static void main(String[] args) throws Exception {
        System.out.println("hello $u from " + System.getProperty("user.dir"));
        System.out.flush();
        java.io.File done = new java.io.File(args[0]);
        for (int i = 0; i < 600 && args.length > 0 && !args[0].isEmpty() && !done.exists(); i++) Thread.sleep(100);
    }
}
EOF
  (cd "$dirs/$u" && javac -d . --release 17 "Hello$u.java") || bad "javac Hello$u.java"
done
for platform in 8:17 10:21 10:25; do
  w=${platform%:*} j=${platform#*:}
  rm -f "$dirs/a/done" "$dirs/a/out"
  (cd "$dirs/a" && "$root"/lab/wine-java --wine "$w" --java "$j" -cp "$("$root"/lab/winpath "$dirs/a")" Helloa \
    "$("$root"/lab/winpath "$dirs/a/done")" >"$dirs/a/out" 2>&1) &
  a_pid=$!
  for ((i = 0; i < 300; i++)); do grep -q 'hello a' "$dirs/a/out" 2>/dev/null && break; sleep 0.1; done
  b_out=$(cd "$dirs/b" && "$root/lab/wine-java" --wine "$w" --java "$j" -cp "$("$root/lab/winpath" "$dirs/b")" Hellob "" 2>&1)
  b_status=$?
  a_alive=0
  kill -0 "$a_pid" 2>/dev/null && a_alive=1
  touch "$dirs/a/done"
  wait "$a_pid"
  a_status=$?
  if [[ $b_status == 0 && $b_out == *"hello b from "* && $a_alive == 1 && $a_status == 0 ]] && grep -q 'hello a from ' "$dirs/a/out"; then
    ok "Wine $w + Java $j: two users at once from $dirs/a and $dirs/b"
  else
    bad "Wine $w + Java $j: two users at once: A (exit $a_status, running when B ended: $a_alive): $(cat "$dirs/a/out"); B (exit $b_status): $b_out"
  fi
done
exit $status
