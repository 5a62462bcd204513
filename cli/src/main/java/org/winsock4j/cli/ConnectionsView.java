package org.winsock4j.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
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

    /** One line of the output, TCP or UDP; JSON field names as Get-NetTCPConnection's. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
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

    static List<Row> rows(List<TcpConnection> tcp, List<UdpEndpoint> udp, Filter f, LongFunction<String> names) {
        List<Row> out = new ArrayList<>();
        for (TcpConnection c : tcp) {
            if (f.test(c)) {
                out.add(new Row(c.isIpv6() ? "TCPv6" : "TCP", host(c.local()), c.local().getPort(), host(c.remote()),
                        c.remote().getPort(), c.state().netstatName(), c.pid(), names.apply(c.pid())));
            }
        }
        for (UdpEndpoint e : udp) {
            if (f.test(e)) {
                out.add(new Row(e.isIpv6() ? "UDPv6" : "UDP", host(e.local()), e.local().getPort(), null, null, null, e.pid(),
                        names.apply(e.pid())));
            }
        }
        return out;
    }

    /** The address as netstat prints it: 127.0.0.1, [::1]. */
    static String host(InetSocketAddress a) {
        String h = a.getAddress().getHostAddress();
        int pct = h.indexOf('%');
        if (a.getAddress() instanceof Inet6Address) {
            return "[" + compress(pct < 0 ? h : h.substring(0, pct)) + (pct < 0 ? "" : h.substring(pct)) + "]";
        }
        return h;
    }

    /** 0:0:0:0:0:0:0:1 as ::1 (the longest run of zero groups). */
    static String compress(String full) {
        String[] g = full.split(":");
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < g.length; ) {
            if (g[i].equals("0")) {
                int j = i;
                while (j < g.length && g[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestLen < 2) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(g, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(g, bestStart + bestLen, g.length));
        return head + "::" + tail;
    }

    static String table(List<Row> rows) {
        String[] h = {"Proto", "Local Address", "Foreign Address", "State", "PID", "Process"};
        List<String[]> cells = new ArrayList<>();
        for (Row r : rows) {
            cells.add(new String[] {r.protocol(), r.localAddress() + ":" + r.localPort(),
                r.remoteAddress() == null ? "*:*" : r.remoteAddress() + ":" + r.remotePort(),
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
