package org.winsock4j.port;

import java.nio.ByteBuffer;

/**
 * The seam between the safe layer and a native backend: one method per native function, with
 * the C function's arguments and return value (SOCKET as a 64-bit {@code long}, buffers as Java
 * arrays, structures as their byte images from {@link SdkStructs}).
 *
 * <p>Error contract, the same as C's: a method returns {@link Sdk#SOCKET_ERROR} (or
 * {@link Sdk#INVALID_SOCKET}, or {@code false} for {@link #cancelIoEx}) and {@link #lastError()},
 * called next on the same thread, returns the error code the native call left. Backends capture
 * that code as part of the call itself (JNA saves it before returning to Java; see
 * docs/ARCHITECTURE.md#error-capture), never through a later WSAGetLastError downcall.
 *
 * <p>Arguments: every method checks its arrays, buffers and lengths before any native call, on
 * every backend, so that ws2_32 never gets memory outside what the caller passed: a slice or a
 * length outside its array or buffer (an {@code offset} and {@code len} beyond a ByteBuffer's
 * limit, a {@code namelen}, {@code optlen}, {@code tolen} or in-out {@code *len} beyond its array, a
 * negative one) throws {@link IndexOutOfBoundsException}, an array too short to hold its value
 * (an empty {@code argp}) {@link IllegalArgumentException}, a missing one
 * {@link NullPointerException}; the message names the function, the argument and the value.
 *
 * <p>Implementations: one class for both real backends, {@code org.winsock4j.internal.NativeWinsockPort}
 * (the buffer layer: the checks, heap data through native scratch memory, direct buffers by
 * address) over the JNA or FFM backend's {@code NativeWinsock}, which takes data by address
 * (docs/ARCHITECTURE.md#buffer-layer); and the scripted fake in the binding's tests. The contract
 * suite ({@code WinsockContract} in the binding's tests) runs on each. Methods are thread-safe;
 * none waits for readiness or repeats a failed call (a long heap send reaches ws2_32 in pieces:
 * see {@link #send(long, byte[], int, int, int)}).
 */
public interface WinsockPort {

    /**
     * WSAStartup; returns 0 or the error code itself (WSAStartup does not set the last error).
     *
     * @param wVersionRequested the version asked for, {@link Sdk#WINSOCK_VERSION_2_2}
     * @param wVersionOut receives in {@code [0]} WSADATA's {@code wVersion}, the version granted
     * @return 0, or the WSA error code of the failure
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsastartup">WSAStartup function (winsock2.h)</a>
     */
    int wsaStartup(int wVersionRequested, int[] wVersionOut);

    /**
     * WSACleanup: ends one WSAStartup of this process.
     *
     * @return 0, or {@link Sdk#SOCKET_ERROR} with the reason in {@link #lastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsacleanup">WSACleanup function (winsock2.h)</a>
     */
    int wsaCleanup();

    /**
     * socket: a new socket.
     *
     * @param af the address family, {@link Sdk#AF_INET} or {@link Sdk#AF_INET6}
     * @param type the socket type, {@link Sdk#SOCK_STREAM} or {@link Sdk#SOCK_DGRAM}
     * @param protocol the protocol, an {@code IPPROTO_*} value of {@link Sdk} (0: the type's default)
     * @return the new SOCKET, or {@link Sdk#INVALID_SOCKET} with the reason in {@link #lastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-socket">socket function (winsock2.h)</a>
     */
    long socket(int af, int type, int protocol);

    /**
     * bind: gives the socket its local address.
     *
     * @param s the socket, a SOCKET handle
     * @param name the local address, a sockaddr image from {@link SdkStructs#sockaddr}
     * @param namelen the length of {@code name} in bytes
     * @return 0, or {@link Sdk#SOCKET_ERROR} with the reason in {@link #lastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-bind">bind function (winsock2.h)</a>
     */
    int bind(long s, byte[] name, int namelen);

    /**
     * listen: makes a bound stream socket accept connections.
     *
     * @param s the socket, a SOCKET handle
     * @param backlog the length of the queue of pending connections, or {@link Sdk#SOMAXCONN}
     * @return 0, or {@link Sdk#SOCKET_ERROR} with the reason in {@link #lastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-listen">listen function (winsock2.h)</a>
     */
    int listen(long s, int backlog);

    /**
     * accept; {@code addr} receives the peer's sockaddr and {@code addrlen[0]} its length.
     *
     * @param s the listening socket
     * @param addr receives the peer's sockaddr, at least {@link SdkStructs#SOCKADDR_MAX} bytes
     * @param addrlen {@code [0]} is the size of {@code addr} in, the sockaddr's length out
     * @return the connected SOCKET, or {@link Sdk#INVALID_SOCKET} with the reason in
     *     {@link #lastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-accept">accept function (winsock2.h)</a>
     */
    long accept(long s, byte[] addr, int[] addrlen);

    /**
     * connect: connects the socket to a remote address.
     *
     * @param s the socket, a SOCKET handle
     * @param name the remote address, a sockaddr image from {@link SdkStructs#sockaddr}
     * @param namelen the length of {@code name} in bytes
     * @return 0, or {@link Sdk#SOCKET_ERROR} with the reason in {@link #lastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-connect">connect function (winsock2.h)</a>
     */
    int connect(long s, byte[] name, int namelen);

    /**
     * send of {@code len} bytes of {@code buf} from {@code offset}. A backend may pass a long
     * slice to ws2_32 in pieces (the JNA one copies heap data through native memory in chunks):
     * then it returns fewer than {@code len} when a piece is sent short, and the bytes already
     * sent when a later piece fails, leaving that failure to the next call; it returns
     * {@link Sdk#SOCKET_ERROR} only when nothing was sent.
     *
     * @param s the socket, a SOCKET handle
     * @param buf the data
     * @param offset where in {@code buf} the bytes to send start
     * @param len how many bytes to send
     * @param flags send flags, 0 or {@link Sdk#MSG_OOB}
     * @return the number of bytes sent, or {@link Sdk#SOCKET_ERROR} with the reason in
     *     {@link #lastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-send">send function (winsock2.h)</a>
     */
    int send(long s, byte[] buf, int offset, int len, int flags);

    /**
     * send of {@code len} bytes of any ByteBuffer from index {@code offset}: direct by address,
     * heap (also read-only) by copy, as the array overload (possibly in pieces). The slice is
     * explicit: the buffer's position is neither read nor moved (a caller that retries a partial
     * send passes the next offset, as Netty's native transports pass address, position and limit).
     *
     * @param s the socket, a SOCKET handle
     * @param buffer the data
     * @param offset the index in {@code buffer} of the first byte to send
     * @param len how many bytes to send; {@code offset + len} at most the buffer's limit
     * @param flags send flags, 0 or {@link Sdk#MSG_OOB}
     * @return the number of bytes sent, or {@link Sdk#SOCKET_ERROR} with the reason in
     *     {@link #lastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-send">send function (winsock2.h)</a>
     */
    int send(long s, ByteBuffer buffer, int offset, int len, int flags);

    /**
     * recv of up to {@code len} bytes into {@code buf} at {@code offset}; may return fewer.
     *
     * @param s the socket, a SOCKET handle
     * @param buf receives the data
     * @param offset where in {@code buf} the received bytes go
     * @param len the most bytes to receive
     * @param flags recv flags, 0, {@link Sdk#MSG_PEEK} or {@link Sdk#MSG_OOB}
     * @return the number of bytes received, 0 when the peer closed gracefully, or
     *     {@link Sdk#SOCKET_ERROR} with the reason in {@link #lastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-recv">recv function (winsock2.h)</a>
     */
    int recv(long s, byte[] buf, int offset, int len, int flags);

    /**
     * recv of up to {@code len} bytes into any writable ByteBuffer at index {@code offset}: direct
     * by address, heap by copy; the buffer's position is neither read nor moved. A read-only
     * buffer is refused (with {@link java.nio.ReadOnlyBufferException}) before anything is
     * received.
     *
     * @param s the socket, a SOCKET handle
     * @param buffer receives the data
     * @param offset the index in {@code buffer} where the received bytes go
     * @param len the most bytes to receive; {@code offset + len} at most the buffer's limit
     * @param flags recv flags, 0, {@link Sdk#MSG_PEEK} or {@link Sdk#MSG_OOB}
     * @return the number of bytes received, 0 when the peer closed gracefully, or
     *     {@link Sdk#SOCKET_ERROR} with the reason in {@link #lastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-recv">recv function (winsock2.h)</a>
     */
    int recv(long s, ByteBuffer buffer, int offset, int len, int flags);

    /**
     * setsockopt: sets a socket option.
     *
     * @param s the socket, a SOCKET handle
     * @param level the option's level, such as {@link Sdk#SOL_SOCKET} or {@link Sdk#IPPROTO_TCP}
     * @param optname the option, such as {@link Sdk#SO_LINGER}
     * @param optval the value's bytes: a little-endian int, or a structure image such as LINGER
     * @param optlen the length of {@code optval} in bytes
     * @return 0, or {@link Sdk#SOCKET_ERROR} with the reason in {@link #lastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-setsockopt">setsockopt function (winsock2.h)</a>
     */
    int setsockopt(long s, int level, int optname, byte[] optval, int optlen);

    /**
     * getsockopt; {@code optlen[0]} is the buffer size in, the value size out.
     *
     * @param s the socket, a SOCKET handle
     * @param level the option's level, such as {@link Sdk#SOL_SOCKET} or {@link Sdk#IPPROTO_TCP}
     * @param optname the option, such as {@link Sdk#SO_ERROR}
     * @param optval receives the value's bytes
     * @param optlen {@code [0]} is the size of {@code optval} in, the value's size out
     * @return 0, or {@link Sdk#SOCKET_ERROR} with the reason in {@link #lastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-getsockopt">getsockopt function (winsock2.h)</a>
     */
    int getsockopt(long s, int level, int optname, byte[] optval, int[] optlen);

    /**
     * ioctlsocket; {@code argp[0]} is the u_long argument in and out.
     *
     * @param s the socket, a SOCKET handle
     * @param cmd the command, {@link Sdk#FIONBIO} or {@link Sdk#FIONREAD}
     * @param argp {@code [0]} is the command's u_long argument in and its result out
     * @return 0, or {@link Sdk#SOCKET_ERROR} with the reason in {@link #lastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-ioctlsocket">ioctlsocket function (winsock2.h)</a>
     */
    int ioctlsocket(long s, int cmd, int[] argp);

    /**
     * shutdown: disables sends, receives or both on the socket.
     *
     * @param s the socket, a SOCKET handle
     * @param how {@link Sdk#SD_RECEIVE}, {@link Sdk#SD_SEND} or {@link Sdk#SD_BOTH}
     * @return 0, or {@link Sdk#SOCKET_ERROR} with the reason in {@link #lastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-shutdown">shutdown function (winsock2.h)</a>
     */
    int shutdown(long s, int how);

    /**
     * closesocket: closes the socket, as its LINGER setting says.
     *
     * @param s the socket, a SOCKET handle; not valid after a successful call
     * @return 0, or {@link Sdk#SOCKET_ERROR} with the reason in {@link #lastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-closesocket">closesocket function (winsock2.h)</a>
     */
    int closesocket(long s);

    /**
     * getsockname: the socket's local address.
     *
     * @param s the socket, a SOCKET handle
     * @param name receives the sockaddr, at least {@link SdkStructs#SOCKADDR_MAX} bytes
     * @param namelen {@code [0]} is the size of {@code name} in, the sockaddr's length out
     * @return 0, or {@link Sdk#SOCKET_ERROR} with the reason in {@link #lastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-getsockname">getsockname function (winsock2.h)</a>
     */
    int getsockname(long s, byte[] name, int[] namelen);

    /**
     * getpeername: the address of the connected peer.
     *
     * @param s the socket, a SOCKET handle
     * @param name receives the sockaddr, at least {@link SdkStructs#SOCKADDR_MAX} bytes
     * @param namelen {@code [0]} is the size of {@code name} in, the sockaddr's length out
     * @return 0, or {@link Sdk#SOCKET_ERROR} with the reason in {@link #lastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-getpeername">getpeername function (winsock2.h)</a>
     */
    int getpeername(long s, byte[] name, int[] namelen);

    /**
     * WSAIoctl without overlapped I/O: a control command with an input and an output buffer.
     *
     * @param s the socket, a SOCKET handle
     * @param code the command, e.g. {@link Sdk#SIO_KEEPALIVE_VALS}
     * @param in the input bytes (its length is cbInBuffer), or null
     * @param out receives the output (its length is cbOutBuffer), or null
     * @param bytesReturned {@code [0]} receives the output's size
     * @return 0, or {@link Sdk#SOCKET_ERROR} with the reason in {@link #lastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsaioctl">WSAIoctl function (winsock2.h)</a>
     */
    int wsaIoctl(long s, int code, byte[] in, byte[] out, int[] bytesReturned);

    /**
     * WSAPoll over {@code fds.length} WSAPOLLFD structures: {@code fds[i]}, {@code events[i]} in,
     * {@code revents[i]} out. The three arrays have the same length, at least 1.
     *
     * @param fds the SOCKETs to poll
     * @param events the POLL* bits asked for per socket ({@link Sdk#POLLRDNORM},
     *     {@link Sdk#POLLRDBAND}, {@link Sdk#POLLWRNORM}, {@link Sdk#POLLWRBAND})
     * @param revents receives the POLL* bits reported per socket
     * @param timeout milliseconds to wait: 0 returns at once, negative waits without limit
     * @return the number of sockets with a non-zero {@code revents}, 0 when the timeout expired,
     *     or {@link Sdk#SOCKET_ERROR} with the reason in {@link #lastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsapoll">WSAPoll function (winsock2.h)</a>
     */
    int wsaPoll(long[] fds, short[] events, short[] revents, int timeout);

    /**
     * select: waits until a socket of {@code readfds} is readable, of {@code writefds} writable or
     * of {@code exceptfds} in error (for a non-blocking connect: it failed), or the timeout
     * passed. Each set is an fd_set image from {@link SdkStructs#fdSet} (or null for none), which
     * select rewrites to the sockets that are ready ({@link SdkStructs#fdSetSockets}); the
     * images are left as they were when the call fails. The first parameter of the C function,
     * nfds, is ignored by Winsock and passed as 0. Unlike WSAPoll on Windows before 10 version
     * 2004 (build 19041), select reports a failed non-blocking connect: the JDK waits for
     * connects with it on Windows.
     *
     * @param readfds the sockets to check for readability, or null
     * @param writefds the sockets to check for writability (a connect completed), or null
     * @param exceptfds the sockets to check for errors (a connect failed) and out-of-band data, or null
     * @param timeout a timeval image from {@link SdkStructs#timeval}, or null to wait without limit
     * @return the number of sockets left in the three sets (a socket counts once per set), 0
     *     when the timeout passed, or {@link Sdk#SOCKET_ERROR} with the reason in
     *     {@link #lastError()} (WSAEINVAL when all three sets are empty or null)
     * @throws IllegalArgumentException if a set is not {@link Sdk#SIZEOF_FD_SET} bytes or the
     *     timeout not {@link Sdk#SIZEOF_TIMEVAL} bytes, before the call
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-select">select function (winsock2.h)</a>
     */
    int select(byte[] readfds, byte[] writefds, byte[] exceptfds, byte[] timeout);

    /**
     * kernel32 CancelIoEx(handle, NULL): cancels every I/O on the handle, from any thread.
     *
     * @param handle the socket, which is a kernel HANDLE
     * @return true if cancelling was requested; false with the reason in {@link #lastError()}
     *     (ERROR_NOT_FOUND when nothing was pending)
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/ioapiset/nf-ioapiset-cancelioex">CancelIoEx function (ioapiset.h)</a>
     */
    boolean cancelIoEx(long handle);

    /**
     * The error code left by the last failed call of this port on the calling thread.
     *
     * @return a WSA or Win32 error code, as {@link org.winsock4j.WsaError#forCode} looks up
     */
    int lastError();

    /**
     * sendto of one datagram: {@code len} bytes of the buffer from index {@code offset} (its
     * position is neither read nor moved), to the address {@code to}. Direct buffers by address,
     * heap ones (also read-only) by copy, in one piece (a datagram is never split).
     *
     * @param s the socket, a SOCKET handle
     * @param buffer the datagram
     * @param offset the index in {@code buffer} of the datagram's first byte
     * @param len the datagram's length; {@code offset + len} at most the buffer's limit
     * @param flags send flags, 0 or {@link Sdk#MSG_OOB}
     * @param to the destination, a sockaddr image from {@link SdkStructs#sockaddr}
     * @param tolen the length of {@code to} in bytes
     * @return the number of bytes sent, or {@link Sdk#SOCKET_ERROR} with the reason in
     *     {@link #lastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-sendto">sendto function (winsock.h)</a>
     */
    int sendto(long s, ByteBuffer buffer, int offset, int len, int flags, byte[] to, int tolen);

    /**
     * recvfrom of one datagram into the buffer at index {@code offset} (its position is neither
     * read nor moved), up to {@code len} bytes, with the source's sockaddr. A datagram longer
     * than {@code len} fills the {@code len} bytes and fails with WSAEMSGSIZE (the rest is
     * discarded; with {@link Sdk#MSG_PEEK} it stays queued). A read-only buffer is refused (with
     * {@link java.nio.ReadOnlyBufferException}) before anything is received.
     *
     * @param s the socket, a SOCKET handle
     * @param buffer receives the datagram
     * @param offset the index in {@code buffer} where the datagram goes
     * @param len the most bytes to receive; {@code offset + len} at most the buffer's limit
     * @param flags recv flags, 0 or {@link Sdk#MSG_PEEK}
     * @param from receives the source's sockaddr, at least {@link SdkStructs#SOCKADDR_MAX} bytes
     * @param fromlen {@code [0]} is the size of {@code from} in, the sockaddr's length out
     * @return the number of bytes received, or {@link Sdk#SOCKET_ERROR} with the reason in
     *     {@link #lastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-recvfrom">recvfrom function (winsock.h)</a>
     */
    int recvfrom(long s, ByteBuffer buffer, int offset, int len, int flags, byte[] from, int[] fromlen);
}
