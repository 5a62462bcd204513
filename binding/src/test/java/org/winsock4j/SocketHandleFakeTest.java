package org.winsock4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.winsock4j.testing.FakeWinsockPort;

/**
 * The lifetime word ({@link LifetimeWord}) and the handle's close protocol over it, in the style
 * of Go's fd_mutex_test.go: the states, the count's limits, misuse, and a stress run checking that
 * no call is ever counted in after closing began.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SocketHandleFakeTest {
    private final ConcurrentHashMap<Long, SocketHandle> owners = new ConcurrentHashMap<>();

    private SocketHandle handle() {
        SocketHandle h = new SocketHandle(FakeWinsockPort.started(), 0x100, "socket()", owners);
        owners.put(h.raw, h);
        return h;
    }

    @Test
    void openCountingClosingClosed() {
        SocketHandle h = handle();
        assertFalse(h.isClosing());
        assertTrue(h.acquire());
        assertTrue(h.acquire());
        assertEquals(2, h.word.inProgress());
        assertTrue(h.beginClose());
        assertTrue(h.isClosing());
        assertFalse(h.isClosed());
        assertFalse(h.acquire(), "no call starts once closing began");
        assertEquals(2, h.word.inProgress(), "a refused acquire leaves the count alone");
        h.release();
        h.release();
        assertEquals(0, h.word.inProgress());
        h.finishClose(false);
        assertTrue(h.isClosed());
        assertFalse(h.beginClose(), "closed is final");
        assertFalse(h.acquire());
        assertFalse(owners.containsKey(h.raw), "a closed handle leaves its Winsock's owner table");
    }

    @Test
    void aFailedCloseOpensTheWordAgainAndKeepsWhy() {
        SocketHandle h = handle();
        assertTrue(h.beginClose());
        Exception why = new Exception("closesocket failed");
        h.abortClose(why);
        assertFalse(h.isClosing());
        assertTrue(h.acquire(), "usable again");
        h.release();
        assertTrue(h.beginClose());
        h.abortClose(why);
        assertSame(why, h.awaitCloseOutcome(), "not closing: the outcome is the last failure");
    }

    @Test
    void awaitCloseOutcomeWaitsForTheCloseToEnd() throws Exception {
        SocketHandle h = handle();
        assertTrue(h.beginClose());
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicLong outcome = new AtomicLong(-1);
        Thread t = new Thread(() -> {
            waiting.countDown();
            outcome.set(h.awaitCloseOutcome() == null ? 1 : 0);
        });
        t.start();
        waiting.await();
        Thread.sleep(50);
        assertEquals(-1, outcome.get(), "still waiting while closing");
        h.finishClose(false);
        t.join(5000);
        assertEquals(1, outcome.get(), "closed: no failure");
        assertNull(h.awaitCloseOutcome());
    }

    @Test
    void markClosingOnlyOnce() {
        SocketHandle h = handle();
        assertTrue(h.markClosing());
        assertFalse(h.markClosing());
        assertTrue(h.beginClose(), "the close itself still begins (it records the closer)");
        h.finishClose(false);
        assertFalse(h.markClosing());
    }

    @Test
    void aViewsCallCountsInItsOwnWordAndItsLifetimesAndEndsWithEither() {
        SocketHandle owner = handle();
        SocketHandle view = SocketHandle.view(owner);
        assertTrue(view.acquire());
        assertEquals(1, view.word.inProgress());
        assertEquals(1, owner.word.inProgress(), "the owner's close waits for the view's call");
        view.release();
        assertEquals(0, owner.word.inProgress());
        assertFalse(view.owns());
        assertTrue(owner.beginClose());
        assertTrue(view.isClosing(), "the owner's close ends the view's calls");
        assertFalse(view.acquire());
        assertEquals(0, view.word.inProgress(), "a refused acquire leaves the view's count alone too");
        owner.finishClose(true);
        assertTrue(view.isClosed());
        assertTrue(view.whyClosed().contains("borrowed view's owner"), view.whyClosed());
        assertTrue(owners.containsKey(owner.raw), "a number closed by closesocket stays as this Winsock's record");
    }

    @Test
    void aCutOffRefusesCallsAtOnceAndReturnsOnlyOnceTheCallsInProgressHaveLeft() throws Exception {
        SocketHandle h = handle();
        CountDownLatch inCall = new CountDownLatch(1);
        AtomicLong releasedAt = new AtomicLong();
        Thread call = new Thread(() -> {
            assertTrue(h.acquire());
            inCall.countDown();
            while (!h.isClosing()) {
                Thread.onSpinWait();
            }
            try {
                Thread.sleep(50); // a call the cut-off must wait for
            } catch (InterruptedException e) {
                return;
            }
            releasedAt.set(System.nanoTime());
            h.release();
        });
        call.start();
        inCall.await();
        h.cutOff("socket() on thread \"opener\"");
        long returnedAt = System.nanoTime();
        assertTrue(releasedAt.get() != 0 && releasedAt.get() <= returnedAt, "returned before the call left");
        assertTrue(h.isClosed() && h.isReissued());
        assertFalse(h.acquire());
        assertFalse(h.claimForClosesocket(), "its close must never call closesocket on the new socket");
        assertTrue(h.whyClosed().contains("socket() on thread \"opener\" has since given the number"), h.whyClosed());
        call.join();
    }

    @Test
    void aCutOffLeavesAHandleWhoseOwnCloseReleasedTheNumberAlone() {
        SocketHandle h = handle();
        assertTrue(h.beginClose());
        assertTrue(h.claimForClosesocket());
        h.cutOff("socket() on thread \"opener\""); // its own closesocket freed the number
        assertFalse(h.isReissued());
        h.finishClose(true);
        assertTrue(h.isClosed());
        assertNull(h.whyClosed());
    }

    @Test
    void holdForCancelOnlyWhileClosingWithCallsInProgress() {
        SocketHandle h = handle();
        assertFalse(h.holdForCancel(), "no call in progress");
        assertTrue(h.acquire());
        assertFalse(h.holdForCancel(), "not closing: never cancel a call of an open socket");
        assertTrue(h.markClosing());
        assertTrue(h.holdForCancel());
        assertEquals(2, h.word.inProgress(), "held like a call, so no closesocket can run meanwhile");
        h.release();
        h.release();
        assertFalse(h.holdForCancel(), "nothing left to cancel");
    }

    @Test
    void shutdownBitsDoNotDisturbTheCount() {
        SocketHandle h = handle();
        assertTrue(h.acquire());
        h.word.markShutdown(LifetimeWord.INPUT_SHUT | LifetimeWord.OUTPUT_SHUT);
        assertEquals(1, h.word.inProgress());
        assertTrue(h.word.has(LifetimeWord.INPUT_SHUT) && h.word.has(LifetimeWord.OUTPUT_SHUT));
        h.release();
        assertEquals(0, h.word.inProgress());
    }

    @Test
    void releaseWithoutAcquireIsDetectedAndLeavesTheWordIntact() {
        SocketHandle h = handle();
        h.word.markShutdown(LifetimeWord.OUTPUT_SHUT);
        IllegalStateException e = assertThrows(IllegalStateException.class, h::release);
        assertTrue(e.getMessage().contains("release without acquire"), e.getMessage());
        assertEquals(0, h.word.inProgress());
        assertTrue(h.word.has(LifetimeWord.OUTPUT_SHUT), "the flag bits were not borrowed from");
        assertFalse(h.word.has(LifetimeWord.INPUT_SHUT));
        assertFalse(h.isClosing());
    }

    @Test
    void theCountOverflowsIntoAnExceptionNotIntoTheFlags() throws Exception {
        SocketHandle h = handle();
        VarHandle state = MethodHandles.privateLookupIn(LifetimeWord.class, MethodHandles.lookup())
                .findVarHandle(LifetimeWord.class, "state", int.class);
        state.setVolatile(h.word, LifetimeWord.COUNT_MASK); // as if 2^26 - 1 calls were in progress
        IllegalStateException e = assertThrows(IllegalStateException.class, h::acquire);
        assertTrue(e.getMessage().contains("calls in progress"), e.getMessage());
        assertEquals(LifetimeWord.COUNT_MASK, h.word.inProgress());
        assertFalse(h.isClosing());
    }

    @Test
    void stressNoAcquireSucceedsAfterCloseBegan() throws Exception {
        for (int round = 0; round < 200; round++) {
            SocketHandle h = handle();
            AtomicInteger lateAcquires = new AtomicInteger();
            AtomicInteger closing = new AtomicInteger();
            Thread[] workers = new Thread[4];
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < workers.length; i++) {
                workers[i] = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    while (true) {
                        boolean closeSeenBefore = closing.get() == 1;
                        if (!h.acquire()) {
                            return;
                        }
                        if (closeSeenBefore) {
                            lateAcquires.incrementAndGet();
                        }
                        h.release();
                    }
                });
                workers[i].start();
            }
            go.countDown();
            Thread.sleep(1);
            assertTrue(h.beginClose());
            closing.set(1);
            while (h.word.inProgress() > 0) {
                Thread.onSpinWait();
            }
            h.finishClose(false);
            for (Thread w : workers) {
                w.join(5000);
                assertFalse(w.isAlive());
            }
            assertEquals(0, lateAcquires.get(), "round " + round);
            assertEquals(0, h.word.inProgress());
        }
    }
}
