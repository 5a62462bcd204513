package org.winsock4j.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.winsock4j.AddressFamily;
import org.winsock4j.Protocol;
import org.winsock4j.SocketType;
import org.winsock4j.WinSocket;
import org.winsock4j.Winsock;
import org.winsock4j.WinsockException;
import org.winsock4j.port.WinsockPort;
import org.winsock4j.unguarded.UnguardedPorts;

/**
 * What WinSocket.close() adds to closesocket, on any JVM: close() over {@link NoopPort}
 * (close lock, CLOSING/CLOSED state word, drain check, Cleaner deregistration) against the
 * no-op port's closesocket called directly. Each WinSocket closes once, so the close path is
 * batched like {@link CloseBench}: a batch of WinSockets is opened before each iteration.
 * This is the Java side of the "WinSocket.close() &lt;= 1.05 x raw closesocket" target, free of
 * ws2_32's own cost and noise.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 10, batchSize = CloseOverheadBench.BATCH)
@Measurement(iterations = 10, batchSize = CloseOverheadBench.BATCH)
@OperationsPerInvocation(CloseOverheadBench.BATCH)
@Fork(2)
@Threads(1)
public class CloseOverheadBench {
    public static final int BATCH = 20_000;

    @State(Scope.Thread)
    public static class NoopSockets {
        final WinsockPort port = new NoopPort();
        final Winsock winsock = UnguardedPorts.winsockOver(port);
        WinSocket[] sockets;
        int next;

        @Setup(Level.Iteration)
        public void fill(IterationParams iteration) throws WinsockException {
            sockets = new WinSocket[iteration.getBatchSize()];
            for (int i = 0; i < sockets.length; i++) {
                sockets[i] = winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
            }
            next = 0;
        }

        @TearDown(Level.Iteration)
        public void closeLeftovers() throws WinsockException {
            for (int i = next; i < sockets.length; i++) {
                sockets[i].close();
            }
        }

        WinSocket next() {
            if (next >= sockets.length) {
                throw new IllegalStateException("batch exhausted: run with SingleShotTime and -bs");
            }
            return sockets[next++];
        }
    }

    @Benchmark
    public WinSocket winSocketClose_noopPort(NoopSockets s) throws WinsockException {
        WinSocket w = s.next();
        w.close();
        return w;
    }

    /** The bare port, nothing to create. */
    @State(Scope.Thread)
    public static class Port {
        final WinsockPort port = new NoopPort();
    }

    /** The baseline: the no-op closesocket itself, with the return-value check. */
    @Benchmark
    public int portClosesocket_noopPort(Port s) {
        int rc = s.port.closesocket(NoopPort.SOCKET);
        if (rc != 0) {
            throw new IllegalStateException("closesocket failed");
        }
        return rc;
    }
}
