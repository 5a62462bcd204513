package org.winsock4j.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.winsock4j.WsaError;
import org.winsock4j.cli.instrument.OverlappedSdk;
import org.winsock4j.cli.instrument.Ws2_32Overlapped;
import org.winsock4j.jna.Kernel32Io;
import org.winsock4j.jna.Ws2_32;
import org.winsock4j.port.Sdk;

/** The generated checks cover the whole Java mapping: nothing bound escapes the header check. */
class StaticAssertGeneratorTest {

    @Test
    void everyConstantErrorStructureAndNativeMethodIsAsserted() throws Exception {
        StaticAssertGenerator g = new StaticAssertGenerator();
        String c = g.generate();
        for (Class<?> holder : java.util.List.of(Sdk.class, OverlappedSdk.class)) {
            for (var f : holder.getDeclaredFields()) {
                if (Modifier.isPublic(f.getModifiers()) && Modifier.isStatic(f.getModifiers())) {
                    String name = holder.getSimpleName() + "." + f.getName();
                    assertTrue(c.contains("\"" + name + " = "), "no assert for " + name);
                }
            }
        }
        assertTrue(c.contains("_Static_assert((int)(WSA_WAIT_TIMEOUT) == 258,"), "the instrument's constants are asserted");
        for (WsaError e : WsaError.values()) {
            assertTrue(c.contains("_Static_assert(" + e.name() + " == " + e.code() + ","), e.name());
        }
        long natives = java.util.stream.Stream.of(Ws2_32.class, Kernel32Io.class, Ws2_32Overlapped.class)
                .flatMap(k -> Arrays.stream(k.getDeclaredMethods())).filter(m -> Modifier.isNative(m.getModifiers())).count();
        assertEquals(natives, g.functions);
        assertEquals(WsaError.values().length, g.errors);
        assertEquals(StaticAssertGenerator.STRUCTURES.size(), g.structures);
        assertTrue(c.contains("_Static_assert(sizeof(WSADATA) == 408,"), "WSADATA is 408 bytes on Win64");
        assertTrue(c.contains("_Static_assert(w4j_closesocket_arity == 1,"));
    }

    @Test
    void theOverlappedReceiveIsAssertedDownToWhatItsPointersPointTo() throws Exception {
        String c = new StaticAssertGenerator().generate();
        assertTrue(c.contains("_Static_assert(sizeof(WSAOVERLAPPED) == 32,"), "WSAOVERLAPPED is 32 bytes on Win64");
        assertTrue(c.contains("_Static_assert(offsetof(WSAOVERLAPPED, hEvent) == 24,"));
        assertTrue(c.contains("_Static_assert(sizeof(WSABUF) == 16,"), "WSABUF is 16 bytes on Win64");
        assertTrue(c.contains("_Static_assert(offsetof(WSABUF, buf) == 8,"));
        for (String p : StaticAssertGenerator.POINTEE_SIZES.keySet()) {
            assertTrue(c.contains("_Static_assert(sizeof(*(w4j_" + p + ")0) == " + StaticAssertGenerator.POINTEE_SIZES.get(p) + ","),
                    "no pointee assert for " + p);
        }
        assertTrue(c.contains("_Static_assert(sizeof(*(w4j_WSAWaitForMultipleEvents_p1)0) == 8,"), "a WSAEVENT array");
        assertTrue(c.contains("_Static_assert(w4j_WSARecv_arity == 7,"));
    }

    /** select (issue 22 item 9): its prototype, the fd_set and timeval layouts and its pointees. */
    @Test
    void selectIsAssertedWithTheFdSetAndTimevalLayouts() throws Exception {
        String c = new StaticAssertGenerator().generate();
        assertTrue(c.contains("_Static_assert(w4j_select_arity == 5,"));
        assertTrue(c.contains("_Static_assert(sizeof(fd_set) == 520,"), "fd_set is 520 bytes on Win64");
        assertTrue(c.contains("_Static_assert(offsetof(fd_set, fd_count) == 0,"));
        assertTrue(c.contains("_Static_assert(offsetof(fd_set, fd_array) == 8,"), "the SOCKETs are 8-aligned");
        assertTrue(c.contains("_Static_assert(sizeof(struct timeval) == 8,"), "two 32-bit longs");
        assertTrue(c.contains("_Static_assert(offsetof(struct timeval, tv_usec) == 4,"));
        assertTrue(c.contains("_Static_assert((int)(FD_SETSIZE) == 64,"));
        for (int p = 1; p <= 3; p++) {
            assertTrue(c.contains("_Static_assert(sizeof(*(w4j_select_p" + p + ")0) == 520,"), "fd_set pointee " + p);
        }
        assertTrue(c.contains("_Static_assert(sizeof(*(w4j_select_p4)0) == 8,"), "timeval pointee");
    }
}
