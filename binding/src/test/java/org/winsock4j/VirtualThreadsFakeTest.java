package org.winsock4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 on the fake: a call that would block on a virtual thread runs non-blocking underneath
 * and parks the thread until the poller reports the socket ready; the socket's real mode is the
 * logical one whenever no call is in progress; timeouts, close and interrupt behave as on a
 * platform thread. (The Linux tier runs on a JDK 22+, which has virtual threads.)
 */
class VirtualThreadsFakeTest extends FakeWinsockFixture {
    private ExecutorService virtual;

    VirtualThreadsFakeTest() {
        super(Opens.NOTHING);
    }

    /** Executors.newVirtualThreadPerTaskExecutor(), through reflection: the sources are Java 17. */
    static ExecutorService virtualThreads() {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("this test needs Java 21+ (virtual threads); it runs on " + Runtime.version(), e);
        }
    }

    @BeforeEach
    void startTheVirtualThreads() {
        virtual = virtualThreads();
    }

    @AfterEach
    void stopTheVirtualThreads() {
        virtual.shutdownNow();
    }

    private WinSocket connected() throws IOException {
        WinSocket s = winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
        s.connect(PEER);
        return s;
    }

    /** Runs {@code call} on a virtual thread; {@code thread} receives that thread. */
    private <T> Future<T> onVirtualThread(AtomicReference<Thread> thread, Callable<T> call) {
        return virtual.submit(() -> {
            thread.set(Thread.currentThread());
            return call.call();
        });
    }

    /** Until {@code t} is parked (WAITING or TIMED_WAITING), at most 5 s. */
    private static void awaitParked(AtomicReference<Thread> t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (t.get() == null || t.get().getState() != Thread.State.WAITING && t.get().getState() != Thread.State.TIMED_WAITING) {
            assertTrue(System.nanoTime() < deadline, "the virtual thread did not park: " + (t.get() == null ? "not started" : t.get().getState()));
            Thread.sleep(5);
        }
    }

    /** Until {@code done} holds, at most 5 s; fails with {@code what} (what should have happened). */
    private static void eventually(String what, java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 5 s: " + what);
            Thread.sleep(5);
        }
    }

    /** {@code count} connected sockets (into {@code sockets}), each with a receive parked on a virtual thread. */
    private List<Future<Integer>> parkedReceives(int count, List<WinSocket> sockets) throws Exception {
        List<Future<Integer>> receives = new ArrayList<>();
        List<AtomicReference<Thread>> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            WinSocket s = connected();
            sockets.add(s);
            AtomicReference<Thread> t = new AtomicReference<>();
            threads.add(t);
            receives.add(onVirtualThread(t, () -> s.recv(new byte[4], 0, 4)));
        }
        for (AtomicReference<Thread> t : threads) {
            awaitParked(t);
        }
        return receives;
    }

    @Test
    void recvOnAVirtualThreadParksOnANonBlockingSocketAndLeavesItBlocking() throws Exception {
        WinSocket s = connected();
        long raw = s.rawHandle();
        AtomicReference<Thread> t = new AtomicReference<>();
        byte[] into = new byte[8];
        Future<Integer> n = onVirtualThread(t, () -> s.recv(into, 0, into.length));
        awaitParked(t);
        assertEquals(true, Thread.class.getMethod("isVirtual").invoke(t.get()));
        assertTrue(fake.nonBlocking(raw), "the socket is non-blocking underneath while the virtual thread waits");
        assertTrue(s.isBlocking(), "the socket stays logically blocking");
        fake.deliver(raw, new byte[] {1, 2, 3});
        assertEquals(3, n.get(5, TimeUnit.SECONDS));
        assertArrayEquals(new byte[] {1, 2, 3}, java.util.Arrays.copyOf(into, 3));
        assertFalse(fake.nonBlocking(raw), "the real mode is blocking again once no call is in progress");
        s.closeAbortively();
    }

    @Test
    void morePendingReceivesThanCarriersLeaveTheCarriersFree() throws Exception {
        int waiting = 8 * Runtime.getRuntime().availableProcessors();
        List<WinSocket> sockets = new ArrayList<>();
        List<Future<Integer>> receives = parkedReceives(waiting, sockets);
        // With every receive parked, another virtual thread still runs at once.
        assertEquals("ran", virtual.submit(() -> "ran").get(5, TimeUnit.SECONDS));
        for (WinSocket s : sockets) {
            fake.deliver(s.rawHandle(), new byte[] {9});
        }
        for (Future<Integer> r : receives) {
            assertEquals(1, r.get(10, TimeUnit.SECONDS));
        }
        for (WinSocket s : sockets) {
            assertFalse(fake.nonBlocking(s.rawHandle()));
            s.closeAbortively();
        }
    }

    @Test
    void theReceiveTimeoutEndsAParkedReceiveAsOnAPlatformThread() throws Exception {
        WinSocket s = connected();
        s.setOption(IntOption.SO_RCVTIMEO, 150);
        timedOutAfterMillis(s, 140, 5000);
        assertFalse(fake.nonBlocking(s.rawHandle()));
        assertTrue(s.isOpen(), "a timeout leaves the socket open, as on a platform thread");
        s.closeAbortively();
    }

    @Test
    void aCloseWakesAParkedCallAndClosesWithTheLogicalBlockingMode() throws Exception {
        WinSocket s = connected();
        long raw = s.rawHandle();
        // Unsent data and a lingering timeout: closesocket of a socket that were really
        // non-blocking would fail with WSAEWOULDBLOCK (closesocket remarks; the fake does so).
        fake.peerStopsReading(raw);
        s.send(new byte[10], 0, 10);
        s.setLinger(Linger.timeout(Duration.ofSeconds(5)));
        AtomicReference<Thread> t = new AtomicReference<>();
        Future<Integer> n = onVirtualThread(t, () -> s.recv(new byte[4], 0, 4));
        awaitParked(t);
        assertTrue(fake.nonBlocking(raw));
        long start = System.nanoTime();
        s.close();
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> n.get(5, TimeUnit.SECONDS));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertInstanceOf(SocketClosedException.class, e.getCause());
        assertTrue(millis < 1000, "the parked call ended " + millis + " ms after close");
        assertFalse(s.isOpen());
        assertFalse(fake.isOpen(raw));
    }

    @Test
    void anInterruptOfAParkedCallClosesTheSocketAsOnAPlatformThread() throws Exception {
        WinSocket s = connected();
        AtomicReference<Thread> t = new AtomicReference<>();
        Future<Integer> n = onVirtualThread(t, () -> s.recv(new byte[4], 0, 4));
        awaitParked(t);
        t.get().interrupt();
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> n.get(5, TimeUnit.SECONDS));
        assertInstanceOf(ClosedByInterruptException.class, e.getCause());
        eventually("the interrupt closed the socket", () -> !s.isOpen());
    }

    @Test
    void theOwnersCloseEndsACallParkedOnABorrowedViewAsItsOwn() throws Exception {
        // Issue 22, item 1, on a virtual thread: the owner's close must unpark the view's call
        // and wait for it before closesocket (the fake reports a closesocket with a call in flight).
        WinSocket owner = connected();
        long raw = owner.rawHandle();
        WinSocket view = winsock.borrow(raw);
        AtomicReference<Thread> t = new AtomicReference<>();
        Future<Integer> n = onVirtualThread(t, () -> view.recv(new byte[4], 0, 4));
        awaitParked(t);
        owner.close();
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> n.get(5, TimeUnit.SECONDS));
        SocketClosedException closed = assertInstanceOf(SocketClosedException.class, e.getCause());
        assertInstanceOf(WinsockError.class, closed.getCause(), "ended in the native call the close cancelled, as the owner's would");
        assertFalse(view.isOpen());
        assertFalse(fake.isOpen(raw));
    }

    @Test
    void aParkedInterruptedCallOfABurstEndsThroughTheRetriedCancel() throws Exception {
        // Issue 22, item 10: the interrupt cancels once from inside Thread.interrupt(); a parked
        // virtual thread makes its blocking native call only once woken, so only a later round
        // (InterruptCancels) cancels that call. Twenty at once, each socket closed.
        List<WinSocket> sockets = new ArrayList<>();
        List<Long> raws = new ArrayList<>();
        List<AtomicReference<Thread>> threads = new ArrayList<>();
        List<Future<Integer>> receives = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            WinSocket s = connected();
            sockets.add(s);
            raws.add(s.rawHandle());
            AtomicReference<Thread> t = new AtomicReference<>();
            threads.add(t);
            receives.add(onVirtualThread(t, () -> s.recv(new byte[4], 0, 4)));
        }
        for (AtomicReference<Thread> t : threads) {
            awaitParked(t);
        }
        for (AtomicReference<Thread> t : threads) {
            t.get().interrupt();
        }
        for (int i = 0; i < receives.size(); i++) {
            Future<Integer> r = receives.get(i);
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> r.get(5, TimeUnit.SECONDS));
            ClosedByInterruptException closed = assertInstanceOf(ClosedByInterruptException.class, e.getCause());
            assertInstanceOf(WinsockError.class, closed.getCause(), "the blocking call the retried cancel ended");
            assertFalse(sockets.get(i).isOpen());
            assertFalse(fake.isOpen(raws.get(i)));
        }
    }

    @Test
    void aConnectOnAVirtualThreadParksUntilTheConnectionCompletesOrFails() throws Exception {
        WinSocket ok = winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
        AtomicReference<Thread> t = new AtomicReference<>();
        fake.failNext("connect", WsaError.WSAEWOULDBLOCK); // in progress, as a non-blocking connect
        Future<Object> connect = onVirtualThread(t, () -> {
            ok.connect(PEER);
            return "connected";
        });
        awaitParked(t);
        fake.connectCompletes(ok.rawHandle());
        assertEquals("connected", connect.get(5, TimeUnit.SECONDS));
        assertFalse(fake.nonBlocking(ok.rawHandle()));
        ok.closeAbortively();

        WinSocket refused = winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
        AtomicReference<Thread> t2 = new AtomicReference<>();
        fake.failNext("connect", WsaError.WSAEWOULDBLOCK);
        Future<Object> failing = onVirtualThread(t2, () -> {
            refused.connect(PEER);
            return "connected";
        });
        awaitParked(t2);
        fake.connectFails(refused.rawHandle(), WsaError.WSAECONNREFUSED);
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> failing.get(5, TimeUnit.SECONDS));
        assertInstanceOf(ConnectException.class, e.getCause());
        assertEquals(WsaError.WSAECONNREFUSED.code(), ((WinsockError) e.getCause()).code());
        refused.closeAbortively();
    }

    @Test
    void pollOnAVirtualThreadParksUntilTheSocketIsReady() throws Exception {
        WinSocket s = connected();
        AtomicReference<Thread> t = new AtomicReference<>();
        Future<Set<Readiness>> ready = onVirtualThread(t, () -> s.poll(EnumSet.of(Readiness.READABLE), Duration.ofSeconds(10)));
        awaitParked(t);
        fake.deliver(s.rawHandle(), new byte[] {7});
        assertEquals(EnumSet.of(Readiness.READABLE), ready.get(5, TimeUnit.SECONDS));
        s.closeAbortively();
    }

    @Test
    void onAPlatformThreadTheCallBlocksAsBefore() throws Exception {
        WinSocket s = connected();
        long raw = s.rawHandle();
        Future<Integer> n = Executors.newSingleThreadExecutor(r -> {
            Thread th = new Thread(r, "platform");
            th.setDaemon(true);
            return th;
        }).submit(() -> s.recv(new byte[4], 0, 4));
        fake.awaitBlockedRecv(raw);
        assertFalse(fake.nonBlocking(raw), "a platform thread blocks in the native call, the socket blocking");
        fake.deliver(raw, new byte[] {5});
        assertEquals(1, n.get(5, TimeUnit.SECONDS));
        s.closeAbortively();
    }

    @Test
    void aStreamSendOnAVirtualThreadTakesEveryByteAsABlockingSendDoes() throws Exception {
        WinSocket s = connected();
        fake.sendAtMost(3); // every native send takes at most 3 bytes
        AtomicReference<Thread> t = new AtomicReference<>();
        byte[] data = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(10, onVirtualThread(t, () -> s.send(data, 0, data.length)).get(5, TimeUnit.SECONDS));
        assertArrayEquals(data, fake.sent(s.rawHandle()));
        assertFalse(fake.nonBlocking(s.rawHandle()));
        s.closeAbortively();
    }

    @Test
    void aSocketAcceptedOnAVirtualThreadIsReallyBlockingAsItsListenerIsLogically() throws Exception {
        WinSocket listener = winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        listener.listen(1);
        AtomicReference<Thread> t = new AtomicReference<>();
        WinSocket accepted = onVirtualThread(t, listener::accept).get(5, TimeUnit.SECONDS);
        assertTrue(accepted.isBlocking());
        assertFalse(fake.nonBlocking(accepted.rawHandle()),
                "accepted while the listener ran non-blocking underneath, and blocking nonetheless");
        assertFalse(fake.nonBlocking(listener.rawHandle()));
        accepted.closeAbortively();
        listener.close();
    }
    @Test
    void aTimeoutSetThroughTheApiCostsNoGetsockoptAndItsChangeCountsAtOnce() throws Exception {
        WinSocket s = connected();
        long raw = s.rawHandle();
        s.setOption(IntOption.SO_RCVTIMEO, 100);
        timedOutAfterMillis(s, 90, 1000);
        s.setOption(IntOption.SO_RCVTIMEO, 400); // a stale cache would time out after 100 ms again
        timedOutAfterMillis(s, 390, 1500);
        assertEquals(0, fake.count("getsockopt", raw), "the waits knew the timeouts set through the API");
        s.closeAbortively();
    }

    @Test
    void aTimeoutSetBehindTheWinSocketsBackIsReadOnceFromTheSocket() throws Exception {
        WinSocket s = connected();
        long raw = s.rawHandle();
        assertEquals(0, fake.setsockopt(raw, org.winsock4j.port.Sdk.SOL_SOCKET, org.winsock4j.port.Sdk.SO_RCVTIMEO,
                new byte[] {(byte) 120, 0, 0, 0}, 4));
        timedOutAfterMillis(s, 110, 1000);
        timedOutAfterMillis(s, 110, 1000);
        assertEquals(1, fake.count("getsockopt", raw), "read at the first wait, then known");
        s.closeAbortively();
    }

    /**
     * A receive on a virtual thread that must time out as on a platform thread (WSAETIMEDOUT, a
     * SocketTimeoutException); returns after how long, checked to be in range.
     */
    private long timedOutAfterMillis(WinSocket s, long atLeast, long atMost) throws Exception {
        AtomicReference<Thread> t = new AtomicReference<>();
        long start = System.nanoTime();
        Future<Integer> n = onVirtualThread(t, () -> s.recv(new byte[4], 0, 4));
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> n.get(5, TimeUnit.SECONDS));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertInstanceOf(WinsockException.TimedOut.class, e.getCause());
        assertInstanceOf(SocketTimeoutException.class, e.getCause());
        assertEquals(WsaError.WSAETIMEDOUT.code(), ((WinsockError) e.getCause()).code());
        assertTrue(millis >= atLeast && millis <= atMost, "timed out after " + millis + " ms, not within " + atLeast + ".." + atMost);
        return millis;
    }

    @Test
    void aParkedReceiveWaitsForThePollersReportWithoutRetryingTheCall() throws Exception {
        WinSocket s = connected();
        long raw = s.rawHandle();
        AtomicReference<Thread> t = new AtomicReference<>();
        Future<Integer> n = onVirtualThread(t, () -> s.recv(new byte[4], 0, 4));
        awaitParked(t);
        Thread.sleep(1500); // longer than the 1 s after which a parked connect retries
        assertEquals(1, fake.count("recv", raw), "one recv (WSAEWOULDBLOCK) and no retry while nothing is ready");
        fake.deliver(raw, new byte[] {4});
        assertEquals(1, n.get(5, TimeUnit.SECONDS));
        assertEquals(2, fake.count("recv", raw));
        s.closeAbortively();
    }

    @Test
    void moreWaitersThanOnePollerTakesGetFurtherPollersAndAllAreWoken() throws Exception {
        int waiting = 2 * Pollers.WAITERS_PER_POLLER + 5;
        List<WinSocket> sockets = new ArrayList<>();
        List<Future<Integer>> receives = parkedReceives(waiting, sockets);
        assertEquals(3, winsock.pollers().size(), "63 waiters per poller: three pollers for " + waiting);
        for (WinSocket s : sockets) {
            fake.deliver(s.rawHandle(), new byte[] {1, 2});
        }
        for (Future<Integer> r : receives) {
            assertEquals(2, r.get(10, TimeUnit.SECONDS));
        }
        for (WinSocket s : sockets) {
            s.closeAbortively();
        }
    }
    @Test
    void afterEverySocketWentWithTheLastWsaCleanupThePollerNeverTouchesItsDoorbellsReusedHandle() throws Exception {
        WinSocket a = connected();
        AtomicReference<Thread> t = new AtomicReference<>();
        Future<Integer> parked = onVirtualThread(t, () -> a.recv(new byte[4], 0, 4));
        awaitParked(t);
        List<Long> doorbells = fake.socketsOfType(org.winsock4j.port.Sdk.SOCK_DGRAM);
        assertEquals(1, doorbells.size(), "the poller's doorbell: " + doorbells);
        long doorbell = doorbells.get(0);
        fake.closeEverySocket();
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> parked.get(5, TimeUnit.SECONDS));
        assertEquals(WsaError.WSAENOTSOCK.code(), ((WinsockError) e.getCause()).code(), "the retried recv reports its socket gone");
        long recvfromBefore = fake.count("recvfrom", doorbell);
        long sendtoBefore = fake.count("sendto", doorbell);
        long pollsBefore = fake.count("WSAPoll", doorbell);
        // The handle value now names another process-wide socket, with data of its own waiting.
        fake.reuseHandleForConnectedSocket(doorbell, new byte[] {1, 2, 3});
        WinSocket b = connected();
        AtomicReference<Thread> t2 = new AtomicReference<>();
        Future<Integer> next = onVirtualThread(t2, () -> b.recv(new byte[4], 0, 4));
        awaitParked(t2);
        Thread.sleep(50);
        fake.deliver(b.rawHandle(), new byte[] {8});
        assertEquals(1, next.get(5, TimeUnit.SECONDS), "a new poller, with a new doorbell, serves the next wait");
        assertEquals(3, fake.unread(doorbell), "nothing read the reused handle's data");
        assertEquals(recvfromBefore, fake.count("recvfrom", doorbell));
        assertEquals(sendtoBefore, fake.count("sendto", doorbell));
        assertEquals(pollsBefore, fake.count("WSAPoll", doorbell));
        assertEquals(1, winsock.pollers().size(), "the retired poller was dropped when the new one came");
        b.closeAbortively();
    }
    @Test
    void aPollSetOnAVirtualThreadParksWithoutAWaitingWsaPollAndACloseEndsIt() throws Exception {
        WinSocket a = connected();
        WinSocket b = connected();
        PollSet set = new PollSet();
        set.register(a, EnumSet.of(Readiness.READABLE));
        set.register(b, EnumSet.of(Readiness.READABLE));
        AtomicReference<Thread> t = new AtomicReference<>();
        Future<java.util.Map<WinSocket, Set<Readiness>>> ready = onVirtualThread(t, () -> set.poll(Duration.ofSeconds(10)));
        awaitParked(t);
        Thread.sleep(100);
        fake.deliver(b.rawHandle(), new byte[] {3});
        assertEquals(java.util.Map.of(b, EnumSet.of(Readiness.READABLE)), ready.get(5, TimeUnit.SECONDS));
        assertFalse(fake.wsaPollTimeoutsOf(t.get()).isEmpty());
        assertEquals(List.of(0), fake.wsaPollTimeoutsOf(t.get()).stream().distinct().toList(),
                "the virtual thread's WSAPoll calls never waited (so never held the carrier)");

        // A close of one of the sockets ends the parked poll at once, the closed socket INVALID.
        fake.recv(b.rawHandle(), new byte[1], 0, 1, 0); // b is not readable any more
        AtomicReference<Thread> t2 = new AtomicReference<>();
        Future<java.util.Map<WinSocket, Set<Readiness>>> closing = onVirtualThread(t2, () -> set.poll(Duration.ofSeconds(10)));
        awaitParked(t2);
        long rawA = a.rawHandle();
        long start = System.nanoTime();
        a.close();
        assertEquals(java.util.Map.of(a, EnumSet.of(Readiness.INVALID)), closing.get(5, TimeUnit.SECONDS));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 1000);
        assertFalse(fake.isOpen(rawA));
        b.closeAbortively();
    }

    /** Issue 22 item 12 on a virtual thread: the poll does not report a socket unregistered meanwhile. */
    @Test
    void aPollSetOnAVirtualThreadDoesNotReportASocketUnregisteredDuringThePoll() throws Exception {
        WinSocket a = connected();
        WinSocket b = connected();
        PollSet set = new PollSet();
        set.register(a, EnumSet.of(Readiness.READABLE));
        set.register(b, EnumSet.of(Readiness.READABLE));
        AtomicReference<Thread> t = new AtomicReference<>();
        Future<java.util.Map<WinSocket, Set<Readiness>>> ready = onVirtualThread(t, () -> set.poll(Duration.ofSeconds(10)));
        awaitParked(t);
        set.unregister(a);
        fake.deliver(a.rawHandle(), new byte[] {1}); // the pollers report it and unpark the thread
        Thread.sleep(200);
        assertFalse(ready.isDone(), "reported: " + (ready.isDone() ? ready.get() : ""));
        fake.deliver(b.rawHandle(), new byte[] {2});
        assertEquals(java.util.Map.of(b, EnumSet.of(Readiness.READABLE)), ready.get(5, TimeUnit.SECONDS));
        a.closeAbortively();
        b.closeAbortively();
    }

    @Test
    void aPollerWithoutWaitersForItsIdleTimeClosesItsDoorbellAndTheNextWaitGetsANewOne() throws Exception {
        winsock.pollers().stopIdlePollersAfter(Duration.ofMillis(300));
        WinSocket s = connected();
        long raw = s.rawHandle();
        AtomicReference<Thread> t = new AtomicReference<>();
        Future<Integer> first = onVirtualThread(t, () -> s.recv(new byte[4], 0, 4));
        awaitParked(t);
        List<Long> doorbells = fake.socketsOfType(org.winsock4j.port.Sdk.SOCK_DGRAM);
        assertEquals(1, doorbells.size(), "the poller's doorbell: " + doorbells);
        long doorbell = doorbells.get(0);
        Thread.sleep(900); // three idle times: a poller with a waiter stays
        assertTrue(fake.isOpen(doorbell), "a poller with a waiter does not stop");
        fake.deliver(raw, new byte[] {1});
        assertEquals(1, first.get(5, TimeUnit.SECONDS));

        eventually("without waiters for 300 ms the poller closed its doorbell", () -> !fake.isOpen(doorbell));
        assertEquals(1, fake.count("closesocket", doorbell));
        long polls = fake.count("WSAPoll", doorbell);
        Thread.sleep(300);
        assertEquals(polls, fake.count("WSAPoll", doorbell), "the stopped poller polls no more");

        AtomicReference<Thread> t2 = new AtomicReference<>();
        Future<Integer> next = onVirtualThread(t2, () -> s.recv(new byte[4], 0, 4));
        awaitParked(t2);
        List<Long> now = fake.socketsOfType(org.winsock4j.port.Sdk.SOCK_DGRAM);
        assertEquals(1, now.size(), "one new doorbell: " + now);
        assertTrue(now.get(0) != doorbell);
        fake.deliver(raw, new byte[] {2});
        assertEquals(1, next.get(5, TimeUnit.SECONDS), "a new poller serves the next wait");
        assertEquals(1, winsock.pollers().size(), "the stopped poller was dropped when the new one came");
        s.closeAbortively();
    }

    @Test
    void aPollerThatFailsWhileStoppingIdleLeavesLaterWaitsToANewPoller() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean thrown = new java.util.concurrent.atomic.AtomicBoolean();
        org.winsock4j.port.WinsockPort doorbellCloseThrows = (org.winsock4j.port.WinsockPort) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {org.winsock4j.port.WinsockPort.class}, (proxy, method, args) -> {
                    if (method.getName().equals("closesocket")
                            && fake.socketsOfType(org.winsock4j.port.Sdk.SOCK_DGRAM).contains((Long) args[0])
                            && thrown.compareAndSet(false, true)) {
                        throw new IllegalStateException("injected: the doorbell's closesocket throws");
                    }
                    try {
                        return method.invoke(fake, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Winsock own = Winsock.over(doorbellCloseThrows);
        own.pollers().stopIdlePollersAfter(Duration.ofMillis(200));
        WinSocket s = own.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
        s.connect(PEER);
        AtomicReference<Thread> t = new AtomicReference<>();
        Future<Integer> first = onVirtualThread(t, () -> s.recv(new byte[4], 0, 4));
        awaitParked(t);
        fake.deliver(s.rawHandle(), new byte[] {1});
        assertEquals(1, first.get(5, TimeUnit.SECONDS));
        eventually("the idle poller closed its doorbell", thrown::get);
        Thread.sleep(50); // the poller thread ends with the exception

        AtomicReference<Thread> t2 = new AtomicReference<>();
        Future<Integer> next = onVirtualThread(t2, () -> s.recv(new byte[4], 0, 4));
        awaitParked(t2);
        fake.deliver(s.rawHandle(), new byte[] {2});
        assertEquals(1, next.get(5, TimeUnit.SECONDS), "a new poller serves the wait; the failed one had no waiters");
        s.closeAbortively();
    }

    @Test
    void underTheSocketRuleAVirtualThreadsInterruptStillClosesTheSocket() throws Exception {
        WinSocket s = connected();
        s.setInterruptRule(InterruptRule.SOCKET);
        AtomicReference<Thread> t = new AtomicReference<>();
        Future<Integer> receive = onVirtualThread(t, () -> s.recv(new byte[4], 0, 4));
        awaitParked(t);
        t.get().interrupt();
        ExecutionException e = assertThrows(ExecutionException.class, () -> receive.get(5, TimeUnit.SECONDS));
        assertInstanceOf(ClosedByInterruptException.class, e.getCause(), "the JDK's Socket rule on a virtual thread");
        eventually("the interrupt closed the socket", () -> !s.isOpen());
    }

    @Test
    void underTheSocketRuleAPlatformThreadWaitingForReadinessIgnoresItsInterrupt() throws Exception {
        // A virtual thread's parked recv makes the socket non-blocking underneath: a platform
        // thread's recv then waits for readiness in Java (Await), which must ignore its interrupt
        // as the blocking native call would.
        WinSocket s = connected();
        s.setInterruptRule(InterruptRule.SOCKET);
        AtomicReference<Thread> t = new AtomicReference<>();
        Future<Integer> parked = onVirtualThread(t, () -> s.recv(new byte[4], 0, 4));
        awaitParked(t);
        CompletableFuture<org.winsock4j.testing.OnOwnThread.Ending> ending = new CompletableFuture<>();
        Thread platform = org.winsock4j.testing.OnOwnThread.start("platform-reader", () -> s.recv(new byte[4], 0, 4), ending);
        eventually("the platform thread waits in WSAPoll", () -> !fake.wsaPollTimeoutsOf(platform).isEmpty());
        platform.interrupt();
        assertThrows(java.util.concurrent.TimeoutException.class, () -> ending.get(200, TimeUnit.MILLISECONDS),
                "the wait goes on");
        assertTrue(s.isOpen(), "the platform thread's interrupt closed nothing");
        s.close();
        org.winsock4j.testing.OnOwnThread.Ending e = ending.get(5, TimeUnit.SECONDS);
        assertInstanceOf(SocketClosedException.class, e.result(), "ended by the close, not by the interrupt");
        assertTrue(e.interruptStatus());
        assertThrows(ExecutionException.class, () -> parked.get(5, TimeUnit.SECONDS));
    }
}
