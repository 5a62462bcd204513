package org.winsock4j.bench;

import java.io.IOException;
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
import org.winsock4j.AddressFamily;
import org.winsock4j.Protocol;
import org.winsock4j.SocketType;
import org.winsock4j.WinSocket;
import org.winsock4j.Winsock;
import org.winsock4j.port.Sdk;
import org.winsock4j.port.WinsockPort;
import org.winsock4j.unguarded.UnguardedPorts;

/**
 * (a) The price of the lifetime guard (docs/ARCHITECTURE.md#lifetime), any JVM. The same no-op
 * {@code send} of 16 bytes, once through {@link WinSocket#send(byte[], int, int)} (slice check,
 * acquire = CAS on the socket's state word, port call, release = getAndAdd, reachability fence)
 * and once straight on the port with the slice check and the SOCKET_ERROR check
 * WinSocket does, but no guard. The backend is {@link NoopPort}, so only Java is measured.
 *
 * <ul>
 *   <li>{@code *_1thread}: uncontended, one thread. The guard target is
 *       {@code guarded_1thread - unguarded_1thread <= 10 ns}. {@code guarded_1thread} is a
 *       blocking socket, so it also pays the interrupt hook; {@code guarded_nonBlocking_1thread}
 *       is the guard alone.
 *   <li>{@code *_2threads_sharedSocket}: two threads call the same socket, so both CAS the same
 *       state word (the cache line moves between the cores on every call).
 *   <li>{@code guarded_2threads_ownSocket}: two threads, one socket each (no sharing).
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class GuardBench {

    /** One socket for all threads of a benchmark. */
    @State(Scope.Benchmark)
    public static class Shared {
        final byte[] buf = new byte[64];
        int offset = 0;
        int length = 16;
        WinsockPort port;
        long raw;
        WinSocket socket;

        @Setup(Level.Trial)
        public void open() throws IOException {
            port = new NoopPort();
            socket = UnguardedPorts.winsockOver(port).open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
            raw = socket.rawHandle();
            socket.setBlocking(blockingSocket());
        }

        boolean blockingSocket() {
            return true;
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            socket.close();
        }
    }

    /** One socket per thread. */
    @State(Scope.Thread)
    public static class PerThread extends Shared {
    }

    /**
     * A non-blocking socket: its calls cannot block, so they skip the interrupt hook
     * ({@code AbstractInterruptibleChannel.begin/end}, which a blocking socket's send, recv,
     * accept and connect pay, as java.nio's blocking channels do).
     */
    @State(Scope.Benchmark)
    public static class NonBlocking extends Shared {
        @Override
        boolean blockingSocket() {
            return false;
        }
    }

    static int guarded(Shared s) throws IOException {
        return s.socket.send(s.buf, s.offset, s.length);
    }

    /** WinSocket.send(byte[], int, int) without enter/exit. */
    static int unguarded(Shared s) throws IOException {
        byte[] buf = s.buf;
        int offset = s.offset;
        int length = s.length;
        if (offset < 0 || length < 0 || offset > buf.length - length) {
            throw new IllegalArgumentException("bad slice");
        }
        int n = s.port.send(s.raw, buf, offset, length, 0);
        if (n == Sdk.SOCKET_ERROR) {
            throw new IOException("send failed");
        }
        return n;
    }

    @Benchmark
    @Threads(1)
    public int guarded_1thread(Shared s) throws IOException {
        return guarded(s);
    }

    @Benchmark
    @Threads(1)
    public int guarded_nonBlocking_1thread(NonBlocking s) throws IOException {
        return guarded(s);
    }

    @Benchmark
    @Threads(1)
    public int unguarded_1thread(Shared s) throws IOException {
        return unguarded(s);
    }

    @Benchmark
    @Threads(2)
    public int guarded_2threads_sharedSocket(Shared s) throws IOException {
        return guarded(s);
    }

    @Benchmark
    @Threads(2)
    public int unguarded_2threads_sharedSocket(Shared s) throws IOException {
        return unguarded(s);
    }

    @Benchmark
    @Threads(2)
    public int guarded_2threads_ownSocket(PerThread s) throws IOException {
        return guarded(s);
    }
}
