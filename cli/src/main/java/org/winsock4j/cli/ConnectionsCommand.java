package org.winsock4j.cli;

import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.winsock4j.cli.matrix.Report;
import org.winsock4j.tcp.IpHelper;
import org.winsock4j.tcp.IpHelperException;
import org.winsock4j.tcp.Processes;
import org.winsock4j.tcp.TcpState;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "connections", mixinStandardHelpOptions = true,
        header = "Lists TCP connections and UDP endpoints with owning process, like netstat -ano.",
        description = "TCP connections (IPv4 and IPv6) and UDP endpoints with their owning PID and process name, like"
                + " netstat -ano, Get-NetTCPConnection and Get-NetUDPEndpoint (IP Helper GetExtendedTcpTable and"
                + " GetExtendedUdpTable). Addresses print as netstat prints them: 127.0.0.1:80, [::1]:80,"
                + " [::ffff:127.0.0.1]:80, a zone only on link-local addresses ([fe80::1%%12]:80). --format json"
                + " writes {\"schemaVersion\": " + ConnectionsView.SCHEMA_VERSION + ", \"connections\": [...]}, every row"
                + " with the same keys (null when unknown or not applicable).",
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {
            "0:done",
            "2:usage error: unknown option or bad value",
            "3:the command failed: no Winsock on this JVM, an unexpected error",
            "4:refused by the platform: the table could not be read (a Win32 error)"})
final class ConnectionsCommand implements Callable<Integer> {
    enum Format { table, json }

    enum Proto { tcp, udp, all }

    @Spec
    CommandSpec spec;

    @Option(names = "--state", split = ",", paramLabel = "STATE", converter = StateConverter.class,
            description = "only these TCP states, in any case: LISTENING, ESTABLISHED, TIME_WAIT, ... (UDP rows have none)")
    List<TcpState> states;

    @Option(names = "--pid", description = "only rows owned by this process id")
    Long pid;

    @Option(names = "--port", description = "only rows whose local or remote port is this")
    Integer port;

    @Option(names = "--proto", description = "tcp, udp or all, in any case (default: ${DEFAULT-VALUE})")
    Proto proto = Proto.all;

    @Option(names = "--format", description = "table or json (default: ${DEFAULT-VALUE})")
    Format format = Format.table;

    private final Supplier<IpHelper> ipHelper;
    private final LongFunction<String> processNames;

    ConnectionsCommand() {
        this(IpHelper::system, p -> Processes.name(p).orElse(null));
    }

    /** Over another IP Helper and process-name source (tests). */
    ConnectionsCommand(Supplier<IpHelper> ipHelper, LongFunction<String> processNames) {
        this.ipHelper = ipHelper;
        this.processNames = processNames;
    }

    /** TcpState.parse: netstat's or the SDK's names, any case; an unknown one is a usage error. */
    static final class StateConverter implements CommandLine.ITypeConverter<TcpState> {
        @Override
        public TcpState convert(String value) {
            try {
                return TcpState.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        Set<TcpState> wanted = states == null || states.isEmpty() ? EnumSet.noneOf(TcpState.class) : EnumSet.copyOf(states);
        ConnectionsView.Filter filter = new ConnectionsView.Filter(wanted, pid, port);
        IpHelper ip = ipHelper.get();
        PrintWriter out = spec.commandLine().getOut();
        List<ConnectionsView.Row> rows;
        try {
            rows = ConnectionsView.rows(proto == Proto.udp ? List.of() : ip.tcpConnections(),
                    proto == Proto.tcp ? List.of() : ip.udpEndpoints(), filter, processNames);
        } catch (IpHelperException e) {
            spec.commandLine().getErr().println("connections: " + e.getMessage());
            return ExitCodes.REFUSED;
        }
        if (format == Format.json) {
            out.print(Report.JSON.writeValueAsString(new ConnectionsView.Document(rows)) + "\n");
        } else {
            out.print(ConnectionsView.table(rows));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
