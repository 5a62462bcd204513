package org.winsock4j.tcp;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One row of the UDP table: a bound local address and its owning process id (0 when unknown).
 *
 * @param local the bound local address and port
 * @param pid the id of the owning process, 0 when unknown
 */
public record UdpEndpoint(InetSocketAddress local, long pid) {
    /**
     * A row; the address may not be null.
     *
     * @param local the bound local address and port
     * @param pid the id of the owning process, 0 when unknown
     * @throws NullPointerException if {@code local} is null
     */
    public UdpEndpoint {
        Objects.requireNonNull(local, "local");
    }

    /**
     * Whether this is a row of the IPv6 table.
     *
     * @return true if the local address is an IPv6 address
     */
    public boolean isIpv6() {
        return local.getAddress() instanceof Inet6Address;
    }
}
