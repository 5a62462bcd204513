package org.winsock4j.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
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
import org.winsock4j.net.WinsockSocket;

/**
 * Issue 24: a request and its response through a {@link java.net.Socket}'s streams, winsock4j's
 * ({@link WinsockSocket}) beside the JDK's own on the same JVM. One operation writes
 * {@code bytes} bytes to an echo thread on the accepted end (the JDK's socket in both cases, so
 * only the client differs) and reads them back: the round trip an application makes with a
 * database or an HTTP server. Throughput in round trips per second; target: winsock4j at least
 * 0.95x the JDK's. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is the heap bytes per
 * round trip (target: no more than the JDK's). The client has TCP_NODELAY.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class SocketApiBench {
    /** Whose Socket the client is: the JDK's ({@code new Socket()}) or winsock4j's. */
    @Param({"jdk", "winsock4j"})
    public String socket;

    @Param({"16", "1024"})
    public int bytes;

    private ServerSocket listener;
    private Socket client;
    private Socket server;
    private Thread echo;
    private InputStream in;
    private OutputStream out;
    private byte[] request;
    private byte[] response;

    @Setup(Level.Trial)
    public void open() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        client = "winsock4j".equals(socket) ? new WinsockSocket() : new Socket();
        client.setTcpNoDelay(true);
        client.connect(new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort()));
        server = listener.accept();
        server.setTcpNoDelay(true);
        int size = bytes;
        InputStream serverIn = server.getInputStream();
        OutputStream serverOut = server.getOutputStream();
        echo = new Thread(() -> {
            byte[] b = new byte[size];
            try {
                for (;;) {
                    readFully(serverIn, b);
                    serverOut.write(b);
                }
            } catch (IOException e) {
                // the connection ended at tear-down
            }
        }, "echo");
        echo.setDaemon(true);
        echo.start();
        in = client.getInputStream();
        out = client.getOutputStream();
        request = new byte[size];
        response = new byte[size];
        for (int i = 0; i < size; i++) {
            request[i] = (byte) (i * 31 + 7);
        }
    }

    private static void readFully(InputStream in, byte[] b) throws IOException {
        int got = 0;
        while (got < b.length) {
            int n = in.read(b, got, b.length - got);
            if (n < 0) {
                throw new IOException("end of stream");
            }
            got += n;
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        if (!java.util.Arrays.equals(request, response)) {
            throw new IllegalStateException("the echo came back different");
        }
        client.close();
        server.close();
        listener.close();
    }

    @Benchmark
    public int requestResponse() throws IOException {
        out.write(request);
        readFully(in, response);
        return response[0];
    }
}
