package org.winsock4j.it;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import org.winsock4j.AddressFamily;
import org.winsock4j.Protocol;
import org.winsock4j.SocketType;
import org.winsock4j.WinSocket;
import org.winsock4j.Winsock;
import org.winsock4j.cli.instrument.Wine;
import org.winsock4j.unguarded.UnguardedPorts;

/** What the integration tests share: the real ws2_32 (through {@link CoveragePort}), loopback pairs. */
final class Lab {
    private Lab() {}

    /** The real ws2_32, noting which raw functions were called. */
    static final CoveragePort PORT = new CoveragePort(
            Path.of(System.getProperty("winsock4j.coverageReport", "target/raw-coverage.txt")));

    static final Winsock WINSOCK = UnguardedPorts.winsockOver(PORT);

    /** The real IP Helper, noting its raw functions into the same report. */
    static final org.winsock4j.tcp.IpHelper IP_HELPER = UnguardedPorts.ipHelperOver(new CoverageIpHelperPort(PORT));

    /** Under Wine (ntdll exports wine_get_version), not Windows itself. */
    static final boolean WINE = Wine.isWine();

    /**
     * Wine's major version under Wine (8, 10), 0 on Windows. Where Wine versions differ, a test
     * asserts each version's own behaviour: {@code WINE_MAJOR >= 10} names Wine 10.0,
     * otherwise {@code WINE} names Wine 8.0 (docs/WINE-EVIDENCE.md#wine-8-vs-10 has the table).
     */
    static final int WINE_MAJOR = Wine.majorVersion().orElse(0);

    static String platform() {
        return WINE ? "Wine " + Wine.version().orElseThrow() : "Windows " + System.getProperty("os.version");
    }

    static WinSocket tcp(AddressFamily family) throws IOException {
        return tcp(WINSOCK, family);
    }

    static WinSocket tcp(Winsock winsock, AddressFamily family) throws IOException {
        return winsock.open(family, SocketType.STREAM, Protocol.TCP);
    }

    static InetAddress loopback(AddressFamily family) {
        try {
            return family == AddressFamily.INET ? Inet4Address.getByName("127.0.0.1")
                    : Inet6Address.getByName("::1");
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** A listener on an ephemeral loopback port, a client connected to it, and the accepted end. */
    record Pair(WinSocket listener, WinSocket client, WinSocket server) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            for (WinSocket s : new WinSocket[] {client, server, listener}) {
                if (s.isOpen()) {
                    s.closeAbortively();
                }
            }
        }
    }

    static WinSocket listener(AddressFamily family) throws IOException {
        return listener(WINSOCK, family);
    }

    static WinSocket listener(Winsock winsock, AddressFamily family) throws IOException {
        WinSocket listener = tcp(winsock, family);
        listener.bind(new InetSocketAddress(loopback(family), 0));
        listener.listen(16);
        return listener;
    }

    static Pair pair(AddressFamily family) throws IOException {
        return pair(WINSOCK, family);
    }

    /** As {@link #pair(AddressFamily)}, on another Winsock (another port). */
    static Pair pair(Winsock winsock, AddressFamily family) throws IOException {
        WinSocket listener = listener(winsock, family);
        WinSocket client = tcp(winsock, family);
        client.connect(listener.localAddress());
        WinSocket server = listener.accept();
        return new Pair(listener, client, server);
    }

    /** Reads until end of stream (recv returned 0); returns every byte. */
    static byte[] readAll(WinSocket s) throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        byte[] b = new byte[8192];
        for (int n; (n = s.recv(b, 0, b.length)) > 0; ) {
            all.write(b, 0, n);
        }
        return all.toByteArray();
    }
}
