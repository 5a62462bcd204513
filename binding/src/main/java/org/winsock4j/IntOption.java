package org.winsock4j;

import org.winsock4j.port.Sdk;

/**
 * Socket options whose value is a 4-byte int (BOOL or DWORD). Linger has its own methods on
 * {@link WinSocket}, because it is a structure.
 */
public enum IntOption {
    /** BOOL: allow binding to an address already in use. */
    SO_REUSEADDR(Sdk.SOL_SOCKET, Sdk.SO_REUSEADDR),
    /** BOOL: bind the address exclusively; no other socket can reuse it. */
    SO_EXCLUSIVEADDRUSE(Sdk.SOL_SOCKET, Sdk.SO_EXCLUSIVEADDRUSE),
    /** BOOL: send TCP keep-alive probes on an idle connection. */
    SO_KEEPALIVE(Sdk.SOL_SOCKET, Sdk.SO_KEEPALIVE),
    /** Bytes: the size of the send buffer. */
    SO_SNDBUF(Sdk.SOL_SOCKET, Sdk.SO_SNDBUF),
    /** Bytes: the size of the receive buffer. */
    SO_RCVBUF(Sdk.SOL_SOCKET, Sdk.SO_RCVBUF),
    /** Milliseconds; 0 waits forever. After a timeout, Windows leaves the socket indeterminate. */
    SO_SNDTIMEO(Sdk.SOL_SOCKET, Sdk.SO_SNDTIMEO),
    /** Milliseconds; 0 waits forever. */
    SO_RCVTIMEO(Sdk.SOL_SOCKET, Sdk.SO_RCVTIMEO),
    /** Read-only: the pending error, cleared by reading it. */
    SO_ERROR(Sdk.SOL_SOCKET, Sdk.SO_ERROR),
    /** Read-only: SOCK_STREAM or SOCK_DGRAM. */
    SO_TYPE(Sdk.SOL_SOCKET, Sdk.SO_TYPE),
    /** BOOL, level IPPROTO_TCP: the Nagle algorithm off, small segments sent at once. */
    TCP_NODELAY(Sdk.IPPROTO_TCP, Sdk.TCP_NODELAY),
    /** BOOL, level IPPROTO_IPV6: an INET6 socket takes IPv6 only, no IPv4-mapped addresses. */
    IPV6_V6ONLY(Sdk.IPPROTO_IPV6, Sdk.IPV6_V6ONLY);

    final int level;
    final int optname;

    IntOption(int level, int optname) {
        this.level = level;
        this.optname = optname;
    }
}
