package org.winsock4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.winsock4j.testing.OnOwnThread;
import org.winsock4j.testing.OnOwnThread.Ending;

/**
 * Thread.interrupt() of a thread blocked in a call (the InterruptibleChannel convention), against
 * the fake, whose blocked recv ignores Java interrupts as a native recv does.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a regression here hangs; fail instead
class InterruptFakeTest extends FakeWinsockFixture {
    InterruptFakeTest() {
        super(Opens.CONNECTED_TCP);
    }

    private static Thread start(OnOwnThread.Call call, CompletableFuture<Ending> ending) {
        return OnOwnThread.start("blocked-caller", call, ending);
    }

    @Test
    void interruptingAStreamReadOrAChannelReadClosesTheSocketAsForRecv() throws Exception {
        CompletableFuture<Ending> ending = new CompletableFuture<>();
        Thread reader = start(() -> socket.inputStream().read(), ending);
        fake.awaitBlockedRecv(raw);
        reader.interrupt();
        Ending e = ending.get(1, TimeUnit.SECONDS);
        assertInstanceOf(ClosedByInterruptException.class, e.result());
        assertTrue(e.interruptStatus());
        assertFalse(socket.isOpen());
        assertThrows(java.nio.channels.ClosedChannelException.class,
                () -> socket.channel().read(java.nio.ByteBuffer.allocate(1)));
    }

    @Test
    void interruptingARecvBlockedOnABlockingSocketClosesItWithinASecond() throws Exception {
        CompletableFuture<Ending> ending = new CompletableFuture<>();
        Thread reader = start(() -> socket.recv(new byte[1], 0, 1), ending);
        fake.awaitBlockedRecv(raw);
        long t0 = System.nanoTime();
        reader.interrupt();
        Ending e = ending.get(1, TimeUnit.SECONDS);
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(1));
        ClosedByInterruptException closed = assertInstanceOf(ClosedByInterruptException.class, e.result());
        WinsockException cause = assertInstanceOf(WinsockException.class, closed.getCause());
        assertEquals("recv", cause.operation(), "the cause is what ws2_32 told the cancelled recv");
        assertTrue(e.interruptStatus(), "the interrupt status stays set, as with java.nio channels");
        assertFalse(socket.isOpen(), "the socket is closed");
        assertEquals(1, fake.count("closesocket", raw));
        assertFalse(fake.closedAbortively(raw), "closed as close() does: with the socket's own linger");
        assertTrue(fake.count("CancelIoEx", raw) >= 1);
    }

    @Test
    void theInterruptedThreadClosesItsSocketItselfSoABurstStartsNoThreadPerSocket() throws Exception {
        // Issue 22, item 10: every interrupt started a thread for its close (a burst of 100 took
        // several times as long as 100 closes under Wine). The interrupted thread runs the close
        // once its call has ended.
        int n = 16;
        WinSocket[] sockets = new WinSocket[n];
        long[] raws = new long[n];
        Thread[] readers = new Thread[n];
        @SuppressWarnings("unchecked")
        CompletableFuture<Ending>[] endings = new CompletableFuture[n];
        Winsock ws = Winsock.over(fake);
        for (int i = 0; i < n; i++) {
            sockets[i] = ws.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
            sockets[i].connect(PEER);
            raws[i] = sockets[i].rawHandle();
            WinSocket s = sockets[i];
            endings[i] = new CompletableFuture<>();
            readers[i] = OnOwnThread.start("blocked-caller-" + i, () -> s.recv(new byte[1], 0, 1), endings[i]);
        }
        for (long r : raws) {
            fake.awaitBlockedRecv(r);
        }
        for (Thread t : readers) {
            t.interrupt();
        }
        for (int i = 0; i < n; i++) {
            Ending e = endings[i].get(5, TimeUnit.SECONDS);
            assertInstanceOf(ClosedByInterruptException.class, e.result());
            assertTrue(e.interruptStatus(), "the status is set again after the close");
            assertFalse(sockets[i].isOpen());
            assertEquals(readers[i], fake.closedOnThread(raws[i]), "closesocket ran on the interrupted thread");
        }
    }

    @Test
    void anInterruptWhoseCancelComesBeforeTheBlockedCallIsRetriedUntilTheCallEnds() throws Exception {
        // The cancel made inside Thread.interrupt() can miss (the call is not blocked in ws2_32
        // yet): the retries, every 10 ms, end the call once a cancel finds it.
        CompletableFuture<Ending> ending = new CompletableFuture<>();
        Thread reader = start(() -> socket.recv(new byte[1], 0, 1), ending);
        fake.awaitBlockedRecv(raw);
        fake.cancelsFindNothing(true);
        reader.interrupt();
        while (fake.count("CancelIoEx", raw) < 3) {
            Thread.sleep(1); // the first cancel and two retries missed
        }
        assertFalse(ending.isDone(), () -> "ended without a cancel reaching it: " + ending.join().result());
        assertTrue(fake.isOpen(raw), "no closesocket while the call is in progress");
        fake.cancelsFindNothing(false);
        Ending e = ending.get(1, TimeUnit.SECONDS);
        assertInstanceOf(ClosedByInterruptException.class, e.result());
        assertFalse(socket.isOpen());
        assertEquals(reader, fake.closedOnThread(raw));
    }

    @Test
    void aCallStartedWithTheInterruptStatusSetClosesTheSocketWithoutCallingWs2_32() throws Exception {
        CompletableFuture<Ending> ending = new CompletableFuture<>();
        start(() -> {
            Thread.currentThread().interrupt();
            return socket.recv(new byte[1], 0, 1);
        }, ending);
        Ending e = ending.get(1, TimeUnit.SECONDS);
        ClosedByInterruptException closed = assertInstanceOf(ClosedByInterruptException.class, e.result());
        assertNull(closed.getCause(), "recv never reached ws2_32");
        assertTrue(e.interruptStatus());
        assertFalse(socket.isOpen());
        assertEquals(0, fake.count("recv", raw));
    }

    @Test
    void interruptingAThreadBlockedInCloseWithTimeoutCutsTheDrainShort() throws Exception {
        CompletableFuture<Ending> ending = new CompletableFuture<>();
        Thread closer = start(() -> socket.close(Duration.ofHours(1)), ending);
        fake.awaitBlockedRecv(raw);
        closer.interrupt();
        Ending e = ending.get(1, TimeUnit.SECONDS);
        assertEquals(Boolean.FALSE, e.result());
        assertTrue(e.interruptStatus());
        assertFalse(socket.isOpen());
        assertFalse(fake.closedAbortively(raw), "closed as close() does, after close(Duration)'s shutdown(SEND)");
    }

    @Test
    void aNonBlockingSocketIsNotClosedByAnInterrupt() throws Exception {
        socket.setBlocking(false);
        CompletableFuture<Ending> ending = new CompletableFuture<>();
        start(() -> {
            Thread.currentThread().interrupt();
            return socket.recv(new byte[1], 0, 1);
        }, ending);
        Ending e = ending.get(1, TimeUnit.SECONDS);
        assertInstanceOf(WinsockException.WouldBlock.class, e.result(), "calls that cannot block ignore interrupts");
        assertTrue(socket.isOpen());
    }

    @Test
    void anInterruptWhoseCloseFailsLeavesTheSocketOpenAndSaysSo() throws Exception {
        fake.failNext("closesocket", WsaError.WSAENETDOWN);
        CompletableFuture<Ending> ending = new CompletableFuture<>();
        Thread reader = start(() -> socket.recv(new byte[1], 0, 1), ending);
        fake.awaitBlockedRecv(raw);
        reader.interrupt();
        Ending e = ending.get(1, TimeUnit.SECONDS);
        InterruptedIOException failed = assertInstanceOf(InterruptedIOException.class, e.result());
        assertTrue(failed.getMessage().contains("still open"), failed.getMessage());
        WinsockException why = assertInstanceOf(WinsockException.NetworkDown.class, failed.getCause());
        assertEquals("closesocket", why.operation());
        assertTrue(socket.isOpen());

        // The socket stays usable, and a later interrupt closes it.
        CompletableFuture<Ending> second = new CompletableFuture<>();
        Thread again = start(() -> socket.recv(new byte[1], 0, 1), second);
        fake.awaitBlockedRecv(raw);
        again.interrupt();
        assertInstanceOf(ClosedByInterruptException.class, second.get(1, TimeUnit.SECONDS).result());
        assertFalse(socket.isOpen());
    }

    @Test
    void anInterruptDuringAnotherThreadsFailingCloseLeavesTheSocketUsableAndInterruptible() throws Exception {
        fake.failNext("closesocket", WsaError.WSAENETDOWN);
        fake.cancelsFindNothing(true); // holds the close in its cancel loop, CLOSING set
        CompletableFuture<Ending> read = new CompletableFuture<>();
        Thread reader = start(() -> socket.recv(new byte[1], 0, 1), read);
        fake.awaitBlockedRecv(raw);
        CompletableFuture<Ending> closed = new CompletableFuture<>();
        OnOwnThread.start("closer", () -> {
            socket.close();
            return null;
        }, closed);
        while (fake.count("CancelIoEx", raw) == 0) {
            Thread.sleep(1);
        }
        reader.interrupt(); // the close is already running: the interrupt asks for none of its own
        fake.cancelsFindNothing(false);
        WinsockException closeFailure = assertInstanceOf(WinsockException.class, closed.get(1, TimeUnit.SECONDS).result());
        assertEquals("closesocket", closeFailure.operation());
        InterruptedIOException failed = assertInstanceOf(InterruptedIOException.class, read.get(1, TimeUnit.SECONDS).result());
        assertTrue(failed.getMessage().contains("still open"), failed.getMessage());
        assertTrue(socket.isOpen());

        // The next call reaches ws2_32 (the spent hook is replaced), and an interrupt closes.
        long recvsBefore = fake.count("recv", raw);
        CompletableFuture<Ending> second = new CompletableFuture<>();
        Thread again = start(() -> socket.recv(new byte[1], 0, 1), second);
        while (fake.count("recv", raw) == recvsBefore && !second.isDone()) {
            Thread.sleep(1);
        }
        assertFalse(second.isDone(), () -> "the call after the failed close did not start: " + second.join().result());
        fake.awaitBlockedRecv(raw);
        again.interrupt();
        assertInstanceOf(ClosedByInterruptException.class, second.get(1, TimeUnit.SECONDS).result());
        assertFalse(socket.isOpen());
    }

    @Test
    void theChannelRuleIsEverySocketsFirstAndNullIsRefused() {
        assertEquals(InterruptRule.CHANNEL, socket.interruptRule());
        NullPointerException e = assertThrows(NullPointerException.class, () -> socket.setInterruptRule(null));
        assertEquals("rule", e.getMessage());
    }

    @Test
    void underTheSocketRuleAPlatformThreadsInterruptEndsNoRecv() throws Exception {
        socket.setInterruptRule(InterruptRule.SOCKET);
        CompletableFuture<Ending> ending = new CompletableFuture<>();
        Thread reader = start(() -> socket.recv(new byte[4], 0, 4), ending);
        fake.awaitBlockedRecv(raw);
        reader.interrupt();
        assertThrows(java.util.concurrent.TimeoutException.class, () -> ending.get(200, TimeUnit.MILLISECONDS),
                "the recv goes on, as a java.net.Socket read on a platform thread");
        assertTrue(socket.isOpen());
        assertEquals(0, fake.count("CancelIoEx", raw), "nothing was cancelled");
        fake.deliver(raw, new byte[] {7, 8});
        Ending e = ending.get(5, TimeUnit.SECONDS);
        assertEquals(2, e.result(), "the recv completed with the data");
        assertTrue(e.interruptStatus(), "the interrupt status stays set");
        assertTrue(socket.isOpen());
    }

    @Test
    void underTheSocketRuleAPlatformThreadStartingInterruptedStillRecvs() throws Exception {
        socket.setInterruptRule(InterruptRule.SOCKET);
        fake.deliver(raw, new byte[] {1});
        Thread.currentThread().interrupt();
        try {
            assertEquals(1, socket.recv(new byte[1], 0, 1));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        assertTrue(socket.isOpen());
    }

    @Test
    void underTheSocketRuleACloseFromAnotherThreadStillEndsABlockedRecv() throws Exception {
        socket.setInterruptRule(InterruptRule.SOCKET);
        CompletableFuture<Ending> ending = new CompletableFuture<>();
        start(() -> socket.recv(new byte[4], 0, 4), ending);
        fake.awaitBlockedRecv(raw);
        socket.close();
        Ending e = ending.get(5, TimeUnit.SECONDS);
        assertInstanceOf(SocketClosedException.class, e.result());
        assertFalse(e.interruptStatus());
    }
}
