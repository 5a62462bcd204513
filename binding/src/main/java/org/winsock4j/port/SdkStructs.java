package org.winsock4j.port;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * Byte images of the small SDK structures that cross the port: {@code LINGER}, {@code sockaddr_in}
 * and {@code sockaddr_in6}, in their Win64 layout (x64 is little-endian; ports and IPv4/IPv6
 * addresses are in network byte order, as ws2def.h and ws2ipdef.h define them).
 *
 * <p>The JNA structures in the raw layer describe the same layouts field by field; a unit test
 * proves both agree byte for byte, and native-headers proves the offsets against the SDK.
 */
public final class SdkStructs {
    private SdkStructs() {}

    // LINGER { u_short l_onoff; u_short l_linger; }
    /** Offset of LINGER's {@code l_onoff}, a u_short: non-zero turns lingering on. */
    public static final int LINGER_L_ONOFF = 0;
    /** Offset of LINGER's {@code l_linger}, a u_short: the timeout in seconds. */
    public static final int LINGER_L_LINGER = 2;

    // sockaddr_in { short sin_family; u_short sin_port; IN_ADDR sin_addr; CHAR sin_zero[8]; }
    /** Offset of sockaddr_in's {@code sin_family}, AF_INET, little-endian. */
    public static final int SOCKADDR_IN_SIN_FAMILY = 0;
    /** Offset of sockaddr_in's {@code sin_port}, in network byte order. */
    public static final int SOCKADDR_IN_SIN_PORT = 2;
    /** Offset of sockaddr_in's {@code sin_addr}, the 4 address bytes in network byte order. */
    public static final int SOCKADDR_IN_SIN_ADDR = 4;
    /** Offset of sockaddr_in's {@code sin_zero}, 8 bytes of padding left zero. */
    public static final int SOCKADDR_IN_SIN_ZERO = 8;

    // sockaddr_in6 { ADDRESS_FAMILY sin6_family; USHORT sin6_port; ULONG sin6_flowinfo;
    //                IN6_ADDR sin6_addr; ULONG sin6_scope_id; }
    /** Offset of sockaddr_in6's {@code sin6_family}, AF_INET6, little-endian. */
    public static final int SOCKADDR_IN6_SIN6_FAMILY = 0;
    /** Offset of sockaddr_in6's {@code sin6_port}, in network byte order. */
    public static final int SOCKADDR_IN6_SIN6_PORT = 2;
    /** Offset of sockaddr_in6's {@code sin6_flowinfo}; this binding leaves it zero. */
    public static final int SOCKADDR_IN6_SIN6_FLOWINFO = 4;
    /** Offset of sockaddr_in6's {@code sin6_addr}, the 16 address bytes in network byte order. */
    public static final int SOCKADDR_IN6_SIN6_ADDR = 8;
    /** Offset of sockaddr_in6's {@code sin6_scope_id}, little-endian: the zone of a link-local address. */
    public static final int SOCKADDR_IN6_SIN6_SCOPE_ID = 24;

    // WSAPOLLFD { SOCKET fd; SHORT events; SHORT revents; }
    /** Offset of WSAPOLLFD's {@code fd}, a SOCKET (8 bytes on Win64). */
    public static final int WSAPOLLFD_FD = 0;
    /** Offset of WSAPOLLFD's {@code events}, a SHORT: the POLL* bits asked for. */
    public static final int WSAPOLLFD_EVENTS = 8;
    /** Offset of WSAPOLLFD's {@code revents}, a SHORT: the POLL* bits WSAPoll reports. */
    public static final int WSAPOLLFD_REVENTS = 10;

    // mstcpip.h: struct tcp_keepalive {ULONG onoff; ULONG keepalivetime; ULONG keepaliveinterval;},
    // the input of WSAIoctl(SIO_KEEPALIVE_VALS); times in milliseconds.
    /** Offset of tcp_keepalive.onoff (ULONG): non-zero turns keep-alive on. */
    public static final int TCP_KEEPALIVE_ONOFF = 0;
    /** Offset of tcp_keepalive.keepalivetime (ULONG): idle milliseconds before the first probe. */
    public static final int TCP_KEEPALIVE_KEEPALIVETIME = 4;
    /** Offset of tcp_keepalive.keepaliveinterval (ULONG): milliseconds between probes. */
    public static final int TCP_KEEPALIVE_KEEPALIVEINTERVAL = 8;

    // fd_set { u_int fd_count; SOCKET fd_array[FD_SETSIZE]; }, the sets select reads and rewrites.
    /** Offset of fd_set's {@code fd_count}, a u_int: how many of fd_array's SOCKETs are in the set. */
    public static final int FD_SET_FD_COUNT = 0;
    /** Offset of fd_set's {@code fd_array}, FD_SETSIZE SOCKETs (8-aligned after the u_int). */
    public static final int FD_SET_FD_ARRAY = 8;

    // struct timeval { long tv_sec; long tv_usec; }: long is 32 bits on Windows.
    /** Offset of timeval's {@code tv_sec}, a 32-bit long: whole seconds. */
    public static final int TIMEVAL_TV_SEC = 0;
    /** Offset of timeval's {@code tv_usec}, a 32-bit long: microseconds, below a million. */
    public static final int TIMEVAL_TV_USEC = 4;

    /** Largest sockaddr this binding reads back (getsockname, getpeername, accept). */
    public static final int SOCKADDR_MAX = Sdk.SIZEOF_SOCKADDR_IN6;

    /**
     * The value of a 4-byte option (a BOOL, a DWORD such as SO_RCVTIMEO, an int), little-endian.
     *
     * @param value the value
     * @return the 4-byte image, as setsockopt takes it
     */
    public static byte[] optionInt(int value) {
        byte[] b = new byte[4];
        putU32Le(b, 0, value);
        return b;
    }

    /**
     * Reads the value of a 4-byte option.
     *
     * @param optval at least 4 bytes, as getsockopt fills them
     * @return the value (a DWORD's 32 bits in an int)
     */
    public static int optionInt(byte[] optval) {
        return u32Le(optval, 0);
    }

    /**
     * A LINGER structure. Values must already be in 0..65535 (u_short).
     *
     * @param onoff the {@code l_onoff}: 0 for off, non-zero for on
     * @param lingerSeconds the {@code l_linger}, in seconds
     * @return the 4-byte image, as setsockopt(SO_LINGER) takes it
     */
    public static byte[] linger(int onoff, int lingerSeconds) {
        byte[] b = new byte[Sdk.SIZEOF_LINGER];
        putU16Le(b, LINGER_L_ONOFF, onoff);
        putU16Le(b, LINGER_L_LINGER, lingerSeconds);
        return b;
    }

    /**
     * Reads {@code l_onoff} from a LINGER image.
     *
     * @param linger a LINGER image, as getsockopt(SO_LINGER) fills it
     * @return the {@code l_onoff}, 0..65535; non-zero means on
     */
    public static int lingerOnoff(byte[] linger) {
        return u16Le(linger, LINGER_L_ONOFF);
    }

    /**
     * Reads {@code l_linger} from a LINGER image.
     *
     * @param linger a LINGER image, as getsockopt(SO_LINGER) fills it
     * @return the {@code l_linger} in seconds, 0..65535
     */
    public static int lingerSeconds(byte[] linger) {
        return u16Le(linger, LINGER_L_LINGER);
    }

    /**
     * A sockaddr_in or sockaddr_in6 for this address, chosen by the address's family.
     *
     * @param address a resolved IPv4 or IPv6 address and port
     * @return the 16-byte sockaddr_in or 28-byte sockaddr_in6 image, as bind and connect take it
     * @throws IllegalArgumentException if {@code address} is unresolved
     * @throws NullPointerException if {@code address} is null
     */
    public static byte[] sockaddr(InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("unresolved address: " + address);
        }
        InetAddress ip = address.getAddress();
        int port = address.getPort();
        if (ip instanceof Inet4Address) {
            byte[] b = new byte[Sdk.SIZEOF_SOCKADDR_IN];
            putU16Le(b, SOCKADDR_IN_SIN_FAMILY, Sdk.AF_INET);
            putU16Be(b, SOCKADDR_IN_SIN_PORT, port);
            System.arraycopy(ip.getAddress(), 0, b, SOCKADDR_IN_SIN_ADDR, 4);
            return b;
        }
        Inet6Address ip6 = (Inet6Address) ip;
        byte[] b = new byte[Sdk.SIZEOF_SOCKADDR_IN6];
        putU16Le(b, SOCKADDR_IN6_SIN6_FAMILY, Sdk.AF_INET6);
        putU16Be(b, SOCKADDR_IN6_SIN6_PORT, port);
        System.arraycopy(ip6.getAddress(), 0, b, SOCKADDR_IN6_SIN6_ADDR, 16);
        putU32Le(b, SOCKADDR_IN6_SIN6_SCOPE_ID, ip6.getScopeId());
        return b;
    }

    /**
     * The family field of a sockaddr image: {@link Sdk#AF_INET}, {@link Sdk#AF_INET6}, or
     * {@link Sdk#AF_UNSPEC} in a zeroed image nothing wrote.
     *
     * @param sockaddr the sockaddr image, at least 2 bytes
     * @return its {@code sa_family}
     */
    public static int family(byte[] sockaddr) {
        return u16Le(sockaddr, SOCKADDR_IN_SIN_FAMILY);
    }

    /**
     * The address in a sockaddr_in or sockaddr_in6 of {@code length} bytes, as written by
     * getsockname, getpeername or accept.
     *
     * @param sockaddr the sockaddr image
     * @param length how many bytes of {@code sockaddr} the call wrote
     * @return the address and port it holds (an IPv6 address keeps its scope id)
     * @throws IllegalArgumentException for another family or a length too short for the family
     */
    public static InetSocketAddress inetSocketAddress(byte[] sockaddr, int length) {
        if (length < 2) {
            throw new IllegalArgumentException("sockaddr too short: " + length + " bytes");
        }
        int family = u16Le(sockaddr, 0);
        try {
            if (family == Sdk.AF_INET && length >= Sdk.SIZEOF_SOCKADDR_IN) {
                byte[] ip = new byte[4];
                System.arraycopy(sockaddr, SOCKADDR_IN_SIN_ADDR, ip, 0, 4);
                return new InetSocketAddress(InetAddress.getByAddress(ip), u16Be(sockaddr, SOCKADDR_IN_SIN_PORT));
            }
            if (family == Sdk.AF_INET6 && length >= Sdk.SIZEOF_SOCKADDR_IN6) {
                byte[] ip = new byte[16];
                System.arraycopy(sockaddr, SOCKADDR_IN6_SIN6_ADDR, ip, 0, 16);
                int scope = u32Le(sockaddr, SOCKADDR_IN6_SIN6_SCOPE_ID);
                InetAddress address = scope == 0 ? InetAddress.getByAddress(ip)
                        : Inet6Address.getByAddress(null, ip, scope);
                return new InetSocketAddress(address, u16Be(sockaddr, SOCKADDR_IN6_SIN6_PORT));
            }
        } catch (UnknownHostException e) {
            throw new AssertionError("a 4 or 16 byte address is always valid", e);
        }
        throw new IllegalArgumentException("unsupported sockaddr: family " + family + ", " + length + " bytes");
    }

    /**
     * A struct tcp_keepalive image (12 bytes, three little-endian ULONGs).
     *
     * @param onoff non-zero turns keep-alive on
     * @param keepAliveTimeMillis idle milliseconds before the first probe, as an unsigned 32-bit value
     * @param keepAliveIntervalMillis milliseconds between probes, as an unsigned 32-bit value
     * @return the structure's bytes
     */
    public static byte[] tcpKeepalive(int onoff, int keepAliveTimeMillis, int keepAliveIntervalMillis) {
        byte[] b = new byte[TCP_KEEPALIVE_KEEPALIVEINTERVAL + 4];
        putU32Le(b, TCP_KEEPALIVE_ONOFF, onoff);
        putU32Le(b, TCP_KEEPALIVE_KEEPALIVETIME, keepAliveTimeMillis);
        putU32Le(b, TCP_KEEPALIVE_KEEPALIVEINTERVAL, keepAliveIntervalMillis);
        return b;
    }

    /**
     * The three ULONGs of a struct tcp_keepalive image: onoff, keepalivetime, keepaliveinterval.
     *
     * @param image at least 12 bytes
     * @return the fields, each as the int holding its 32 bits
     */
    public static int[] tcpKeepaliveFields(byte[] image) {
        return new int[] {u32Le(image, TCP_KEEPALIVE_ONOFF), u32Le(image, TCP_KEEPALIVE_KEEPALIVETIME),
            u32Le(image, TCP_KEEPALIVE_KEEPALIVEINTERVAL)};
    }

    /**
     * An fd_set holding these SOCKETs, as select reads it (FD_ZERO, then FD_SET of each).
     *
     * @param sockets at most {@link Sdk#FD_SETSIZE} SOCKET handles
     * @return the {@link Sdk#SIZEOF_FD_SET}-byte image
     * @throws IllegalArgumentException for more than {@link Sdk#FD_SETSIZE} sockets
     */
    public static byte[] fdSet(long... sockets) {
        if (sockets.length > Sdk.FD_SETSIZE) {
            throw new IllegalArgumentException("an fd_set holds at most " + Sdk.FD_SETSIZE + " sockets, got "
                    + sockets.length);
        }
        byte[] b = new byte[Sdk.SIZEOF_FD_SET];
        putU32Le(b, FD_SET_FD_COUNT, sockets.length);
        for (int i = 0; i < sockets.length; i++) {
            putU64Le(b, FD_SET_FD_ARRAY + 8 * i, sockets[i]);
        }
        return b;
    }

    /**
     * The SOCKETs in an fd_set image, as select left it (the ready ones).
     *
     * @param fdSet an fd_set image of {@link Sdk#SIZEOF_FD_SET} bytes
     * @return its first fd_count SOCKETs
     * @throws IllegalArgumentException if the image is not an fd_set's size or its count is
     *     above {@link Sdk#FD_SETSIZE}
     */
    public static long[] fdSetSockets(byte[] fdSet) {
        if (fdSet.length != Sdk.SIZEOF_FD_SET) {
            throw new IllegalArgumentException("an fd_set has " + Sdk.SIZEOF_FD_SET + " bytes, got " + fdSet.length);
        }
        int count = u32Le(fdSet, FD_SET_FD_COUNT);
        if (count < 0 || count > Sdk.FD_SETSIZE) {
            throw new IllegalArgumentException("fd_count " + (count & 0xffffffffL) + " is above FD_SETSIZE " + Sdk.FD_SETSIZE);
        }
        long[] sockets = new long[count];
        for (int i = 0; i < count; i++) {
            sockets[i] = u64Le(fdSet, FD_SET_FD_ARRAY + 8 * i);
        }
        return sockets;
    }

    /**
     * Whether an fd_set image holds {@code socket} (FD_ISSET).
     *
     * @param fdSet an fd_set image
     * @param socket a SOCKET handle
     * @return true if the socket is among its first fd_count SOCKETs
     */
    public static boolean fdIsSet(byte[] fdSet, long socket) {
        for (long s : fdSetSockets(fdSet)) {
            if (s == socket) {
                return true;
            }
        }
        return false;
    }

    /**
     * Refuses what is not a select argument: a set that is not an fd_set's size, a timeout not a
     * timeval's. Every backend calls this before select.
     *
     * @param readfds an fd_set image or null
     * @param writefds an fd_set image or null
     * @param exceptfds an fd_set image or null
     * @param timeout a timeval image or null
     * @throws IllegalArgumentException naming the bad argument and its length
     */
    public static void checkSelectArguments(byte[] readfds, byte[] writefds, byte[] exceptfds, byte[] timeout) {
        String[] names = {"readfds", "writefds", "exceptfds"};
        byte[][] sets = {readfds, writefds, exceptfds};
        for (int i = 0; i < sets.length; i++) {
            if (sets[i] != null && sets[i].length != Sdk.SIZEOF_FD_SET) {
                throw new IllegalArgumentException("select: " + names[i] + " must be an fd_set image of "
                        + Sdk.SIZEOF_FD_SET + " bytes, got " + sets[i].length);
            }
        }
        if (timeout != null && timeout.length != Sdk.SIZEOF_TIMEVAL) {
            throw new IllegalArgumentException("select: timeout must be a timeval image of " + Sdk.SIZEOF_TIMEVAL
                    + " bytes, got " + timeout.length);
        }
    }

    /**
     * A struct timeval of {@code millis} milliseconds, select's timeout.
     *
     * @param millis 0 (return at once) to 2147483647
     * @return the {@link Sdk#SIZEOF_TIMEVAL}-byte image
     * @throws IllegalArgumentException if {@code millis} is negative
     */
    public static byte[] timeval(int millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("a timeval of " + millis + " ms: it cannot be negative");
        }
        byte[] b = new byte[Sdk.SIZEOF_TIMEVAL];
        putU32Le(b, TIMEVAL_TV_SEC, millis / 1000);
        putU32Le(b, TIMEVAL_TV_USEC, millis % 1000 * 1000);
        return b;
    }

    static void putU16Le(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
    }

    static void putU16Be(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    static void putU32Le(byte[] b, int at, int v) {
        putU16Le(b, at, v);
        putU16Le(b, at + 2, v >>> 16);
    }

    static void putU64Le(byte[] b, int at, long v) {
        putU32Le(b, at, (int) v);
        putU32Le(b, at + 4, (int) (v >>> 32));
    }

    static long u64Le(byte[] b, int at) {
        return (u32Le(b, at) & 0xffffffffL) | (long) u32Le(b, at + 4) << 32;
    }

    static int u16Le(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    static int u16Be(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    static int u32Le(byte[] b, int at) {
        return u16Le(b, at) | u16Le(b, at + 2) << 16;
    }
}
