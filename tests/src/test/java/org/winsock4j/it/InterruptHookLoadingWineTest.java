package org.winsock4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.winsock4j.Backend;

/**
 * What Thread.interrupt() runs for a socket (InterruptHook.implCloseChannel) must not load a
 * class for the first time: for a virtual thread it runs holding that thread's interrupt lock,
 * and if the virtual thread is loading the same class, its class loader checks
 * Thread.interrupted(), which waits for that lock. On Java 21 under Wine this hung
 * VirtualThreadsWineTest.aBurstOfInterruptsOfParkedReceivesClosesEverySocket (both threads on
 * InterruptCancels). In a fresh JVM, opening a socket must have loaded InterruptCancels already.
 */
class InterruptHookLoadingWineTest {
    @Test
    void openingASocketLoadsWhatAnInterruptRunsBeforeAnyInterrupt() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classPath = System.getProperty("winsock4j.testClassPath", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-verbose:class",
                "-D" + Backend.PROPERTY + "=" + CoveragePort.BACKEND, "-cp", classPath,
                OpenProbeMain.class.getName()).redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the probe JVM finished");
        assertEquals(0, p.exitValue(), "probe output: " + lines.stream().filter(l -> !l.contains("class,load")).toList());
        int opened = indexOf(lines, "opened true");
        int hook = indexOf(lines, " org.winsock4j.InterruptHook ");
        int cancels = indexOf(lines, " org.winsock4j.InterruptCancels ");
        assertTrue(opened >= 0, "the probe opened a socket");
        assertTrue(hook >= 0 && hook < opened, "a socket has its interrupt hook once open");
        assertTrue(cancels >= 0 && cancels < opened,
                "InterruptCancels is loaded with InterruptHook, not inside Thread.interrupt() (line " + cancels + ", opened at "
                        + opened + ")");
    }

    private static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }
}
