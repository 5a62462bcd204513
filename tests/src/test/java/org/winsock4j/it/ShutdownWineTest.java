package org.winsock4j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.winsock4j.AddressFamily;
import org.winsock4j.ShutdownHow;
import org.winsock4j.WinsockException;

/** shutdown in each direction, then send and recv. */
class ShutdownWineTest {

    @Test
    void sendAfterShutdownSendFailsWithWsaeshutdown() throws Exception {
        try (Lab.Pair p = Lab.pair(AddressFamily.INET)) {
            p.client().shutdown(ShutdownHow.SEND);
            assertTrue(p.client().isOutputShutdown());
            WinsockException e = assertThrows(WinsockException.Shutdown.class, () -> p.client().send(new byte[1], 0, 1));
            assertEquals(10058, e.code());
            assertEquals(-1, p.server().recv(new byte[1], 0, 1), "the peer sees end of stream (our FIN)");
        }
    }

    @Test
    void halfCloseStillReceives() throws Exception {
        try (Lab.Pair p = Lab.pair(AddressFamily.INET6)) {
            p.client().send(new byte[] {1, 2}, 0, 2);
            p.client().shutdown(ShutdownHow.SEND);
            assertArrayEquals(new byte[] {1, 2}, Lab.readAll(p.server()));
            p.server().send(new byte[] {3}, 0, 1);
            p.server().shutdown(ShutdownHow.SEND);
            assertArrayEquals(new byte[] {3}, Lab.readAll(p.client()), "the half-closed side still receives");
        }
    }

    @Test
    void sendAfterShutdownReceiveStillWorks() throws Exception {
        try (Lab.Pair p = Lab.pair(AddressFamily.INET)) {
            p.client().shutdown(ShutdownHow.RECEIVE);
            assertTrue(p.client().isInputShutdown());
            assertEquals(1, p.client().send(new byte[] {42}, 0, 1), "SD_RECEIVE leaves sending alone");
            byte[] b = new byte[1];
            assertEquals(1, p.server().recv(b, 0, 1));
            assertEquals(42, b[0]);
        }
    }

    @Test
    void recvAfterShutdownReceive() throws Exception {
        try (Lab.Pair p = Lab.pair(AddressFamily.INET)) {
            p.client().shutdown(ShutdownHow.RECEIVE);
            // shutdown remarks: after SD_RECEIVE, recv is disallowed. Wine agrees with Windows here.
            WinsockException e = assertThrows(WinsockException.Shutdown.class, () -> p.client().recv(new byte[1], 0, 1));
            assertEquals(10058, e.code());
        }
    }

    @Test
    void shutdownBothThenSend() throws Exception {
        try (Lab.Pair p = Lab.pair(AddressFamily.INET)) {
            p.server().shutdown(ShutdownHow.BOTH);
            assertTrue(p.server().isInputShutdown() && p.server().isOutputShutdown());
            assertThrows(WinsockException.Shutdown.class, () -> p.server().send(new byte[1], 0, 1));
        }
    }

    @Test
    void shutdownOfAnUnconnectedSocketIsNotConnected() throws Exception {
        try (var s = Lab.tcp(AddressFamily.INET)) {
            WinsockException e = assertThrows(WinsockException.NotConnected.class, () -> s.shutdown(ShutdownHow.SEND));
            assertEquals("shutdown", e.operation());
        }
    }
}
