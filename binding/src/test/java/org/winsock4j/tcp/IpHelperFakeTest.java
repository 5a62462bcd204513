package org.winsock4j.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.winsock4j.port.IpHelperPort;
import org.winsock4j.port.MibRows;

/** The SDK-to-Java conversions of the TCP/UDP tables and SetTcpEntry, against a scripted port. */
class IpHelperFakeTest {

    /** A scripted IP Helper: fixed rows, fixed return codes, remembers the SetTcpEntry row. */
    static final class FakePort implements IpHelperPort {
        final List<MibRows.TcpRow> tcp = new ArrayList<>();
        final List<MibRows.TcpRowBasic> basic = new ArrayList<>();
        final List<MibRows.Tcp6Row> tcp6 = new ArrayList<>();
        final List<MibRows.UdpRow> udp = new ArrayList<>();
        final List<MibRows.Udp6Row> udp6 = new ArrayList<>();
        int tableResult = MibRows.NO_ERROR;
        int setResult = MibRows.NO_ERROR;
        final List<MibRows.TcpRowBasic> set = new ArrayList<>();

        @Override public int getTcpTableOwnerPid(List<MibRows.TcpRow> out) { if (tableResult == 0) out.addAll(tcp); return tableResult; }
        @Override public int getTcpTableBasic(List<MibRows.TcpRowBasic> out) { out.addAll(basic); return MibRows.NO_ERROR; }
        @Override public int getTcp6TableOwnerPid(List<MibRows.Tcp6Row> out) { out.addAll(tcp6); return MibRows.NO_ERROR; }
        @Override public int getUdpTableOwnerPid(List<MibRows.UdpRow> out) { out.addAll(udp); return MibRows.NO_ERROR; }
        @Override public int getUdp6TableOwnerPid(List<MibRows.Udp6Row> out) { out.addAll(udp6); return MibRows.NO_ERROR; }
        @Override public int setTcpEntry(MibRows.TcpRowBasic row) { set.add(row); return setResult; }
    }

    // 127.0.0.1 as a little-endian DWORD of network-order bytes; port 8080 = 0x1f90 -> 0x901f.
    static final int LOOPBACK = 0x0100007f;

    @Test
    void ipv4RowsBecomeAddressesPortsStatesAndPids() throws Exception {
        FakePort p = new FakePort();
        p.tcp.add(new MibRows.TcpRow(MibRows.MIB_TCP_STATE_ESTAB, LOOPBACK, 0x901f, LOOPBACK, 0x3930, 4242));
        p.tcp.add(new MibRows.TcpRow(MibRows.MIB_TCP_STATE_LISTEN, 0, 0x901f, 0, 0, -1));
        List<TcpConnection> all = IpHelper.over(p).tcpConnections();
        assertEquals(2, all.size());
        TcpConnection listener = all.get(0);
        assertEquals(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 8080), listener.local());
        assertEquals(TcpState.LISTEN, listener.state());
        assertEquals(0xffffffffL, listener.pid(), "DWORD pids are unsigned");
        TcpConnection c = all.get(1);
        assertEquals(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8080), c.local());
        assertEquals(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 12345), c.remote());
        assertEquals(TcpState.ESTABLISHED, c.state());
        assertEquals(4242, c.pid());
        assertTrue(c.hasPort(12345));
    }

    @Test
    void ipv6RowsComeAfterIpv4() throws Exception {
        FakePort p = new FakePort();
        byte[] one = new byte[16];
        one[15] = 1;
        p.tcp6.add(new MibRows.Tcp6Row(one, 0, 0x5000, one, 0, 0x5100, MibRows.MIB_TCP_STATE_TIME_WAIT, 0));
        p.tcp.add(new MibRows.TcpRow(MibRows.MIB_TCP_STATE_CLOSE_WAIT, LOOPBACK, 0x0100, LOOPBACK, 0x0200, 7));
        List<TcpConnection> all = IpHelper.over(p).tcpConnections();
        assertEquals(TcpState.CLOSE_WAIT, all.get(0).state());
        TcpConnection v6 = all.get(1);
        assertTrue(v6.isIpv6());
        assertEquals(new InetSocketAddress(InetAddress.getByName("::1"), 0x50), v6.local());
        assertEquals(0x51, v6.remote().getPort());
        assertEquals(TcpState.TIME_WAIT, v6.state());
    }

    @Test
    void stateComesFromTheBasicTableWithoutOwners() throws Exception {
        FakePort p = new FakePort();
        p.basic.add(new MibRows.TcpRowBasic(MibRows.MIB_TCP_STATE_TIME_WAIT, LOOPBACK, 0x901f, LOOPBACK, 0x3930));
        IpHelper h = IpHelper.over(p);
        InetSocketAddress a = new InetSocketAddress("127.0.0.1", 8080), b = new InetSocketAddress("127.0.0.1", 12345);
        assertEquals(java.util.Optional.of(TcpState.TIME_WAIT), h.state(a, b));
        assertEquals(java.util.Optional.empty(), h.state(b, a));
        assertEquals(0, h.tcpConnectionsWithoutOwners().get(0).pid());
    }

    @Test
    void udpEndpoints() throws Exception {
        FakePort p = new FakePort();
        p.udp.add(new MibRows.UdpRow(LOOPBACK, 0x3500, 99));
        List<UdpEndpoint> all = IpHelper.over(p).udpEndpoints();
        assertEquals(List.of(new UdpEndpoint(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 53), 99)), all);
    }

    @Test
    void aFailedTableCallIsTypedWithItsWin32Code() {
        FakePort p = new FakePort();
        p.tableResult = MibRows.ERROR_NOT_SUPPORTED;
        IpHelperException e = assertThrows(IpHelperException.NotSupported.class, () -> IpHelper.over(p).tcpConnections());
        assertEquals(50, e.code());
        assertEquals("ERROR_NOT_SUPPORTED", e.win32Name());
        assertEquals("GetExtendedTcpTable", e.function());
    }

    @Test
    void killSendsADeleteTcbRowInNetworkByteOrder() throws Exception {
        FakePort p = new FakePort();
        IpHelper.over(p).kill(new InetSocketAddress("127.0.0.1", 8080), new InetSocketAddress("127.0.0.1", 12345));
        assertEquals(List.of(new MibRows.TcpRowBasic(12, LOOPBACK, 0x901f, LOOPBACK, 0x3930)), p.set);
    }

    @Test
    void killFailuresAreTyped() {
        FakePort p = new FakePort();
        InetSocketAddress a = new InetSocketAddress("127.0.0.1", 1);
        p.setResult = MibRows.ERROR_ACCESS_DENIED;
        assertInstanceOf(IpHelperException.AccessDenied.class, assertThrows(IpHelperException.class, () -> IpHelper.over(p).kill(a, a)));
        p.setResult = MibRows.ERROR_MR_MID_NOT_FOUND;
        IpHelperException e = assertThrows(IpHelperException.AccessDenied.class, () -> IpHelper.over(p).kill(a, a));
        assertEquals(317, e.code());
        p.setResult = MibRows.ERROR_NOT_SUPPORTED;
        assertThrows(IpHelperException.NotSupported.class, () -> IpHelper.over(p).kill(a, a));
        p.setResult = 1234;
        assertEquals("error 1234", assertThrows(IpHelperException.class, () -> IpHelper.over(p).kill(a, a)).win32Name());
    }

    @Test
    void killRejectsBadInputBeforeAnyNativeCall() {
        FakePort p = new FakePort();
        IpHelper h = IpHelper.over(p);
        InetSocketAddress v4 = new InetSocketAddress("127.0.0.1", 80);
        assertThrows(NullPointerException.class, () -> h.kill(null, v4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> h.kill(new InetSocketAddress("::1", 80), v4));
        assertTrue(e.getMessage().contains("::1") || e.getMessage().contains("0:0:0:0:0:0:0:1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> h.kill(new InetSocketAddress("127.0.0.1", 0), v4));
        assertThrows(IllegalArgumentException.class, () -> h.kill(InetSocketAddress.createUnresolved("x", 1), v4));
        assertTrue(p.set.isEmpty());
    }

    @Test
    void statesParseAsUsersTypeThem() {
        assertEquals(TcpState.LISTEN, TcpState.parse("listening"));
        assertEquals(TcpState.LISTEN, TcpState.parse("Listen"));
        assertEquals(TcpState.TIME_WAIT, TcpState.parse("TimeWait"));
        assertEquals(TcpState.FIN_WAIT2, TcpState.parse("fin_wait_2"));
        assertEquals(TcpState.ESTABLISHED, TcpState.parse("ESTAB"));
        assertThrows(IllegalArgumentException.class, () -> TcpState.parse("open"));
        assertThrows(IllegalArgumentException.class, () -> TcpState.ofMib(13));
        for (TcpState s : TcpState.values()) {
            assertEquals(s, TcpState.ofMib(s.mibValue()));
            assertEquals(s, TcpState.parse(s.netstatName()));
        }
    }
}
