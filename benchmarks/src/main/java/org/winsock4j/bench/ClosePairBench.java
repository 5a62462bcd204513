package org.winsock4j.bench;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.winsock4j.jna.Ws2_32;

/**
 * The WinSocket.close() / raw closesocket ratio, paired. Every operation closes one raw SOCKET
 * (the baseline: the binding's direct mapping, nothing else) and one WinSocket of the same kind
 * (the candidate), alternating which goes first (and, independently, which was created first),
 * and times each close with System.nanoTime.
 *
 * <p>Why: under Wine a closesocket is a wineserver round trip of tens of microseconds whose cost
 * drifts by tens of percent between iterations and forks, more so on a shared 2-core machine;
 * two separate benchmarks ({@link CloseBench#rawClosesocket}, {@link CloseBench#winSocketClose})
 * cannot resolve 5% under that drift. Side by side in one loop both closes see the same
 * conditions. Single closes still stall now and then (another process gets the core or the
 * wineserver), so each iteration also reports the <em>median</em> close of each kind, which such
 * stalls do not move. The two nanoTime reads per close cost the same on both sides.
 *
 * <p>Auxiliary counters per iteration (JMH {@code @AuxCounters}, raw data per iteration in the
 * JSON): {@code baselineNanos}/{@code candidateNanos} (sums) and
 * {@code baselineMedianNanos}/{@code candidateMedianNanos}. {@link #rawVsRawClose} is the
 * control: the same loop with a raw close on both sides, so its ratio shows what the method
 * reads when there is no difference.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, batchSize = CloseBench.BATCH)
@Measurement(iterations = 15, batchSize = CloseBench.BATCH)
@OperationsPerInvocation(CloseBench.BATCH)
@Fork(2)
@Threads(1)
public class ClosePairBench {

    /** Per batch: raw sockets and WinSockets, the same number of each. */
    @State(Scope.Thread)
    public static class RawAndWin extends SocketBatch {
        long[] raw;
        WinSocket[] win;

        @Override void allocate(int n) {
            raw = new long[n];
            win = new WinSocket[n];
        }

        @Override void create(int i, InetSocketAddress to) throws Exception {
            if (createBaselineFirst(i)) {
                createRaw(i, to);
                createWin(i, to);
            } else {
                createWin(i, to);
                createRaw(i, to);
            }
        }

        private void createRaw(int i, InetSocketAddress to) {
            raw[i] = RawSockets.tcp();
            if (to != null) {
                RawSockets.connect(raw[i], to);
                acceptPeer();
            }
        }

        private void createWin(int i, InetSocketAddress to) throws Exception {
            win[i] = Winsock.system().open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
            if (to != null) {
                win[i].connect(to);
                acceptPeer();
            }
        }

        @Override void closeLeftover(int i) throws Exception {
            RawSockets.closeAbortively(raw[i]);
            win[i].closeAbortively();
        }

        @Override void release() {
            raw = null;
            win = null;
        }
    }

    /** Per batch: two sets of raw sockets (the control). */
    @State(Scope.Thread)
    public static class RawAndRaw extends SocketBatch {
        long[] a;
        long[] b;

        @Override void allocate(int n) {
            a = new long[n];
            b = new long[n];
        }

        @Override void create(int i, InetSocketAddress to) {
            if (createBaselineFirst(i)) {
                a[i] = connected(to);
                b[i] = connected(to);
            } else {
                b[i] = connected(to);
                a[i] = connected(to);
            }
        }

        private long connected(InetSocketAddress to) {
            long s = RawSockets.tcp();
            if (to != null) {
                RawSockets.connect(s, to);
                acceptPeer();
            }
            return s;
        }

        @Override void closeLeftover(int i) {
            RawSockets.closeAbortively(a[i]);
            RawSockets.closeAbortively(b[i]);
        }

        @Override void release() {
            a = null;
            b = null;
        }
    }

    /** Each close's time; sums and medians per iteration as JMH auxiliary counters. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Timing {
        public long baselineNanos;
        public long candidateNanos;
        public long baselineMedianNanos;
        public long candidateMedianNanos;
        long[] baseline;
        long[] candidate;
        int n;

        @Setup(Level.Iteration)
        public void start(IterationParams iteration) {
            baseline = new long[iteration.getBatchSize()];
            candidate = new long[iteration.getBatchSize()];
            n = 0;
        }

        void record(long baselineTime, long candidateTime) {
            baseline[n] = baselineTime;
            candidate[n] = candidateTime;
            n++;
            baselineNanos += baselineTime;
            candidateNanos += candidateTime;
        }

        /** Runs before JMH reads the counters (JMH zeroes them before each iteration). */
        @TearDown(Level.Iteration)
        public void medians() {
            baselineMedianNanos = median(baseline, n);
            candidateMedianNanos = median(candidate, n);
        }

        private static long median(long[] values, int n) {
            if (n == 0) {
                return 0;
            }
            long[] sorted = Arrays.copyOf(values, n);
            Arrays.sort(sorted);
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
    }

    /**
     * Which of a pair is created first: alternates with bit 1 of the index, while the close order
     * alternates with bit 0, so each of the four orders is a quarter of the batch. The order of
     * creation matters under Wine: its ws2_32 keeps a list of sockets that closesocket scans
     * linearly (socket_list_remove), so a later socket takes a longer scan.
     */
    static boolean createBaselineFirst(int i) {
        return (i & 2) == 0;
    }

    private static void closeRaw(long s) {
        if (Ws2_32.closesocket(s) != 0) {
            throw RawSockets.fail("closesocket");
        }
    }

    /** Baseline: raw closesocket; candidate: WinSocket.close(). */
    @Benchmark
    public long rawVsWinSocketClose(RawAndWin p, Timing t) throws WinsockException {
        int i = p.take();
        long raw = p.raw[i];
        WinSocket win = p.win[i];
        long rawTime;
        long winTime;
        if ((i & 1) == 0) {
            long t0 = System.nanoTime();
            closeRaw(raw);
            long t1 = System.nanoTime();
            win.close();
            long t2 = System.nanoTime();
            rawTime = t1 - t0;
            winTime = t2 - t1;
        } else {
            long t0 = System.nanoTime();
            win.close();
            long t1 = System.nanoTime();
            closeRaw(raw);
            long t2 = System.nanoTime();
            winTime = t1 - t0;
            rawTime = t2 - t1;
        }
        t.record(rawTime, winTime);
        return rawTime + winTime;
    }

    /** The control: raw closesocket on both sides, same loop. */
    @Benchmark
    public long rawVsRawClose(RawAndRaw p, Timing t) {
        int i = p.take();
        long a = p.a[i];
        long b = p.b[i];
        long aTime;
        long bTime;
        if ((i & 1) == 0) {
            long t0 = System.nanoTime();
            closeRaw(a);
            long t1 = System.nanoTime();
            closeRaw(b);
            long t2 = System.nanoTime();
            aTime = t1 - t0;
            bTime = t2 - t1;
        } else {
            long t0 = System.nanoTime();
            closeRaw(b);
            long t1 = System.nanoTime();
            closeRaw(a);
            long t2 = System.nanoTime();
            bTime = t1 - t0;
            aTime = t2 - t1;
        }
        t.record(aTime, bTime);
        return aTime + bTime;
    }
}
