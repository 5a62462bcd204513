package org.winsock4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.winsock4j.AddressFamily;
import org.winsock4j.Linger;
import org.winsock4j.WinSocket;

/** SO_LINGER and SO_DONTLINGER through the real getsockopt/setsockopt (closesocket remarks). */
class LingerOptionWineTest {

    @Test
    void aNewSocketDoesNotLinger() throws Exception {
        try (WinSocket s = Lab.tcp(AddressFamily.INET)) {
            assertEquals(Linger.off(), s.linger());
            assertTrue(s.dontLinger());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 255, 256, 65535})
    void lingerTimeoutsRoundTripWholeUShorts(int seconds) throws Exception {
        try (WinSocket s = Lab.tcp(AddressFamily.INET)) {
            s.setLinger(Linger.timeout(seconds));
            assertEquals(Linger.timeout(seconds), s.linger());
            assertFalse(s.dontLinger());
            s.setLinger(Linger.off());
        }
    }

    @Test
    void abortiveRoundTrips() throws Exception {
        try (WinSocket s = Lab.tcp(AddressFamily.INET6)) {
            s.setLinger(Linger.abortive());
            assertEquals(Linger.abortive(), s.linger());
            assertFalse(s.dontLinger());
        }
    }

    @Test
    void dontLingerTrueClearsOnoffAndKeepsTheTimeout() throws Exception {
        try (WinSocket s = Lab.tcp(AddressFamily.INET)) {
            s.setLinger(Linger.timeout(5));
            s.setDontLinger(true);
            assertTrue(s.dontLinger());
            Linger l = s.linger();
            assertFalse(l.enabled());
            assertEquals(5, l.seconds(), "closesocket remarks: SO_DONTLINGER TRUE keeps l_linger on "
                    + Lab.platform());
        }
    }

    @Test
    void dontLingerFalseTurnsLingeringBackOnWithTheTimeout() throws Exception {
        try (WinSocket s = Lab.tcp(AddressFamily.INET)) {
            s.setLinger(Linger.timeout(5));
            s.setDontLinger(true);
            s.setDontLinger(false);
            assertFalse(s.dontLinger());
            if (Lab.WINE) {
                // Wine 8 keeps no timeout to reinstate: lingering comes back on with l_linger 0,
                // which makes the next close abortive. Windows: "should be reinstated".
                assertEquals(Linger.abortive(), s.linger(), "Wine-vs-Windows difference: SO_DONTLINGER FALSE"
                        + " leaves LINGER {1, 0} (abortive) under " + Lab.platform() + ", {1, 5} on Windows");
            } else {
                assertEquals(Linger.timeout(5), s.linger(), "the previously set timeout is reinstated on " + Lab.platform());
            }
            s.setLinger(Linger.off());
        }
    }
}
