package org.winsock4j.tcp;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One row of the TCP table (IPv4 or IPv6): local and remote address, state, owning process id.
 * A listener's remote address is the unspecified address, port 0. {@code pid} is what IP Helper
 * reports; 0 means no owner (TIME_WAIT rows) or an owner the platform did not tell.
 */
public record TcpConnection(InetSocketAddress local, InetSocketAddress remote, TcpState state, long pid) {
    public TcpConnection {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(state, "state");
    }

    public boolean isIpv6() {
        return local.getAddress() instanceof Inet6Address;
    }

    /** Local or remote port equals {@code port}. */
    public boolean hasPort(int port) {
        return local.getPort() == port || remote.getPort() == port;
    }
}
