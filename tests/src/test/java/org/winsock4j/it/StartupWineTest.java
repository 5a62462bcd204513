package org.winsock4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.winsock4j.Backend;
import org.winsock4j.port.Sdk;
import org.winsock4j.unguarded.UnguardedPorts;

/** WSAStartup/WSACleanup reference counting, in a fresh JVM where nothing else started Winsock. */
class StartupWineTest {

    private static Map<String, String> runProbe() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        // The Wine tier runs the tests inside the console launcher's class loader: it passes the
        // real class path; under Surefire java.class.path has it.
        String classPath = System.getProperty("winsock4j.testClassPath", System.getProperty("java.class.path"));
        // The probe runs on the backend under test, with native access granted as the README says.
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-D" + Backend.PROPERTY + "=" + CoveragePort.BACKEND, "-cp", classPath,
                CleanupProbeMain.class.getName()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the probe JVM finished");
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, p.exitValue(), "probe output: " + lines);
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines) {
            int sp = line.indexOf(' ');
            if (sp > 0) {
                out.put(line.substring(0, sp), line.substring(sp + 1));
            }
        }
        return out;
    }

    @Test
    void aSessionOnTheRealWs2_32StartsAndCleansUp() throws Exception {
        // A Winsock of its own over the same real port: its sessions add and remove one ws2_32
        // reference each, leaving the shared Lab.WINSOCK alone.
        org.winsock4j.Winsock own = UnguardedPorts.winsockOver(Lab.PORT);
        try (org.winsock4j.Winsock.Session session = own.startup()) {
            assertEquals(Sdk.WINSOCK_VERSION_2_2, session.version());
            assertTrue(session.highVersion() >= Sdk.WINSOCK_VERSION_2_2);
            own.open(org.winsock4j.AddressFamily.INET, org.winsock4j.SocketType.STREAM, org.winsock4j.Protocol.TCP).close();
        }
        org.winsock4j.WinsockException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.winsock4j.WinsockException.NotInitialised.class,
                () -> own.open(org.winsock4j.AddressFamily.INET, org.winsock4j.SocketType.STREAM, org.winsock4j.Protocol.TCP));
        assertEquals(10093, e.code());
        Lab.tcp(org.winsock4j.AddressFamily.INET).close(); // the process still has Winsock
    }

    @Test
    void sessionsCountAndCallsAfterTheLastCleanupAreNotInitialised() throws Exception {
        Map<String, String> out = runProbe();
        assertEquals(Sdk.WINSOCK_VERSION_2_2 + " " + Sdk.WINSOCK_VERSION_2_2, out.get("startup_version"));
        assertEquals("ok", out.get("open_with_two_sessions"));
        assertEquals("ok", out.get("open_after_first_cleanup"), "one session left: still initialised");
        assertEquals("10093 NotInitialised", out.get("open_after_last_cleanup"));
        assertEquals("ok", out.get("second_close_of_a_session"), "a session cleans up once only");
        assertEquals("10093", out.get("cleanup_error_when_drained"), "WSACleanup past the last reference");
        assertTrue(Integer.parseInt(out.get("jvm_own_references")) >= 0);
        assertEquals("10093", out.get("raw_socket_after_all_cleanups"),
                "ws2_32 itself refuses socket() once every reference (the JVM's " + out.get("jvm_own_references")
                        + " included) is cleaned up");

        String c = System.getProperty("winsock4j.errorsProbe");
        if (c != null) {
            String cLine = Files.readAllLines(Path.of(c)).stream()
                    .filter(l -> l.startsWith("socket_after_cleanup ")).findFirst().orElseThrow();
            String cCode = cLine.substring(cLine.indexOf(' ') + 1);
            assertEquals(cCode + " NotInitialised", out.get("open_after_last_cleanup"), "the number C sees on " + Lab.platform());
            assertEquals(cCode, out.get("raw_socket_after_all_cleanups"), "the number C sees on " + Lab.platform());
        }
    }
}
