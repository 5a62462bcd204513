package org.winsock4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.winsock4j.ffm.FfmWinsockPort;

/** How the backend is chosen (issue 13): the property first, else FFM on Java 22+ when present. */
class BackendTest {

    @Test
    void theDefaultIsFfmFromJava22WhenItsClassesArePresentAndJnaOtherwise() {
        assertEquals(Backend.JNA, Backend.choose(null, 17, false));
        assertEquals(Backend.JNA, Backend.choose(null, 21, false));
        assertEquals(Backend.FFM, Backend.choose(null, 22, true));
        assertEquals(Backend.FFM, Backend.choose("", 25, true));
        // A JVM new enough that did not read the multi-release part (classes from a directory,
        // a repackaged jar without Multi-Release: true) falls back to JNA by default.
        assertEquals(Backend.JNA, Backend.choose(null, 25, false));
    }

    @Test
    void thePropertyChoosesEitherBackendWhateverTheJavaRelease() {
        assertEquals(Backend.JNA, Backend.choose("jna", 25, true));
        assertEquals(Backend.JNA, Backend.choose(" JNA ", 22, true));
        assertEquals(Backend.FFM, Backend.choose("ffm", 17, false));
        assertEquals(Backend.FFM, Backend.choose("FFM", 25, true));
    }

    @Test
    void anUnknownBackendNameIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backend.choose("panama", 25, true));
        assertTrue(e.getMessage().contains("-Dwinsock4j.backend=panama"), e.getMessage());
        assertTrue(e.getMessage().contains("jna or ffm"), e.getMessage());
    }

    /**
     * The unit tests run from target/classes, a directory, where a JVM reads no multi-release
     * part: the Java 17 stand-in answers, and says which Java it would need.
     */
    @Test
    void theJava17StandInReportsTheFfmBackendUnavailable() {
        assertFalse(FfmWinsockPort.present());
        WinsockUnavailableException e = assertThrows(WinsockUnavailableException.class, FfmWinsockPort::instance);
        assertTrue(e.getMessage().contains("Java 22 or later"), e.getMessage());
        assertTrue(e.getMessage().contains("Java " + Runtime.version()), e.getMessage());
        assertThrows(WinsockUnavailableException.class, () -> FfmWinsockPort.boundTo("noop_ws2.dll"));
        assertThrows(WinsockUnavailableException.class, Backend.FFM::port);
    }
}
