package org.winsock4j.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
import org.winsock4j.IntOption;
import org.winsock4j.WinSocket;
import org.winsock4j.Winsock;

/**
 * (e) Issue 8, item 5: a send and a recv of 10 bytes cost the same whatever the size of the
 * array the 10 bytes sit in. One operation, on one thread: {@code send} of 10 bytes at
 * {@code offset} of a {@code arraySize} array on the client end of a loopback TCP connection,
 * then {@code recv} of those 10 bytes on the accepted end into another array of the same size at
 * the same offset. Target: the 64 MiB case within 2× of the 8 KiB case. Run with {@code -prof gc}
 * for the heap bytes per operation ({@code gc.alloc.rate.norm}).
 *
 * <p>{@code javaNetSocket} does the same with the JDK's {@link Socket} streams on the same JVM,
 * for reference. Both client ends have TCP_NODELAY, so that Nagle's algorithm does not hold a
 * 10-byte segment back waiting for the (delayed) ACK of the previous one.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(2)
@Threads(1)
public class DataPathBench {
    static final int LENGTH = 10;

    /** The two arrays, as issue 8 reported: 8 KiB against 64 MiB; slices at offset 0 and 7. */
    @State(Scope.Thread)
    public abstract static class Slices {
        @Param({"8192", "67108864"})
        public int arraySize;

        @Param({"0", "7"})
        public int offset;

        byte[] out;
        byte[] in;

        void arrays() {
            out = new byte[arraySize];
            in = new byte[arraySize];
            for (int i = 0; i < LENGTH; i++) {
                out[offset + i] = (byte) (i + 1);
            }
        }

        /** Every operation moved the right 10 bytes (checked once, after the trial). */
        void check() {
            for (int i = 0; i < LENGTH; i++) {
                if (in[offset + i] != out[offset + i]) {
                    throw new IllegalStateException("byte " + i + " did not arrive");
                }
            }
        }
    }

    /** A loopback TCP connection of WinSockets on {@link Winsock#system()}. */
    @State(Scope.Thread)
    public static class Win extends Slices {
        WinSocket listener;
        WinSocket client;
        WinSocket server;

        @Setup(Level.Trial)
        public void open() throws IOException {
            RawSockets.startup();
            arrays();
            listener = WinSocket.openTcp(AddressFamily.INET);
            listener.bind(new InetSocketAddress(RawSockets.LOOPBACK, 0));
            listener.listen(1);
            client = WinSocket.openTcp(AddressFamily.INET);
            client.setOption(IntOption.TCP_NODELAY, 1);
            client.connect(listener.localAddress());
            server = listener.accept();
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            check();
            client.closeAbortively();
            server.closeAbortively();
            listener.close();
        }
    }

    /** The same with java.net sockets (NioSocketImpl in JDK 17). */
    @State(Scope.Thread)
    public static class Jdk extends Slices {
        ServerSocket listener;
        Socket client;
        Socket server;
        OutputStream send;
        InputStream recv;

        @Setup(Level.Trial)
        public void open() throws IOException {
            arrays();
            listener = new ServerSocket(0, 1, RawSockets.LOOPBACK);
            client = new Socket();
            client.setTcpNoDelay(true);
            client.connect(listener.getLocalSocketAddress());
            server = listener.accept();
            send = client.getOutputStream();
            recv = server.getInputStream();
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            check();
            client.setSoLinger(true, 0);
            server.setSoLinger(true, 0);
            client.close();
            server.close();
            listener.close();
        }
    }

    @Benchmark
    public int winSocket(Win w) throws IOException {
        if (w.client.send(w.out, w.offset, LENGTH) != LENGTH) {
            throw new IllegalStateException("short send on a blocking socket");
        }
        int got = 0;
        while (got < LENGTH) {
            int n = w.server.recv(w.in, w.offset + got, LENGTH - got);
            if (n < 0) {
                throw new IllegalStateException("end of stream");
            }
            got += n;
        }
        return got;
    }

    @Benchmark
    public int javaNetSocket(Jdk j) throws IOException {
        j.send.write(j.out, j.offset, LENGTH);
        int got = 0;
        while (got < LENGTH) {
            int n = j.recv.read(j.in, j.offset + got, LENGTH - got);
            if (n < 0) {
                throw new IllegalStateException("end of stream");
            }
            got += n;
        }
        return got;
    }
}
