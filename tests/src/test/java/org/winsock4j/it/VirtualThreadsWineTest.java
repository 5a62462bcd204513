package org.winsock4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.winsock4j.AddressFamily;
import org.winsock4j.PollerProbe;
import org.winsock4j.Winsock;
import org.winsock4j.IntOption;
import org.winsock4j.SocketClosedException;
import org.winsock4j.WinSocket;
import org.winsock4j.WinsockError;
import org.winsock4j.WinsockException;
import org.winsock4j.WsaError;
import org.winsock4j.port.Sdk;
import org.winsock4j.unguarded.UnguardedPorts;

/**
 * Issue 14 against the real ws2_32: on a virtual thread a winsock4j call that waits parks the
 * thread instead of blocking its carrier in a native call. Java 17 has no virtual threads: there
 * the test asserts that (the lab's Java 21 and 25 platforms run the rest).
 */
class VirtualThreadsWineTest {
    /** Executors.newVirtualThreadPerTaskExecutor() (the tests are Java 17 sources), or null on Java 17. */
    private static ExecutorService virtualThreads() {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (NoSuchMethodException java17) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs {@code body} with virtual threads where the JVM has them; on Java 17 asserts it has none. */
    private static void withVirtualThreads(VirtualBody body) throws Exception {
        ExecutorService virtual = virtualThreads();
        if (Runtime.version().feature() < 21) {
            assertEquals(null, virtual, "Java " + Runtime.version() + " has no virtual threads (they are Java 21+)");
            return;
        }
        try {
            body.run(virtual);
        } finally {
            virtual.shutdownNow();
        }
    }

    private interface VirtualBody {
        void run(ExecutorService virtual) throws Exception;
    }

    private static <T> Future<T> submit(ExecutorService virtual, AtomicReference<Thread> thread, Callable<T> call) {
        return virtual.submit(() -> {
            thread.set(Thread.currentThread());
            return call.call();
        });
    }

    private static void awaitParked(AtomicReference<Thread> t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.get() == null || t.get().getState() != Thread.State.WAITING && t.get().getState() != Thread.State.TIMED_WAITING) {
            assertTrue(System.nanoTime() < deadline, "not parked: " + (t.get() == null ? "not started" : t.get().getState()));
            Thread.sleep(5);
        }
    }

    /** Until {@code done} holds, at most {@code seconds}; fails with {@code what} (what should have happened). */
    private static void eventually(int seconds, String what, java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within " + seconds + " s: " + what);
            Thread.sleep(10);
        }
    }

    /**
     * The real blocking mode of a socket, seen from ws2_32: a recv with no data waiting fails at
     * once with WSAEWOULDBLOCK on a non-blocking socket, and waits (here until SO_RCVTIMEO's
     * 100 ms, WSAETIMEDOUT) on a blocking one.
     */
    private static boolean reallyBlocking(WinSocket s) throws Exception {
        s.setOption(IntOption.SO_RCVTIMEO, 100);
        try {
            int rc = Lab.PORT.recv(s.rawHandle(), new byte[1], 0, 1, 0);
            assertEquals(Sdk.SOCKET_ERROR, rc, "no data was waiting");
            int code = Lab.PORT.lastError();
            assertTrue(code == WsaError.WSAETIMEDOUT.code() || code == WsaError.WSAEWOULDBLOCK.code(), "recv failed with " + code);
            return code == WsaError.WSAETIMEDOUT.code();
        } finally {
            s.setOption(IntOption.SO_RCVTIMEO, 0);
        }
    }

    @Test
    void moreReceivesWaitingThanCarriersAllProgressWhileTodaysBlockingCallsWouldStallTheScheduler() throws Exception {
        withVirtualThreads(virtual -> {
            int carriers = Runtime.getRuntime().availableProcessors(); // the default scheduler's parallelism
            int waiting = 4 * carriers;
            List<Lab.Pair> pairs = new ArrayList<>();
            try {
                for (int i = 0; i < waiting; i++) {
                    pairs.add(Lab.pair(AddressFamily.INET));
                }
                // Control: the raw blocking recv (what a native call does on a virtual thread)
                // pins every carrier, so a further virtual thread cannot run.
                List<Future<Integer>> raw = new ArrayList<>();
                for (int i = 0; i < carriers; i++) {
                    long server = pairs.get(i).server().rawHandle();
                    raw.add(virtual.submit(() -> Lab.PORT.recv(server, new byte[1], 0, 1, 0)));
                }
                Thread.sleep(500);
                Future<String> starved = virtual.submit(() -> "ran");
                assertThrows(TimeoutException.class, () -> starved.get(2, TimeUnit.SECONDS),
                        "with " + carriers + " carriers pinned by blocking native recvs another virtual thread runs not");
                for (int i = 0; i < carriers; i++) {
                    pairs.get(i).client().send(new byte[] {1}, 0, 1);
                }
                for (Future<Integer> r : raw) {
                    assertEquals(1, r.get(10, TimeUnit.SECONDS));
                }
                assertEquals("ran", starved.get(10, TimeUnit.SECONDS));

                // winsock4j: every receive parks; the carriers stay free.
                List<Future<Integer>> parked = new ArrayList<>();
                List<AtomicReference<Thread>> threads = new ArrayList<>();
                for (Lab.Pair p : pairs) {
                    AtomicReference<Thread> t = new AtomicReference<>();
                    threads.add(t);
                    parked.add(submit(virtual, t, () -> p.server().recv(new byte[4], 0, 4)));
                }
                for (AtomicReference<Thread> t : threads) {
                    awaitParked(t);
                }
                assertEquals("ran", virtual.submit(() -> "ran").get(5, TimeUnit.SECONDS),
                        waiting + " receives wait on " + carriers + " carriers, and another virtual thread runs at once");
                for (Lab.Pair p : pairs) {
                    p.client().send(new byte[] {2, 3}, 0, 2);
                }
                for (Future<Integer> r : parked) {
                    assertEquals(2, r.get(10, TimeUnit.SECONDS));
                }
                for (Lab.Pair p : pairs) {
                    assertTrue(p.server().isBlocking());
                    assertTrue(reallyBlocking(p.server()), "blocking again underneath once the call returned");
                }
            } finally {
                for (Lab.Pair p : pairs) {
                    p.close();
                }
            }
        });
    }

    @Test
    void aCloseEndsAParkedReceiveWithinASecondAndTheTimeoutIsThePlatformThreadOne() throws Exception {
        withVirtualThreads(virtual -> {
            try (Lab.Pair p = Lab.pair(AddressFamily.INET)) {
                AtomicReference<Thread> t = new AtomicReference<>();
                Future<Integer> n = submit(virtual, t, () -> p.server().recv(new byte[4], 0, 4));
                awaitParked(t);
                long start = System.nanoTime();
                p.server().close();
                ExecutionException e = assertThrows(ExecutionException.class, () -> n.get(5, TimeUnit.SECONDS));
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertInstanceOf(SocketClosedException.class, e.getCause());
                assertTrue(millis < 1000, "the parked receive ended " + millis + " ms after close");
                assertFalse(p.server().isOpen());
            }
            try (Lab.Pair p = Lab.pair(AddressFamily.INET)) {
                p.server().setOption(IntOption.SO_RCVTIMEO, 200);
                AtomicReference<Thread> t = new AtomicReference<>();
                long start = System.nanoTime();
                Future<Integer> n = submit(virtual, t, () -> p.server().recv(new byte[4], 0, 4));
                ExecutionException e = assertThrows(ExecutionException.class, () -> n.get(10, TimeUnit.SECONDS));
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertInstanceOf(WinsockException.TimedOut.class, e.getCause());
                assertInstanceOf(SocketTimeoutException.class, e.getCause());
                assertEquals(WsaError.WSAETIMEDOUT.code(), ((WinsockError) e.getCause()).code());
                assertTrue(millis >= 190, "timed out after " + millis + " ms, SO_RCVTIMEO is 200 ms");
                assertTrue(p.server().isOpen());
                p.server().setOption(IntOption.SO_RCVTIMEO, 0);
                assertTrue(reallyBlocking(p.server()));
            }
        });
    }

    @Test
    void anInterruptEndsAParkedReceiveAndClosesTheSocketAsOnAPlatformThread() throws Exception {
        withVirtualThreads(virtual -> {
            try (Lab.Pair p = Lab.pair(AddressFamily.INET)) {
                AtomicReference<Thread> t = new AtomicReference<>();
                Future<Integer> n = submit(virtual, t, () -> p.server().recv(new byte[4], 0, 4));
                awaitParked(t);
                t.get().interrupt();
                ExecutionException e = assertThrows(ExecutionException.class, () -> n.get(5, TimeUnit.SECONDS));
                assertInstanceOf(ClosedByInterruptException.class, e.getCause());
                eventually(5, "the interrupt closed the socket", () -> !p.server().isOpen());
            }
        });
    }

    @Test
    void theOwnersCloseEndsAReceiveParkedOnABorrowedViewAsItsOwn() throws Exception {
        // Issue 22, item 1, on a virtual thread: the owner's close unparks the view's call and
        // waits for it; the call ends in the native recv the close cancelled, as the owner's would.
        withVirtualThreads(virtual -> {
            try (Lab.Pair p = Lab.pair(AddressFamily.INET)) {
                WinSocket view = Lab.WINSOCK.borrow(p.server().rawHandle());
                AtomicReference<Thread> t = new AtomicReference<>();
                Future<Integer> n = submit(virtual, t, () -> view.recv(new byte[4], 0, 4));
                awaitParked(t);
                p.server().close();
                ExecutionException e = assertThrows(ExecutionException.class, () -> n.get(5, TimeUnit.SECONDS));
                SocketClosedException closed = assertInstanceOf(SocketClosedException.class, e.getCause());
                WinsockError cause = assertInstanceOf(WinsockError.class, closed.getCause());
                if (Lab.WINE) {
                    assertEquals(995, cause.code(), "Wine: WSA_OPERATION_ABORTED, as a platform thread's recv");
                }
                assertFalse(view.isOpen());
            }
        });
    }

    @Test
    void aBurstOfInterruptsOfParkedReceivesClosesEverySocket() throws Exception {
        // Issue 22, item 10, on virtual threads: 50 parked receives interrupted at once; each
        // interrupted thread closes its own socket (no thread per interrupt); a generous bound,
        // the figures are benchmarks/InterruptBurst's.
        withVirtualThreads(virtual -> {
            int count = 50;
            List<Lab.Pair> pairs = new ArrayList<>();
            List<AtomicReference<Thread>> threads = new ArrayList<>();
            List<Future<Integer>> receives = new ArrayList<>();
            long[] raws = new long[count];
            try {
                for (int i = 0; i < count; i++) {
                    Lab.Pair p = Lab.pair(AddressFamily.INET);
                    pairs.add(p);
                    raws[i] = p.server().rawHandle();
                    AtomicReference<Thread> t = new AtomicReference<>();
                    threads.add(t);
                    receives.add(submit(virtual, t, () -> p.server().recv(new byte[4], 0, 4)));
                }
                for (AtomicReference<Thread> t : threads) {
                    awaitParked(t);
                }
                for (AtomicReference<Thread> t : threads) {
                    t.get().interrupt();
                }
                for (int i = 0; i < count; i++) {
                    Future<Integer> r = receives.get(i);
                    ExecutionException e = assertThrows(ExecutionException.class, () -> r.get(10, TimeUnit.SECONDS));
                    assertInstanceOf(ClosedByInterruptException.class, e.getCause());
                    assertFalse(pairs.get(i).server().isOpen());
                    assertEquals(threads.get(i).get(), Lab.PORT.closedOnThread(raws[i]), "closed by the interrupted thread");
                }
            } finally {
                for (Lab.Pair p : pairs) {
                    p.close();
                }
            }
        });
    }

    @Test
    void connectAcceptSendAndLargeTransfersWorkFromVirtualThreads() throws Exception {
        withVirtualThreads(virtual -> {
            WinSocket listener = Lab.listener(AddressFamily.INET);
            try {
                AtomicReference<Thread> t = new AtomicReference<>();
                Future<WinSocket> accepted = submit(virtual, t, listener::accept);
                awaitParked(t);
                byte[] big = new byte[4 << 20]; // more than the socket buffers: the send parks part-way
                for (int i = 0; i < big.length; i++) {
                    big[i] = (byte) (i * 7 + (i >>> 11));
                }
                Future<Integer> sent = virtual.submit(() -> {
                    WinSocket c = Lab.tcp(AddressFamily.INET);
                    c.connect(listener.localAddress());
                    int n = c.send(big, 0, big.length);
                    c.close();
                    return n;
                });
                WinSocket server = accepted.get(10, TimeUnit.SECONDS);
                byte[] got = virtual.submit(() -> Lab.readAll(server)).get(30, TimeUnit.SECONDS);
                assertEquals(big.length, sent.get(30, TimeUnit.SECONDS), "a blocking send takes every byte");
                assertTrue(java.util.Arrays.equals(big, got), "every byte arrived in order");
                server.close();
            } finally {
                listener.close();
            }
        });
    }

    @Test
    void anIdlePollerClosesItsWakeUpSocketInWs2_32AndTheNextWaitGetsANewPoller() throws Exception {
        withVirtualThreads(virtual -> {
            Winsock own = UnguardedPorts.winsockOver(Lab.PORT); // pollers of its own, none started yet
            PollerProbe.stopIdlePollersAfter(own, Duration.ofMillis(300));
            try (Winsock.Session session = own.startup(); Lab.Pair p = Lab.pair(own, AddressFamily.INET)) {
                AtomicReference<Thread> t = new AtomicReference<>();
                Future<Integer> first = submit(virtual, t, () -> p.server().recv(new byte[4], 0, 4));
                awaitParked(t);
                List<Long> doorbells = PollerProbe.doorbells(own);
                assertEquals(1, doorbells.size(), "one poller, one wake-up socket: " + doorbells);
                long doorbell = doorbells.get(0);
                assertEquals(Sdk.SOCK_DGRAM, socketType(doorbell), "the wake-up socket is a live UDP socket");
                Thread.sleep(900); // three idle times: a poller with a waiter stays
                assertEquals(doorbells, PollerProbe.doorbells(own));
                p.client().send(new byte[] {1}, 0, 1);
                assertEquals(1, first.get(10, TimeUnit.SECONDS));

                eventually(10, "the idle poller's wake-up socket closed (WSAENOTSOCK)",
                        () -> socketType(doorbell) == -WsaError.WSAENOTSOCK.code());
                assertEquals(List.of(), PollerProbe.doorbells(own), "no poller runs");

                AtomicReference<Thread> t2 = new AtomicReference<>();
                Future<Integer> next = submit(virtual, t2, () -> p.server().recv(new byte[4], 0, 4));
                awaitParked(t2);
                assertEquals(1, PollerProbe.doorbells(own).size(), "a new poller for the next wait");
                p.client().send(new byte[] {2}, 0, 1);
                assertEquals(1, next.get(10, TimeUnit.SECONDS));
            }
        });
    }

    /** SO_TYPE of {@code socket}, or minus the WSA code getsockopt failed with. */
    private static int socketType(long socket) {
        byte[] type = new byte[4];
        int[] typelen = {4};
        if (Lab.PORT.getsockopt(socket, Sdk.SOL_SOCKET, Sdk.SO_TYPE, type, typelen) == Sdk.SOCKET_ERROR) {
            return -Lab.PORT.lastError();
        }
        return java.nio.ByteBuffer.wrap(type).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
    }

    /** Issue 22 item 12 on a virtual thread: a parked PollSet.poll leaves out a socket unregistered meanwhile. */
    @Test
    void aParkedPollSetDoesNotReportASocketUnregisteredMeanwhile() throws Exception {
        withVirtualThreads(virtual -> {
            try (Lab.Pair p1 = Lab.pair(AddressFamily.INET); Lab.Pair p2 = Lab.pair(AddressFamily.INET)) {
                org.winsock4j.PollSet set = new org.winsock4j.PollSet();
                set.register(p1.server(), java.util.EnumSet.of(org.winsock4j.Readiness.READABLE));
                set.register(p2.server(), java.util.EnumSet.of(org.winsock4j.Readiness.READABLE));
                AtomicReference<Thread> t = new AtomicReference<>();
                Future<java.util.Map<WinSocket, java.util.Set<org.winsock4j.Readiness>>> ready =
                        submit(virtual, t, () -> set.poll(Duration.ofSeconds(30)));
                awaitParked(t);
                set.unregister(p1.server());
                p1.client().send(new byte[] {1}, 0, 1);
                Thread.sleep(300);
                assertFalse(ready.isDone(), "reported on " + Lab.platform() + ": " + (ready.isDone() ? ready.get() : ""));
                p2.client().send(new byte[] {2}, 0, 1);
                assertEquals(java.util.Map.of(p2.server(), java.util.EnumSet.of(org.winsock4j.Readiness.READABLE)),
                        ready.get(10, TimeUnit.SECONDS));
            }
        });
    }
}
