package org.winsock4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.winsock4j.testing.FakeWinsockPort;

/** One owner per SOCKET: adopt refuses a second one; borrow operates without owning. */
class OwnershipTest {
    private FakeWinsockPort fake;
    private Winsock winsock;

    @BeforeEach
    void open() {
        fake = FakeWinsockPort.started();
        winsock = Winsock.over(fake);
    }

    @AfterEach
    void noViolations() {
        assertEquals(List.of(), fake.violations());
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

    @Test
    void aHandleCanBeAdoptedOnceItsOwnerClosedIt() throws Exception {
        // Its own fake: the adopted number is one the fake already closed (the fake never reuses
        // numbers), so the second closesocket is a violation this test makes on purpose.
        FakeWinsockPort own = FakeWinsockPort.started();
        Winsock ws = Winsock.over(own);
        WinSocket owner = ws.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
        long raw = owner.rawHandle();
        owner.close();
        WinSocket adopted = ws.adopt(raw);
        assertThrows(WinsockException.NotSocket.class, adopted::close);
        assertEquals(List.of("closesocket reached the port on SOCKET 0x" + Long.toHexString(raw)
                + " after its closesocket"), own.violations());
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
