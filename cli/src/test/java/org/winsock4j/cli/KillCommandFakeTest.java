package org.winsock4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.winsock4j.cli.matrix.Report;
import org.winsock4j.port.MibRows;

/** kill's outcomes and exit codes, over a fake IP Helper (no native calls). */
class KillCommandFakeTest {
    static final String[] ARGS = {"kill", "--local", "127.0.0.1:50000", "--remote", "127.0.0.1:8080"};

    static FakeIpHelperPort withConnection() {
        FakeIpHelperPort p = new FakeIpHelperPort();
        p.tcp4.add(new MibRows.TcpRow(MibRows.MIB_TCP_STATE_ESTAB, FakeIpHelperPort.dwAddr(127, 0, 0, 1),
                FakeIpHelperPort.dwPort(50000), FakeIpHelperPort.dwAddr(127, 0, 0, 1), FakeIpHelperPort.dwPort(8080), 10));
        return p;
    }

    static String[] json(String... args) {
        String[] out = java.util.Arrays.copyOf(args, args.length + 2);
        out[args.length] = "--format";
        out[args.length + 1] = "JSON";
        return out;
    }

    @Test
    void endedIs0() {
        FakeIpHelperPort p = withConnection();
        CliRun r = CliRun.run(p, ARGS);
        assertEquals(ExitCodes.OK, r.exit, r.toString());
        assertEquals(1, p.setCalls.size());
        assertTrue(r.out.contains("ended 127.0.0.1:50000 -> 127.0.0.1:8080 (was ESTABLISHED, pid 10, now gone)"), r.toString());
    }

    @Test
    void noSuchConnectionIs1() {
        FakeIpHelperPort p = new FakeIpHelperPort();
        CliRun r = CliRun.run(p, ARGS);
        assertEquals(ExitCodes.NOT_FOUND, r.exit, r.toString());
        assertEquals(List.of(), p.setCalls, "nothing to end, nothing asked");
        assertTrue(r.err.contains("no TCP connection 127.0.0.1:50000 -> 127.0.0.1:8080"), r.toString());
    }

    @Test
    void refusedByThePlatformIs4() {
        FakeIpHelperPort p = withConnection();
        p.setTcpEntry = row -> MibRows.ERROR_MR_MID_NOT_FOUND; // Windows, not elevated
        CliRun r = CliRun.run(p, ARGS);
        assertEquals(ExitCodes.REFUSED, r.exit, r.toString());
        assertTrue(r.err.contains("ERROR_MR_MID_NOT_FOUND") && r.err.contains("run as administrator"), r.toString());
        p.setTcpEntry = row -> MibRows.ERROR_ACCESS_DENIED;
        assertEquals(ExitCodes.REFUSED, CliRun.run(p, ARGS).exit);
        p.setTcpEntry = row -> MibRows.ERROR_NOT_SUPPORTED;
        assertEquals(ExitCodes.REFUSED, CliRun.run(p, ARGS).exit);
        p.setTcpEntry = row -> MibRows.ERROR_NOT_FOUND; // gone in between
        assertEquals(ExitCodes.NOT_FOUND, CliRun.run(p, ARGS).exit);
    }

    @Test
    void acceptedButIgnoredIs5() {
        FakeIpHelperPort p = withConnection();
        p.honour = false; // Wine 8.0: NO_ERROR, and the connection stays
        CliRun r = CliRun.run(p, ARGS);
        assertEquals(ExitCodes.IGNORED, r.exit, r.toString());
        assertTrue(r.err.contains("returned NO_ERROR but 127.0.0.1:50000 -> 127.0.0.1:8080 is still ESTABLISHED (Wine 8.0"),
                r.toString());
    }

    @Test
    void badAddressesAreUsageErrorsBeforeAnythingNative() {
        FakeIpHelperPort p = withConnection();
        p.tableError = MibRows.ERROR_ACCESS_DENIED; // would be exit 4 if the table were read
        for (String bad : List.of("1.2.3:80", "localhost:80", "127.0.0.1", "127.0.0.1:99999", "[::1]:80", "127.0.0.1:0")) {
            CliRun r = CliRun.run(p, "kill", "--local", bad, "--remote", "127.0.0.1:1");
            assertEquals(ExitCodes.USAGE, r.exit, bad + ": " + r);
            assertTrue(r.err.contains(bad), bad + ": " + r);
        }
        assertEquals(List.of(), p.setCalls);
    }

    @Test
    void anIpv6ConnectionIsAPlatformLimitExit4NotAUsageError() throws Exception {
        // SetTcpEntry takes an IPv4 MIB_TCPROW only. This was exit 2 (usage), as if the user had erred.
        FakeIpHelperPort p = withConnection();
        p.tcp6.add(new MibRows.Tcp6Row(FakeIpHelperPort.v6(1), 0, FakeIpHelperPort.dwPort(50000), FakeIpHelperPort.v6(1), 0,
                FakeIpHelperPort.dwPort(8080), MibRows.MIB_TCP_STATE_ESTAB, 10));
        p.tableError = MibRows.ERROR_ACCESS_DENIED; // nothing is read either
        String[] v6 = {"kill", "--local", "[::1]:50000", "--remote", "[::1]:8080"};
        CliRun r = CliRun.run(p, v6);
        assertEquals(ExitCodes.REFUSED, r.exit, r.toString());
        assertEquals("", r.out, r.toString());
        assertEquals(List.of("kill: cannot end the IPv6 connection [::1]:50000 -> [::1]:8080: Windows ends IPv4 connections"
                + " only (SetTcpEntry takes a MIB_TCPROW; there is no IPv6 counterpart)"), r.err.lines().toList());
        assertEquals(List.of(), p.setCalls);
        JsonNode doc = Report.JSON.readTree(CliRun.run(p, json(v6)).out);
        assertEquals("REFUSED", doc.get("outcome").asText());
        assertEquals(ExitCodes.REFUSED, doc.get("exitCode").asInt());
        assertEquals("::1", doc.get("localAddress").asText());
        assertTrue(doc.get("win32Error").isNull() && doc.get("stateBefore").isNull(), doc.toString());
    }

    @Test
    void jsonHasTheSameKeysInEveryOutcome() throws Exception {
        FakeIpHelperPort ended = withConnection();
        FakeIpHelperPort ignored = withConnection();
        ignored.honour = false;
        FakeIpHelperPort refused = withConnection();
        refused.setTcpEntry = row -> MibRows.ERROR_ACCESS_DENIED;
        List<String> keys = null;
        String[] v6 = {"kill", "--local", "[::1]:50000", "--remote", "[::1]:8080"};
        for (CliRun r : List.of(CliRun.run(ended, json(ARGS)), CliRun.run(new FakeIpHelperPort(), json(ARGS)),
                CliRun.run(refused, json(ARGS)), CliRun.run(ignored, json(ARGS)), CliRun.run(new FakeIpHelperPort(), json(v6)))) {
            JsonNode doc = Report.JSON.readTree(r.out);
            assertEquals(1, doc.get("schemaVersion").asInt(), r.out);
            assertEquals(r.exit, doc.get("exitCode").asInt(), r.out);
            List<String> k = new java.util.ArrayList<>();
            doc.fieldNames().forEachRemaining(k::add);
            if (keys == null) {
                keys = k;
                assertEquals("schemaVersion", k.get(0));
            }
            assertEquals(keys, k, r.out);
        }
        JsonNode nf = Report.JSON.readTree(CliRun.run(new FakeIpHelperPort(), json(ARGS)).out);
        assertEquals("NOT_FOUND", nf.get("outcome").asText());
        assertTrue(nf.get("stateBefore").isNull() && nf.get("owningProcess").isNull() && nf.get("win32Error").isNull(),
                nf.toString());
        assertEquals("127.0.0.1", nf.get("localAddress").asText());
        JsonNode den = Report.JSON.readTree(CliRun.run(refused, json(ARGS)).out);
        assertEquals(5, den.get("win32Error").asInt());
        assertEquals("ESTABLISHED", den.get("stateBefore").asText());
    }
}
