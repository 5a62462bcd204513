package org.winsock4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.winsock4j.testing.OnOwnThread;
import org.winsock4j.testing.OnOwnThread.Ending;

/**
 * One owner per SOCKET: adopt refuses a second one and a stale number; borrow operates without
 * owning and ends with its owner; a number socket()/accept() returns again cuts off its older
 * holders (issue 22, items 1 and 2).
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a regression here hangs
class OwnershipFakeTest extends FakeWinsockFixture {
    OwnershipFakeTest() {
        super(Opens.NOTHING);
    }

    private WinSocket tcp() throws WinsockException {
        return winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
    }

    @Test
    void adoptingAHandleAnOpenWinSocketOwnsIsRefusedAndNamesTheOwner() throws Exception {
        try (WinSocket owner = tcp()) {
            long raw = owner.rawHandle();
            int before = fake.calls().size();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> winsock.adopt(raw));
            assertTrue(e.getMessage().contains("0x" + Long.toHexString(raw)), e.getMessage());
            assertTrue(e.getMessage().contains("created by socket() on thread \"" + Thread.currentThread().getName()
                    + "\""), e.getMessage());
            assertTrue(e.getMessage().contains("borrow("), e.getMessage());
            assertEquals(before, fake.calls().size(), "refused before any native call");
            assertTrue(owner.isOpen());
        }
    }

    @Test
    void adoptingAnAcceptedOrAdoptedHandleIsRefusedToo() throws Exception {
        long foreign = fake.createForeignSocket();
        try (WinSocket adopted = winsock.adopt(foreign)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> winsock.adopt(foreign));
            assertTrue(e.getMessage().contains("created by adopt()"), e.getMessage());
        }
        try (WinSocket listener = tcp()) {
            listener.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 4000));
            listener.listen(1);
            try (WinSocket accepted = listener.accept()) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> winsock.adopt(accepted.rawHandle()));
                assertTrue(e.getMessage().contains("created by accept()"), e.getMessage());
            }
        }
    }

    /** With the fake reusing freed numbers: the number of a socket this Winsock opened and closed. */
    private long aNumberThisWinsockClosed() throws Exception {
        fake.reuseFreedHandles();
        WinSocket a = tcp();
        long raw = a.rawHandle();
        a.close();
        return raw;
    }

    @Test
    void aNumberThisWinsockClosedIsRefusedByAdoptAndBorrowUntilSocketReturnsItAgain() throws Exception {
        // Issue 22, item 2: a = open(); raw = a.rawHandle(); a.close(); stale = adopt(raw); then
        // open() got raw again and stale.close() closed that new socket. Now the stale WinSocket
        // is never made: the number is not a socket (getsockopt SO_TYPE says so).
        long raw = aNumberThisWinsockClosed();
        WinsockException.NotSocket adoptRefused = assertThrows(WinsockException.NotSocket.class, () -> winsock.adopt(raw));
        assertTrue(adoptRefused.getMessage().contains("adopt refused: this Winsock closed SOCKET 0x" + Long.toHexString(raw)),
                adoptRefused.getMessage());
        assertEquals(10038, adoptRefused.code());
        assertThrows(WinsockException.NotSocket.class, () -> winsock.borrow(raw));
        assertEquals(1, fake.count("closesocket", raw));

        try (WinSocket b = tcp()) {
            assertEquals(raw, b.rawHandle(), "the fake hands the freed number out again, as Windows does");
            IllegalArgumentException owned = assertThrows(IllegalArgumentException.class, () -> winsock.adopt(raw));
            assertTrue(owned.getMessage().contains("owned by an open WinSocket"), owned.getMessage());
            assertTrue(fake.isOpen(raw));
        }
        assertEquals(2, fake.count("closesocket", raw), "a's close and b's, nothing else");
    }

    @Test
    void aNumberThisWinsockClosedThatOtherCodeMadeASocketAgainIsAdopted() throws Exception {
        long raw = aNumberThisWinsockClosed();
        long foreign = fake.createForeignSocket(); // C code's socket() gets the freed number
        assertEquals(raw, foreign);
        WinSocket adopted = winsock.adopt(foreign);
        adopted.setLinger(Linger.timeout(2));
        adopted.close();
        assertFalse(fake.isOpen(foreign));
        assertEquals(2, fake.count("closesocket", raw));
    }

    @Test
    void aWinSocketWhoseNumberWasClosedBehindItsBackIsCutOffWhenSocketReturnsTheNumber() throws Exception {
        // The stale WinSocket that adopt cannot refuse: a number this Winsock never saw, closed by
        // its creator after adopt. The moment this Winsock's socket() returns it, every older
        // holder (the adopter and its views) is cut off: nothing of it reaches the new socket.
        fake.reuseFreedHandles();
        long foreign = fake.createForeignSocket();
        WinSocket stale = winsock.adopt(foreign);
        WinSocket staleView = winsock.borrow(foreign);
        assertEquals(0, fake.closesocket(foreign), "its creator closes it behind the WinSocket's back");
        try (WinSocket fresh = tcp()) {
            assertEquals(foreign, fresh.rawHandle(), "the new socket got the number");
            fresh.setLinger(Linger.timeout(7));
            long callsBefore = fake.calls().size();

            SocketClosedException refused = assertThrows(SocketClosedException.class, () -> stale.setLinger(Linger.abortive()));
            assertTrue(refused.getMessage().contains("has since given the number to a new socket"), refused.getMessage());
            assertTrue(refused.getMessage().contains("socket() on thread \"" + Thread.currentThread().getName() + "\""),
                    refused.getMessage());
            assertThrows(SocketClosedException.class, () -> stale.recv(new byte[1], 0, 1));
            assertThrows(SocketClosedException.class, stale::rawHandle);
            assertThrows(SocketClosedException.class, () -> staleView.send(new byte[1], 0, 1));
            assertFalse(stale.isOpen());
            assertFalse(staleView.isOpen());
            WinsockException.NotSocket close = assertThrows(WinsockException.NotSocket.class, stale::close);
            assertTrue(close.getMessage().contains("closesocket not called"), close.getMessage());
            assertThrows(WinsockException.NotSocket.class, stale::closeAbortively);
            assertThrows(WinsockException.NotSocket.class, () -> stale.close(Duration.ofSeconds(1)));
            staleView.close(); // a view's close only ends the view
            assertEquals(callsBefore, fake.calls().size(), "no call of the stale WinSocket or its view reached ws2_32");

            assertTrue(fresh.isOpen());
            assertEquals(Linger.timeout(7), fresh.linger(), "the new socket is untouched");
        }
        assertEquals(2, fake.count("closesocket", foreign), "its creator's and the new owner's");
    }

    @Test
    void closingTheOwnerCancelsAndWaitsForABlockedCallOfItsBorrowedView() throws Exception {
        // Issue 22, item 1: the owner's close ran closesocket while the view's recv was in flight.
        WinSocket owner = tcp();
        owner.connect(PEER);
        long raw = owner.rawHandle();
        WinSocket view = winsock.borrow(raw);
        CompletableFuture<Ending> recv = OnOwnThread.start("view-reader", () -> view.recv(new byte[1], 0, 1));
        fake.awaitBlockedRecv(raw);
        owner.close();
        SocketClosedException ended = assertInstanceOf(SocketClosedException.class, recv.get(5, TimeUnit.SECONDS).result(),
                "the view's call ends as the owner's would");
        WinsockError cause = assertInstanceOf(WinsockError.class, ended.getCause(), "what ws2_32 told the cancelled call");
        assertEquals("recv", cause.operation());
        assertEquals(1, fake.count("closesocket", raw));
        assertTrue(fake.count("CancelIoEx", raw) >= 1);
        assertFalse(view.isOpen());
        // noViolations: closesocket never ran while the view's recv was in flight
    }

    @Test
    void aViewOutlivingItsOwnersCloseIsRefusedBeforeReachingWs2_32() throws Exception {
        WinSocket owner = tcp();
        long raw = owner.rawHandle();
        WinSocket view = winsock.borrow(raw);
        view.setLinger(Linger.timeout(3));
        owner.close();
        long callsBefore = fake.calls().size();
        SocketClosedException e = assertThrows(SocketClosedException.class, () -> view.setLinger(Linger.off()));
        assertTrue(e.getMessage().contains("borrowed view's owner (created by socket()"), e.getMessage());
        assertThrows(SocketClosedException.class, () -> view.send(new byte[1], 0, 1));
        assertThrows(SocketClosedException.class, view::rawHandle);
        assertFalse(view.isOpen());
        view.close();
        assertEquals(callsBefore, fake.calls().size(), "nothing reached a number the system may have reused");
    }

    @Test
    void aViewOfANumberBorrowedBeforeItWasAdoptedFollowsTheNewOwner() throws Exception {
        long foreign = fake.createForeignSocket();
        WinSocket view = winsock.borrow(foreign);
        WinSocket owner = winsock.adopt(foreign);
        assertThrows(IllegalArgumentException.class, () -> winsock.adopt(foreign), "owned now");
        view.setLinger(Linger.timeout(5));
        assertEquals(Linger.timeout(5), owner.linger());
        owner.close();
        assertThrows(SocketClosedException.class, () -> view.setLinger(Linger.off()));
        assertEquals(1, fake.count("closesocket", foreign));
    }

    @Test
    void theSameNumberHandedOutAgainBelongsToTheNewSocket() throws Exception {
        // What happened before: B = adopt(A's handle); A closes; C gets the same number; B.close()
        // closed C. Now B cannot exist, and a borrowed view's close never calls closesocket.
        WinSocket a = tcp();
        long raw = a.rawHandle();
        WinSocket view = winsock.borrow(raw);
        assertThrows(IllegalArgumentException.class, () -> winsock.adopt(raw));
        a.close();
        view.close();
        assertEquals(1, fake.count("closesocket", raw), "only the owner's close reached closesocket");
    }

    @Test
    void aBorrowedViewWorksButItsCloseNeverClosesTheHandle() throws Exception {
        try (WinSocket owner = tcp()) {
            long raw = owner.rawHandle();
            WinSocket view = winsock.borrow(raw);
            view.setLinger(Linger.timeout(4));
            assertEquals(Linger.timeout(4), owner.linger(), "the same SOCKET");
            assertTrue(view.toString().contains("borrowed"), view.toString());
            int before = fake.calls().size();
            IllegalStateException abortive = assertThrows(IllegalStateException.class, view::closeAbortively);
            assertTrue(abortive.getMessage().contains("borrowed"), abortive.getMessage());
            assertThrows(IllegalStateException.class, () -> view.close(Duration.ofSeconds(1)));
            assertEquals(before, fake.calls().size(), "refused before any native call");
            view.close();
            assertFalse(view.isOpen(), "the view is closed");
            assertThrows(SocketClosedException.class, () -> view.setLinger(Linger.off()));
            assertTrue(fake.isOpen(raw), "the handle is not");
            assertEquals(0, fake.count("closesocket", raw));
            assertEquals(Linger.timeout(4), owner.linger(), "and the owner still uses it");
        }
    }

    @Test
    void borrowRejectsInvalidSocket() {
        assertThrows(IllegalArgumentException.class, () -> winsock.borrow(org.winsock4j.port.Sdk.INVALID_SOCKET));
    }
}
