package org.winsock4j.bench;

import com.sun.jna.Native;
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
import org.winsock4j.WsaError;
import org.winsock4j.jna.Ws2_32;

/**
 * (c) The error path on the real ws2_32: WinSocket.close() of a SOCKET that is not a socket, so
 * closesocket fails with WSAENOTSOCK and winsock4j throws {@link WinsockException.NotSocket},
 * with and without stack trace capture (system property {@code winsock4j.stackTraces}, one fork
 * each), against the success path: WinSocket.close() of a fresh unconnected socket whose
 * closesocket succeeds. {@code rawFailingClosesocket} is the failing native call alone
 * (closesocket + Native.getLastError, no exception), for the decomposition.
 *
 * <p>Same batching as {@link CloseBench}: the WinSockets are created (adopted) before each
 * iteration. The failing closes run in batches of {@link #ERROR_BATCH}: they are cheap, and a
 * thrown exception's path is compiled late (measured on the host: the no-op-port error path still
 * cost ~3 us after 15 batches of 1000 and ~0.3 us after 100), so they need more calls to warm up
 * than the close path. The success path keeps batches of {@link CloseBench#BATCH} real sockets:
 * under Wine every open socket lengthens the list closesocket scans.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, batchSize = CloseBench.BATCH)
@Measurement(iterations = 15, batchSize = CloseBench.BATCH)
@OperationsPerInvocation(CloseBench.BATCH)
@Threads(1)
public class ErrorPathBench {
    /**
     * Never a handle: NT handle values are multiples of 4 below 2^26 (16M handles per process),
     * and this is 2^30 - 16. closesocket answers WSAENOTSOCK (checked on every call).
     */
    static final long BOGUS = 0x3fff_fff0L;

    /** Failing closes per iteration (and operations per invocation) for the error-path methods. */
    public static final int ERROR_BATCH = 20_000;

    /**
     * WinSockets adopted over bogus numbers: {@link #BOGUS} and up in steps of 4, a new one for
     * every WinSocket of the trial. One number cannot serve them all: a Winsock refuses a second
     * owner of a number an open WinSocket holds, and refuses to adopt again a number it has
     * closed that is not a socket (Winsock#adopt). All are above 2^26, so never a handle.
     */
    @State(Scope.Thread)
    public static class Bogus {
        WinSocket[] sockets;
        int next;
        long nextNumber = BOGUS;

        @Setup(Level.Trial)
        public void checkStackTraceSetting() {
            RawSockets.startup();
            boolean expected = !"false".equalsIgnoreCase(System.getProperty("winsock4j.stackTraces", "true"));
            boolean actual = WinsockException.of("closesocket", WsaError.WSAENOTSOCK.code()).getStackTrace().length > 0;
            if (actual != expected) {
                throw new IllegalStateException("winsock4j.stackTraces not in effect: expected traces " + expected);
            }
        }

        @Setup(Level.Iteration)
        public void fill(IterationParams iteration) throws Exception {
            sockets = new WinSocket[iteration.getBatchSize()];
            for (int i = 0; i < sockets.length; i++) {
                sockets[i] = Winsock.system().adopt(nextNumber);
                nextNumber += 4;
            }
            next = 0;
        }

        WinSocket next() {
            if (next >= sockets.length) {
                throw new IllegalStateException("batch exhausted: run with SingleShotTime and -bs");
            }
            return sockets[next++];
        }
    }

    /** Fresh real unconnected sockets on Winsock.system() (the success path). */
    @State(Scope.Thread)
    public static class Real {
        WinSocket[] sockets;
        int next;

        @Setup(Level.Iteration)
        public void fill(IterationParams iteration) throws Exception {
            RawSockets.startup();
            sockets = new WinSocket[iteration.getBatchSize()];
            for (int i = 0; i < sockets.length; i++) {
                sockets[i] = Winsock.system().open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
            }
            next = 0;
        }

        @TearDown(Level.Iteration)
        public void drain() throws Exception {
            for (int i = next; i < sockets.length; i++) {
                sockets[i].closeAbortively();
            }
        }

        WinSocket next() {
            if (next >= sockets.length) {
                throw new IllegalStateException("batch exhausted: run with SingleShotTime and -bs");
            }
            return sockets[next++];
        }
    }

    /** Only WSAStartup, for the raw call. */
    @State(Scope.Thread)
    public static class Started {
        @Setup(Level.Trial)
        public void startup() {
            RawSockets.startup();
        }
    }

    static WinsockException.NotSocket failingClose(Bogus b) {
        WinSocket s = b.next();
        try {
            s.close();
        } catch (WinsockException.NotSocket expected) {
            return expected;
        } catch (WinsockException other) {
            throw new IllegalStateException("expected WSAENOTSOCK", other);
        }
        throw new IllegalStateException("closesocket of a bogus handle succeeded");
    }

    @Benchmark
    @Warmup(iterations = 10, batchSize = ERROR_BATCH)
    @Measurement(iterations = 15, batchSize = ERROR_BATCH)
    @OperationsPerInvocation(ERROR_BATCH)
    @Fork(value = 2, jvmArgsAppend = "-Dwinsock4j.stackTraces=true")
    public WinsockException typedError_stackTrace(Bogus b) {
        return failingClose(b);
    }

    @Benchmark
    @Warmup(iterations = 10, batchSize = ERROR_BATCH)
    @Measurement(iterations = 15, batchSize = ERROR_BATCH)
    @OperationsPerInvocation(ERROR_BATCH)
    @Fork(value = 2, jvmArgsAppend = "-Dwinsock4j.stackTraces=false")
    public WinsockException typedError_noStackTrace(Bogus b) {
        return failingClose(b);
    }

    @Benchmark
    @Fork(2)
    public WinSocket success(Real b) throws WinsockException {
        WinSocket s = b.next();
        s.close();
        return s;
    }

    @Benchmark
    @Warmup(iterations = 10, batchSize = ERROR_BATCH)
    @Measurement(iterations = 15, batchSize = ERROR_BATCH)
    @OperationsPerInvocation(ERROR_BATCH)
    @Fork(2)
    public int rawFailingClosesocket(Started started) {
        if (Ws2_32.closesocket(BOGUS) != -1) {
            throw new IllegalStateException("closesocket of a bogus handle succeeded");
        }
        int code = Native.getLastError();
        if (code != WsaError.WSAENOTSOCK.code()) {
            throw new IllegalStateException("expected WSAENOTSOCK, got " + code);
        }
        return code;
    }
}
