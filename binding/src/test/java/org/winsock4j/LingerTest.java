package org.winsock4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LingerTest {

    @Test
    void offIsTheGracefulDefault() {
        Linger off = Linger.off();
        assertFalse(off.enabled());
        assertEquals(0, off.seconds());
        assertTrue(off.isOff());
        assertFalse(off.isAbortive());
        assertFalse(off.isTimed());
    }

    @Test
    void abortiveIsOnWithZero() {
        Linger a = Linger.abortive();
        assertTrue(a.enabled());
        assertEquals(0, a.seconds());
        assertTrue(a.isAbortive());
        assertFalse(a.isTimed());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 65534, 65535})
    void timeoutsInRangeAreKept(int seconds) {
        Linger l = Linger.timeout(seconds);
        assertTrue(l.enabled());
        assertEquals(seconds, l.seconds());
        assertTrue(l.isTimed());
        assertEquals(l, Linger.timeout(Duration.ofSeconds(seconds)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void timeoutsOutOfRangeAreRejectedNamingTheValue(int seconds) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Linger.timeout(seconds));
        assertTrue(e.getMessage().contains(Integer.toString(seconds)), e.getMessage());
    }

    @Test
    void zeroTimeoutPointsToAbortive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Linger.timeout(0));
        assertTrue(e.getMessage().contains("Linger.abortive()"), e.getMessage());
    }

    @Test
    void theRecordRejectsWhatAUShortCannotHoldInsteadOfTruncating() {
        assertThrows(IllegalArgumentException.class, () -> new Linger(true, 65536));
        assertThrows(IllegalArgumentException.class, () -> new Linger(false, -1));
        assertEquals(65535, new Linger(false, 65535).seconds());
    }

    @Test
    void durationsMustBeWholeSecondsInRange() {
        assertThrows(NullPointerException.class, () -> Linger.timeout((Duration) null));
        assertThrows(IllegalArgumentException.class, () -> Linger.timeout(Duration.ofMillis(1500)));
        assertThrows(IllegalArgumentException.class, () -> Linger.timeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Linger.timeout(Duration.ofSeconds(65536)));
        assertThrows(IllegalArgumentException.class, () -> Linger.timeout(Duration.ofSeconds(-1)));
    }

    @Test
    void toStringSaysTheMode() {
        assertEquals("Linger[off]", Linger.off().toString());
        assertEquals("Linger[abortive]", Linger.abortive().toString());
        assertEquals("Linger[2 s]", Linger.timeout(2).toString());
        assertEquals("Linger[off, kept 5 s]", new Linger(false, 5).toString());
    }
}
