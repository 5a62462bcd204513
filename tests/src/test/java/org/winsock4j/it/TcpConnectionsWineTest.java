package org.winsock4j.it;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.winsock4j.AddressFamily;
import org.winsock4j.Protocol;
import org.winsock4j.SocketType;
import org.winsock4j.WinSocket;
import org.winsock4j.tcp.IpHelper;
import org.winsock4j.tcp.IpHelperException;
import org.winsock4j.tcp.Processes;
import org.winsock4j.tcp.TcpConnection;
import org.winsock4j.tcp.TcpState;
import org.winsock4j.tcp.UdpEndpoint;

/**
 * The TCP/UDP tables (what `winsock4j connections` and the close matrix read) on the real
 * iphlpapi: this process's own loopback connections appear with its PID and the right state.
 */
class TcpConnectionsWineTest {
    private static final long SELF = ProcessHandle.current().pid();
    private static final IpHelper IP = Lab.IP_HELPER;

    private static TcpConnection row(List<TcpConnection> all, InetSocketAddress local, InetSocketAddress remote) {
        return all.stream().filter(c -> c.local().equals(local) && c.remote().equals(remote)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + local + " -> " + remote + " on " + Lab.platform() + " in " + all));
    }

    /**
     * Windows: the owner is this process. Wine 8.0: this process or 0, depending on whether this
     * process happens to hold the socket's file descriptor (wineserver holds them; a process
     * fetches one for some calls and caches it) - never another process.
     */
    private static void ownedBySelf(TcpConnection c, String what) {
        if (Lab.WINE_MAJOR >= 10) {
            // Wine 10.0 asks wineserver, which knows every socket's owner, as Windows does.
            assertEquals(SELF, c.pid(), "owning PID of " + what + " on " + Lab.platform());
        } else if (Lab.WINE) {
            assertTrue(c.pid() == SELF || c.pid() == 0, "Wine-vs-Windows difference: owning PID of " + what + " is "
                    + c.pid() + " under " + Lab.platform() + " (this process is " + SELF + "; Windows always names it)");
        } else {
            assertEquals(SELF, c.pid(), "owning PID of " + what + " on " + Lab.platform());
        }
    }

    @ParameterizedTest
    @EnumSource(AddressFamily.class)
    void ownLoopbackConnectionsShowThisProcessAndTheirState(AddressFamily family) throws Exception {
        try (Lab.Pair p = Lab.pair(family)) {
            // One byte each way first: Wine 8.0 finds a socket's owner only among the file
            // descriptors the process holds, and a Wine process holds one only after I/O on it
            // (wineserver keeps the rest). Windows knows every owner from the start.
            p.client().send(new byte[] {1}, 0, 1);
            assertEquals(1, p.server().recv(new byte[1], 0, 1));
            p.server().send(new byte[] {2}, 0, 1);
            assertEquals(1, p.client().recv(new byte[1], 0, 1));
            List<TcpConnection> all = IP.tcpConnections();
            InetSocketAddress client = p.client().localAddress();
            InetSocketAddress server = p.listener().localAddress();
            TcpConnection out = row(all, client, server);
            TcpConnection in = row(all, p.server().localAddress(), p.server().remoteAddress());
            assertEquals(TcpState.ESTABLISHED, out.state());
            assertEquals(TcpState.ESTABLISHED, in.state());
            assertEquals(family == AddressFamily.INET6, out.isIpv6());
            ownedBySelf(out, "our client socket");
            ownedBySelf(in, "our accepted socket");
            TcpConnection listening = all.stream()
                    .filter(c -> c.local().equals(server) && c.state() == TcpState.LISTEN).findFirst().orElseThrow();
            assertEquals(0, listening.remote().getPort());
            if (Lab.WINE && Lab.WINE_MAJOR < 10) {
                assertEquals(0, listening.pid(), "Wine-vs-Windows difference: a listener that never did I/O in this"
                        + " process has owning PID 0 under " + Lab.platform());
            } else {
                assertEquals(SELF, listening.pid());
            }
            assertEquals(Optional.of(TcpState.ESTABLISHED), IP.state(client, server), "the owner-less lookup agrees");
            assertTrue(Processes.name(SELF).orElse("").toLowerCase().startsWith("java"),
                    "process name of our PID: " + Processes.name(SELF));
        }
    }

    @Test
    void aGracefulCloseLeavesTheCloserInTimeWait() throws Exception {
        try (Lab.Pair p = Lab.pair(AddressFamily.INET)) {
            InetSocketAddress client = p.client().localAddress();
            InetSocketAddress server = p.listener().localAddress();
            p.client().close();
            assertEquals(-1, p.server().recv(new byte[1], 0, 1));
            p.server().close();
            if (Lab.WINE_MAJOR >= 10) {
                // Wine 10.0 lists only sockets that a Wine process still holds: the closed socket's
                // TIME_WAIT (which the Linux kernel still shows) is not in GetExtendedTcpTable.
                Optional<TcpState> st = IP.state(client, server);
                long deadline = System.nanoTime() + 2_000_000_000L;
                while (st.isPresent() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                    st = IP.state(client, server);
                }
                assertEquals(Optional.empty(), st, "Wine-vs-Windows difference: no row for a closed socket under "
                        + Lab.platform() + " (Windows shows the closer in TIME_WAIT)");
                return;
            }
            Optional<TcpState> st = IP.state(client, server);
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (!st.equals(Optional.of(TcpState.TIME_WAIT)) && System.nanoTime() < deadline) {
                Thread.sleep(10);
                st = IP.state(client, server);
            }
            assertEquals(Optional.of(TcpState.TIME_WAIT), st, "the closer that sent the first FIN");
        }
    }

    @Test
    void udpEndpointsShowThisProcess() throws Exception {
        try (WinSocket u = Lab.WINSOCK.open(AddressFamily.INET, SocketType.DGRAM, Protocol.UDP)) {
            u.bind(new InetSocketAddress(Lab.loopback(AddressFamily.INET), 0));
            InetSocketAddress local = u.localAddress();
            u.connect(local); // a datagram to itself: I/O, so that Wine knows the owner too (see above)
            u.send(new byte[] {3}, 0, 1);
            assertEquals(1, u.recv(new byte[1], 0, 1));
            UdpEndpoint e = IP.udpEndpoints().stream().filter(x -> x.local().equals(local)).findFirst()
                    .orElseThrow(() -> new AssertionError("no UDP endpoint " + local));
            assertTrue(e.pid() == SELF || Lab.WINE && Lab.WINE_MAJOR < 10 && e.pid() == 0, "owning PID " + e.pid() + " of our UDP socket on "
                    + Lab.platform());
        }
    }

    @Test
    void killEndsAConnectionOrSaysWhyNot() throws Exception {
        try (Lab.Pair p = Lab.pair(AddressFamily.INET)) {
            InetSocketAddress client = p.client().localAddress();
            InetSocketAddress server = p.listener().localAddress();
            if (Lab.WINE) {
                // Wine 8.0's SetTcpEntry returns NO_ERROR and does nothing: the connection lives on.
                assertDoesNotThrow(() -> IP.kill(client, server));
                assertEquals(Optional.of(TcpState.ESTABLISHED), IP.state(client, server),
                        "Wine-vs-Windows difference: SetTcpEntry(DELETE_TCB) is a no-op under " + Lab.platform());
                p.client().send(new byte[] {7}, 0, 1);
                byte[] b = new byte[1];
                assertEquals(1, p.server().recv(b, 0, 1), "still connected");
                return;
            }
            try {
                IP.kill(client, server);
            } catch (IpHelperException e) {
                // Windows refuses a process that is not elevated (ERROR_ACCESS_DENIED or 317).
                assertInstanceOf(IpHelperException.AccessDenied.class, e, e.getMessage());
                return;
            }
            assertTrue(IP.state(client, server).map(s -> s != TcpState.ESTABLISHED).orElse(true), "the connection ended");
        }
    }

    @Test
    void killRejectsIpv6BeforeCallingIpHelper() {
        InetSocketAddress v6 = new InetSocketAddress(Lab.loopback(AddressFamily.INET6), 80);
        assertThrows(IllegalArgumentException.class, () -> IP.kill(v6, v6));
    }
}
