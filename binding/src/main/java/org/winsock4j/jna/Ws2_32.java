package org.winsock4j.jna;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * ws2_32.dll by JNA direct mapping, Win64 prototypes exactly (winsock2.h): {@code SOCKET} is
 * {@code UINT_PTR}, a 64-bit {@code long} here; {@code int} stays {@code int}; {@code u_long} is
 * 32 bits on Windows; {@code char*} buffers are {@code byte[]} or {@link Pointer}. The data
 * functions (send, recv, sendto, recvfrom) take their buffer as an address, a {@code long}: in the
 * Win64 calling convention a pointer and a 64-bit integer are passed alike, and an address needs
 * no Pointer object per call (the FFM backend's handles do the same). Their data is native memory
 * the buffer layer chose (org.winsock4j.internal.NativeWinsockPort): JNA would pass a
 * {@code byte[]} by copying all of it in and out.
 *
 * <p>Registering needs ws2_32, so this class initialises only on Windows/Wine, and only through
 * {@link JnaWinsockPort}, which checks the platform first. JNA stores the thread's last error
 * right after every call; read it with {@link Native#getLastError()} after a failure, never
 * with a WSAGetLastError downcall (docs/ARCHITECTURE.md#error-capture). The prototypes are restated in
 * native-headers/include/winsock4j_mapping.h and compiled against the SDK headers.
 *
 * <p>Only what the ports call is mapped here: the library ships no lab-only code. ws2_32's
 * overlapped functions, which the lab's instruments use to observe a pending receive at
 * closesocket, are mapped by the CLI (org.winsock4j.cli.instrument.Ws2_32Overlapped).
 */
public final class Ws2_32 {
    private Ws2_32() {}

    static {
        Native.register(Ws2_32.class, NativeLibrary.getInstance("ws2_32"));
    }

    /**
     * {@code int WSAStartup(WORD wVersionRequested, LPWSADATA lpWSAData)}: starts Winsock for this
     * process. It returns its error code; it does not set the last error.
     *
     * @param wVersionRequested the version asked for, MAKEWORD(2, 2) = 0x0202
     * @param lpWSAData receives the implementation's details, including the version granted
     * @return 0, or the WSA error code of the failure
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsastartup">WSAStartup function (winsock2.h)</a>
     */
    public static native int WSAStartup(short wVersionRequested, WSADATA lpWSAData);

    /**
     * {@code int WSACleanup(void)}: ends one WSAStartup of this process.
     *
     * @return 0, or {@link org.winsock4j.port.Sdk#SOCKET_ERROR} with the reason in {@link Native#getLastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsacleanup">WSACleanup function (winsock2.h)</a>
     */
    public static native int WSACleanup();

    /**
     * {@code SOCKET socket(int af, int type, int protocol)}: a new socket.
     *
     * @param af the address family, AF_INET or AF_INET6
     * @param type the socket type, SOCK_STREAM or SOCK_DGRAM
     * @param protocol the protocol, IPPROTO_TCP, IPPROTO_UDP or 0 for the type's default
     * @return the new SOCKET, or INVALID_SOCKET (all ones) with the reason in
     *     {@link Native#getLastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-socket">socket function (winsock2.h)</a>
     */
    public static native long socket(int af, int type, int protocol);

    /**
     * {@code int bind(SOCKET s, const sockaddr *name, int namelen)}: gives the socket its local
     * address.
     *
     * @param s the socket, a SOCKET handle
     * @param name the sockaddr_in or sockaddr_in6 image of the local address
     * @param namelen the length of {@code name} in bytes
     * @return 0, or {@link org.winsock4j.port.Sdk#SOCKET_ERROR} with the reason in {@link Native#getLastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-bind">bind function (winsock2.h)</a>
     */
    public static native int bind(long s, byte[] name, int namelen);

    /**
     * {@code int listen(SOCKET s, int backlog)}: makes a bound stream socket accept connections.
     *
     * @param s the socket, a SOCKET handle
     * @param backlog the length of the queue of pending connections, or SOMAXCONN
     * @return 0, or {@link org.winsock4j.port.Sdk#SOCKET_ERROR} with the reason in {@link Native#getLastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-listen">listen function (winsock2.h)</a>
     */
    public static native int listen(long s, int backlog);

    /**
     * {@code SOCKET accept(SOCKET s, sockaddr *addr, int *addrlen)}: takes the next pending
     * connection.
     *
     * @param s the listening socket
     * @param addr receives the peer's sockaddr, or {@code null}
     * @param addrlen {@code [0]} is the size of {@code addr} in, the sockaddr's length out; or
     *     {@code null} with a {@code null} addr
     * @return the connected SOCKET, or INVALID_SOCKET (all ones) with the reason in
     *     {@link Native#getLastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-accept">accept function (winsock2.h)</a>
     */
    public static native long accept(long s, byte[] addr, int[] addrlen);

    /**
     * {@code int connect(SOCKET s, const sockaddr *name, int namelen)}: connects the socket to a
     * remote address.
     *
     * @param s the socket, a SOCKET handle
     * @param name the sockaddr_in or sockaddr_in6 image of the remote address
     * @param namelen the length of {@code name} in bytes
     * @return 0, or {@link org.winsock4j.port.Sdk#SOCKET_ERROR} with the reason in {@link Native#getLastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-connect">connect function (winsock2.h)</a>
     */
    public static native int connect(long s, byte[] name, int namelen);

    /**
     * {@code int send(SOCKET s, const char *buf, int len, int flags)}: sends data on a connected
     * socket.
     *
     * @param s the socket, a SOCKET handle
     * @param buf the address of native memory holding the bytes to send
     * @param len how many bytes of {@code buf} to send
     * @param flags 0 or MSG_OOB
     * @return the number of bytes sent, or {@link org.winsock4j.port.Sdk#SOCKET_ERROR} with the
     *     reason in {@link Native#getLastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-send">send function (winsock2.h)</a>
     */
    public static native int send(long s, long buf, int len, int flags);

    /**
     * {@code int recv(SOCKET s, char *buf, int len, int flags)}: receives data from a connected
     * socket.
     *
     * @param s the socket, a SOCKET handle
     * @param buf the address of native memory that receives the bytes
     * @param len the most bytes to receive, at most the size of {@code buf}
     * @param flags 0, MSG_PEEK or MSG_OOB
     * @return the number of bytes received, 0 when the peer closed gracefully, or
     *     {@link org.winsock4j.port.Sdk#SOCKET_ERROR} with the reason in {@link Native#getLastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-recv">recv function (winsock2.h)</a>
     */
    public static native int recv(long s, long buf, int len, int flags);

    /**
     * {@code int setsockopt(SOCKET s, int level, int optname, const char *optval, int optlen)}:
     * sets a socket option.
     *
     * @param s the socket, a SOCKET handle
     * @param level the option's level, such as SOL_SOCKET or IPPROTO_TCP
     * @param optname the option, such as SO_LINGER
     * @param optval the value's bytes: a little-endian int, or a structure image such as LINGER
     * @param optlen the length of {@code optval} in bytes
     * @return 0, or {@link org.winsock4j.port.Sdk#SOCKET_ERROR} with the reason in {@link Native#getLastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-setsockopt">setsockopt function (winsock2.h)</a>
     */
    public static native int setsockopt(long s, int level, int optname, byte[] optval, int optlen);

    /**
     * {@code int getsockopt(SOCKET s, int level, int optname, char *optval, int *optlen)}: reads
     * a socket option.
     *
     * @param s the socket, a SOCKET handle
     * @param level the option's level, such as SOL_SOCKET or IPPROTO_TCP
     * @param optname the option, such as SO_ERROR
     * @param optval receives the value's bytes
     * @param optlen {@code [0]} is the size of {@code optval} in, the value's size out
     * @return 0, or {@link org.winsock4j.port.Sdk#SOCKET_ERROR} with the reason in {@link Native#getLastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-getsockopt">getsockopt function (winsock2.h)</a>
     */
    public static native int getsockopt(long s, int level, int optname, byte[] optval, int[] optlen);

    /**
     * {@code int ioctlsocket(SOCKET s, long cmd, u_long *argp)}: controls the socket's I/O mode
     * (FIONBIO) or asks how much can be read (FIONREAD). {@code long} is 32 bits on Windows.
     *
     * @param s the socket, a SOCKET handle
     * @param cmd the command, FIONBIO or FIONREAD
     * @param argp {@code [0]} is the command's u_long argument in and its result out
     * @return 0, or {@link org.winsock4j.port.Sdk#SOCKET_ERROR} with the reason in {@link Native#getLastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-ioctlsocket">ioctlsocket function (winsock2.h)</a>
     */
    public static native int ioctlsocket(long s, int cmd, int[] argp);

    /**
     * {@code int WSAIoctl(SOCKET s, DWORD dwIoControlCode, LPVOID lpvInBuffer, DWORD cbInBuffer,
     * LPVOID lpvOutBuffer, DWORD cbOutBuffer, LPDWORD lpcbBytesReturned, LPWSAOVERLAPPED
     * lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)}: a socket control
     * command, here without overlapped I/O (both last arguments null).
     *
     * @param s the socket
     * @param dwIoControlCode the command, e.g. {@link org.winsock4j.port.Sdk#SIO_KEEPALIVE_VALS}
     * @param lpvInBuffer the input, or null
     * @param cbInBuffer the input's size in bytes
     * @param lpvOutBuffer the output, or null
     * @param cbOutBuffer the output's size in bytes
     * @param lpcbBytesReturned receives the output's actual size
     * @param lpOverlapped null: a blocking, non-overlapped call
     * @param lpCompletionRoutine null
     * @return 0, or {@link org.winsock4j.port.Sdk#SOCKET_ERROR} with the reason in
     *     {@link Native#getLastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsaioctl">WSAIoctl function (winsock2.h)</a>
     */
    public static native int WSAIoctl(long s, int dwIoControlCode, byte[] lpvInBuffer, int cbInBuffer,
            byte[] lpvOutBuffer, int cbOutBuffer, int[] lpcbBytesReturned, Pointer lpOverlapped,
            Pointer lpCompletionRoutine);

    /**
     * {@code int WSAPoll(LPWSAPOLLFD fdArray, ULONG fds, INT timeout)}: waits until one of the
     * sockets is ready as its WSAPOLLFD's {@code events} ask, and writes each {@code revents}.
     *
     * @param fdArray {@code fds} WSAPOLLFD structures in native memory ({@link WSAPOLLFD} lays
     *     one out: 16 bytes on Win64)
     * @param fds the number of structures, a ULONG
     * @param timeout milliseconds to wait: 0 returns at once, negative waits without limit
     * @return the number of sockets with a non-zero {@code revents}, 0 when the timeout
     *     expired, or {@link org.winsock4j.port.Sdk#SOCKET_ERROR} with the reason in
     *     {@link Native#getLastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsapoll">WSAPoll function (winsock2.h)</a>
     */
    public static native int WSAPoll(Pointer fdArray, int fds, int timeout);

    /**
     * {@code int select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds, const
     * timeval *timeout)}: waits until a socket of one of the sets is ready, and rewrites each set
     * to its ready sockets. A failed non-blocking connect is reported in {@code exceptfds}.
     *
     * @param nfds ignored by Winsock (kept for Berkeley sockets); 0
     * @param readfds an {@link fd_set} in native memory, or null
     * @param writefds an {@link fd_set} in native memory, or null
     * @param exceptfds an {@link fd_set} in native memory, or null
     * @param timeout a {@link timeval} in native memory, or null to wait without limit
     * @return the number of ready sockets in the three sets, 0 when the timeout expired, or
     *     {@link org.winsock4j.port.Sdk#SOCKET_ERROR} with the reason in {@link Native#getLastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-select">select function (winsock2.h)</a>
     */
    public static native int select(int nfds, Pointer readfds, Pointer writefds, Pointer exceptfds, Pointer timeout);

    /**
     * {@code int shutdown(SOCKET s, int how)}: disables sends, receives or both on the socket.
     *
     * @param s the socket, a SOCKET handle
     * @param how SD_RECEIVE (0), SD_SEND (1) or SD_BOTH (2)
     * @return 0, or {@link org.winsock4j.port.Sdk#SOCKET_ERROR} with the reason in {@link Native#getLastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-shutdown">shutdown function (winsock2.h)</a>
     */
    public static native int shutdown(long s, int how);

    /**
     * {@code int closesocket(SOCKET s)}: closes the socket, as its LINGER setting says.
     *
     * @param s the socket, a SOCKET handle; it names nothing after a successful call
     * @return 0, or {@link org.winsock4j.port.Sdk#SOCKET_ERROR} with the reason in {@link Native#getLastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-closesocket">closesocket function (winsock2.h)</a>
     */
    public static native int closesocket(long s);

    /**
     * {@code int getsockname(SOCKET s, sockaddr *name, int *namelen)}: the socket's local
     * address.
     *
     * @param s the socket, a SOCKET handle
     * @param name receives the sockaddr
     * @param namelen {@code [0]} is the size of {@code name} in, the sockaddr's length out
     * @return 0, or {@link org.winsock4j.port.Sdk#SOCKET_ERROR} with the reason in {@link Native#getLastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-getsockname">getsockname function (winsock2.h)</a>
     */
    public static native int getsockname(long s, byte[] name, int[] namelen);

    /**
     * {@code int getpeername(SOCKET s, sockaddr *name, int *namelen)}: the address of the
     * connected peer.
     *
     * @param s the socket, a SOCKET handle
     * @param name receives the sockaddr
     * @param namelen {@code [0]} is the size of {@code name} in, the sockaddr's length out
     * @return 0, or {@link org.winsock4j.port.Sdk#SOCKET_ERROR} with the reason in {@link Native#getLastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-getpeername">getpeername function (winsock2.h)</a>
     */
    public static native int getpeername(long s, byte[] name, int[] namelen);

    /**
     * {@code int sendto(SOCKET s, const char *buf, int len, int flags, const sockaddr *to, int
     * tolen)}: sends one datagram to the given address.
     *
     * @param s the socket, a SOCKET handle
     * @param buf the address of native memory holding the datagram
     * @param len the length of the datagram in bytes
     * @param flags 0 or MSG_OOB
     * @param to the sockaddr_in or sockaddr_in6 image of the destination
     * @param tolen the length of {@code to} in bytes
     * @return the number of bytes sent, or {@link org.winsock4j.port.Sdk#SOCKET_ERROR} with the
     *     reason in {@link Native#getLastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-sendto">sendto function (winsock.h)</a>
     */
    public static native int sendto(long s, long buf, int len, int flags, byte[] to, int tolen);

    /**
     * {@code int recvfrom(SOCKET s, char *buf, int len, int flags, sockaddr *from, int *fromlen)}:
     * receives one datagram and its source address.
     *
     * @param s the socket, a SOCKET handle
     * @param buf the address of native memory that receives the datagram
     * @param len the size of {@code buf}; a longer datagram fills it and fails with WSAEMSGSIZE
     * @param flags 0, MSG_PEEK or MSG_OOB
     * @param from receives the source's sockaddr
     * @param fromlen {@code [0]} is the size of {@code from} in, the sockaddr's length out
     * @return the number of bytes received, or {@link org.winsock4j.port.Sdk#SOCKET_ERROR} with the
     *     reason in {@link Native#getLastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-recvfrom">recvfrom function (winsock.h)</a>
     */
    public static native int recvfrom(long s, long buf, int len, int flags, byte[] from, int[] fromlen);
}
