#!/usr/bin/env bash
# lab/host-packages.sh PACKAGE...: installs, from the host's own Debian package sources, the
# packages of the list that are not installed yet (apt-get --no-install-recommends); nothing when
# all are. The one place where the project's scripts change the host's package set: Wine 8,
# mingw-w64, debootstrap, patchelf, python3 with pip, Maven, curl (lab/README-lab.md, "What is
# installed"). Needs root (or sudo) when something is missing.
set -euo pipefail
missing=()
for pkg in "$@"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [[ $status == installed ]] || missing+=("$pkg")
done
((${#missing[@]})) || exit 0
# One install at a time from this project (two checkouts may provision at once); an apt run of
# someone else's is waited for too (DPkg::Lock::Timeout).
exec 7>/var/lock/winsock4j-host-packages.lock
flock 7
apt_opts=(-q -o DPkg::Lock::Timeout=600)
echo "host-packages.sh: installing Debian packages: ${missing[*]}" >&2
sudo=()
if [[ $(id -u) != 0 ]]; then
  command -v sudo >/dev/null || { echo "host-packages.sh: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
"${sudo[@]}" apt-get update "${apt_opts[@]}" >&2 || { echo "host-packages.sh: apt-get update failed" >&2; exit 1; }
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install "${apt_opts[@]}" -y --no-install-recommends "${missing[@]}" >&2 \
  || { echo "host-packages.sh: apt-get install ${missing[*]} failed" >&2; exit 1; }
for pkg in "${missing[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [[ $status == installed ]] || { echo "host-packages.sh: $pkg still not installed after apt-get install" >&2; exit 1; }
done
