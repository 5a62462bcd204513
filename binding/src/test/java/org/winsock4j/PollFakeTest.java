package org.winsock4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.winsock4j.port.Sdk;
import org.winsock4j.testing.FakeWinsockPort;

/** WinSocket.poll and PollSet against the fake: the revents mapping, the slices, the guard, bad input. */
class PollFakeTest extends FakeWinsockFixture {
    private static final Set<Readiness> BOTH = EnumSet.of(Readiness.READABLE, Readiness.WRITABLE);

    PollFakeTest() {
        super(Opens.TCP);
    }

    /** {@code set.poll(timeout)} on another thread. */
    private static CompletableFuture<Map<WinSocket, Set<Readiness>>> pollAsync(PollSet set, Duration timeout) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return set.poll(timeout);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    @Test
    void reportsWhatWsaPollReports() throws Exception {
        socket.connect(PEER);
        assertEquals(EnumSet.of(Readiness.WRITABLE), socket.poll(BOTH, Duration.ZERO));
        fake.deliver(raw, new byte[] {1});
        assertEquals(BOTH, socket.poll(BOTH, Duration.ZERO));
        assertEquals(EnumSet.of(Readiness.READABLE), socket.poll(EnumSet.of(Readiness.READABLE), Duration.ZERO));
        fake.peerCloses(raw);
        assertEquals(EnumSet.of(Readiness.READABLE, Readiness.WRITABLE, Readiness.HANG_UP),
                socket.poll(BOTH, Duration.ZERO));
        fake.peerResets(raw);
        assertEquals(EnumSet.of(Readiness.ERROR, Readiness.HANG_UP),
                socket.poll(EnumSet.of(Readiness.READABLE), Duration.ZERO), "POLLERR and POLLHUP unasked");
        fake.pollReports(raw, Sdk.POLLNVAL);
        assertEquals(EnumSet.of(Readiness.INVALID), socket.poll(BOTH, Duration.ZERO));
    }

    @Test
    void eachValueIsItsSdkBit() {
        assertEquals(Sdk.POLLRDNORM, Readiness.READABLE.bit());
        assertEquals(Sdk.POLLWRNORM, Readiness.WRITABLE.bit());
        assertEquals(Sdk.POLLHUP, Readiness.HANG_UP.bit());
        assertEquals(Sdk.POLLERR, Readiness.ERROR.bit());
        assertEquals(Sdk.POLLNVAL, Readiness.INVALID.bit());
        assertEquals(Sdk.POLLRDNORM | Sdk.POLLWRNORM, Readiness.events(BOTH));
    }

    @Test
    void aTimeoutWaitsInSlicesAndReturnsNothing() throws Exception {
        long start = System.nanoTime();
        Set<Readiness> ready = socket.poll(EnumSet.of(Readiness.READABLE), Duration.ofMillis(70));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Set.of(), ready);
        assertTrue(elapsedMillis >= 70, "waited " + elapsedMillis + " ms");
        assertTrue(fake.count("WSAPoll", raw) >= 70 / WinSocket.POLL_SLICE_MILLIS,
                "slices of at most " + WinSocket.POLL_SLICE_MILLIS + " ms: " + fake.count("WSAPoll", raw));
    }

    @Test
    void aZeroTimeoutPollsOnce() throws Exception {
        assertEquals(Set.of(), socket.poll(EnumSet.of(Readiness.READABLE), Duration.ZERO));
        assertEquals(1, fake.count("WSAPoll", raw));
    }

    @Test
    void badInputFailsBeforeAnyNativeCall() {
        Set<Readiness> withNull = new HashSet<>();
        withNull.add(null);
        assertThrows(NullPointerException.class, () -> socket.poll(null, Duration.ZERO));
        assertThrows(NullPointerException.class, () -> socket.poll(withNull, Duration.ZERO));
        assertThrows(NullPointerException.class, () -> socket.poll(BOTH, null));
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> socket.poll(BOTH, Duration.ofMillis(-1)));
        assertTrue(negative.getMessage().contains("timeout"), negative.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> socket.poll(Set.of(), Duration.ZERO));
        assertTrue(empty.getMessage().contains("interest"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> socket.poll(EnumSet.of(Readiness.HANG_UP), Duration.ZERO));
        PollSet set = new PollSet();
        assertThrows(NullPointerException.class, () -> set.register(null, BOTH));
        assertThrows(IllegalArgumentException.class, () -> set.register(socket, EnumSet.of(Readiness.ERROR)));
        assertThrows(IllegalStateException.class, () -> set.poll(Duration.ZERO));
        assertThrows(NullPointerException.class, () -> set.poll(null));
        assertEquals(0, fake.count("WSAPoll"));
    }

    @Test
    void aFailedWsaPollIsTyped() throws Exception {
        fake.failNext("WSAPoll", WsaError.WSAENETDOWN);
        WinsockException e = assertThrows(WinsockException.NetworkDown.class, () -> socket.poll(BOTH, Duration.ZERO));
        assertEquals("WSAPoll", e.operation());
        assertEquals(WsaError.WSAENETDOWN.code(), e.code());
    }

    @Test
    void aCloseFromAnotherThreadEndsAWaitingPoll() throws Exception {
        aCloseFromAnotherThreadEndsAPollOf(Duration.ofSeconds(30));
    }

    /**
     * A timeout too long to count in nanoseconds waits without limit, still in slices: the
     * slice's rounding up to a millisecond overflowed there, and WSAPoll got a negative timeout
     * (wait forever), which no close could end.
     */
    @Test
    void aPollWithoutLimitWaitsInSlicesToo() throws Exception {
        aCloseFromAnotherThreadEndsAPollOf(Duration.ofSeconds(Long.MAX_VALUE));
    }

    private void aCloseFromAnotherThreadEndsAPollOf(Duration timeout) throws Exception {
        java.util.concurrent.atomic.AtomicReference<Thread> poller = new java.util.concurrent.atomic.AtomicReference<>();
        CompletableFuture<Set<Readiness>> poll = CompletableFuture.supplyAsync(() -> {
            poller.set(Thread.currentThread());
            try {
                return socket.poll(EnumSet.of(Readiness.READABLE), timeout);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        while (fake.count("WSAPoll", raw) < 2) {
            Thread.sleep(1);
        }
        long start = System.nanoTime();
        // On a thread of its own (not the common pool, where the poll may hold the only thread),
        // so that a close that waits forever fails the test instead of hanging it.
        java.util.concurrent.FutureTask<Void> closing = new java.util.concurrent.FutureTask<>(() -> {
            socket.close();
            return null;
        });
        Thread closer = new Thread(closing, "closer");
        closer.setDaemon(true);
        closer.start();
        closing.get(10, TimeUnit.SECONDS);
        ExecutionException e = assertThrows(ExecutionException.class, () -> poll.get(10, TimeUnit.SECONDS));
        assertInstanceOf(SocketClosedException.class, e.getCause());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "woken by the close");
        assertEquals(0, fake.callsAfterClose(raw));
        assertTrue(fake.wsaPollTimeoutsOf(poller.get()).stream().allMatch(t -> t >= 0 && t <= WinSocket.POLL_SLICE_MILLIS),
                "every WSAPoll waits one slice at most: " + fake.wsaPollTimeoutsOf(poller.get()));
    }

    @Test
    void anInterruptEndsThePollLikeSelect() throws Exception {
        Thread.currentThread().interrupt();
        try {
            long start = System.nanoTime();
            assertEquals(Set.of(), socket.poll(EnumSet.of(Readiness.READABLE), Duration.ofSeconds(30)));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status stays set");
        } finally {
            Thread.interrupted();
        }
        assertTrue(socket.isOpen());
    }

    @Test
    void aPollSetReportsTheReadySocketsOnly() throws Exception {
        try (WinSocket other = winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP)) {
            socket.connect(PEER);
            other.connect(PEER);
            PollSet set = new PollSet();
            set.register(socket, EnumSet.of(Readiness.READABLE));
            set.register(other, EnumSet.of(Readiness.READABLE));
            assertEquals(Map.of(), set.poll(Duration.ofMillis(30)));
            fake.deliver(other.rawHandle(), new byte[] {1});
            assertEquals(Map.of(other, EnumSet.of(Readiness.READABLE)), set.poll(Duration.ofSeconds(5)));
            set.register(socket, BOTH);
            assertEquals(Map.of(socket, EnumSet.of(Readiness.WRITABLE), other, EnumSet.of(Readiness.READABLE)),
                    set.poll(Duration.ZERO));
            assertTrue(set.unregister(other));
            assertEquals(Set.of(socket), set.sockets());
        }
    }

    @Test
    void aPollSetReportsAClosedSocketWithoutPassingItToWsaPoll() throws Exception {
        try (WinSocket other = winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP)) {
            long otherRaw = other.rawHandle();
            PollSet set = new PollSet();
            set.register(socket, EnumSet.of(Readiness.READABLE));
            set.register(other, EnumSet.of(Readiness.READABLE));
            CompletableFuture<Map<WinSocket, Set<Readiness>>> poll = pollAsync(set, Duration.ofSeconds(30));
            while (fake.count("WSAPoll", otherRaw) < 2) {
                Thread.sleep(1);
            }
            other.close();
            assertEquals(Map.of(other, EnumSet.of(Readiness.INVALID)), poll.get(10, TimeUnit.SECONDS));
            assertEquals(0, fake.callsAfterClose(otherRaw));
            assertEquals(Map.of(other, EnumSet.of(Readiness.INVALID)), set.poll(Duration.ZERO));
            assertEquals(0, fake.callsAfterClose(otherRaw));
        }
    }

    @Test
    void aPollSetTakesTheSocketsOfOneWinsock() throws Exception {
        FakeWinsockPort otherFake = FakeWinsockPort.started();
        try (WinSocket foreign = Winsock.over(otherFake).open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP)) {
            PollSet set = new PollSet();
            set.register(socket, BOTH);
            assertThrows(IllegalArgumentException.class, () -> set.register(foreign, BOTH));
        }
    }

    /**
     * Issue 22 item 12: a socket unregistered while a poll is in progress is not reported by that
     * poll, ready or not (as a Selector does not report a key cancelled during select), and the
     * poll's later slices leave it out; a socket unregistered and registered again during the
     * poll is a new registration, for the next poll.
     */
    @Test
    void aSocketUnregisteredDuringAPollIsNotReportedByIt() throws Exception {
        try (WinSocket other = winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
                WinSocket third = winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP)) {
            socket.connect(PEER);
            other.connect(PEER);
            third.connect(PEER);
            PollSet set = new PollSet();
            set.register(socket, EnumSet.of(Readiness.READABLE));
            set.register(other, EnumSet.of(Readiness.READABLE));
            set.register(third, EnumSet.of(Readiness.READABLE));
            CompletableFuture<Map<WinSocket, Set<Readiness>>> poll = pollAsync(set, Duration.ofSeconds(30));
            while (fake.count("WSAPoll", raw) < 2) {
                Thread.sleep(1);
            }
            assertTrue(set.unregister(socket));
            set.unregister(third);
            set.register(third, EnumSet.of(Readiness.READABLE)); // registered again: the next poll's
            fake.deliver(raw, new byte[] {1});
            fake.deliver(third.rawHandle(), new byte[] {1});
            Thread.sleep(200); // many slices: the old code returned {socket, third} in the first
            assertTrue(!poll.isDone(), "reported: " + (poll.isDone() ? poll.getNow(null) : ""));
            long polledSince = fake.count("WSAPoll", raw);
            Thread.sleep(100);
            assertEquals(polledSince, fake.count("WSAPoll", raw), "the unregistered socket is no longer polled");
            fake.deliver(other.rawHandle(), new byte[] {2});
            assertEquals(Map.of(other, EnumSet.of(Readiness.READABLE)), poll.get(10, TimeUnit.SECONDS));
            assertEquals(Map.of(third, EnumSet.of(Readiness.READABLE), other, EnumSet.of(Readiness.READABLE)),
                    set.poll(Duration.ZERO), "the next poll has the new registration");
        }
    }

    @Test
    void aPollWhoseSocketsAreAllUnregisteredReturnsNothing() throws Exception {
        socket.connect(PEER);
        PollSet set = new PollSet();
        set.register(socket, EnumSet.of(Readiness.READABLE));
        CompletableFuture<Map<WinSocket, Set<Readiness>>> poll = pollAsync(set, Duration.ofSeconds(30));
        while (fake.count("WSAPoll", raw) < 2) {
            Thread.sleep(1);
        }
        set.unregister(socket);
        fake.deliver(raw, new byte[] {1});
        assertEquals(Map.of(), poll.get(5, TimeUnit.SECONDS), "nothing left to wait for");
    }
}
