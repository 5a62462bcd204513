package org.winsock4j.unguarded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.winsock4j.AddressFamily;
import org.winsock4j.Backend;
import org.winsock4j.Protocol;
import org.winsock4j.SocketType;
import org.winsock4j.WinSocket;
import org.winsock4j.Winsock;
import org.winsock4j.WinsockUnavailableException;
import org.winsock4j.port.IpHelperPort;
import org.winsock4j.port.MibRows;
import org.winsock4j.testing.FakeWinsockPort;

/**
 * The unsupported door to the raw ports (issue 22 item 5): what the API no longer offers
 * (Backend.port(), Winsock.over, IpHelper.over) works through UnguardedPorts, for the project's
 * tests, CLI and benchmarks.
 */
class UnguardedPortsFakeTest {
    @Test
    void aWinsockOverAPortMakesItsCallsThroughThatPort() throws Exception {
        FakeWinsockPort fake = FakeWinsockPort.started();
        Winsock winsock = UnguardedPorts.winsockOver(fake);
        try (WinSocket s = winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP)) {
            assertTrue(fake.isOpen(s.rawHandle()));
        }
        assertEquals(1, fake.count("closesocket"));
        assertTrue(UnguardedPorts.winsockOver(fake) != winsock, "a new Winsock each time");
        assertThrows(NullPointerException.class, () -> UnguardedPorts.winsockOver(null));
    }

    @Test
    void anIpHelperOverAPortReadsItsTables() throws Exception {
        IpHelperPort empty = new IpHelperPort() {
            @Override public int getTcpTableOwnerPid(List<MibRows.TcpRow> out) { return MibRows.NO_ERROR; }
            @Override public int getTcpTableBasic(List<MibRows.TcpRowBasic> out) { return MibRows.NO_ERROR; }
            @Override public int getTcp6TableOwnerPid(List<MibRows.Tcp6Row> out) { return MibRows.NO_ERROR; }
            @Override public int getUdpTableOwnerPid(List<MibRows.UdpRow> out) { return MibRows.NO_ERROR; }
            @Override public int getUdp6TableOwnerPid(List<MibRows.Udp6Row> out) { return MibRows.NO_ERROR; }
            @Override public int setTcpEntry(MibRows.TcpRowBasic row) { return MibRows.NO_ERROR; }
        };
        assertEquals(List.of(), UnguardedPorts.ipHelperOver(empty).tcpConnections());
        assertThrows(NullPointerException.class, () -> UnguardedPorts.ipHelperOver(null));
    }

    /** The tests' JVM is not Windows: the raw port is out of reach, as the API's exception says. */
    @Test
    void aBackendsPortOffWindowsIsUnavailable() {
        assertTrue(!System.getProperty("os.name").startsWith("Windows"), "the Linux tier runs off Windows");
        WinsockUnavailableException e = assertThrows(WinsockUnavailableException.class, () -> UnguardedPorts.of(Backend.JNA));
        assertTrue(e.getMessage().contains(System.getProperty("os.name")), e.getMessage());
        assertThrows(NullPointerException.class, () -> UnguardedPorts.of(null));
    }

    @Test
    void theFactoriesAreHandedOverOnceOnly() {
        UnguardedPorts.winsockOver(FakeWinsockPort.started()); // Winsock has installed its factories
        assertThrows(IllegalStateException.class, () -> SafeLayerAccess.install(new SafeLayerAccess.WinsockFactories() {
            @Override
            public org.winsock4j.port.WinsockPort port(Backend backend) {
                throw new AssertionError();
            }

            @Override
            public Winsock over(org.winsock4j.port.WinsockPort port) {
                throw new AssertionError();
            }
        }));
    }
}
