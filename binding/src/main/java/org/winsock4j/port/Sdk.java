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
    public static final int SOCKET_ERROR = -1;
    public static final long INVALID_SOCKET = ~0L;

    // WSAStartup version, MAKEWORD(2, 2).
    public static final int WINSOCK_VERSION_2_2 = 0x0202;
    public static final int WSADESCRIPTION_LEN = 256;
    public static final int WSASYS_STATUS_LEN = 128;

    // ws2def.h: address families, socket types, protocols.
    public static final int AF_UNSPEC = 0;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 23;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int IPPROTO_IP = 0;
    public static final int IPPROTO_TCP = 6;
    public static final int IPPROTO_UDP = 17;
    public static final int IPPROTO_IPV6 = 41;

    // winsock2.h / ws2def.h: socket-level options.
    public static final int SOL_SOCKET = 0xffff;
    public static final int SO_DEBUG = 0x0001;
    public static final int SO_ACCEPTCONN = 0x0002;
    public static final int SO_REUSEADDR = 0x0004;
    public static final int SO_KEEPALIVE = 0x0008;
    public static final int SO_DONTROUTE = 0x0010;
    public static final int SO_BROADCAST = 0x0020;
    public static final int SO_LINGER = 0x0080;
    public static final int SO_OOBINLINE = 0x0100;
    /** {@code (int)(~SO_LINGER)}: a BOOL view of {@code l_onoff == 0} (closesocket remarks). */
    public static final int SO_DONTLINGER = ~SO_LINGER;
    /** {@code (int)(~SO_REUSEADDR)}. */
    public static final int SO_EXCLUSIVEADDRUSE = ~SO_REUSEADDR;
    public static final int SO_SNDBUF = 0x1001;
    public static final int SO_RCVBUF = 0x1002;
    public static final int SO_SNDTIMEO = 0x1005;
    public static final int SO_RCVTIMEO = 0x1006;
    public static final int SO_ERROR = 0x1007;
    public static final int SO_TYPE = 0x1008;

    // IPPROTO_TCP / IPPROTO_IPV6 level options.
    public static final int TCP_NODELAY = 0x0001;
    public static final int IPV6_V6ONLY = 27;

    // winsock2.h: shutdown(how).
    public static final int SD_RECEIVE = 0;
    public static final int SD_SEND = 1;
    public static final int SD_BOTH = 2;

    // winsock2.h: ioctlsocket commands, _IOW('f', 126, u_long) and _IOR('f', 127, u_long).
    public static final int FIONBIO = 0x8004667e;
    public static final int FIONREAD = 0x4004667f;

    // winsock2.h: send/recv flags and listen backlog.
    public static final int MSG_OOB = 0x1;
    public static final int MSG_PEEK = 0x2;
    public static final int SOMAXCONN = 0x7fffffff;

    // ws2def.h: addresses, host byte order.
    public static final int INADDR_ANY = 0x00000000;
    public static final int INADDR_LOOPBACK = 0x7f000001;

    // Structure sizes on Win64 (checked with sizeof in native-headers).
    public static final int SIZEOF_LINGER = 4;
    public static final int SIZEOF_SOCKADDR_IN = 16;
    public static final int SIZEOF_SOCKADDR_IN6 = 28;
    public static final int SIZEOF_WSADATA = 408;
}
