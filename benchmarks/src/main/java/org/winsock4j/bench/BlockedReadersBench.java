package org.winsock4j.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.winsock4j.AddressFamily;
import org.winsock4j.Backend;
import org.winsock4j.IntOption;
import org.winsock4j.Protocol;
import org.winsock4j.SocketType;
import org.winsock4j.WinSocket;
import org.winsock4j.Winsock;
import org.winsock4j.unguarded.UnguardedPorts;

/**
 * Issue 22, item 8: a heap send and recv of {@code bytes} bytes on one loopback connection (as
 * {@link BackendDataBench}'s throughput case, heap array at offset 0) while {@code blocked}
 * other platform threads are blocked in a heap recv on idle connections of their own, as in a
 * blocking server with idle clients. Before the fix each blocked recv held one of the backends'
 * few pooled scratch buffers for its whole wait, so with two or more of them every further heap
 * call allocated a native buffer of its own (and its Java objects). Run with {@code -prof gc}:
 * {@code gc.alloc.rate.norm} is the heap bytes per operation, which must not grow with
 * {@code blocked}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(1)
@Threads(1)
public class BlockedReadersBench {
    /** Bytes each blocked reader asks recv for. */
    static final int BLOCKED_RECV = 8192;

    /** The measured connection, and the idle ones with a platform thread blocked in recv on each. */
    @State(Scope.Thread)
    public static class Load {
        @Param({"jna", "ffm"})
        public String api;

        @Param({"0", "8"})
        public int blocked;

        @Param({"1024", "65536"})
        public int bytes;

        BackendDataBench.WinEnd client;
        BackendDataBench.WinEnd server;
        byte[] out;
        byte[] in;
        private final List<WinSocket> sockets = new ArrayList<>();
        private final List<Thread> readers = new ArrayList<>();

        @Setup(Level.Trial)
        public void open() throws Exception {
            RawSockets.startup();
            Winsock winsock = UnguardedPorts.winsockOver(UnguardedPorts.of(api.equals("ffm") ? Backend.FFM : Backend.JNA));
            WinSocket listener = winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
            sockets.add(listener);
            listener.bind(new InetSocketAddress(RawSockets.LOOPBACK, 0));
            listener.listen(blocked + 1);
            WinSocket[] measured = connect(winsock, listener);
            measured[0].setOption(IntOption.TCP_NODELAY, 1);
            client = new BackendDataBench.WinEnd(measured[0]);
            server = new BackendDataBench.WinEnd(measured[1]);
            out = new byte[bytes];
            for (int i = 0; i < bytes; i++) {
                out[i] = (byte) (i * 31 + 7);
            }
            in = new byte[bytes];
            CountDownLatch inRecv = new CountDownLatch(blocked);
            for (int i = 0; i < blocked; i++) {
                WinSocket idle = connect(winsock, listener)[1];
                Thread reader = new Thread(() -> {
                    byte[] into = new byte[BLOCKED_RECV];
                    inRecv.countDown();
                    try {
                        idle.recv(into, 0, into.length); // blocks: the peer never sends
                    } catch (IOException closedAtTearDown) {
                        // SocketClosedException: the trial is over.
                    }
                }, "blocked-reader-" + i);
                reader.setDaemon(true);
                reader.start();
                readers.add(reader);
            }
            if (!inRecv.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the blocked readers did not start");
            }
            Thread.sleep(200); // from the count-down into the native recv
            for (Thread reader : readers) {
                if (!reader.isAlive()) {
                    throw new IllegalStateException(reader.getName() + " is not blocked in recv");
                }
            }
        }

        private WinSocket[] connect(Winsock winsock, WinSocket listener) throws IOException {
            WinSocket c = winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
            sockets.add(c);
            c.connect(listener.localAddress());
            WinSocket a = listener.accept();
            sockets.add(a);
            return new WinSocket[] {c, a};
        }

        @TearDown(Level.Trial)
        public void close() throws Exception {
            for (int i = 0; i < bytes; i++) {
                if (in[i] != out[i]) {
                    throw new IllegalStateException(api + ": byte " + i + " did not arrive intact");
                }
            }
            for (WinSocket s : sockets) {
                s.closeAbortively();
            }
            for (Thread reader : readers) {
                reader.join(10_000);
                if (reader.isAlive()) {
                    throw new IllegalStateException(reader.getName() + " still blocked after its socket was closed");
                }
            }
        }
    }

    @Benchmark
    public int heapSendRecv(Load l) throws IOException {
        l.client.sendAll(l.out, null, 0, l.bytes);
        l.server.recvAll(l.in, null, 0, l.bytes);
        return l.bytes;
    }
}
