package org.winsock4j.bench;

import com.sun.jna.Native;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.winsock4j.WsaError;
import org.winsock4j.jna.Ws2_32;
import org.winsock4j.port.Sdk;
import org.winsock4j.port.SdkStructs;

/**
 * (d) JNA direct mapping (the binding's {@link Ws2_32}) against interface mapping
 * ({@link Ws2_32Interface}) for the same ws2_32 calls on the real ws2_32, each followed by what
 * the backend does after it (Native.getLastError on failure):
 * <ul>
 *   <li>{@code closesocketBogus_*}: closesocket of a value that is not a socket. Wine (and Windows)
 *       reject it in ws2_32 itself (WSAENOTSOCK), so the call is cheap and repeatable and the
 *       mapping's own cost is a large part of it: one {@code long} argument.
 *   <li>{@code getsockoptBogus_*}: getsockopt SO_LINGER of the same non-socket, also rejected
 *       at once: in/out {@code byte[]} and {@code int[]} arguments, which each mapping marshals
 *       its own way.
 *   <li>{@code setsockoptLinger_*}: setsockopt SO_LINGER {1,0} on a live socket
 *       (closeAbortively's first call): a real socket call, a wineserver round trip under Wine.
 * </ul>
 * The binding ({@code JnaWinsockPort}) uses direct mapping; the report says whether that is
 * the faster one.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@Threads(1)
public class MappingBench {

    @State(Scope.Thread)
    public static class Live {
        long socket;
        final byte[] linger = SdkStructs.linger(1, 0);
        final byte[] lingerOut = new byte[Sdk.SIZEOF_LINGER];
        final int[] lingerLen = new int[1];
        Ws2_32Interface iface;

        @Setup(Level.Trial)
        public void open() {
            RawSockets.startup();
            iface = Ws2_32Interface.INSTANCE;
            socket = RawSockets.tcp();
        }

        @TearDown(Level.Trial)
        public void close() {
            RawSockets.check(Ws2_32.closesocket(socket), "closesocket");
        }
    }

    static int notSock(int rc) {
        if (rc != Sdk.SOCKET_ERROR) {
            throw new IllegalStateException("closesocket of a bogus handle succeeded");
        }
        int code = Native.getLastError();
        if (code != WsaError.WSAENOTSOCK.code()) {
            throw new IllegalStateException("expected WSAENOTSOCK, got " + code);
        }
        return code;
    }

    static int ok(int rc) {
        if (rc == Sdk.SOCKET_ERROR) {
            throw RawSockets.fail("sockopt");
        }
        return rc;
    }

    @Benchmark
    public int closesocketBogus_direct(Live l) {
        return notSock(Ws2_32.closesocket(ErrorPathBench.BOGUS));
    }

    @Benchmark
    public int closesocketBogus_interface(Live l) {
        return notSock(l.iface.closesocket(ErrorPathBench.BOGUS));
    }

    @Benchmark
    public int setsockoptLinger_direct(Live l) {
        return ok(Ws2_32.setsockopt(l.socket, Sdk.SOL_SOCKET, Sdk.SO_LINGER, l.linger, l.linger.length));
    }

    @Benchmark
    public int setsockoptLinger_interface(Live l) {
        return ok(l.iface.setsockopt(l.socket, Sdk.SOL_SOCKET, Sdk.SO_LINGER, l.linger, l.linger.length));
    }

    @Benchmark
    public int getsockoptBogus_direct(Live l) {
        l.lingerLen[0] = l.lingerOut.length;
        return notSock(Ws2_32.getsockopt(ErrorPathBench.BOGUS, Sdk.SOL_SOCKET, Sdk.SO_LINGER, l.lingerOut, l.lingerLen));
    }

    @Benchmark
    public int getsockoptBogus_interface(Live l) {
        l.lingerLen[0] = l.lingerOut.length;
        return notSock(l.iface.getsockopt(ErrorPathBench.BOGUS, Sdk.SOL_SOCKET, Sdk.SO_LINGER, l.lingerOut, l.lingerLen));
    }
}
