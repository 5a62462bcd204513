package org.winsock4j;

import org.winsock4j.port.Sdk;

/**
 * Socket options whose value is a 4-byte int (BOOL or DWORD). Linger has its own methods on
 * {@link WinSocket}, because it is a structure.
 */
public enum IntOption {
    /**
     * BOOL: allow binding to an address already in use. On Windows this lets a second socket bind
     * the same address and port even while the first is active and listening ("port stealing"):
     * which socket then receives is undefined. {@link #SO_EXCLUSIVEADDRUSE} prevents that. See
     * <a href="https://learn.microsoft.com/en-us/windows/win32/winsock/using-so-reuseaddr-and-so-exclusiveaddruse">Using
     * SO_REUSEADDR and SO_EXCLUSIVEADDRUSE</a>.
     */
    SO_REUSEADDR(Sdk.SOL_SOCKET, Sdk.SO_REUSEADDR),
    /**
     * BOOL: bind the address exclusively; no other socket can bind it, not even with
     * {@link #SO_REUSEADDR} (that bind fails with WSAEACCES, or WSAEADDRINUSE). Set it before
     * bind. A server that must not have its port stolen sets this on its listener. See
     * <a href="https://learn.microsoft.com/en-us/windows/win32/winsock/using-so-reuseaddr-and-so-exclusiveaddruse">Using
     * SO_REUSEADDR and SO_EXCLUSIVEADDRUSE</a>.
     */
    SO_EXCLUSIVEADDRUSE(Sdk.SOL_SOCKET, Sdk.SO_EXCLUSIVEADDRUSE),
    /**
     * BOOL: out-of-band (urgent) data arrives inline with the normal data; recv with
     * {@link RecvFlag#OOB} then fails with WSAEINVAL. See
     * <a href="https://learn.microsoft.com/en-us/windows/win32/winsock/protocol-independent-out-of-band-data-2">Protocol-independent
     * out-of-band data</a>.
     */
    SO_OOBINLINE(Sdk.SOL_SOCKET, Sdk.SO_OOBINLINE),
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
    /**
     * DWORD, level IPPROTO_TCP: seconds a connection retransmits unacknowledged data before it is
     * dropped. See
     * <a href="https://learn.microsoft.com/en-us/windows/win32/winsock/ipproto-tcp-socket-options">IPPROTO_TCP
     * socket options</a>; a platform without it fails with its WSA error.
     */
    TCP_MAXRT(Sdk.IPPROTO_TCP, Sdk.TCP_MAXRT),
    /** DWORD, level IPPROTO_TCP: idle seconds before the first keep-alive probe (Windows 10 1709 on). */
    TCP_KEEPIDLE(Sdk.IPPROTO_TCP, Sdk.TCP_KEEPIDLE),
    /** DWORD, level IPPROTO_TCP: seconds between keep-alive probes (Windows 10 1709 on). */
    TCP_KEEPINTVL(Sdk.IPPROTO_TCP, Sdk.TCP_KEEPINTVL),
    /** DWORD, level IPPROTO_TCP: unanswered keep-alive probes before the connection is dropped (Windows 10 1703 on). */
    TCP_KEEPCNT(Sdk.IPPROTO_TCP, Sdk.TCP_KEEPCNT),
    /** BOOL, level IPPROTO_IPV6: an INET6 socket takes IPv6 only, no IPv4-mapped addresses. */
    IPV6_V6ONLY(Sdk.IPPROTO_IPV6, Sdk.IPV6_V6ONLY);

    final int level;
    final int optname;

    IntOption(int level, int optname) {
        this.level = level;
        this.optname = optname;
    }
}
