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
import org.winsock4j.port.Sdk;

/** WSAStartup/WSACleanup reference counting, in a fresh JVM where nothing else started Winsock. */
class StartupTest {

    private static Map<String, String> runProbe() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
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
    void sessionsCountAndCallsAfterTheLastCleanupAreNotInitialised() throws Exception {
        Map<String, String> out = runProbe();
        assertEquals(Sdk.WINSOCK_VERSION_2_2 + " " + Sdk.WINSOCK_VERSION_2_2, out.get("startup_version"));
        assertEquals("ok", out.get("open_with_two_sessions"));
        assertEquals("ok", out.get("open_after_first_cleanup"), "one session left: still initialised");
        assertEquals("10093 NotInitialised", out.get("open_after_last_cleanup"));
        assertEquals("ok", out.get("second_close_of_a_session"), "a session cleans up once only");

        String c = System.getProperty("winsock4j.errorsProbe");
        if (c != null) {
            String cLine = Files.readAllLines(Path.of(c)).stream()
                    .filter(l -> l.startsWith("socket_after_cleanup ")).findFirst().orElseThrow();
            assertEquals(cLine.substring(cLine.indexOf(' ') + 1) + " NotInitialised", out.get("open_after_last_cleanup"),
                    "the same number C sees on " + Lab.platform());
        }
    }
}
