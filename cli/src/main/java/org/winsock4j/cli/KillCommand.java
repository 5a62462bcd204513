package org.winsock4j.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.PrintWriter;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.winsock4j.cli.instrument.Wine;
import org.winsock4j.cli.matrix.Report;
import org.winsock4j.tcp.IpHelper;
import org.winsock4j.tcp.IpHelperException;
import org.winsock4j.tcp.TcpConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "kill", mixinStandardHelpOptions = true,
        header = "Ends one IPv4 TCP connection, like wkillcx or TCPView's close.",
        description = "Ends the IPv4 TCP connection from --local to --remote (as netstat -ano shows them) through"
                + " SetTcpEntry with MIB_TCP_STATE_DELETE_TCB: the stack resets it. Windows needs an elevated process."
                + " The TCP table is read again afterwards, so a platform that accepts the request and does nothing"
                + " (Wine) is reported as such. Addresses are IPV4:PORT, four decimal parts 0-255; host names are"
                + " not looked up. An IPv6 connection cannot be ended (SetTcpEntry takes IPv4 rows only): exit 4."
                + " --format json writes {\"schemaVersion\": " + ConnectionsView.SCHEMA_VERSION + ", ...} with the same"
                + " keys in every case.",
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {
            "0:done: the connection is gone (or left its state) afterwards",
            "1:not found: no such connection in the TCP table",
            "2:usage error: unknown option or bad value (e.g. --local 1.2.3:80, a host name, port 0, an IPv4 and an IPv6"
                + " address)",
            "3:the command failed: no Winsock on this JVM, an unexpected error",
            "4:refused by the platform: ERROR_ACCESS_DENIED (run elevated), ERROR_NOT_SUPPORTED, another Win32 error,"
                + " or an IPv6 connection (SetTcpEntry ends IPv4 connections only)",
            "5:accepted but ignored by the platform: SetTcpEntry returned NO_ERROR and the connection is still there"
                + " in the same state (Wine)"})
final class KillCommand implements Callable<Integer> {
    enum Format { text, json }

    enum Outcome { ENDED, NOT_FOUND, REFUSED, IGNORED }

    @Spec
    CommandSpec spec;

    @Option(names = "--local", required = true, paramLabel = "IP:PORT", converter = Addresses.EndpointConverter.class,
            description = "the connection's local address, e.g. 127.0.0.1:50000")
    InetSocketAddress local;

    @Option(names = "--remote", required = true, paramLabel = "IP:PORT", converter = Addresses.EndpointConverter.class,
            description = "the connection's remote address, e.g. 127.0.0.1:8080")
    InetSocketAddress remote;

    @Option(names = "--format", description = "text or json (default: ${DEFAULT-VALUE})")
    Format format = Format.text;

    private final Supplier<IpHelper> ipHelper;
    private final Supplier<Optional<String>> wineVersion;

    KillCommand() {
        this(IpHelper::system, Wine::version);
    }

    /** Over another IP Helper (tests) and Wine detection. */
    KillCommand(Supplier<IpHelper> ipHelper, Supplier<Optional<String>> wineVersion) {
        this.ipHelper = ipHelper;
        this.wineVersion = wineVersion;
    }

    /**
     * The {@code --format json} document; every key always present. {@code stateAfter} is
     * {@code GONE} when the row left the table, null when it was not read (not found, refused);
     * {@code win32Error} is the code SetTcpEntry or GetExtendedTcpTable returned, else null.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"schemaVersion", "outcome", "exitCode", "localAddress", "localPort", "remoteAddress",
        "remotePort", "owningProcess", "stateBefore", "stateAfter", "win32Error", "message"})
    record Result(int schemaVersion, Outcome outcome, int exitCode, String localAddress, int localPort,
            String remoteAddress, int remotePort, Long owningProcess, String stateBefore, String stateAfter,
            Integer win32Error, String message) {}

    @Override
    public Integer call() throws Exception {
        if (local.getPort() == 0 || remote.getPort() == 0) {
            InetSocketAddress zero = local.getPort() == 0 ? local : remote;
            throw new ParameterException(spec.commandLine(), (zero == local ? "--local " : "--remote ")
                    + Addresses.endpoint(zero, false) + ": a connection has no port 0");
        }
        boolean local4 = local.getAddress() instanceof Inet4Address;
        if (local4 != remote.getAddress() instanceof Inet4Address) {
            throw new ParameterException(spec.commandLine(), "--remote " + Addresses.endpoint(remote, false)
                    + ": not the address family of --local " + Addresses.endpoint(local, false)
                    + " (a connection is IPv4 at both ends or IPv6 at both ends)");
        }
        Result r = local4 ? kill(ipHelper.get()) : ipv6NotPossible();
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.print(Report.JSON.writeValueAsString(r) + "\n");
        } else if (r.outcome() == Outcome.ENDED) {
            out.println("kill: " + r.message());
        } else {
            spec.commandLine().getErr().println("kill: " + r.message());
        }
        out.flush();
        return r.exitCode();
    }

    /**
     * An IPv6 connection: not a usage error but a platform limit (exit 4). SetTcpEntry takes a
     * MIB_TCPROW, an IPv4 row, and IP Helper has no IPv6 counterpart
     * (https://learn.microsoft.com/en-us/windows/win32/api/iphlpapi/nf-iphlpapi-settcpentry).
     * Nothing native is called.
     */
    private Result ipv6NotPossible() {
        return result(Outcome.REFUSED, ExitCodes.REFUSED, null, null, null, "cannot end the IPv6 connection "
                + Addresses.endpoint(local, false) + " -> " + Addresses.endpoint(remote, false)
                + ": Windows ends IPv4 connections only (SetTcpEntry takes a MIB_TCPROW; there is no IPv6 counterpart)");
    }

    private Result kill(IpHelper ip) {
        String what = Addresses.endpoint(local, false) + " -> " + Addresses.endpoint(remote, false);
        Optional<TcpConnection> before = Optional.empty();
        try {
            before = ip.find(local, remote);
            if (before.isEmpty()) {
                return result(Outcome.NOT_FOUND, ExitCodes.NOT_FOUND, null, null, null,
                        "no TCP connection " + what + " in the table");
            }
            ip.kill(local, remote);
            Optional<TcpConnection> after = ip.find(local, remote);
            String was = before.get().state().netstatName();
            if (after.isPresent() && after.get().state() == before.get().state()) {
                Optional<String> wine = wineVersion.get();
                return result(Outcome.IGNORED, ExitCodes.IGNORED, before.get(), was, null,
                        "SetTcpEntry(MIB_TCP_STATE_DELETE_TCB) returned NO_ERROR but " + what + " is still " + was
                                + (wine.isPresent() ? " (Wine " + wine.get() + " accepts the call and does nothing)" : ""));
            }
            String now = after.map(c -> c.state().netstatName()).orElse("GONE");
            return result(Outcome.ENDED, ExitCodes.OK, before.get(), now, null, "ended " + what + " (was " + was + ", pid "
                    + before.get().pid() + ", now " + (after.isPresent() ? now : "gone") + ")");
        } catch (IpHelperException.NotFound e) {
            // Gone between reading the table and SetTcpEntry.
            return result(Outcome.NOT_FOUND, ExitCodes.NOT_FOUND, before.orElse(null), null, e.code(), e.getMessage());
        } catch (IpHelperException e) {
            String hint = e instanceof IpHelperException.AccessDenied ? " Windows needs an elevated process: run as administrator."
                    : "";
            return result(Outcome.REFUSED, ExitCodes.REFUSED, before.orElse(null), null, e.code(), e.getMessage() + hint);
        }
    }

    private Result result(Outcome o, int exit, TcpConnection before, String stateAfter, Integer win32Error, String msg) {
        return new Result(ConnectionsView.SCHEMA_VERSION, o, exit, Addresses.host(local.getAddress(), false), local.getPort(),
                Addresses.host(remote.getAddress(), false), remote.getPort(), before == null ? null : before.pid(),
                before == null ? null : before.state().netstatName(), stateAfter, win32Error, msg);
    }
}
