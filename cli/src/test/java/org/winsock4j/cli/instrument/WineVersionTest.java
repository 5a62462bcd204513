package org.winsock4j.cli.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class WineVersionTest {

    @Test
    void majorIsTheLeadingNumberOfTheVersion() {
        assertEquals(OptionalInt.of(8), Wine.major("8.0"));
        assertEquals(OptionalInt.of(10), Wine.major("10.0"));
        assertEquals(OptionalInt.of(10), Wine.major("10.0-rc1"));
        assertEquals(OptionalInt.empty(), Wine.major("wine"));
        assertEquals(OptionalInt.empty(), Wine.major(""));
    }

    @Test
    void notWineOffWindows() {
        assertEquals(OptionalInt.empty(), Wine.majorVersion());
    }
}
