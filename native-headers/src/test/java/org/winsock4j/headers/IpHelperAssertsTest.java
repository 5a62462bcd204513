package org.winsock4j.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.winsock4j.jna.Iphlpapi;
import org.winsock4j.port.MibRows;

/** The IP Helper part of the mapping is header-checked too: SetTcpEntry, jna-platform's tables and rows, MibRows. */
class IpHelperAssertsTest {

    @Test
    void ipHelperFunctionsStructuresAndConstantsAreAsserted() throws Exception {
        StaticAssertGenerator g = new StaticAssertGenerator();
        String c = g.generate();
        long natives = Arrays.stream(Iphlpapi.class.getDeclaredMethods()).filter(m -> Modifier.isNative(m.getModifiers())).count();
        assertEquals(natives + StaticAssertGenerator.PLATFORM_FUNCTIONS.size(), g.ipHelperFunctions);
        assertEquals(StaticAssertGenerator.PLATFORM_STRUCTURES.size(), g.ipHelperStructures);
        for (var f : MibRows.class.getDeclaredFields()) {
            if (Modifier.isPublic(f.getModifiers()) && Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                assertTrue(c.contains("\"MibRows." + f.getName() + " = "), "no assert for MibRows." + f.getName());
            }
        }
        assertTrue(c.contains("_Static_assert(w4j_SetTcpEntry_arity == 1,"));
        assertTrue(c.contains("_Static_assert(w4j_GetExtendedTcpTable_arity == 6,"));
        assertTrue(c.contains("_Static_assert(sizeof(MIB_TCPROW) == 20,"));
        assertTrue(c.contains("_Static_assert(offsetof(MIB_TCP6ROW_OWNER_PID, dwState) == 48,"), "jna-platform's State is the SDK's dwState");
        assertTrue(c.contains("_Static_assert((int)(MIB_TCP_STATE_DELETE_TCB) == 12,"));
    }
}
