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
import org.winsock4j.port.Sdk;
import org.winsock4j.unguarded.UnguardedPorts;

/**
 * The Java side of {@link ErrorPathBench}, on any JVM: WinSocket.close() over a port whose
 * closesocket fails with WSAENOTSOCK, so all that is measured is winsock4j turning the failure
 * into a thrown and caught {@link WinsockException.NotSocket}, with and without stack trace
 * capture (one fork each), against a close that succeeds on a no-op port.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 10, batchSize = CloseOverheadBench.BATCH)
@Measurement(iterations = 10, batchSize = CloseOverheadBench.BATCH)
@OperationsPerInvocation(CloseOverheadBench.BATCH)
@Threads(1)
public class ErrorOverheadBench {

    /** closesocket fails with WSAENOTSOCK; everything else as {@link NoopPort}. */
    static final class NotSocketPort extends NoopPort {
        @Override public int closesocket(long s) {
            return Sdk.SOCKET_ERROR;
        }

        @Override public int lastError() {
            return WsaError.WSAENOTSOCK.code();
        }
    }

    @State(Scope.Thread)
    public static class Failing {
        final Winsock winsock = UnguardedPorts.winsockOver(new NotSocketPort());
        WinSocket[] sockets;
        int next;

        @Setup(Level.Trial)
        public void checkStackTraceSetting() {
            boolean expected = !"false".equalsIgnoreCase(System.getProperty("winsock4j.stackTraces", "true"));
            boolean actual = WinsockException.of("closesocket", WsaError.WSAENOTSOCK.code()).getStackTrace().length > 0;
            if (actual != expected) {
                throw new IllegalStateException("winsock4j.stackTraces not in effect: expected traces " + expected);
            }
        }

        @Setup(Level.Iteration)
        public void fill(IterationParams iteration) throws WinsockException {
            sockets = new WinSocket[iteration.getBatchSize()];
            for (int i = 0; i < sockets.length; i++) {
                sockets[i] = winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
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

    static WinsockException failingClose(Failing f) {
        try {
            f.next().close();
        } catch (WinsockException.NotSocket expected) {
            return expected;
        } catch (WinsockException other) {
            throw new IllegalStateException("expected WSAENOTSOCK", other);
        }
        throw new IllegalStateException("close did not fail");
    }

    @Benchmark
    @Fork(value = 2, jvmArgsAppend = "-Dwinsock4j.stackTraces=true")
    public WinsockException typedError_stackTrace_noopPort(Failing f) {
        return failingClose(f);
    }

    @Benchmark
    @Fork(value = 2, jvmArgsAppend = "-Dwinsock4j.stackTraces=false")
    public WinsockException typedError_noStackTrace_noopPort(Failing f) {
        return failingClose(f);
    }
}
