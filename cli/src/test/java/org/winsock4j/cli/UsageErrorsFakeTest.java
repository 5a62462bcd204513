package org.winsock4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winsock4j.port.MibRows;

/**
 * Every usage error of every command prints the same two lines on stderr (issue 21: some printed
 * one line, some one line and 25 lines of help) and exits 2; nothing on stdout, nothing native.
 */
class UsageErrorsFakeTest {

    /**
     * Runs {@code args} over a fake IP Helper whose tables cannot be read (a command that reached
     * them would exit 4, not 2) and checks the two lines: {@code winsock4j CMD: ...} naming
     * {@code named}, then the pointer to that command's --help.
     */
    static CliRun assertUsageError(String command, String named, String... args) {
        FakeIpHelperPort p = new FakeIpHelperPort();
        p.tableError = MibRows.ERROR_ACCESS_DENIED;
        CliRun r = CliRun.run(p, args);
        String what = String.join(" ", args) + ":\n" + r;
        assertEquals(ExitCodes.USAGE, r.exit, what);
        assertEquals("", r.out, what);
        List<String> lines = r.err.lines().toList();
        assertEquals(2, lines.size(), what);
        assertTrue(lines.get(0).startsWith(command + ": "), what);
        assertTrue(lines.get(0).contains(named), "names " + named + ": " + what);
        assertEquals("Try '" + command + " --help' for more information.", lines.get(1), what);
        assertEquals(List.of(), p.setCalls, what);
        return r;
    }

    @Test
    void topLevel() {
        assertUsageError("winsock4j", "'--foo'", "--foo");
        assertUsageError("winsock4j", "'nosuchcommand'", "nosuchcommand");
    }

    @Test
    void kill() {
        String kill = "winsock4j kill";
        CliRun r = assertUsageError(kill, "--local", "kill", "--local", "1.2.3:80", "--remote", "127.0.0.1:1");
        assertTrue(r.err.startsWith("winsock4j kill: --local: '1.2.3' in '1.2.3:80' is not an IPv4 address"), r.err);
        assertUsageError(kill, "localhost:80", "kill", "--local", "localhost:80", "--remote", "127.0.0.1:1");
        assertUsageError(kill, "127.0.0.1:99999", "kill", "--local", "127.0.0.1:1", "--remote", "127.0.0.1:99999");
        assertUsageError(kill, "--local 127.0.0.1:0", "kill", "--local", "127.0.0.1:0", "--remote", "127.0.0.1:1");
        assertUsageError(kill, "--remote 127.0.0.1:0", "kill", "--local", "127.0.0.1:1", "--remote", "127.0.0.1:0");
        assertUsageError(kill, "--remote 127.0.0.1:1: not the address family of --local [::1]:80",
                "kill", "--local", "[::1]:80", "--remote", "127.0.0.1:1");
        assertUsageError(kill, "'--remote=IP:PORT'", "kill", "--local", "127.0.0.1:1");
        assertUsageError(kill, "--format", "kill", "--local", "127.0.0.1:1", "--remote", "127.0.0.1:2", "--format", "xml");
        assertUsageError(kill, "'--bogus'", "kill", "--bogus");
    }

    @Test
    void connections() {
        String c = "winsock4j connections";
        CliRun proto = assertUsageError(c, "'foo'", "connections", "--proto", "foo");
        assertEquals("winsock4j connections: --proto: expected one of [tcp, udp, all] (case-insensitive) but was 'foo'",
                proto.err.lines().findFirst().orElseThrow(), "option and value once, picocli's reason");
        assertUsageError(c, "'FOO'", "connections", "--state", "ESTABLISHED,FOO");
        CliRun port = assertUsageError(c, "--port", "connections", "--port", "x");
        assertTrue(port.err.contains("'x'"), port.err);
        assertUsageError(c, "--pid", "connections", "--pid", "-");
        assertUsageError(c, "'x'", "connections", "--format", "x");
        assertUsageError(c, "'extra'", "connections", "extra");
    }

    @Test
    void closeMatrix() {
        String m = "winsock4j close-matrix";
        assertUsageError(m, "--format", "close-matrix", "--format", "csv");
        assertUsageError(m, "--wire-peer: 'peer.example' has no port", "close-matrix", "--wire-peer", "peer.example");
        assertUsageError(m, "--wire-peer: port 0 in '127.0.0.1:0'", "close-matrix", "--wire-peer", "127.0.0.1:0");
        assertUsageError(m, "'--nope'", "close-matrix", "--nope");
    }

    @Test
    void internalCommands(@TempDir Path dir) throws Exception {
        String compare = "winsock4j compare-matrix";
        assertUsageError(compare, "'B.json'", "compare-matrix", "a.json");
        Path notAMatrix = dir.resolve("not-a-matrix.json");
        Files.writeString(notAMatrix, "{\"schemaVersion\":9,\"scenarios\":[]}", StandardCharsets.UTF_8);
        // Judged only when run (the execution handler), still the same two lines.
        assertUsageError(compare, "schemaVersion 9", "compare-matrix", notAMatrix.toString(), notAMatrix.toString());
        assertUsageError(compare, "--tolerance-ms", "compare-matrix", "--tolerance-ms", "soon", "a", "b");
        assertUsageError("winsock4j peer", "--port 70000: not a port 0-65535", "peer", "--port", "70000");
        assertUsageError("winsock4j peer", "--idle-seconds 0", "peer", "--idle-seconds", "0");
    }
}
