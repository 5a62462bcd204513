package org.winsock4j.port;

/**
 * Windows SDK constants the binding uses, under their SDK names and with their SDK values
 * (winsock2.h, ws2def.h, ws2ipdef.h, winerror.h). Shared vocabulary of the port: the safe layer
 * passes these to the port, the JNA backend passes them on to ws2_32 unchanged.
 *
 * <p>Every value here is checked against mingw-w64's headers by {@code native-headers}
 * ({@code _Static_assert}s generated from this class).
 */
@SuppressWarnings("unused")
public final class Sdk {
    private Sdk() {}

    // winsock2.h: return values. SOCKET is UINT_PTR, so INVALID_SOCKET = (SOCKET)(~0) is all ones.
    /** What a failing int-returning Winsock call returns; the last error then says why. */
    public static final int SOCKET_ERROR = -1;
    /** What socket and accept return on failure: {@code (SOCKET)(~0)}, all 64 bits set. */
    public static final long INVALID_SOCKET = ~0L;

    // WSAStartup version, MAKEWORD(2, 2).
    /** The version WSAStartup asks for, {@code MAKEWORD(2, 2)}: Winsock 2.2. */
    public static final int WINSOCK_VERSION_2_2 = 0x0202;
    /** Length of WSADATA's {@code szDescription} less its NUL (the array has 257 chars). */
    public static final int WSADESCRIPTION_LEN = 256;
    /** Length of WSADATA's {@code szSystemStatus} less its NUL (the array has 129 chars). */
    public static final int WSASYS_STATUS_LEN = 128;

    // ws2def.h: address families, socket types, protocols.
    /** Address family left unspecified. */
    public static final int AF_UNSPEC = 0;
    /** Address family IPv4. */
    public static final int AF_INET = 2;
    /** Address family IPv6: 23 on Windows (Linux uses 10). */
    public static final int AF_INET6 = 23;
    /** Socket type: a reliable, connected byte stream (TCP). */
    public static final int SOCK_STREAM = 1;
    /** Socket type: connectionless datagrams (UDP). */
    public static final int SOCK_DGRAM = 2;
    /** Protocol 0: the socket type's default protocol; as an option level, IPv4 options. */
    public static final int IPPROTO_IP = 0;
    /** TCP: the protocol argument of socket, and the option level of TCP_NODELAY. */
    public static final int IPPROTO_TCP = 6;
    /** UDP: the protocol argument of socket. */
    public static final int IPPROTO_UDP = 17;
    /** IPv6: the option level of IPV6_V6ONLY. */
    public static final int IPPROTO_IPV6 = 41;

    // winsock2.h / ws2def.h: socket-level options.
    /** The option level of the SO_* socket options (setsockopt, getsockopt). */
    public static final int SOL_SOCKET = 0xffff;
    /** BOOL: record debugging information (providers may ignore it). */
    public static final int SO_DEBUG = 0x0001;
    /** Read-only BOOL: the socket is listening. */
    public static final int SO_ACCEPTCONN = 0x0002;
    /** BOOL: allow binding to an address already in use. */
    public static final int SO_REUSEADDR = 0x0004;
    /** BOOL: send TCP keep-alive probes on an idle connection. */
    public static final int SO_KEEPALIVE = 0x0008;
    /** BOOL: send on the interface the socket is bound to, without routing. */
    public static final int SO_DONTROUTE = 0x0010;
    /** BOOL: allow sending datagrams to a broadcast address. */
    public static final int SO_BROADCAST = 0x0020;
    /** A LINGER structure: what closesocket does with data not yet sent. */
    public static final int SO_LINGER = 0x0080;
    /** BOOL: receive out-of-band data in line with the normal data. */
    public static final int SO_OOBINLINE = 0x0100;
    /** {@code (int)(~SO_LINGER)}: a BOOL view of {@code l_onoff == 0} (closesocket remarks). */
    public static final int SO_DONTLINGER = ~SO_LINGER;
    /**
     * BOOL: bind the address exclusively, so that no other socket can reuse it.
     * {@code (int)(~SO_REUSEADDR)}.
     */
    public static final int SO_EXCLUSIVEADDRUSE = ~SO_REUSEADDR;
    /** int: the size of the send buffer, in bytes. */
    public static final int SO_SNDBUF = 0x1001;
    /** int: the size of the receive buffer, in bytes. */
    public static final int SO_RCVBUF = 0x1002;
    /** DWORD: the timeout of blocking sends, in milliseconds; 0 waits forever. */
    public static final int SO_SNDTIMEO = 0x1005;
    /** DWORD: the timeout of blocking receives, in milliseconds; 0 waits forever. */
    public static final int SO_RCVTIMEO = 0x1006;
    /** Read-only int: the socket's pending error, cleared by reading it. */
    public static final int SO_ERROR = 0x1007;
    /** Read-only int: the socket type, SOCK_STREAM or SOCK_DGRAM. */
    public static final int SO_TYPE = 0x1008;

    // IPPROTO_TCP / IPPROTO_IPV6 level options.
    /** BOOL at level IPPROTO_TCP: turn the Nagle algorithm off, send small segments at once. */
    public static final int TCP_NODELAY = 0x0001;
    /**
     * DWORD at level IPPROTO_TCP: maximum retransmission time in seconds before the connection
     * is dropped (ws2ipdef.h; absent from the mingw-w64 headers, so winsock4j_mapping.h defines it
     * from https://learn.microsoft.com/en-us/windows/win32/winsock/ipproto-tcp-socket-options).
     */
    public static final int TCP_MAXRT = 5;
    /** DWORD at level IPPROTO_TCP: keep-alive probes sent before the connection is dropped. */
    public static final int TCP_KEEPCNT = 16;
    /** DWORD at level IPPROTO_TCP: idle seconds before the first keep-alive probe (TCP_KEEPALIVE). */
    public static final int TCP_KEEPIDLE = 3;
    /** DWORD at level IPPROTO_TCP: seconds between keep-alive probes. */
    public static final int TCP_KEEPINTVL = 17;
    /** BOOL at level IPPROTO_IPV6: an AF_INET6 socket takes IPv6 only, no IPv4-mapped addresses. */
    public static final int IPV6_V6ONLY = 27;

    // winsock2.h: shutdown(how).
    /** shutdown: no more receives. */
    public static final int SD_RECEIVE = 0;
    /** shutdown: no more sends; a FIN follows the queued data. */
    public static final int SD_SEND = 1;
    /** shutdown: no more sends nor receives. */
    public static final int SD_BOTH = 2;

    // winsock2.h: ioctlsocket commands, _IOW('f', 126, u_long) and _IOR('f', 127, u_long).
    /** ioctlsocket command: non-zero argument makes the socket non-blocking, zero blocking. */
    public static final int FIONBIO = 0x8004667e;
    /**
     * WSAIoctl command {@code _WSAIOW(IOC_VENDOR, 4)} (mstcpip.h): set the keep-alive timing of
     * one socket from a struct tcp_keepalive.
     */
    public static final int SIO_KEEPALIVE_VALS = 0x98000004;
    /** ioctlsocket command: how many bytes one recv can read at once. */
    public static final int FIONREAD = 0x4004667f;

    // winsock2.h: send/recv flags and listen backlog.
    /** send/recv flag: out-of-band data. */
    public static final int MSG_OOB = 0x1;
    /** recv flag: copy the data without removing it from the receive queue. */
    public static final int MSG_PEEK = 0x2;
    /** recv flag: complete only when the buffer is full, the peer closed, or an error. */
    public static final int MSG_WAITALL = 0x8;
    /** listen backlog: let the provider choose a reasonable maximum. */
    public static final int SOMAXCONN = 0x7fffffff;

    // ws2def.h: addresses, host byte order.
    /** IPv4 0.0.0.0, in host byte order: any local address. */
    public static final int INADDR_ANY = 0x00000000;
    /** IPv4 127.0.0.1, in host byte order: the loopback address. */
    public static final int INADDR_LOOPBACK = 0x7f000001;

    // Structure sizes on Win64 (checked with sizeof in native-headers).
    /** {@code sizeof(LINGER)}: two u_shorts. */
    public static final int SIZEOF_LINGER = 4;
    /** {@code sizeof(SOCKADDR_IN)}: family, port, IPv4 address and 8 bytes of zeros. */
    public static final int SIZEOF_SOCKADDR_IN = 16;
    /** {@code sizeof(SOCKADDR_IN6)}: family, port, flow info, IPv6 address and scope id. */
    public static final int SIZEOF_SOCKADDR_IN6 = 28;
    /** {@code sizeof(WSADATA)} on Win64. */
    public static final int SIZEOF_WSADATA = 408;

    // WSAPoll (winsock2.h): WSAPOLLFD events and revents bits, SHORT values.
    /** WSAPoll: normal data can be read without blocking (a connection to accept, on a listener). */
    public static final int POLLRDNORM = 0x0100;
    /** WSAPoll: priority band (out-of-band) data can be read without blocking. */
    public static final int POLLRDBAND = 0x0200;
    /** WSAPoll: {@code POLLRDNORM | POLLRDBAND}. */
    public static final int POLLIN = 0x0300;
    /** WSAPoll: priority data can be read; Windows does not support it in {@code events}. */
    public static final int POLLPRI = 0x0400;
    /** WSAPoll: normal data can be written without blocking (a connect completed). */
    public static final int POLLWRNORM = 0x0010;
    /** WSAPoll: the same as {@link #POLLWRNORM}. */
    public static final int POLLOUT = 0x0010;
    /** WSAPoll: priority band (out-of-band) data can be written without blocking. */
    public static final int POLLWRBAND = 0x0020;
    /** WSAPoll revents only: an error occurred (a reset, a failed connect). */
    public static final int POLLERR = 0x0001;
    /** WSAPoll revents only: the connection was closed or aborted (a FIN or RST received). */
    public static final int POLLHUP = 0x0002;
    /** WSAPoll revents only: the socket is not a valid socket. */
    public static final int POLLNVAL = 0x0004;
    /** {@code sizeof(WSAPOLLFD)} on Win64: SOCKET fd, SHORT events, SHORT revents, padding. */
    public static final int SIZEOF_WSAPOLLFD = 16;

    // select (winsock2.h): fd_set and struct timeval.
    /** The most SOCKETs one fd_set holds: winsock2.h's FD_SETSIZE (64 unless a program defines it first). */
    public static final int FD_SETSIZE = 64;
    /** {@code sizeof(fd_set)} on Win64: u_int fd_count, 4 bytes of padding, SOCKET fd_array[FD_SETSIZE]. */
    public static final int SIZEOF_FD_SET = 520;
    /** {@code sizeof(struct timeval)}: two 32-bit longs, tv_sec and tv_usec. */
    public static final int SIZEOF_TIMEVAL = 8;
}
