package org.winsock4j.tcp;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Objects;

/** One row of the UDP table: a bound local address and its owning process id (0 when unknown). */
public record UdpEndpoint(InetSocketAddress local, long pid) {
    public UdpEndpoint {
        Objects.requireNonNull(local, "local");
    }

    public boolean isIpv6() {
        return local.getAddress() instanceof Inet6Address;
    }
}
