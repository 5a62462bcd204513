package org.winsock4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.winsock4j.cli.matrix.Report;
import org.winsock4j.port.MibRows;
import org.winsock4j.tcp.TcpState;
import picocli.CommandLine;

/** connections: option values in any case, netstat's addresses, and one JSON shape (no native calls). */
class ConnectionsCommandFakeTest {

    static FakeIpHelperPort tables() {
        FakeIpHelperPort p = KillCommandFakeTest.withConnection();
        byte[] loop6 = FakeIpHelperPort.v6(1);
        byte[] mapped = FakeIpHelperPort.v6(0xff, 0xff, 127, 0, 0, 1);
        // As Wine reports them: loopback with scope id 4096, a dual-stack listener, a mapped connection.
        p.tcp6.add(new MibRows.Tcp6Row(loop6, 4096, FakeIpHelperPort.dwPort(443), loop6, 4096, FakeIpHelperPort.dwPort(50001),
                MibRows.MIB_TCP_STATE_TIME_WAIT, 0));
        p.tcp6.add(new MibRows.Tcp6Row(mapped, 0, FakeIpHelperPort.dwPort(8081), new byte[16], 0, 0,
                MibRows.MIB_TCP_STATE_LISTEN, 10));
        p.tcp6.add(new MibRows.Tcp6Row(mapped, 4096, FakeIpHelperPort.dwPort(8081), mapped, 4096, FakeIpHelperPort.dwPort(50002),
                MibRows.MIB_TCP_STATE_ESTAB, 10));
        byte[] ll = FakeIpHelperPort.v6(0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        p.tcp6.add(new MibRows.Tcp6Row(ll, 12, FakeIpHelperPort.dwPort(22), new byte[16], 0, 0, MibRows.MIB_TCP_STATE_LISTEN, 0));
        p.udp4.add(new MibRows.UdpRow(FakeIpHelperPort.dwAddr(127, 0, 0, 1), FakeIpHelperPort.dwPort(53), 20));
        return p;
    }

    @Test
    void enumValuesInAnyCase() {
        CommandLine cl = Main.commandLine();
        cl.parseArgs("connections", "--proto", "TCP", "--format", "Json", "--state", "established,time_wait,Listening");
        ConnectionsCommand c = cl.getSubcommands().get("connections").getCommand();
        assertEquals(ConnectionsCommand.Proto.tcp, c.proto);
        assertEquals(ConnectionsCommand.Format.json, c.format);
        assertEquals(EnumSet.of(TcpState.ESTABLISHED, TcpState.TIME_WAIT, TcpState.LISTEN), EnumSet.copyOf(c.states));
        CliRun r = CliRun.run(tables(), "connections", "--proto", "TCP", "--state", "Listening");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.lines().skip(1).allMatch(l -> l.contains("LISTENING")), r.out);
        assertEquals(3, r.out.lines().count(), r.out);
        CliRun udp = CliRun.run(tables(), "connections", "--proto", "UDP");
        assertEquals(2, udp.out.lines().count(), udp.toString());
        CliRun bad = CliRun.run(tables(), "connections", "--state", "open");
        assertEquals(ExitCodes.USAGE, bad.exit);
        assertTrue(bad.err.contains("'open'"), bad.err);
        assertEquals(ExitCodes.USAGE, CliRun.run(tables(), "connections", "--proto", "sctp").exit);
    }

    @Test
    void addressesAsNetstatPrintsThem() {
        CliRun r = CliRun.run(tables(), "connections");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.lines().anyMatch(l -> l.matches("\\s+TCPv6\\s+\\[::1\\]:443\\s+\\[::1\\]:50001\\s+TIME_WAIT\\s+0")), r.out);
        assertTrue(r.out.lines().anyMatch(l -> l.matches(
                "\\s+TCPv6\\s+\\[::ffff:127\\.0\\.0\\.1\\]:8081\\s+\\[::\\]:0\\s+LISTENING\\s+10\\s+java\\.exe")), r.out);
        assertTrue(r.out.lines().anyMatch(l -> l.matches(
                "\\s+TCPv6\\s+\\[::ffff:127\\.0\\.0\\.1\\]:8081\\s+\\[::ffff:127\\.0\\.0\\.1\\]:50002\\s+ESTABLISHED.*")), r.out);
        assertTrue(r.out.lines().anyMatch(l -> l.matches("\\s+TCPv6\\s+\\[fe80::1%12\\]:22\\s+\\[::\\]:0\\s+LISTENING.*")), r.out);
        assertTrue(!r.out.contains("%4096") && !r.out.contains("7f00"), r.out);
    }

    @Test
    void jsonHasASchemaVersionAndEveryRowTheSameKeys() throws Exception {
        CliRun r = CliRun.run(tables(), "connections", "--format", "json");
        assertEquals(0, r.exit, r.toString());
        JsonNode doc = Report.JSON.readTree(r.out);
        List<String> top = new ArrayList<>();
        doc.fieldNames().forEachRemaining(top::add);
        assertEquals(List.of("schemaVersion", "connections"), top);
        assertEquals(1, doc.get("schemaVersion").asInt());
        List<String> expected = List.of("protocol", "localAddress", "localPort", "remoteAddress", "remotePort", "state",
                "owningProcess", "processName");
        JsonNode rows = doc.get("connections");
        assertEquals(6, rows.size(), r.out);
        for (JsonNode row : rows) {
            List<String> keys = new ArrayList<>();
            row.fieldNames().forEachRemaining(keys::add);
            assertEquals(expected, keys, row.toString());
        }
        JsonNode udp = rows.get(rows.size() - 1);
        assertEquals("UDP", udp.get("protocol").asText());
        assertTrue(udp.get("remoteAddress").isNull() && udp.get("remotePort").isNull() && udp.get("state").isNull()
                && udp.get("processName").isNull(), udp.toString());
        assertTrue(r.out.contains("\"localAddress\" : \"::1\""), r.out);
        assertTrue(r.out.contains("\"localAddress\" : \"::ffff:127.0.0.1\""), r.out);
    }

    @Test
    void anUnreadableTableIsRefusedByThePlatform() {
        FakeIpHelperPort p = tables();
        p.tableError = MibRows.ERROR_ACCESS_DENIED;
        CliRun r = CliRun.run(p, "connections");
        assertEquals(ExitCodes.REFUSED, r.exit, r.toString());
        assertTrue(r.err.contains("ERROR_ACCESS_DENIED"), r.err);
    }
}
