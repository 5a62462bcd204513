#!/usr/bin/env bash
# scripts/check-build-jdk.sh: the JDK that scripts/build-jdk.sh makes on a host without a JDK 22+
# (Debian trixie's openjdk-25 from the lab's trixie root, patched to run on the host:
# lab/trixie-jdk.sh) works here, whatever JDK this host has: javac and java are 25, a Java 22+
# program calls a C function through the FFM API (the JVM's native libraries load), a child JVM
# starts (ProcessBuilder, as Maven's test forks do), the default trust store holds the host's CAs
# (Maven downloads over TLS), and Maven runs on it.
# Needs root (the trixie root); the first run takes about a minute, later ones a few seconds.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
home=$("$root/scripts/build-jdk.sh" --trixie)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
v=$("$home/bin/javac" -version 2>&1)
[[ $v == "javac 25."* ]] || { echo "check-build-jdk: javac -version: $v" >&2; exit 1; }
cat >"$work/Probe.java" <<'JAVA'
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.security.KeyStore;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

public class Probe {
    public static void main(String[] args) throws Throwable {
        Linker linker = Linker.nativeLinker();
        var strlen = linker.downcallHandle(linker.defaultLookup().find("strlen").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            long n = (long) strlen.invokeExact(arena.allocateFrom("winsock4j"));
            Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-version")
                    .redirectErrorStream(true).start();
            String out = new String(child.getInputStream().readAllBytes());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null); // the JVM's default trust store, as Maven's TLS uses
            int anchors = ((X509TrustManager) tmf.getTrustManagers()[0]).getAcceptedIssuers().length;
            System.out.println("strlen=" + n + " child=" + child.waitFor() + " " + out.lines().findFirst().orElse("")
                    + "\ntrust anchors=" + anchors);
        }
    }
}
JAVA
"$home/bin/javac" -d "$work" "$work/Probe.java"
out=$("$home/bin/java" --enable-native-access=ALL-UNNAMED -cp "$work" Probe 2>&1)
[[ $out == "strlen=9 child=0 openjdk version \"25."* ]] || { echo "check-build-jdk: the probe printed: $out" >&2; exit 1; }
host_cas=$(grep -c 'BEGIN CERTIFICATE' /etc/ssl/certs/ca-certificates.crt)
[[ $out == *$'\n'"trust anchors=$host_cas" ]] \
  || { echo "check-build-jdk: the default trust store should hold the host's $host_cas CAs; the probe printed: $out" >&2; exit 1; }
mvn_out=$(JAVA_HOME=$home mvn -B -v 2>&1 | sed 's/\x1b\[[0-9;]*m//g'; exit "${PIPESTATUS[0]}") || { echo "check-build-jdk: mvn -v on $home failed: $mvn_out" >&2; exit 1; }
grep -q "^Java version: 25\." <<<"$mvn_out" || { echo "check-build-jdk: Maven does not run on $home: $mvn_out" >&2; exit 1; }
echo "check-build-jdk: $home ($(<"$home/.winsock4j-jdk")): javac 25, an FFM call, a child JVM, the host's $host_cas CAs trusted, Maven $(sed -n 's/^Apache Maven \([^ ]*\).*/\1/p' <<<"$mvn_out") on it: OK"
