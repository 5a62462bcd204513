package org.winsock4j.cli.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Native;
import org.junit.jupiter.api.Test;

/**
 * The overlapped receive's structures have the Win64 layout its constants state. (JNA lays
 * structures out the same way on any x86-64 JVM; native-headers checks the same sizes and
 * offsets against the SDK headers.)
 */
class OverlappedLayoutTest {

    @Test
    void overlappedStructuresHaveTheWin64Layout() {
        assertEquals(8, Native.POINTER_SIZE, "these layouts are for 64-bit JVMs");
        WSABUF b = new WSABUF();
        assertEquals(OverlappedSdk.SIZEOF_WSABUF, b.size());
        assertEquals(0, b.offsetOf("len"));
        assertEquals(8, b.offsetOf("buf"), "the CHAR pointer is 8-aligned after the 4-byte ULONG");
        WSAOVERLAPPED o = new WSAOVERLAPPED();
        assertEquals(OverlappedSdk.SIZEOF_WSAOVERLAPPED, o.size());
        assertEquals(0, o.offsetOf("Internal"));
        assertEquals(8, o.offsetOf("InternalHigh"));
        assertEquals(16, o.offsetOf("Offset"));
        assertEquals(20, o.offsetOf("OffsetHigh"));
        assertEquals(24, o.offsetOf("hEvent"));
    }
}
