package org.winsock4j.cli;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.winsock4j.jna.Wine;
import org.winsock4j.tcp.IpHelper;
import org.winsock4j.tcp.IpHelperException;
import org.winsock4j.tcp.TcpConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "kill", mixinStandardHelpOptions = true,
        description = {"Ends one IPv4 TCP connection, like wkillcx: SetTcpEntry with MIB_TCP_STATE_DELETE_TCB.",
            "Windows needs an elevated process. Exit 0 when the connection is gone afterwards, 1 on a typed",
            "failure (access denied, not supported, no such connection, still there afterwards)."})
final class KillCommand implements Callable<Integer> {
    @Option(names = "--local", required = true, paramLabel = "IP:PORT", description = "the connection's local address")
    String local;

    @Option(names = "--remote", required = true, paramLabel = "IP:PORT", description = "the connection's remote address")
    String remote;

    @Override
    public Integer call() throws Exception {
        InetSocketAddress l = CloseMatrixCommand.parseHostPort(local);
        InetSocketAddress r = CloseMatrixCommand.parseHostPort(remote);
        if (!(l.getAddress() instanceof java.net.Inet4Address) || !(r.getAddress() instanceof java.net.Inet4Address)) {
            throw new IllegalArgumentException("SetTcpEntry (MIB_TCPROW) ends IPv4 connections only; got " + local + " -> "
                    + remote);
        }
        IpHelper ip = IpHelper.system();
        try {
            Optional<TcpConnection> before = ip.find(l, r);
            if (before.isEmpty()) {
                System.err.println("kill: no TCP connection " + local + " -> " + remote + " in the table");
                return 1;
            }
            ip.kill(l, r);
            Optional<TcpConnection> after = ip.find(l, r);
            if (after.isPresent() && after.get().state() == before.get().state()) {
                System.err.println("kill: SetTcpEntry(MIB_TCP_STATE_DELETE_TCB) returned NO_ERROR but the connection is still "
                        + after.get().state().netstatName()
                        + (Wine.isWine() ? " (Wine " + Wine.version().orElse("?") + " accepts the call and does nothing)" : ""));
                return 1;
            }
            System.out.println("kill: ended " + local + " -> " + remote + " (was " + before.get().state().netstatName() + ", pid "
                    + before.get().pid() + (after.isPresent() ? ", now " + after.get().state().netstatName() : ", now gone") + ")");
            return 0;
        } catch (IpHelperException e) {
            System.err.println("kill: " + e.getMessage());
            return 1;
        }
    }
}
