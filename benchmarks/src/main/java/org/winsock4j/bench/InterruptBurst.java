package org.winsock4j.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedByInterruptException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.winsock4j.AddressFamily;
import org.winsock4j.SocketClosedException;
import org.winsock4j.WinSocket;

/**
 * Issue 22, item 10: a burst of interrupts against a burst of closes. N threads each block in
 * {@code recv} on their own loopback connection (platform threads blocked in ws2_32, or virtual
 * threads parked until the poller reports the socket); then all N calls are ended at once:
 * <ul>
 *   <li>{@code interrupt}: one thread calls {@link Thread#interrupt()} on each of the N threads in
 *       a loop (interrupt() does not block, so this is as "at once" as interrupts get); each call
 *       must end with {@link ClosedByInterruptException}, its socket closed.
 *   <li>{@code close}: N closer threads (platform threads, started and waiting beforehand) are
 *       released together and each calls {@link WinSocket#close()} on one socket (close() waits
 *       for the blocked call to leave, so one thread closing all N would measure N closes in
 *       sequence); each call must end with {@link SocketClosedException}.
 * </ul>
 * An ending's latency is from the start of the burst to the moment its blocked call returned to
 * the thread. Per case: the median and the maximum over every ending of every measured round
 * (warm-up rounds first, not counted), and the endings that were not the expected exception.
 * Not JMH: what is measured is N simultaneous endings across threads, once per round.
 *
 * <p>Usage: {@code InterruptBurst [N] [rounds] [warmupRounds] [threads,...]}, threads
 * {@code platform} and {@code virtual} (Java 21+); defaults 100 20 3 platform,virtual.
 */
public final class InterruptBurst {
    private InterruptBurst() {}

    /** How long the blocked threads get to reach their native call or park (see {@link #awaitBlocked}). */
    static final long SETTLE_MILLIS = 300;

    record Result(String threads, String ending, int n, int rounds, double medianMillis, double p90Millis,
            double maxMillis, long wrongEndings) {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<String> kinds = List.of(args.length > 3 ? args[3].split(",") : new String[] {"platform", "virtual"});
        for (String k : kinds) {
            if (!k.equals("platform") && !k.equals("virtual")) {
                throw new IllegalArgumentException("unknown thread kind " + k + ": platform or virtual");
            }
        }
        RawSockets.startup();
        List<Result> results = new ArrayList<>();
        try (WinSocket listener = WinSocket.openTcp(AddressFamily.INET)) {
            listener.bind(new InetSocketAddress(RawSockets.LOOPBACK, 0));
            listener.listen(n);
            InetSocketAddress at = listener.localAddress();
            for (String kind : kinds) {
                for (String ending : List.of("interrupt", "close")) {
                    long[] all = new long[n * rounds];
                    long wrong = 0;
                    for (int r = -warmup; r < rounds; r++) {
                        long[] latencies = new long[n];
                        long w = round(listener, at, n, kind.equals("virtual"), ending.equals("interrupt"), latencies);
                        if (r >= 0) {
                            System.arraycopy(latencies, 0, all, r * n, n);
                            wrong += w;
                        }
                    }
                    Arrays.sort(all);
                    Result res = new Result(kind, ending, n, rounds, all[all.length / 2] / 1e6,
                            all[(int) (all.length * 0.9)] / 1e6, all[all.length - 1] / 1e6, wrong);
                    results.add(res);
                    System.err.printf(Locale.ROOT, "%s threads, %s: median %.1f ms, p90 %.1f ms, max %.1f ms, wrong endings %d%n",
                            res.threads, res.ending, res.medianMillis, res.p90Millis, res.maxMillis, res.wrongEndings);
                }
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("| threads | ending | N | rounds | median ms | p90 ms | max ms | wrong endings | median interrupt/close | max interrupt/close |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < results.size(); i += 2) {
            Result in = results.get(i);
            Result cl = results.get(i + 1);
            for (Result r : List.of(in, cl)) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.1f | %.1f | %.1f | %d | %s | %s |%n",
                        r.threads, r.ending, r.n, r.rounds, r.medianMillis, r.p90Millis, r.maxMillis, r.wrongEndings,
                        r == in ? String.format(Locale.ROOT, "%.2f", in.medianMillis / cl.medianMillis) : "",
                        r == in ? String.format(Locale.ROOT, "%.2f", in.maxMillis / cl.maxMillis) : ""));
            }
        }
        System.out.print(md);
    }

    /**
     * One burst: N connections, N blocked receivers, all ended at once; fills {@code latencies}
     * (nanoseconds from the burst's start) and returns how many endings were not the expected
     * exception.
     */
    static long round(WinSocket listener, InetSocketAddress at, int n, boolean virtual, boolean interrupt,
            long[] latencies) throws Exception {
        WinSocket[] clients = new WinSocket[n];
        WinSocket[] servers = new WinSocket[n];
        for (int i = 0; i < n; i++) {
            clients[i] = WinSocket.openTcp(AddressFamily.INET);
            clients[i].connect(at);
            servers[i] = listener.accept();
        }
        long[] ended = new long[n];
        AtomicInteger wrong = new AtomicInteger();
        AtomicInteger entered = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(n);
        Thread[] receivers = new Thread[n];
        for (int i = 0; i < n; i++) {
            int k = i;
            Class<? extends IOException> expected = interrupt ? ClosedByInterruptException.class : SocketClosedException.class;
            Runnable body = () -> {
                Throwable outcome = null;
                try {
                    entered.incrementAndGet();
                    servers[k].recv(new byte[1], 0, 1);
                } catch (IOException | RuntimeException e) {
                    outcome = e;
                }
                ended[k] = System.nanoTime();
                if (!expected.isInstance(outcome) || servers[k].isOpen()) {
                    wrong.incrementAndGet();
                    System.err.println("receiver " + k + " ended with " + outcome + (servers[k].isOpen() ? ", socket open" : ""));
                }
                done.countDown();
            };
            receivers[i] = virtual ? virtualThread(body) : new Thread(body, "receiver-" + i);
            receivers[i].setDaemon(true);
        }
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch closersReady = new CountDownLatch(interrupt ? 0 : n);
        long[] burstStart = new long[1];
        List<Thread> closers = new ArrayList<>();
        if (!interrupt) {
            for (int i = 0; i < n; i++) {
                WinSocket s = servers[i];
                Thread c = new Thread(() -> {
                    closersReady.countDown();
                    try {
                        go.await();
                        s.close();
                    } catch (InterruptedException | IOException e) {
                        wrong.incrementAndGet();
                        System.err.println("close failed: " + e);
                    }
                }, "closer-" + i);
                c.setDaemon(true);
                c.start();
                closers.add(c);
            }
        }
        for (Thread t : receivers) {
            t.start();
        }
        awaitBlocked(receivers, entered, virtual);
        closersReady.await();
        burstStart[0] = System.nanoTime();
        if (interrupt) {
            for (Thread t : receivers) {
                t.interrupt();
            }
        } else {
            go.countDown();
        }
        if (!done.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the burst did not end within 60 s: " + done.getCount() + " calls still blocked");
        }
        for (int i = 0; i < n; i++) {
            latencies[i] = ended[i] - burstStart[0];
        }
        for (Thread c : closers) {
            c.join();
        }
        for (WinSocket c : clients) {
            c.close();
        }
        return wrong.get();
    }

    /**
     * Until every receiver has entered its recv, then {@link #SETTLE_MILLIS} more, and for
     * virtual threads until each one is parked (WAITING): a platform thread blocked in a native
     * call looks RUNNABLE, so for those the settle time stands in.
     */
    static void awaitBlocked(Thread[] receivers, AtomicInteger entered, boolean virtual) throws InterruptedException {
        while (entered.get() < receivers.length) {
            Thread.sleep(1);
        }
        Thread.sleep(SETTLE_MILLIS);
        if (virtual) {
            for (Thread t : receivers) {
                while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
                    Thread.sleep(1);
                }
            }
        }
    }

    /** An unstarted virtual thread (Java 21+), through reflection: this module compiles for Java 17. */
    static Thread virtualThread(Runnable body) throws ReflectiveOperationException {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        return (Thread) Class.forName("java.lang.Thread$Builder").getMethod("unstarted", Runnable.class)
                .invoke(builder, body);
    }
}
