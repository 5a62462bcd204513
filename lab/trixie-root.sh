#!/usr/bin/env bash
# lab/trixie-root.sh [PACKAGE...]: makes, once, the lab's Debian trixie root under the cache
# (debootstrap --variant=minbase, from the host's package source) and installs PACKAGEs into it
# (apt-get --no-install-recommends, inside the root); prints the root's path. The host's apt
# sources and packages stay as they are: the root holds Wine 10 (lab/provision.sh) and, on a host
# without a JDK 22+, the build JDK (scripts/build-jdk.sh). Entered through lab/wine-chroot.
# Needs root. One caller at a time per cache (a lock); a warm call takes well under a second.
set -euo pipefail
lab_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${WINSOCK4J_CACHE:-$HOME/.cache/winsock4j}
suite=trixie
mirror=${WINSOCK4J_DEBIAN_MIRROR:-http://deb.debian.org/debian}
die() { echo "trixie-root.sh: ERROR: $*" >&2; exit 1; }
say() { echo "trixie-root.sh: $*" >&2; }
[[ $(id -u) == 0 ]] || die "the $suite root needs root (debootstrap, mount namespace, chroot)"
mkdir -p "$cache/trixie"
cache=$(cd "$cache" && pwd -P)
root=$cache/trixie/root
# Every command below that may start a long-lived process gets 9>&- (lab/provision.sh holds 9).
exec 8>"$cache/trixie/.lock"
flock 8
enter() { "$lab_dir/wine-chroot" "$1" "${@:2}" 8>&- 9>&-; }

# Up to 2026-12 the root lived at wine10/root, holding Wine 10 only.
if [[ -d $cache/wine10/root ]]; then
  "$lab_dir/wine-chroot" --drop "$cache/wine10/root" 8>&- 9>&- || true
  rm -rf "$cache/wine10/root"
fi
if [[ ! -f $root/.winsock4j-ready ]]; then
  "$lab_dir/host-packages.sh" debootstrap
  say "making the $suite root: debootstrap --variant=minbase (about a minute)"
  [[ ! -d $root ]] || "$lab_dir/wine-chroot" --drop "$root" 8>&- 9>&- || true
  rm -rf "$root" "$root.tmp"
  debootstrap --variant=minbase "$suite" "$root.tmp" "$mirror" >"$cache/trixie/debootstrap.log" 2>&1 8>&- 9>&- \
    || { tail -20 "$cache/trixie/debootstrap.log" >&2; die "debootstrap $suite failed (log: $cache/trixie/debootstrap.log)"; }
  mv "$root.tmp" "$root"
  touch "$root/.winsock4j-ready"
fi
# Name resolution inside the root as on the host (localhost, the host's name).
for f in hosts resolv.conf; do
  if [[ -f /etc/$f ]] && ! cmp -s "/etc/$f" "$root/etc/$f"; then cp -f "/etc/$f" "$root/etc/$f"; fi
done

missing=()
for pkg in "$@"; do
  # shellcheck disable=SC2016  # ${db:Status-Status} is dpkg-query's format, not the shell's
  status=$(chroot "$root" dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [[ $status == installed ]] || missing+=("$pkg")
done
if ((${#missing[@]})); then
  say "installing into the $suite root: ${missing[*]}"
  log=$cache/trixie/apt.log
  { enter "$root" /usr/bin/apt-get update -q \
      && enter "$root" /usr/bin/env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends "${missing[@]}"; } >"$log" 2>&1 \
    || { tail -20 "$log" >&2; die "apt-get install ${missing[*]} in the $suite root failed (log: $log)"; }
  # The root's apt caches are emptied (disk).
  enter "$root" /usr/bin/apt-get clean || die "apt-get clean in the $suite root failed"
  rm -rf "$root/var/lib/apt/lists/"*
fi
echo "$root"
