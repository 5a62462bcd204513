package org.winsock4j.bench;

import java.io.IOException;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.winsock4j.ShutdownHow;
import org.winsock4j.WinSocket;
import org.winsock4j.WinsockException;
import org.winsock4j.jna.Ws2_32;

/**
 * (b) The close path on the real ws2_32 (a Windows JVM, natively or under Wine): one socket
 * closed per operation, for every way to close it, on unconnected and on connected loopback TCP
 * sockets ({@code -p socket=...}), and the JDK's own sockets on the same JVM as the reference.
 *
 * <p>Socket creation is outside the measured time: see {@link SocketBatch} (SingleShotTime
 * with a batch size; the sockets of a batch are created before the iteration starts).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, batchSize = CloseBench.BATCH)
@Measurement(iterations = 15, batchSize = CloseBench.BATCH)
@OperationsPerInvocation(CloseBench.BATCH)
@Fork(2)
@Threads(1)
public class CloseBench {
    /**
     * Closes per iteration (JMH batch size) and so operations per invocation: the score is per
     * close. Pass -bs, -wbs and -opi together if you change it.
     */
    public static final int BATCH = 1000;

    /** Enough for connected close(Duration): the peer's FIN is already there. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /** The baseline: closesocket through the binding's raw JNA direct mapping, nothing else. */
    @Benchmark
    public int rawClosesocket(Batches.Raw b) {
        int rc = Ws2_32.closesocket(b.next());
        if (rc != 0) {
            throw RawSockets.fail("closesocket");
        }
        return rc;
    }

    /** WinSocket.close() with the default linger (SO_DONTLINGER): closesocket once. */
    @Benchmark
    public WinSocket winSocketClose(Batches.Win b) throws WinsockException {
        WinSocket s = b.next();
        s.close();
        return s;
    }

    /** closeAbortively(): setsockopt SO_LINGER {1,0}, closesocket. */
    @Benchmark
    public WinSocket closeAbortively(Batches.Win b) throws WinsockException {
        WinSocket s = b.next();
        s.closeAbortively();
        return s;
    }

    /**
     * shutdown(SEND) then close(). On an unconnected socket shutdown fails with WSAENOTCONN (a
     * typed {@link WinsockException.NotConnected}, with its stack trace by default), which is
     * part of what this costs there.
     */
    @Benchmark
    public WinSocket shutdownSendThenClose(Batches.Win b) throws IOException {
        WinSocket s = b.next();
        try {
            s.shutdown(ShutdownHow.SEND);
        } catch (WinsockException.NotConnected unconnected) {
            if (b.connected()) {
                throw unconnected;
            }
        }
        s.close();
        return s;
    }

    /**
     * close(Duration): shutdown(SEND), drain to end of stream with SO_RCVTIMEO, linger off,
     * closesocket. Connected: the peer has already sent its FIN, so the drain ends at the first
     * recv (the fastest graceful case; no waiting on the peer is measured). Unconnected:
     * shutdown fails with WSAENOTCONN inside, then close().
     */
    @Benchmark
    public boolean closeWithTimeout(Batches.WinPeerFin b) throws WinsockException {
        if (!b.next().close(CLOSE_TIMEOUT)) {
            throw new IllegalStateException("close(Duration) reset the connection: the peer's FIN was not seen in time");
        }
        return true;
    }

    /** java.net.Socket.close() (NioSocketImpl in JDK 17). */
    @Benchmark
    public Socket javaNetSocketClose(Batches.Jdk b) throws IOException {
        Socket s = b.next();
        s.close();
        return s;
    }

    /** SocketChannel.close(), blocking mode. */
    @Benchmark
    public SocketChannel socketChannelClose(Batches.Channel b) throws IOException {
        SocketChannel s = b.next();
        s.close();
        return s;
    }
}
