package org.winsock4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.winsock4j.cli.matrix.Report;
import org.winsock4j.tcp.TcpConnection;
import org.winsock4j.tcp.TcpState;
import org.winsock4j.tcp.UdpEndpoint;

/** Filters and netstat-like rendering of the connection tables. */
class ConnectionsViewTest {
    static final List<TcpConnection> TCP = List.of(
            new TcpConnection(new InetSocketAddress("0.0.0.0", 8080), new InetSocketAddress("0.0.0.0", 0), TcpState.LISTEN, 10),
            new TcpConnection(new InetSocketAddress("127.0.0.1", 8080), new InetSocketAddress("127.0.0.1", 50000), TcpState.ESTABLISHED, 10),
            new TcpConnection(new InetSocketAddress("::1", 443), new InetSocketAddress("::1", 50001), TcpState.TIME_WAIT, 0));
    static final List<UdpEndpoint> UDP = List.of(new UdpEndpoint(new InetSocketAddress("127.0.0.1", 53), 20));

    @Test
    void filtersByStatePidAndPort() {
        assertEquals(4, ConnectionsView.rows(TCP, UDP, new ConnectionsView.Filter(null, null, null), p -> null).size());
        List<ConnectionsView.Row> est = ConnectionsView.rows(TCP, UDP,
                new ConnectionsView.Filter(Set.of(TcpState.ESTABLISHED), null, null), p -> null);
        assertEquals(1, est.size());
        assertEquals(50000, est.get(0).remotePort());
        assertEquals(2, ConnectionsView.rows(TCP, UDP, new ConnectionsView.Filter(null, 10L, null), p -> null).size());
        assertEquals(1, ConnectionsView.rows(TCP, UDP, new ConnectionsView.Filter(null, null, 50001), p -> null).size());
        assertEquals(1, ConnectionsView.rows(TCP, UDP, new ConnectionsView.Filter(null, 20L, null), p -> "dns.exe").size());
        assertThrows(IllegalArgumentException.class, () -> new ConnectionsView.Filter(null, -1L, null));
        assertThrows(IllegalArgumentException.class, () -> new ConnectionsView.Filter(null, null, 70000));
    }

    @Test
    void rendersLikeNetstatAndAsJson() throws Exception {
        List<ConnectionsView.Row> rows = ConnectionsView.rows(TCP, UDP, new ConnectionsView.Filter(null, null, null),
                p -> p == 10 ? "java.exe" : null);
        String table = ConnectionsView.table(rows);
        assertTrue(table.lines().anyMatch(l -> l.matches("\\s+TCP\\s+0\\.0\\.0\\.0:8080\\s+0\\.0\\.0\\.0:0\\s+LISTENING\\s+10\\s+java\\.exe")), table);
        assertTrue(table.contains("[::1]:443"), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("\\s+UDP\\s+127\\.0\\.0\\.1:53\\s+\\*:\\*\\s+20")), table);
        String json = Report.JSON.writeValueAsString(rows);
        assertTrue(json.contains("\"state\" : \"ESTABLISHED\""), json);
        assertTrue(json.contains("\"owningProcess\" : 10"), json);
        assertTrue(json.contains("\"processName\" : \"java.exe\""), json);
    }

    @Test
    void hostPortParsing() {
        assertEquals(new InetSocketAddress("127.0.0.1", 80), CloseMatrixCommand.parseHostPort("127.0.0.1:80"));
        assertEquals(443, CloseMatrixCommand.parseHostPort("[::1]:443").getPort());
        assertThrows(IllegalArgumentException.class, () -> CloseMatrixCommand.parseHostPort("127.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> CloseMatrixCommand.parseHostPort("127.0.0.1:x"));
        assertThrows(IllegalArgumentException.class, () -> CloseMatrixCommand.parseHostPort("127.0.0.1:70000"));
        assertThrows(IllegalArgumentException.class, () -> CloseMatrixCommand.parseHostPort("127.0.0.1:0"));
        // InetAddress read these as 1.2.0.3 and as a DNS name.
        assertThrows(IllegalArgumentException.class, () -> CloseMatrixCommand.parseHostPort("1.2.3:80"));
        assertThrows(IllegalArgumentException.class, () -> CloseMatrixCommand.parseHostPort("localhost:80"));
    }

    @Test
    void usageErrorsExitWith2AndNoWinsockIsNeededForHelp() {
        assertEquals(0, Main.commandLine().execute("--help"));
        assertEquals(2, Main.commandLine().execute("connections", "--state", "open"));
        assertEquals(2, Main.commandLine().execute("nosuchcommand"));
    }
}
