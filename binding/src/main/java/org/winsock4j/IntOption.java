package org.winsock4j;

import org.winsock4j.port.Sdk;

/**
 * Socket options whose value is a 4-byte int (BOOL or DWORD). Linger has its own methods on
 * {@link WinSocket}, because it is a structure.
 *
 * <p>Each option states the values it takes, from its documentation (the
 * <a href="https://learn.microsoft.com/en-us/windows/win32/winsock/sol-socket-socket-options">SOL_SOCKET</a>
 * and <a href="https://learn.microsoft.com/en-us/windows/win32/winsock/ipproto-tcp-socket-options">IPPROTO_TCP</a>
 * socket options pages; the JDK rejects the same values in {@code java.net.Socket} and
 * {@code StandardSocketOptions}): {@link WinSocket#setOption} refuses any other value with
 * IllegalArgumentException before any native call, and refuses to set the read-only
 * {@link #SO_ERROR} and {@link #SO_TYPE} at all. A DWORD is unsigned in C: a negative Java int
 * would reach it as a value above 2147483647, which no option here documents.
 */
public enum IntOption {
    /**
     * BOOL (0 or 1): allow binding to an address already in use, shared with the other sockets
     * that set it (which socket then receives is undefined). Set on a socket winsock4j opened, it
     * also replaces the exclusive bind winsock4j makes by default ({@link WinSocket#bind});
     * {@link #SO_EXCLUSIVEADDRUSE} keeps others off a port. See
     * <a href="https://learn.microsoft.com/en-us/windows/win32/winsock/using-so-reuseaddr-and-so-exclusiveaddruse">Using
     * SO_REUSEADDR and SO_EXCLUSIVEADDRUSE</a>.
     */
    SO_REUSEADDR(Sdk.SOL_SOCKET, Sdk.SO_REUSEADDR, Values.BOOL),
    /**
     * BOOL (0 or 1): bind the address exclusively; no other socket can bind it, not even with
     * {@link #SO_REUSEADDR} (that bind fails with WSAEACCES, or WSAEADDRINUSE). Set it before
     * bind. winsock4j sets it before the bind of every socket it opened unless the application
     * set this option or SO_REUSEADDR first ({@link WinSocket#bind}): set it to 0 before bind to
     * bind as plain Winsock does. See
     * <a href="https://learn.microsoft.com/en-us/windows/win32/winsock/using-so-reuseaddr-and-so-exclusiveaddruse">Using
     * SO_REUSEADDR and SO_EXCLUSIVEADDRUSE</a>.
     */
    SO_EXCLUSIVEADDRUSE(Sdk.SOL_SOCKET, Sdk.SO_EXCLUSIVEADDRUSE, Values.BOOL),
    /**
     * BOOL (0 or 1): out-of-band (urgent) data arrives inline with the normal data; recv with
     * {@link RecvFlag#OOB} then fails with WSAEINVAL. See
     * <a href="https://learn.microsoft.com/en-us/windows/win32/winsock/protocol-independent-out-of-band-data-2">Protocol-independent
     * out-of-band data</a>.
     */
    SO_OOBINLINE(Sdk.SOL_SOCKET, Sdk.SO_OOBINLINE, Values.BOOL),
    /** BOOL (0 or 1): send TCP keep-alive probes on an idle connection. */
    SO_KEEPALIVE(Sdk.SOL_SOCKET, Sdk.SO_KEEPALIVE, Values.BOOL),
    /** int, 0 or more bytes: the size of the send buffer (0: no buffering, sends use the caller's data). */
    SO_SNDBUF(Sdk.SOL_SOCKET, Sdk.SO_SNDBUF, Values.BYTES),
    /** int, 0 or more bytes: the size of the receive buffer. */
    SO_RCVBUF(Sdk.SOL_SOCKET, Sdk.SO_RCVBUF, Values.BYTES),
    /**
     * DWORD, 0 or more milliseconds; 0 waits forever. After a timeout, Windows leaves the socket
     * indeterminate.
     */
    SO_SNDTIMEO(Sdk.SOL_SOCKET, Sdk.SO_SNDTIMEO, Values.MILLISECONDS),
    /** DWORD, 0 or more milliseconds; 0 waits forever. */
    SO_RCVTIMEO(Sdk.SOL_SOCKET, Sdk.SO_RCVTIMEO, Values.MILLISECONDS),
    /** Read-only: the pending error, cleared by reading it. */
    SO_ERROR(Sdk.SOL_SOCKET, Sdk.SO_ERROR, Values.READ_ONLY),
    /** Read-only: SOCK_STREAM or SOCK_DGRAM. */
    SO_TYPE(Sdk.SOL_SOCKET, Sdk.SO_TYPE, Values.READ_ONLY),
    /** BOOL (0 or 1), level IPPROTO_TCP: the Nagle algorithm off, small segments sent at once. */
    TCP_NODELAY(Sdk.IPPROTO_TCP, Sdk.TCP_NODELAY, Values.BOOL),
    /**
     * DWORD, level IPPROTO_TCP: seconds a connection retransmits unacknowledged data before it is
     * dropped, 0 or more, or -1 to retransmit forever. See
     * <a href="https://learn.microsoft.com/en-us/windows/win32/winsock/ipproto-tcp-socket-options">IPPROTO_TCP
     * socket options</a>; a platform without it fails with its WSA error.
     */
    TCP_MAXRT(Sdk.IPPROTO_TCP, Sdk.TCP_MAXRT, Values.SECONDS_OR_FOREVER),
    /** DWORD, level IPPROTO_TCP: idle seconds before the first keep-alive probe, 0 or more (Windows 10 1709 on). */
    TCP_KEEPIDLE(Sdk.IPPROTO_TCP, Sdk.TCP_KEEPIDLE, Values.SECONDS),
    /** DWORD, level IPPROTO_TCP: seconds between keep-alive probes, 0 or more (Windows 10 1709 on). */
    TCP_KEEPINTVL(Sdk.IPPROTO_TCP, Sdk.TCP_KEEPINTVL, Values.SECONDS),
    /**
     * DWORD, level IPPROTO_TCP: unanswered keep-alive probes before the connection is dropped,
     * 0 to 255 ("It is illegal to set TCP_KEEPCNT to a value greater than 255"; Windows 10 1703 on).
     */
    TCP_KEEPCNT(Sdk.IPPROTO_TCP, Sdk.TCP_KEEPCNT, Values.PROBES),
    /** BOOL (0 or 1), level IPPROTO_IPV6: an INET6 socket takes IPv6 only, no IPv4-mapped addresses. */
    IPV6_V6ONLY(Sdk.IPPROTO_IPV6, Sdk.IPV6_V6ONLY, Values.BOOL);

    final int level;
    final int optname;
    private final Values values;

    IntOption(int level, int optname, Values values) {
        this.level = level;
        this.optname = optname;
        this.values = values;
    }

    /** Refuses a value outside the option's documented range, naming the option and the value. */
    void checkValue(int value) {
        if (values == Values.READ_ONLY) {
            throw new IllegalArgumentException(this + " is read-only (getsockopt only): cannot set it to " + value);
        }
        if (value < values.min || value > values.max) {
            throw new IllegalArgumentException(this + " takes " + values.text + ", got " + value);
        }
    }

    /** The documented values of the options. */
    private enum Values {
        BOOL(0, 1, "0 or 1 (a BOOL)"),
        BYTES(0, Integer.MAX_VALUE, "0 to 2147483647 bytes"),
        MILLISECONDS(0, Integer.MAX_VALUE, "0 (no limit) to 2147483647 milliseconds"),
        SECONDS(0, Integer.MAX_VALUE, "0 to 2147483647 seconds"),
        SECONDS_OR_FOREVER(-1, Integer.MAX_VALUE, "-1 (retransmit forever) or 0 to 2147483647 seconds"),
        PROBES(0, 255, "0 to 255 probes"),
        READ_ONLY(1, 0, "none (read-only)");

        final int min;
        final int max;
        final String text;

        Values(int min, int max, String text) {
            this.min = min;
            this.max = max;
            this.text = text;
        }
    }
}
