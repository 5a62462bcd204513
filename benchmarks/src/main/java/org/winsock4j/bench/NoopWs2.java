package org.winsock4j.bench;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * The no-op DLL of native-headers/probes/noop_ws2.c by JNA direct mapping, registered exactly as
 * the binding registers ws2_32 ({@link org.winsock4j.jna.Ws2_32}) and with the same Java
 * signatures, so a call here costs what a binding call costs minus ws2_32's own work
 * ({@link BindingCostBench}, issue 13). The DLL's path is the system property
 * {@value #PROPERTY}, a Windows path (scripts/bench-binding-cost.sh builds the DLL and sets it).
 *
 * <p>closesocket fails with WSAENOTSOCK in the last error, read with
 * {@link Native#getLastError()} as the binding does; getsockopt writes a 4-byte value; send
 * returns {@code len}.
 */
public final class NoopWs2 {
    /** The system property naming the DLL. */
    public static final String PROPERTY = "winsock4j.noopDll";

    private NoopWs2() {}

    static {
        String path = System.getProperty(PROPERTY);
        if (path == null || path.isEmpty()) {
            throw new IllegalStateException("-D" + PROPERTY + "=<path of noop_ws2.dll> is not set"
                    + " (scripts/bench-binding-cost.sh builds the DLL and sets it)");
        }
        Native.register(NoopWs2.class, NativeLibrary.getInstance(path));
    }

    /** {@code int closesocket(SOCKET s)}: SOCKET_ERROR, last error WSAENOTSOCK. */
    public static native int closesocket(long s);

    /** {@code int getsockopt(SOCKET, int, int, char*, int*)}: 0, {@code optlen[0] = 4}. */
    public static native int getsockopt(long s, int level, int optname, byte[] optval, int[] optlen);

    /** {@code int send(SOCKET, const char*, int, int)}, the buffer by address: {@code len}. */
    public static native int send(long s, long buf, int len, int flags);
}
