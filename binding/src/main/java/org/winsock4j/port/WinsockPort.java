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
 * that code as part of the call itself (JNA saves it before returning to Java; see docs/ARCHITECTURE.md
 * section 2), never through a later WSAGetLastError downcall.
 *
 * <p>Implementations: the JNA backend ({@code org.winsock4j.jna.JnaWinsockPort}) and the
 * scripted fake in the binding's tests. Methods are thread-safe; a backend never retries.
 */
public interface WinsockPort {

    /** WSAStartup; returns 0 or the error code itself (WSAStartup does not set the last error). */
    int wsaStartup(int wVersionRequested, int[] wVersionOut);

    int wsaCleanup();

    long socket(int af, int type, int protocol);

    int bind(long s, byte[] name, int namelen);

    int listen(long s, int backlog);

    /** accept; {@code addr} receives the peer's sockaddr and {@code addrlen[0]} its length. */
    long accept(long s, byte[] addr, int[] addrlen);

    int connect(long s, byte[] name, int namelen);

    /**
     * send of {@code len} bytes of {@code buf} from {@code offset}. A backend may pass a long
     * slice to ws2_32 in pieces (the JNA one copies heap data through native memory in chunks):
     * then it returns fewer than {@code len} when a piece is sent short, and the bytes already
     * sent when a later piece fails, leaving that failure to the next call; it returns
     * {@link Sdk#SOCKET_ERROR} only when nothing was sent.
     */
    int send(long s, byte[] buf, int offset, int len, int flags);

    /**
     * send from any ByteBuffer: direct by address, heap (also read-only) by copy; {@code len}
     * bytes at the buffer's current position, which is not moved. Heap buffers as the array
     * overload (possibly in pieces).
     */
    int send(long s, ByteBuffer buffer, int len, int flags);

    /** recv of up to {@code len} bytes into {@code buf} at {@code offset}; may return fewer. */
    int recv(long s, byte[] buf, int offset, int len, int flags);

    /**
     * recv into any ByteBuffer: direct by address, heap by copy; up to {@code len} bytes at the
     * buffer's current position, which is not moved. A read-only buffer is refused (with
     * {@link java.nio.ReadOnlyBufferException}) before anything is received.
     */
    int recv(long s, ByteBuffer buffer, int len, int flags);

    int setsockopt(long s, int level, int optname, byte[] optval, int optlen);

    /** getsockopt; {@code optlen[0]} is the buffer size in, the value size out. */
    int getsockopt(long s, int level, int optname, byte[] optval, int[] optlen);

    /** ioctlsocket; {@code argp[0]} is the u_long argument in and out. */
    int ioctlsocket(long s, int cmd, int[] argp);

    int shutdown(long s, int how);

    int closesocket(long s);

    int getsockname(long s, byte[] name, int[] namelen);

    int getpeername(long s, byte[] name, int[] namelen);

    /** kernel32 CancelIoEx(handle, NULL): cancels every I/O on the handle, from any thread. */
    boolean cancelIoEx(long handle);

    /** The error code left by the last failed call of this port on the calling thread. */
    int lastError();
}
