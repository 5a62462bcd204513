package org.winsock4j.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
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
 * Issue 13, item 4: the data path of winsock4j on each backend beside the JDK's two socket APIs,
 * in one JVM (each case in forks of its own, as JMH does).
 * <ul>
 *   <li>{@code throughput}: one operation sends {@code bytes} bytes on the client end of a
 *       loopback TCP connection and receives them on the accepted end, on one thread (the bytes
 *       fit the socket buffers, so nothing waits for the other end); from a heap array slice or a
 *       direct buffer ({@code memory}) at {@code offset}. A score is the time of one such
 *       transfer: lower is faster, and {@code bytes} over it is the throughput.
 *   <li>{@code pingPong}: 16 bytes to an echo thread and back (the echo thread uses the same API
 *       as the case): the latency of a round trip.
 * </ul>
 * {@code api}: {@code jna} and {@code ffm} are {@link WinSocket}s of a {@link Winsock} over that
 * backend's port ({@code UnguardedPorts.of(Backend)}), {@code socket} is {@link Socket}'s streams (heap
 * arrays only: with {@code memory=direct} it copies the buffer's bytes into an array first, as an
 * application holding a direct buffer would) and {@code channel} is a blocking
 * {@link SocketChannel} with heap or direct ByteBuffers. The client ends have TCP_NODELAY. Run
 * with {@code -prof gc}: {@code gc.alloc.rate.norm} is the heap bytes per operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(1)
@Threads(1)
public class BackendDataBench {
    /** Bytes of a ping and its pong. */
    static final int PING = 16;
    /** The slice is cut from an array (or direct buffer) this much larger than it. */
    static final int SLACK = 64;

    /** One end of a connection through one API: send all of a slice, receive all of one. */
    abstract static class End {
        abstract void sendAll(byte[] array, ByteBuffer direct, int offset, int length) throws IOException;

        abstract void recvAll(byte[] array, ByteBuffer direct, int offset, int length) throws IOException;

        abstract void close() throws IOException;
    }

    static final class WinEnd extends End {
        final WinSocket s;

        WinEnd(WinSocket s) {
            this.s = s;
        }

        @Override
        void sendAll(byte[] array, ByteBuffer direct, int offset, int length) throws IOException {
            if (direct == null) {
                for (int sent = 0; sent < length; ) {
                    sent += s.send(array, offset + sent, length - sent);
                }
            } else {
                direct.limit(offset + length).position(offset);
                while (direct.hasRemaining()) {
                    s.send(direct);
                }
            }
        }

        @Override
        void recvAll(byte[] array, ByteBuffer direct, int offset, int length) throws IOException {
            if (direct == null) {
                for (int got = 0; got < length; ) {
                    int n = s.recv(array, offset + got, length - got);
                    if (n < 0) {
                        throw new IOException("end of stream");
                    }
                    got += n;
                }
            } else {
                direct.limit(offset + length).position(offset);
                while (direct.hasRemaining()) {
                    if (s.recv(direct) < 0) {
                        throw new IOException("end of stream");
                    }
                }
            }
        }

        @Override
        void close() throws IOException {
            s.closeAbortively();
        }
    }

    static final class StreamEnd extends End {
        final Socket s;
        final InputStream in;
        final OutputStream out;
        final byte[] staging;

        StreamEnd(Socket s, int size) throws IOException {
            this.s = s;
            this.in = s.getInputStream();
            this.out = s.getOutputStream();
            this.staging = new byte[size + SLACK];
        }

        @Override
        void sendAll(byte[] array, ByteBuffer direct, int offset, int length) throws IOException {
            if (direct != null) {
                direct.get(offset, staging, offset, length);
                array = staging;
            }
            out.write(array, offset, length);
        }

        @Override
        void recvAll(byte[] array, ByteBuffer direct, int offset, int length) throws IOException {
            byte[] into = direct == null ? array : staging;
            for (int got = 0; got < length; ) {
                int n = in.read(into, offset + got, length - got);
                if (n < 0) {
                    throw new IOException("end of stream");
                }
                got += n;
            }
            if (direct != null) {
                direct.put(offset, staging, offset, length);
            }
        }

        @Override
        void close() throws IOException {
            s.setSoLinger(true, 0);
            s.close();
        }
    }

    static final class ChannelEnd extends End {
        final SocketChannel c;
        ByteBuffer heapView;

        ChannelEnd(SocketChannel c) {
            this.c = c;
        }

        private ByteBuffer view(byte[] array, ByteBuffer direct, int offset, int length) {
            ByteBuffer b = direct;
            if (b == null) {
                if (heapView == null || heapView.array() != array) {
                    heapView = ByteBuffer.wrap(array);
                }
                b = heapView;
            }
            b.limit(offset + length).position(offset);
            return b;
        }

        @Override
        void sendAll(byte[] array, ByteBuffer direct, int offset, int length) throws IOException {
            ByteBuffer b = view(array, direct, offset, length);
            while (b.hasRemaining()) {
                c.write(b);
            }
        }

        @Override
        void recvAll(byte[] array, ByteBuffer direct, int offset, int length) throws IOException {
            ByteBuffer b = view(array, direct, offset, length);
            while (b.hasRemaining()) {
                if (c.read(b) < 0) {
                    throw new IOException("end of stream");
                }
            }
        }

        @Override
        void close() throws IOException {
            c.setOption(StandardSocketOptions.SO_LINGER, 0);
            c.close();
        }
    }

    /** A loopback connection through one API, and the memory its slices are cut from. */
    @State(Scope.Thread)
    public abstract static class Ends {
        @Param({"jna", "ffm", "socket", "channel"})
        public String api;

        @Param({"heap", "direct"})
        public String memory;

        @Param({"0", "7"})
        public int offset;

        int size;

        End client;
        End server;
        byte[] outArray;
        byte[] inArray;
        ByteBuffer outDirect;
        ByteBuffer inDirect;
        private java.io.Closeable closeListener;

        void open(int bytes) throws IOException {
            // One connection made and closed first, untimed: the first use of a call site links
            // it (the FFM API spins and compiles its method handles then, which allocates), and
            // the trial's own tear-down must not carry that into the last measured iteration.
            connect(bytes);
            closeAll();
            connect(bytes);
        }

        private void connect(int bytes) throws IOException {
            size = bytes;
            int capacity = Math.max(size, PING) + SLACK;
            outArray = new byte[capacity];
            inArray = new byte[capacity];
            for (int i = 0; i < capacity; i++) {
                outArray[i] = (byte) (i * 31 + 7);
            }
            if ("direct".equals(memory)) {
                outDirect = ByteBuffer.allocateDirect(capacity).put(outArray).clear();
                inDirect = ByteBuffer.allocateDirect(capacity);
            }
            switch (api) {
                case "jna", "ffm" -> {
                    RawSockets.startup();
                    Winsock winsock = UnguardedPorts.winsockOver(UnguardedPorts.of(api.equals("ffm") ? Backend.FFM : Backend.JNA));
                    WinSocket listener = winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
                    listener.bind(new InetSocketAddress(RawSockets.LOOPBACK, 0));
                    listener.listen(1);
                    WinSocket c = winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
                    c.setOption(IntOption.TCP_NODELAY, 1);
                    c.connect(listener.localAddress());
                    client = new WinEnd(c);
                    server = new WinEnd(listener.accept());
                    closeListener = listener::close;
                }
                case "socket" -> {
                    ServerSocket listener = new ServerSocket(0, 1, RawSockets.LOOPBACK);
                    Socket c = new Socket();
                    c.setTcpNoDelay(true);
                    c.connect(listener.getLocalSocketAddress());
                    client = new StreamEnd(c, Math.max(size, PING));
                    server = new StreamEnd(listener.accept(), Math.max(size, PING));
                    closeListener = listener::close;
                }
                case "channel" -> {
                    ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress(RawSockets.LOOPBACK, 0), 1);
                    SocketChannel c = SocketChannel.open();
                    c.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    c.connect(listener.getLocalAddress());
                    client = new ChannelEnd(c);
                    server = new ChannelEnd(listener.accept());
                    closeListener = listener::close;
                }
                default -> throw new IllegalArgumentException("api " + api);
            }
        }

        /** The bytes of the last transfer arrived intact (checked after the trial, not timed). */
        void check(int length) {
            for (int i = offset; i < offset + length; i++) {
                byte got = inDirect != null ? inDirect.get(i) : inArray[i];
                if (got != outArray[i]) {
                    throw new IllegalStateException(api + ": byte " + i + " did not arrive intact");
                }
            }
        }

        void closeAll() throws IOException {
            client.close();
            server.close();
            closeListener.close();
        }
    }

    /** The throughput case's connection: {@code size} bytes a transfer. */
    @State(Scope.Thread)
    public static class Connection extends Ends {
        @Param({"16", "1024", "65536"})
        public int bytes;

        @Setup(Level.Trial)
        public void open() throws IOException {
            open(bytes);
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            check(size);
            closeAll();
        }
    }

    /** The ping-pong case's connection, with an echo thread on the server end. */
    @State(Scope.Thread)
    public static class Echoed extends Ends {
        private Thread echo;

        @Setup(Level.Trial)
        public void open() throws IOException {
            open(PING);
            byte[] array = new byte[PING + SLACK];
            ByteBuffer direct = "direct".equals(memory) ? ByteBuffer.allocateDirect(PING + SLACK) : null;
            End end = server;
            echo = new Thread(() -> {
                try {
                    for (;;) {
                        end.recvAll(array, direct, offset, PING);
                        end.sendAll(array, direct, offset, PING);
                    }
                } catch (IOException | RuntimeException e) {
                    // The connection ended at tear-down.
                }
            }, "echo");
            echo.setDaemon(true);
            echo.start();
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            check(PING);
            closeAll();
        }
    }

    @Benchmark
    public int throughput(Connection c) throws IOException {
        c.client.sendAll(c.outArray, c.outDirect, c.offset, c.size);
        c.server.recvAll(c.inArray, c.inDirect, c.offset, c.size);
        return c.size;
    }

    @Benchmark
    public int pingPong(Echoed e) throws IOException {
        e.client.sendAll(e.outArray, e.outDirect, e.offset, PING);
        e.client.recvAll(e.inArray, e.inDirect, e.offset, PING);
        return PING;
    }
}
