#!/usr/bin/env bash
# scripts/fresh-machine-check.sh: the README's two commands on a fresh machine, the first time.
# Makes a clean Debian bookworm root (debootstrap --variant=minbase), installs in it only what the
# README's "Commands" section says a user installs (git, to clone), clones this repository into it
# (its committed HEAD), and runs there, in order and as a user would (bash, as root, in a login-like
# environment that also sets TMPDIR, as CI runners and systemd units do):
#   bash scripts/main-job.sh      then      bash scripts/test.sh
# It prints each command's exit status and time, the disk the root took, and where the logs are.
# Nothing of this machine is used but its kernel, its network and the network's settings (DNS,
# the local CA certificates the network requires); every package, runtime and Maven artifact is
# fetched afresh. Exit status: 0 when both commands passed.
#   scripts/fresh-machine-check.sh [--keep]        --keep: leave the root (else it is deleted)
# Needs root, debootstrap (installed on the host if missing) and ~8 GB under
# ${WINSOCK4J_FRESH_DIR:-/var/tmp}. Takes about half an hour on the 2-CPU lab machine.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
keep=0
[[ ${1:-} != --keep ]] || keep=1
[[ $(id -u) == 0 ]] || { echo "fresh-machine-check: needs root (debootstrap, chroot)" >&2; exit 1; }
"$repo/lab/host-packages.sh" debootstrap
base=$(mktemp -d "${WINSOCK4J_FRESH_DIR:-/var/tmp}/winsock4j-fresh.XXXXXX")
fs=$base/root
logs=$base/logs
mkdir -p "$logs"
say() { echo "fresh-machine-check: $*" | tee -a "$logs/summary.txt"; }
now() { date +%s; }

# shellcheck disable=SC2329  # called by the EXIT trap
cleanup() {
  # Every process still running in the root (a wineserver lingers a few seconds) ends first. After
  # pivot_root (and in the lab's Wine 10 namespace) a process's root no longer names $fs: those
  # carry WINSOCK4J_FRESH_MARK (in_root sets it; the lab passes WINSOCK4J_* variables on).
  local pid tries
  for ((tries = 0; tries < 20; tries++)); do
    local left=0
    for pid in /proc/[0-9]*; do
      [[ $(readlink "$pid/root" 2>/dev/null) == "$fs"* ]] \
        || { tr '\0' '\n' < "$pid/environ"; } 2>/dev/null | grep -qxF "WINSOCK4J_FRESH_MARK=$base" || continue
      kill -9 "${pid#/proc/}" 2>/dev/null || true
      left=1
    done
    ((left)) || break
    sleep 0.5
  done
  if ((keep)); then say "root kept at $fs"; else rm -rf "$fs"; fi
}
trap cleanup EXIT

t=$(now)
say "debootstrap --variant=minbase bookworm into $fs"
debootstrap --variant=minbase bookworm "$fs" "${WINSOCK4J_DEBIAN_MIRROR:-http://deb.debian.org/debian}" >"$logs/debootstrap.log" 2>&1 \
  || { tail -20 "$logs/debootstrap.log" >&2; exit 1; }
say "debootstrap: $(($(now) - t)) s"

# The network's settings, as a user's machine has its own: name resolution, and the local CA
# certificates this network's TLS needs (ca-certificates adds them to the trust store when the
# README's commands install it).
cp -f /etc/resolv.conf /etc/hosts "$fs/etc/"
if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
  mkdir -p "$fs/usr/local/share/ca-certificates"
  cp -f /usr/local/share/ca-certificates/*.crt "$fs/usr/local/share/ca-certificates/"
fi
# What the README says a user installs: git, to clone the repository.
git -C "$repo" bundle create "$base/repo.bundle" HEAD >/dev/null 2>&1
head=$(git -C "$repo" rev-parse HEAD)

# The commands run in a mount namespace of their own whose root is the new root (pivot_root, as a
# container's; the root's /proc, /dev, /sys), so nothing stays mounted on the host. Not a plain
# chroot: the lab enters namespaces with nsenter, which sets a process's root to its namespace's. /run and /tmp are the root's own directories, kept from one command
# to the next as on a machine whose /run is on disk (this one): what the first command left
# there (the lab's namespace of the Wine 10 root, then stale) must not trouble the second.
in_root() { # SCRIPT: runs bash -c SCRIPT in the root as root, in a login-like environment
  # shellcheck disable=SC2016  # the inner script is expanded by the inner bash, on purpose
  unshare --mount --propagation private -- bash -euc '
    fs=$1; shift
    # The root a mount point of its own, as / is on a booted machine.
    mount --bind "$fs" "$fs"
    mount -t proc proc "$fs/proc"
    mount --rbind /dev "$fs/dev"
    mount --rbind /sys "$fs/sys"
    mkdir -p "$fs/run/lock" "$fs/.old-root"
    cd "$fs"
    pivot_root . .old-root
    umount -l /.old-root
    cd /
    exec /usr/bin/env -i HOME=/root USER=root LOGNAME=root SHELL=/bin/bash TERM=dumb \
      LANG=C.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin TMPDIR=/tmp \
      WINSOCK4J_FRESH_MARK="$2" /bin/bash -c "$1"' fresh-machine-check "$fs" "$1" "$base"
}
cp "$base/repo.bundle" "$fs/root/winsock4j.bundle"
t=$(now)
in_root 'apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q git && git clone -q /root/winsock4j.bundle /root/winsock4j && rm /root/winsock4j.bundle' \
  >"$logs/git.log" 2>&1 || { tail -20 "$logs/git.log" >&2; exit 1; }
say "git installed and $head cloned: $(($(now) - t)) s"

status=0
for command in "bash scripts/main-job.sh" "bash scripts/test.sh"; do
  name=${command#bash scripts/}
  name=${name%.sh}
  t=$(now)
  rc=0
  in_root "cd /root/winsock4j && $command" >"$logs/$name.log" 2>&1 || rc=$?
  say "$command: exit $rc in $(($(now) - t)) s (log: $logs/$name.log)"
  ((rc == 0)) || status=1
  if [[ $name == test ]]; then grep -E '^(test: |test.sh: [0-9]+ s)' "$logs/$name.log" | sed 's/^/fresh-machine-check:   /' | tee -a "$logs/summary.txt"; fi
done
say "disk used by the root: $(du -sh --one-file-system "$fs" | cut -f1) (cache $(du -sh "$fs/root/.cache/winsock4j" 2>/dev/null | cut -f1), Maven $(du -sh "$fs/root/.m2" 2>/dev/null | cut -f1))"
say "$( ((status == 0)) && echo PASSED || echo FAILED ): logs in $logs"
exit $status
