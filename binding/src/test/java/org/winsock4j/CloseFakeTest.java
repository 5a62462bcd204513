package org.winsock4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.winsock4j.testing.FakeWinsockPort;
import org.winsock4j.testing.OnOwnThread;

/** The close state machine of docs/ARCHITECTURE.md#lifetime, against the fake. */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a regression here hangs; fail instead
class CloseFakeTest extends FakeWinsockFixture {
    CloseFakeTest() {
        super(Opens.TCP);
    }

    @Test
    void closeCallsClosesocketOnceAndForgetsTheHandle() throws Exception {
        socket.close();
        assertFalse(socket.isOpen());
        assertFalse(fake.isOpen(raw));
        assertEquals(1, fake.count("closesocket", raw));
        assertFalse(fake.closedAbortively(raw), "default SO_DONTLINGER closes gracefully");
    }

    @Test
    void doubleCloseDoesNothing() throws Exception {
        socket.close();
        socket.close();
        socket.closeAbortively();
        assertTrue(socket.close(Duration.ofSeconds(1)));
        assertEquals(1, fake.count("closesocket", raw));
        assertEquals(0, fake.callsAfterClose(raw));
    }

    @Test
    void useAfterCloseNeverReachesThePort() throws Exception {
        socket.close();
        int before = fake.calls().size();
        List<Executable> uses = List.of(
                () -> socket.bind(PEER), () -> socket.listen(1), () -> socket.accept(), () -> socket.connect(PEER),
                () -> socket.send(new byte[1], 0, 1), () -> socket.send(ByteBuffer.allocateDirect(1)),
                () -> socket.recv(new byte[1], 0, 1), () -> socket.recv(ByteBuffer.allocateDirect(1)),
                () -> socket.setBlocking(false), () -> socket.setLinger(Linger.abortive()), () -> socket.linger(),
                () -> socket.setDontLinger(true), () -> socket.dontLinger(),
                () -> socket.setOption(IntOption.TCP_NODELAY, 1), () -> socket.option(IntOption.SO_RCVBUF),
                () -> socket.shutdown(ShutdownHow.BOTH), () -> socket.localAddress(), () -> socket.remoteAddress(),
                () -> socket.rawHandle());
        for (Executable use : uses) {
            SocketClosedException e = assertThrows(SocketClosedException.class, use);
            assertTrue(e.getMessage().endsWith("refused: the socket is closed"), e.getMessage());
        }
        assertEquals(before, fake.calls().size(), "no call reached the port");
    }

    @Test
    void wouldBlockFromClosesocketKeepsTheSocketOpenAndUsable() throws Exception {
        socket.connect(PEER);
        socket.setBlocking(false);
        socket.setLinger(Linger.timeout(2));
        fake.peerStopsReading(raw);
        assertThrows(WinsockException.WouldBlock.class, () -> socket.send(new byte[100], 0, 100));

        WinsockException.WouldBlock e = assertThrows(WinsockException.WouldBlock.class, socket::close);
        assertEquals("closesocket", e.operation());
        assertTrue(e.getMessage().contains("still open and usable"), e.getMessage());
        assertTrue(socket.isOpen());
        assertTrue(fake.isOpen(raw));
        assertEquals(raw, socket.rawHandle());
        assertEquals(Linger.timeout(2), socket.linger(), "still usable");

        // Closing again keeps failing until a documented remedy is applied (WSPCloseSocket remarks).
        assertThrows(WinsockException.WouldBlock.class, socket::close);
        socket.setLinger(Linger.off());
        socket.close();
        assertFalse(socket.isOpen());
        assertEquals(3, fake.count("closesocket", raw));
        assertEquals(0, fake.callsAfterClose(raw));
    }

    @Test
    void wouldBlockThenShutdownFirstIsTheOtherRemedy() throws Exception {
        socket.connect(PEER);
        socket.setBlocking(false);
        socket.setLinger(Linger.timeout(2));
        fake.peerStopsReading(raw);
        assertThrows(WinsockException.WouldBlock.class, () -> socket.send(new byte[100], 0, 100));
        assertThrows(WinsockException.WouldBlock.class, socket::close);
        socket.shutdown(ShutdownHow.SEND);
        socket.close();
        assertFalse(socket.isOpen());
    }

    @Test
    void otherClosesocketFailuresKeepTheSocketOpen() throws Exception {
        fake.failNext("closesocket", WsaError.WSAENETDOWN);
        WinsockException e = assertThrows(WinsockException.NetworkDown.class, socket::close);
        assertTrue(e.getMessage().endsWith("The socket is still open."), e.getMessage());
        assertTrue(socket.isOpen());
        socket.close();
        assertFalse(socket.isOpen());
    }

    @Test
    void closeAfterTheLastCleanupForgetsTheHandle() throws Exception {
        FakeWinsockPort fresh = new FakeWinsockPort();
        Winsock managed = Winsock.over(fresh);
        Winsock.Session session = managed.startup();
        WinSocket s = managed.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
        session.close();
        WinsockException e = assertThrows(WinsockException.NotInitialised.class, s::close);
        assertEquals(10093, e.code());
        assertFalse(s.isOpen(), "WSACleanup already deallocated the socket");
        s.close();
        assertEquals(1, fresh.count("closesocket"));
    }

    @Test
    void closeAbortivelySetsLingerZeroThenCloses() throws Exception {
        socket.closeAbortively();
        assertFalse(socket.isOpen());
        assertTrue(fake.closedAbortively(raw));
        List<FakeWinsockPort.Call> calls = fake.calls();
        assertEquals("setsockopt", calls.get(calls.size() - 2).function());
        assertEquals("closesocket", calls.get(calls.size() - 1).function());
    }

    @Test
    void closeAbortivelyStillClosesWhenSettingLingerFails() throws Exception {
        fake.failNext("setsockopt", WsaError.WSAEINVAL);
        assertThrows(WinsockException.InvalidArgument.class, socket::closeAbortively);
        assertFalse(socket.isOpen(), "no handle leaks");
        assertEquals(1, fake.count("closesocket", raw));
    }

    @Test
    void closeWithTimeoutIsGracefulWhenThePeerClosesInTime() throws Exception {
        socket.connect(PEER);
        fake.deliver(raw, new byte[] {1, 2, 3});
        fake.peerCloses(raw);
        assertTrue(socket.close(Duration.ofSeconds(5)));
        assertFalse(socket.isOpen());
        assertFalse(fake.closedAbortively(raw));
        assertEquals(1, fake.count("shutdown", raw));
    }

    @Test
    void closeWithTimeoutResetsWhenThePeerStaysSilent() throws Exception {
        socket.connect(PEER);
        socket.setLinger(Linger.timeout(30));
        fake.failNext("recv", WsaError.WSAETIMEDOUT);
        assertFalse(socket.close(Duration.ofSeconds(5)));
        assertFalse(socket.isOpen());
        assertTrue(fake.closedAbortively(raw));
    }

    @Test
    void closeWithTimeoutOnANonBlockingSocketDrainsBlocking() throws Exception {
        socket.connect(PEER);
        socket.setBlocking(false);
        fake.peerCloses(raw);
        assertTrue(socket.close(Duration.ofMillis(500)));
        assertFalse(socket.isOpen());
    }

    @Test
    void closeWithTimeoutOnAnUnconnectedSocketJustCloses() throws Exception {
        assertTrue(socket.close(Duration.ofSeconds(1)));
        assertFalse(socket.isOpen());
        assertFalse(fake.closedAbortively(raw));
    }

    @Test
    void closeWithZeroTimeoutIsAbortive() throws Exception {
        socket.connect(PEER);
        assertFalse(socket.close(Duration.ZERO));
        assertTrue(fake.closedAbortively(raw));
    }

    /** close(Duration) of {@code s} on its own thread; how it ended. */
    private static CompletableFuture<OnOwnThread.Ending> closeInBackground(WinSocket s, Duration timeout) {
        return OnOwnThread.start("close-with-timeout", () -> s.close(timeout));
    }

    @Test
    void closeWithTimeoutHonoursSoRcvtimeoInTheFakeWhenThePeerStaysSilent() throws Exception {
        socket.connect(PEER);
        long t0 = System.nanoTime();
        // No scripted failure: the fake's blocked recv must itself time out after SO_RCVTIMEO.
        boolean graceful = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> socket.close(Duration.ofMillis(200)));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertFalse(graceful);
        assertTrue(ms >= 150, "waited about the timeout, took " + ms + " ms");
        assertTrue(fake.closedAbortively(raw), "the drain timed out: reset");
    }

    @Test
    void closeWithATimeoutTooLongToCountWaitsWithoutLimit() throws Exception {
        for (Duration endless : List.of(Duration.ofSeconds(Long.MAX_VALUE), Duration.ofDays(365L * 300))) {
            WinSocket s = winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
            long h = s.rawHandle();
            s.connect(PEER);
            CompletableFuture<OnOwnThread.Ending> result = closeInBackground(s, endless);
            fake.awaitBlockedRecv(h);
            assertEquals(0, fake.intOption(h, org.winsock4j.port.Sdk.SOL_SOCKET, org.winsock4j.port.Sdk.SO_RCVTIMEO),
                    "SO_RCVTIMEO 0: no limit, for " + endless);
            assertFalse(result.isDone(), "still waiting for the peer");
            fake.peerCloses(h);
            assertEquals(Boolean.TRUE, result.get(5, TimeUnit.SECONDS).result(), "graceful once the peer closed, for " + endless);
            assertFalse(s.isOpen());
            assertFalse(fake.closedAbortively(h));
        }
    }

    @Test
    void plainCloseFromAnotherThreadCutsADrainingCloseWithTimeoutShort() throws Exception {
        socket.connect(PEER);
        CompletableFuture<OnOwnThread.Ending> draining = closeInBackground(socket, Duration.ofHours(1));
        fake.awaitBlockedRecv(raw);
        long t0 = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> socket.close());
        assertEquals(Boolean.FALSE, draining.get(1, TimeUnit.SECONDS).result(), "the draining call returns false");
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(1));
        assertFalse(socket.isOpen());
        assertEquals(1, fake.count("closesocket", raw));
        assertFalse(fake.closedAbortively(raw), "closed as close() closes: SO_DONTLINGER after shutdown(SEND)");
    }

    @Test
    void abortiveCloseFromAnotherThreadCutsADrainingCloseWithTimeoutShort() throws Exception {
        socket.connect(PEER);
        CompletableFuture<OnOwnThread.Ending> draining = closeInBackground(socket, Duration.ofHours(1));
        fake.awaitBlockedRecv(raw);
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> socket.closeAbortively());
        assertEquals(Boolean.FALSE, draining.get(1, TimeUnit.SECONDS).result());
        assertFalse(socket.isOpen());
        assertEquals(1, fake.count("closesocket", raw));
        assertTrue(fake.closedAbortively(raw), "the abortive close wins: a reset");
    }

    @Test
    void aCallCancelledByACloseThatFailedSaysTheSocketIsStillOpen() throws Exception {
        socket.connect(PEER);
        CompletableFuture<Throwable> reader = CompletableFuture.supplyAsync(() -> {
            try {
                socket.recv(new byte[1], 0, 1);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        fake.awaitBlockedRecv(raw);
        fake.failNext("closesocket", WsaError.WSAEWOULDBLOCK);
        WinsockException closeFailure = assertThrows(WinsockException.WouldBlock.class, socket::close);
        Throwable t = reader.get(5, TimeUnit.SECONDS);
        assertFalse(t instanceof SocketClosedException, "the socket was not closed: " + t);
        WinsockException e = assertInstanceOf(WinsockException.Interrupted.class, t);
        assertEquals("recv", e.operation());
        assertTrue(e.getMessage().contains("cancelled this call, then failed, so the socket is still open"),
                e.getMessage());
        assertTrue(e.getMessage().contains("WSAEWOULDBLOCK"), e.getMessage());
        assertSame(closeFailure, e.getSuppressed()[0]);
        assertTrue(socket.isOpen());
        fake.deliver(raw, new byte[] {42});
        byte[] one = new byte[1];
        assertEquals(1, socket.recv(one, 0, 1), "still open and usable");
        assertEquals(42, one[0]);
    }

    @Test
    void closeWithTimeoutRejectsBadTimeoutsBeforeAnyNativeCall() {
        int before = fake.calls().size();
        assertThrows(NullPointerException.class, () -> socket.close(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> socket.close(Duration.ofSeconds(-1)));
        assertTrue(e.getMessage().contains("PT-1S"), e.getMessage());
        assertEquals(before, fake.calls().size());
        assertTrue(socket.isOpen());
    }

    @Test
    void closeUnblocksARecvBlockedInAnotherThread() throws Exception {
        socket.connect(PEER);
        CompletableFuture<Throwable> reader = CompletableFuture.supplyAsync(() -> {
            try {
                socket.recv(new byte[1], 0, 1);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        fake.awaitBlockedRecv(raw);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> socket.close());
        Throwable t = reader.get(5, TimeUnit.SECONDS);
        SocketClosedException closed = assertInstanceOf(SocketClosedException.class, t);
        assertEquals("recv ended: the socket was closed by another thread", closed.getMessage());
        WinsockException e = assertInstanceOf(WinsockException.Interrupted.class, closed.getCause());
        assertEquals("recv", e.operation());
        assertTrue(fake.count("CancelIoEx", raw) >= 1);
        assertFalse(socket.isOpen());
        assertEquals(0, fake.callsAfterClose(raw));
    }

    @Test
    void theCleanerClosesALeakedSocketAbortively() throws Exception {
        long leaked = leakOne();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (fake.isOpen(leaked) && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertFalse(fake.isOpen(leaked), "the Cleaner closed the leaked socket");
        assertTrue(fake.closedAbortively(leaked), "with linger 0, which never blocks");
        assertEquals(1, fake.count("closesocket", leaked));
    }

    private long leakOne() throws Exception {
        WinSocket s = winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
        s.connect(PEER);
        s.setBlocking(false);
        s.setLinger(Linger.timeout(10));
        return s.rawHandle();
    }

    @Test
    void theCleanerDoesNothingAfterAnExplicitClose() throws Exception {
        socket.close();
        socket = null;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertEquals(1, fake.count("closesocket", raw));
        assertEquals(0, fake.count("setsockopt", raw));
    }

    @Test
    void closeTakesEffectEvenWhenShutdownWasDoneFirst() throws Exception {
        socket.connect(PEER);
        socket.shutdown(ShutdownHow.SEND);
        socket.close();
        assertFalse(fake.closedAbortively(raw), "shutdown(SEND) then close stays graceful (no RST)");
    }
}
