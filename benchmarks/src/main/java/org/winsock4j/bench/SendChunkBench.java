package org.winsock4j.bench;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
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
import org.winsock4j.ShutdownHow;
import org.winsock4j.WinSocket;
import org.winsock4j.jna.Ws2_32;
import org.winsock4j.port.Sdk;

/**
 * (f) Does the size of the JNA backend's scratch chunk matter for large sends? One operation
 * sends {@code sendSize} bytes (64 KiB or 1 MiB) of a heap array on a loopback TCP connection
 * whose other end a second thread drains (recv into a direct buffer, discarded).
 * <ul>
 *   <li>{@code winSocketHeap}: {@code WinSocket.send(byte[], ...)}: the backend's own path
 *       (copy to native scratch memory, one send per 256 KiB chunk).
 *   <li>{@code heapInChunks}: the same loop written out here on the raw mapping, with the chunk
 *       as a parameter (16 KiB to 1 MiB): what another chunk size would cost. The backend's
 *       chunk is a constant, so this is how other sizes are measured; {@code chunk=262144}
 *       against {@code winSocketHeap} shows the loop here is the backend's.
 *   <li>{@code winSocketDirect}: {@code WinSocket.send(ByteBuffer)} of a direct buffer: one
 *       send of the whole buffer, no copy; the floor.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(2)
@Threads(1)
public class SendChunkBench {

    /** A loopback connection, a drained far end, and the data. */
    @State(Scope.Thread)
    public static class Connection {
        @Param({"65536", "1048576"})
        public int sendSize;

        byte[] data;
        ByteBuffer direct;
        WinSocket listener;
        WinSocket client;
        WinSocket server;
        long rawClient;
        long sent;
        volatile long received;
        volatile Throwable drainFailure;
        Thread drain;

        @Setup(Level.Trial)
        public void open() throws IOException {
            RawSockets.startup();
            data = new byte[sendSize];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i * 31);
            }
            direct = ByteBuffer.allocateDirect(sendSize).put(data).flip();
            listener = WinSocket.openTcp(AddressFamily.INET);
            listener.bind(new InetSocketAddress(RawSockets.LOOPBACK, 0));
            listener.listen(1);
            client = WinSocket.openTcp(AddressFamily.INET);
            client.connect(listener.localAddress());
            server = listener.accept();
            rawClient = client.rawHandle();
            drain = new Thread(this::drain, "drain");
            drain.setDaemon(true);
            drain.start();
        }

        private void drain() {
            ByteBuffer sink = ByteBuffer.allocateDirect(1 << 20);
            try {
                long total = 0;
                for (int n; (n = server.recv(sink.clear())) > 0; ) {
                    total += n;
                    received = total;
                }
            } catch (Throwable t) {
                drainFailure = t;
            }
        }

        @TearDown(Level.Trial)
        public void close() throws Exception {
            client.shutdown(ShutdownHow.SEND);
            drain.join(TimeUnit.SECONDS.toMillis(30));
            if (drainFailure != null) {
                throw new IllegalStateException("drain failed", drainFailure);
            }
            if (received != sent) {
                throw new IllegalStateException("sent " + sent + " bytes, " + received + " arrived");
            }
            client.closeAbortively();
            server.closeAbortively();
            listener.close();
        }
    }

    /** A native buffer of {@code chunk} bytes and its direct view, as the backend's scratch. */
    @State(Scope.Thread)
    public static class Chunk {
        @Param({"16384", "65536", "262144", "1048576"})
        public int chunk;

        Memory memory;
        ByteBuffer view;

        @Setup(Level.Trial)
        public void allocate() {
            memory = new Memory(chunk);
            view = memory.getByteBuffer(0, chunk);
        }

        @TearDown(Level.Trial)
        public void free() {
            memory.close();
        }
    }

    @Benchmark
    public long winSocketHeap(Connection c) throws IOException {
        int size = c.sendSize;
        for (int off = 0; off < size; ) {
            off += c.client.send(c.data, off, size - off);
        }
        return c.sent += size;
    }

    @Benchmark
    public long heapInChunks(Connection c, Chunk k) {
        int size = c.sendSize;
        for (int off = 0; off < size; ) {
            int n = Math.min(size - off, k.chunk);
            k.view.put(0, c.data, off, n);
            int r = Ws2_32.send(c.rawClient, Pointer.nativeValue(k.memory), n, 0);
            if (r == Sdk.SOCKET_ERROR) {
                throw RawSockets.fail("send");
            }
            off += r;
        }
        return c.sent += size;
    }

    @Benchmark
    public long winSocketDirect(Connection c) throws IOException {
        c.direct.clear();
        while (c.direct.hasRemaining()) {
            c.client.send(c.direct);
        }
        return c.sent += c.sendSize;
    }
}
