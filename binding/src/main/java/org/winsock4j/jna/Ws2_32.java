package org.winsock4j.jna;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * ws2_32.dll by JNA direct mapping, Win64 prototypes exactly (winsock2.h): {@code SOCKET} is
 * {@code UINT_PTR}, a 64-bit {@code long} here; {@code int} stays {@code int}; {@code u_long} is
 * 32 bits on Windows; {@code char*} buffers are {@code byte[]} or {@link Pointer}. send and recv
 * take only a {@link Pointer}: JNA passes a {@code byte[]} by copying all of it in and out, so
 * {@link JnaWinsockPort} copies just the bytes of the call through native memory instead.
 *
 * <p>Registering needs ws2_32, so this class initialises only on Windows/Wine, and only through
 * {@link JnaWinsockPort}, which checks the platform first. JNA stores the thread's last error
 * right after every call; read it with {@link Native#getLastError()} after a failure, never
 * with a WSAGetLastError downcall (docs/ARCHITECTURE.md section 2). The prototypes are restated in
 * native-headers/include/winsock4j_mapping.h and compiled against the SDK headers.
 */
public final class Ws2_32 {
    private Ws2_32() {}

    static {
        Native.register(Ws2_32.class, NativeLibrary.getInstance("ws2_32"));
    }

    public static native int WSAStartup(short wVersionRequested, WSADATA lpWSAData);

    public static native int WSACleanup();

    public static native long socket(int af, int type, int protocol);

    public static native int bind(long s, byte[] name, int namelen);

    public static native int listen(long s, int backlog);

    public static native long accept(long s, byte[] addr, int[] addrlen);

    public static native int connect(long s, byte[] name, int namelen);

    public static native int send(long s, Pointer buf, int len, int flags);

    public static native int recv(long s, Pointer buf, int len, int flags);

    public static native int setsockopt(long s, int level, int optname, byte[] optval, int optlen);

    public static native int getsockopt(long s, int level, int optname, byte[] optval, int[] optlen);

    public static native int ioctlsocket(long s, int cmd, int[] argp);

    public static native int shutdown(long s, int how);

    public static native int closesocket(long s);

    public static native int getsockname(long s, byte[] name, int[] namelen);

    public static native int getpeername(long s, byte[] name, int[] namelen);
}
