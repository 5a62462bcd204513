package org.winsock4j;

import org.winsock4j.port.Sdk;

/** The address families winsock4j opens sockets in. */
public enum AddressFamily {
    /** IPv4, AF_INET. */
    INET(Sdk.AF_INET),
    /** IPv6, AF_INET6. */
    INET6(Sdk.AF_INET6);

    final int af;

    AddressFamily(int af) {
        this.af = af;
    }

    /**
     * The SDK value (AF_INET = 2, AF_INET6 = 23).
     *
     * @return the {@code af} argument that socket() takes for this family
     */
    public int sdkValue() {
        return af;
    }
}
