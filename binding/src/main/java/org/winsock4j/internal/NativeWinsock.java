package org.winsock4j.internal;

import java.nio.ByteBuffer;

/**
 * ws2_32 as a native backend reaches it (the JNA one, the FFM one): what
 * {@link NativeWinsockPort}, the buffer layer, calls for both (docs/ARCHITECTURE.md#buffer-layer).
 * Data goes by native address: send, recv, sendto and recvfrom take the address of the bytes
 * (scratch memory the buffer layer filled or will read, or a direct buffer's memory), never a
 * Java array or a ByteBuffer, as OpenJDK's NativeDispatcher takes addresses below IOUtil and
 * Netty's native sockets take address, position and limit. Small structures (a sockaddr, an
 * option value, a length) stay Java arrays: the FFM backend passes them in place to the
 * functions that cannot block and copies them through per-thread memory for the others.
 *
 * <p>Every argument has been checked by the caller ({@link PortArguments}); an implementation
 * passes it on as it is and never retries. The error contract is {@link
 * org.winsock4j.port.WinsockPort}'s: a failed call returns SOCKET_ERROR (or INVALID_SOCKET, or
 * false) and {@link #lastError()}, next on the same thread, reads the code the call captured.
 *
 * @param <T> the backend's per-thread state of a data call, taken once per call
 *     ({@link #callState()}) and handed to the data functions: the FFM backend's capture segment
 *     and small memory; nothing for JNA
 */
public interface NativeWinsock<T> {

    // ------------------------------------------------------------ memory

    /**
     * The calling thread's state for one data call, handed to {@link #directBases} and to the
     * data functions below, so that a call looks its thread's state up once.
     *
     * @return the state (may be null where the backend keeps none)
     */
    T callState();

    /**
     * The calling thread's cache of direct buffers' base addresses.
     *
     * @param state what {@link #callState()} returned on this thread
     * @return the thread's cache
     */
    DirectBases directBases(T state);

    /**
     * Native memory of {@code size} bytes for scratch use, kept as long as the returned object is
     * reachable.
     *
     * @param size the bytes
     * @return the memory
     */
    NativeMemory allocate(int size);

    /**
     * Native memory of {@code size} bytes for one call, which frees it ({@link NativeMemory#free}).
     *
     * @param size the bytes
     * @return the memory
     */
    NativeMemory allocateForCall(int size);

    // ------------------------------------------------------------ data, by address

    /**
     * send of {@code len} bytes at {@code buf}.
     *
     * @param state the calling thread's {@link #callState()}
     * @param s the socket
     * @param buf the address of the bytes
     * @param len how many
     * @param flags send flags
     * @return the bytes sent, or SOCKET_ERROR
     */
    int send(T state, long s, long buf, int len, int flags);

    /**
     * recv of up to {@code len} bytes to {@code buf}.
     *
     * @param state the calling thread's {@link #callState()}
     * @param s the socket
     * @param buf the address the bytes go to
     * @param len how many at most
     * @param flags recv flags
     * @return the bytes received, 0 at the end of the stream, or SOCKET_ERROR
     */
    int recv(T state, long s, long buf, int len, int flags);

    /**
     * sendto of the {@code len} bytes at {@code buf} as one datagram.
     *
     * @param state the calling thread's {@link #callState()}
     * @param s the socket
     * @param buf the address of the datagram
     * @param len its length
     * @param flags send flags
     * @param to the destination's sockaddr
     * @param tolen its length
     * @return the bytes sent, or SOCKET_ERROR
     */
    int sendto(T state, long s, long buf, int len, int flags, byte[] to, int tolen);

    /**
     * recvfrom of one datagram to {@code buf}; {@code from} and {@code fromlen} as the port's.
     *
     * @param state the calling thread's {@link #callState()}
     * @param s the socket
     * @param buf the address the datagram goes to
     * @param len how many bytes at most
     * @param flags recv flags
     * @param from receives the source's sockaddr, or null
     * @param fromlen its size in, the sockaddr's length out, or null
     * @return the bytes received, or SOCKET_ERROR
     */
    int recvfrom(T state, long s, long buf, int len, int flags, byte[] from, int[] fromlen);

    // ---------------- the other functions: WinsockPort's, with the same arguments and results

    int wsaStartup(int wVersionRequested, int[] wVersionOut);

    int wsaCleanup();

    long socket(int af, int type, int protocol);

    int bind(long s, byte[] name, int namelen);

    int listen(long s, int backlog);

    long accept(long s, byte[] addr, int[] addrlen);

    int connect(long s, byte[] name, int namelen);

    int setsockopt(long s, int level, int optname, byte[] optval, int optlen);

    int getsockopt(long s, int level, int optname, byte[] optval, int[] optlen);

    int ioctlsocket(long s, int cmd, int[] argp);

    int shutdown(long s, int how);

    int closesocket(long s);

    int getsockname(long s, byte[] name, int[] namelen);

    int getpeername(long s, byte[] name, int[] namelen);

    int wsaIoctl(long s, int code, byte[] in, byte[] out, int[] bytesReturned);

    int wsaPoll(long[] fds, short[] events, short[] revents, int timeout);

    int select(byte[] readfds, byte[] writefds, byte[] exceptfds, byte[] timeout);

    boolean cancelIoEx(long handle);

    int lastError();

    /**
     * What the backend is, for {@link NativeWinsockPort#toString()}.
     *
     * @return e.g. "JnaWinsockPort[ws2_32 by JNA direct mapping]"
     */
    String describe();
}
