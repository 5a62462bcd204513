package org.winsock4j.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;
import org.winsock4j.tcp.TcpConnection;
import org.winsock4j.tcp.TcpState;
import org.winsock4j.tcp.UdpEndpoint;

/** Filtering and rendering of the connection tables, as netstat -ano shows them (pure logic). */
final class ConnectionsView {
    private ConnectionsView() {}

    /** The JSON schema's version; raise it when a key is renamed, removed or changes meaning. */
    static final int SCHEMA_VERSION = 1;

    /**
     * One line of the output, TCP or UDP; JSON field names as Get-NetTCPConnection's, every key
     * always present (null when it does not apply: a UDP row's remote address, port and state, an
     * unknown process name). Addresses without brackets or port ({@code ::1}, {@code 127.0.0.1}).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Row(String protocol, String localAddress, int localPort, String remoteAddress, Integer remotePort,
            String state, long owningProcess, String processName) {}

    /**
     * The filters: a row passes when its state is in {@code states} (any when empty; UDP rows have
     * no state and pass only when no state is asked for), its PID is {@code pid} (any when null),
     * and its local or remote port is {@code port} (any when null).
     */
    record Filter(Set<TcpState> states, Long pid, Integer port) {
        Filter {
            states = states == null ? Set.of() : Set.copyOf(states);
            if (pid != null && pid < 0) {
                throw new IllegalArgumentException("--pid must not be negative, got " + pid);
            }
            if (port != null && (port < 0 || port > 65535)) {
                throw new IllegalArgumentException("--port must be 0..65535, got " + port);
            }
        }

        boolean test(TcpConnection c) {
            return (states.isEmpty() || states.contains(c.state())) && (pid == null || c.pid() == pid)
                    && (port == null || c.hasPort(port));
        }

        boolean test(UdpEndpoint e) {
            return states.isEmpty() && (pid == null || e.pid() == pid) && (port == null || e.local().getPort() == port);
        }
    }

    /** The {@code --format json} document: {@code {"schemaVersion": 1, "connections": [rows]}}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"schemaVersion", "connections"})
    record Document(int schemaVersion, List<Row> connections) {
        Document(List<Row> connections) {
            this(SCHEMA_VERSION, List.copyOf(connections));
        }
    }

    static List<Row> rows(List<TcpConnection> tcp, List<UdpEndpoint> udp, Filter f, LongFunction<String> names) {
        List<Row> out = new ArrayList<>();
        for (TcpConnection c : tcp) {
            if (f.test(c)) {
                boolean v6 = isIpv6(c.local(), c.remote());
                out.add(new Row(v6 ? "TCPv6" : "TCP", Addresses.host(c.local().getAddress(), v6), c.local().getPort(),
                        Addresses.host(c.remote().getAddress(), v6), c.remote().getPort(), c.state().netstatName(), c.pid(), names.apply(c.pid())));
            }
        }
        for (UdpEndpoint e : udp) {
            if (f.test(e)) {
                boolean v6 = e.isIpv6();
                out.add(new Row(v6 ? "UDPv6" : "UDP", Addresses.host(e.local().getAddress(), v6), e.local().getPort(), null,
                        null, null, e.pid(),
                        names.apply(e.pid())));
            }
        }
        return out;
    }

    /**
     * Whether a TCP row comes from the IPv6 table. Java turns an IPv4-mapped address without a
     * scope into an {@link java.net.Inet4Address}, so a dual-stack listener's row
     * ({@code [::ffff:127.0.0.1]:80 -> [::]:0}) has one; either side being IPv6 tells.
     */
    static boolean isIpv6(InetSocketAddress local, InetSocketAddress remote) {
        return local.getAddress() instanceof Inet6Address || remote.getAddress() instanceof Inet6Address;
    }

    /** {@code 127.0.0.1:80}, {@code [::1]:80}: a row's address as netstat prints it. */
    static String endpoint(Row r, boolean local) {
        String host = local ? r.localAddress() : r.remoteAddress();
        int port = local ? r.localPort() : r.remotePort();
        return (r.protocol().endsWith("v6") ? "[" + host + "]" : host) + ":" + port;
    }

    static String table(List<Row> rows) {
        String[] h = {"Proto", "Local Address", "Foreign Address", "State", "PID", "Process"};
        List<String[]> cells = new ArrayList<>();
        for (Row r : rows) {
            cells.add(new String[] {r.protocol(), endpoint(r, true), r.remoteAddress() == null ? "*:*" : endpoint(r, false),
                r.state() == null ? "" : r.state(), Long.toString(r.owningProcess()),
                r.processName() == null ? "" : r.processName()});
        }
        int[] w = new int[h.length];
        for (int c = 0; c < h.length; c++) {
            w[c] = h[c].length();
            for (String[] row : cells) {
                w[c] = Math.max(w[c], row[c].length());
            }
        }
        StringBuilder b = new StringBuilder();
        append(b, h, w);
        for (String[] row : cells) {
            append(b, row, w);
        }
        return b.toString();
    }

    private static void append(StringBuilder b, String[] row, int[] w) {
        StringBuilder l = new StringBuilder("  ");
        for (int c = 0; c < row.length; c++) {
            l.append(row[c]).append(" ".repeat(w[c] - row[c].length() + 2));
        }
        b.append(l.toString().stripTrailing()).append('\n');
    }
}
