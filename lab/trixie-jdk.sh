#!/usr/bin/env bash
# lab/trixie-jdk.sh: prints the home of a JDK 25 that runs on the host: Debian trixie's
# openjdk-25-jdk-headless, installed into the lab's trixie root (lab/trixie-root.sh) and copied
# out to $CACHE/trixie-jdk-25 with its programs and libraries patched (patchelf) to load trixie's
# C library from the root. For hosts without a JDK 22+ (Debian bookworm has none), so that the
# README's commands can build the FFM backend on a fresh machine; scripts/build-jdk.sh calls it.
# The copy's trust store is made from the host's CA bundle (/etc/ssl/certs/ca-certificates.crt,
# local CAs included; lab/java/PemTrustStore.java), again whenever the bundle changes, so Maven
# trusts what the host trusts. Needs root. A warm call takes well under a second.
set -euo pipefail
lab_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${WINSOCK4J_CACHE:-$HOME/.cache/winsock4j}
package=openjdk-25-jdk-headless
die() { echo "trixie-jdk.sh: ERROR: $*" >&2; exit 1; }
"$lab_dir/host-packages.sh" patchelf ca-certificates >&2 || die "patchelf and ca-certificates are needed"
root=$("$lab_dir/trixie-root.sh" "$package") || die "the trixie root with $package could not be made"
cache=$(cd "$cache" && pwd -P)
home=$cache/trixie-jdk-25
exec 8>"$cache/trixie/.jdk.lock"
flock 8
# shellcheck disable=SC2016  # ${Version} is dpkg-query's format, not the shell's
version=$(chroot "$root" dpkg-query -W -f='${Version}' "$package")
if [[ ! -f $home/.winsock4j-jdk || $(<"$home/.winsock4j-jdk") != "$package $version" ]]; then
  echo "trixie-jdk.sh: making $home from $package $version" >&2
  src=$root/usr/lib/jvm/java-25-openjdk-amd64
  [[ -x $src/bin/javac ]] || die "$package has no $src/bin/javac"
  rm -rf "$home" "$home.tmp"
  cp -a "$src" "$home.tmp"
  # Debian links the JDK's configuration to /etc/java-25-openjdk (inside the root): copied in.
  # The trust store is made below.
  while IFS= read -r link; do
    target=$(readlink "$link")
    rm "$link"
    [[ $target == /etc/ssl/certs/java/cacerts ]] || cp -L "$root$target" "$link"
  done < <(find "$home.tmp" -type l -lname '/*')
  # Every ELF program and library: trixie's dynamic loader, and trixie's libraries after the
  # JDK's own (glibc 2.38+; the host's may be older).
  interpreter=$root/usr/lib64/ld-linux-x86-64.so.2
  libs=$root/usr/lib/x86_64-linux-gnu:$root/lib/x86_64-linux-gnu
  while IFS= read -r f; do
    [[ $(head -c 4 "$f" | od -An -c | tr -d ' ') == 177ELF ]] || continue
    if patchelf --print-interpreter "$f" >/dev/null 2>&1; then patchelf --set-interpreter "$interpreter" "$f"; fi
    old=$(patchelf --print-rpath "$f")
    patchelf --set-rpath "${old:+$old:}$libs" "$f"
  done < <(find "$home.tmp" -type f \( -perm -u+x -o -name '*.so' \))
  "$home.tmp/bin/javac" -version >/dev/null 2>&1 || die "the patched javac does not run"
  echo "$package $version" >"$home.tmp/.winsock4j-jdk"
  rm -f "$home.tmp/.winsock4j-cacerts"
  mv "$home.tmp" "$home"
fi
bundle=/etc/ssl/certs/ca-certificates.crt
[[ -s $bundle ]] || die "$bundle missing (Debian's ca-certificates makes it)"
digest=$(sha256sum "$bundle" | cut -d' ' -f1)
if [[ ! -f $home/.winsock4j-cacerts || $(<"$home/.winsock4j-cacerts") != "$digest" ]]; then
  # As the JDK's own cacerts: certificates and the whole store unprotected, so that a JVM reads it
  # without a password (javax.net.ssl.trustStorePassword is unset by default).
  "$home/bin/java" -Dkeystore.pkcs12.certProtectionAlgorithm=NONE -Dkeystore.pkcs12.macAlgorithm=NONE \
    "$lab_dir/java/PemTrustStore.java" "$bundle" "$home/lib/security/cacerts.tmp" >&2 \
    || die "could not make the trust store from $bundle"
  mv -f "$home/lib/security/cacerts.tmp" "$home/lib/security/cacerts"
  echo "$digest" >"$home/.winsock4j-cacerts"
fi
echo "$home"
