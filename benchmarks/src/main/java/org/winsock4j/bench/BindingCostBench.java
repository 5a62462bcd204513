package org.winsock4j.bench;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.winsock4j.WsaError;
import org.winsock4j.ffm.FfmWinsockPort;
import org.winsock4j.port.Sdk;
import org.winsock4j.port.WinsockPort;

/**
 * Issue 13: the binding's own cost per call, with ws2_32's work taken out. The calls go to
 * native-headers/probes/noop_ws2.c, a DLL whose closesocket, getsockopt and send have ws2_32's
 * names and prototypes and do nothing ({@link NoopWs2}). native-headers/probes/noop_floor.c makes
 * the same calls from C: its figure (scripts/bench-binding-floor.sh) is the floor, and a score
 * here minus that floor is what the binding adds to every call.
 * <ul>
 *   <li>{@code *_closesocketFailing}: closesocket of a non-socket, then the last error
 *       (WSAENOTSOCK): the binding's failure path, one {@code long} argument.
 *   <li>{@code *_getsockopt}: a 4-byte option into a {@code byte[4]}, length in an {@code int[1]}:
 *       the in/out arrays a getsockopt marshals.
 *   <li>{@code *_send16Direct}: 16 bytes from a direct buffer, by the address obtained once: the
 *       data path without a copy.
 * </ul>
 * Run pinned to one CPU under Wine with {@code scripts/bench-binding-cost.sh} (it builds the DLL
 * and passes {@code -Dwinsock4j.noopDll}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(2)
@Threads(1)
public class BindingCostBench {
    /** Bytes per send, as in noop_floor.c. */
    static final int SEND_LENGTH = 16;

    @State(Scope.Thread)
    public static class Args {
        final byte[] optval = new byte[4];
        final int[] optlen = new int[1];
        ByteBuffer direct;
        long directAddress;

        @Setup(Level.Trial)
        public void setUp() {
            direct = ByteBuffer.allocateDirect(SEND_LENGTH);
            for (int i = 0; i < SEND_LENGTH; i++) {
                direct.put(i, (byte) ('a' + i));
            }
            directAddress = Pointer.nativeValue(Native.getDirectBufferPointer(direct));
            // The DLL must be the no-op one and behave as the benchmarks assume.
            if (NoopWs2.closesocket(ErrorPathBench.BOGUS) != Sdk.SOCKET_ERROR
                    || Native.getLastError() != WsaError.WSAENOTSOCK.code()) {
                throw new IllegalStateException("closesocket of the no-op DLL did not fail with WSAENOTSOCK");
            }
            optlen[0] = optval.length;
            if (NoopWs2.getsockopt(ErrorPathBench.BOGUS, Sdk.SOL_SOCKET, Sdk.SO_RCVBUF, optval, optlen) != 0
                    || optlen[0] != 4) {
                throw new IllegalStateException("getsockopt of the no-op DLL did not return 4 bytes");
            }
            if (NoopWs2.send(ErrorPathBench.BOGUS, directAddress, SEND_LENGTH, 0) != SEND_LENGTH) {
                throw new IllegalStateException("send of the no-op DLL did not return its length");
            }
        }
    }

    /**
     * The FFM backend's port over the same DLL (Java 22 and later): what a user of winsock4j
     * gets per call, the port's own work (its per-thread state, the capture of the last error,
     * a direct buffer's address) included. The jna_* methods call the bare JNA mapping, without
     * JnaWinsockPort around it, so the comparison is the FFM port's whole cost against JNA's least.
     */
    @State(Scope.Thread)
    public static class Ffm {
        WinsockPort port;

        @Setup(Level.Trial)
        public void setUp() {
            port = FfmWinsockPort.boundTo(System.getProperty("winsock4j.noopDll"));
            if (port.closesocket(ErrorPathBench.BOGUS) != Sdk.SOCKET_ERROR || port.lastError() != WsaError.WSAENOTSOCK.code()) {
                throw new IllegalStateException("closesocket of the no-op DLL through FFM did not fail with WSAENOTSOCK");
            }
        }
    }

    // --- JNA direct mapping (the binding's org.winsock4j.jna.Ws2_32 signatures) ----------------

    @Benchmark
    public long jna_closesocketFailing(Args a) {
        int rc = NoopWs2.closesocket(ErrorPathBench.BOGUS);
        return ((long) rc << 32) | Native.getLastError();
    }

    @Benchmark
    public int jna_getsockopt(Args a) {
        a.optlen[0] = a.optval.length; // in/out: reset before every call, as noop_floor.c does
        int rc = NoopWs2.getsockopt(ErrorPathBench.BOGUS, Sdk.SOL_SOCKET, Sdk.SO_RCVBUF, a.optval, a.optlen);
        return rc + a.optlen[0];
    }

    @Benchmark
    public int jna_send16Direct(Args a) {
        return NoopWs2.send(ErrorPathBench.BOGUS, a.directAddress, SEND_LENGTH, 0);
    }

    // --- FFM: the port over the same DLL (FfmWinsockPort.boundTo), same arguments and results --

    @Benchmark
    public long ffm_closesocketFailing(Ffm f) {
        int rc = f.port.closesocket(ErrorPathBench.BOGUS);
        return ((long) rc << 32) | f.port.lastError();
    }

    @Benchmark
    public int ffm_getsockopt(Args a, Ffm f) {
        a.optlen[0] = a.optval.length;
        int rc = f.port.getsockopt(ErrorPathBench.BOGUS, Sdk.SOL_SOCKET, Sdk.SO_RCVBUF, a.optval, a.optlen);
        return rc + a.optlen[0];
    }

    @Benchmark
    public int ffm_send16Direct(Args a, Ffm f) {
        return f.port.send(ErrorPathBench.BOGUS, a.direct, 0, SEND_LENGTH, 0);
    }
}
