package org.winsock4j.cli;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.winsock4j.cli.matrix.Report;
import org.winsock4j.tcp.IpHelper;
import org.winsock4j.tcp.IpHelperException;
import org.winsock4j.tcp.Processes;
import org.winsock4j.tcp.TcpState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "connections", mixinStandardHelpOptions = true,
        description = {"TCP connections (IPv4 and IPv6) and UDP endpoints with owning PID and process name, like",
            "netstat -ano, Get-NetTCPConnection and Get-NetUDPEndpoint (IP Helper GetExtendedTcpTable/UdpTable)."})
final class ConnectionsCommand implements Callable<Integer> {
    enum Format { table, json }

    enum Proto { tcp, udp, all }

    @Option(names = "--state", split = ",", paramLabel = "STATE",
            description = "only these TCP states (LISTENING, ESTABLISHED, TIME_WAIT, ...; UDP rows have none)")
    List<String> states;

    @Option(names = "--pid", description = "only rows owned by this process id")
    Long pid;

    @Option(names = "--port", description = "only rows whose local or remote port is this")
    Integer port;

    @Option(names = "--proto", description = "tcp, udp or all (default ${DEFAULT-VALUE})")
    Proto proto = Proto.all;

    @Option(names = "--format", description = "table (default) or json")
    Format format = Format.table;

    @Override
    public Integer call() throws Exception {
        Set<TcpState> wanted = EnumSet.noneOf(TcpState.class);
        if (states != null) {
            for (String s : states) {
                wanted.add(TcpState.parse(s));
            }
        }
        ConnectionsView.Filter filter = new ConnectionsView.Filter(wanted, pid, port);
        IpHelper ip = IpHelper.system();
        List<ConnectionsView.Row> rows;
        try {
            rows = ConnectionsView.rows(proto == Proto.udp ? List.of() : ip.tcpConnections(),
                    proto == Proto.tcp ? List.of() : ip.udpEndpoints(), filter, p -> Processes.name(p).orElse(null));
        } catch (IpHelperException e) {
            System.err.println("connections: " + e.getMessage());
            return 1;
        }
        if (format == Format.json) {
            System.out.print(Report.JSON.writeValueAsString(rows) + "\n");
        } else {
            System.out.print(ConnectionsView.table(rows));
        }
        return 0;
    }
}
