package org.winsock4j.tcp;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One row of the TCP table (IPv4 or IPv6): local and remote address, state, owning process id.
 * A listener's remote address is the unspecified address, port 0. {@code pid} is what IP Helper
 * reports; 0 means no owner (TIME_WAIT rows) or an owner the platform did not tell.
 *
 * @param local the local address and port
 * @param remote the remote address and port (the unspecified address, port 0, for a listener)
 * @param state the connection's state
 * @param pid the id of the owning process, 0 when unknown
 */
public record TcpConnection(InetSocketAddress local, InetSocketAddress remote, TcpState state, long pid) {
    /**
     * A row; none of the objects may be null.
     *
     * @param local the local address and port
     * @param remote the remote address and port
     * @param state the connection's state
     * @param pid the id of the owning process, 0 when unknown
     * @throws NullPointerException if {@code local}, {@code remote} or {@code state} is null
     */
    public TcpConnection {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(state, "state");
    }

    /**
     * Whether this is a row of the IPv6 table.
     *
     * @return true if the local address is an IPv6 address
     */
    public boolean isIpv6() {
        return local.getAddress() instanceof Inet6Address;
    }

    /**
     * Local or remote port equals {@code port}.
     *
     * @param port a port number, 0..65535
     * @return true if either end of the connection uses {@code port}
     */
    public boolean hasPort(int port) {
        return local.getPort() == port || remote.getPort() == port;
    }
}
