package org.winsock4j.cli.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Scenarios, expectations, judging, the table, JSON and the Java-vs-C comparison (no Winsock needed). */
class MatrixLogicTest {

    static Observation.Run graceful(long ms) {
        return new Observation.Run(0, 0, ms, false, 10038, 1000, 0L, "ESTABLISHED", true, new Observation.Peer(1000, "EOF", 0),
                "TIME_WAIT", "TIME_WAIT", null, null, null);
    }

    @Test
    void theDataFileHasTheGridTheSpecialRowsAndABasisForEveryScenario() {
        List<Scenario> all = Scenarios.all();
        assertTrue(all.size() >= 50, "scenarios: " + all.size());
        assertEquals(all.size(), new HashSet<>(all.stream().map(Scenario::id).toList()).size());
        assertEquals("blocking/dontlinger/nothing-unsent/close", all.get(0).id());
        assertEquals(2 * 3 * 2 * 3, all.stream().filter(s -> s.special() == Scenario.Special.NONE).count());
        for (Scenario.Special sp : Scenario.Special.values()) {
            assertTrue(all.stream().anyMatch(s -> s.special() == sp), "no scenario for " + sp);
        }
        assertEquals(Scenario.Special.AFTER_CLEANUP, all.get(all.size() - 1).special(), "the WSACleanup rows run last");
        assertEquals(Scenario.Special.CLEANUP_WITH_OPEN_SOCKET, all.get(all.size() - 2).special());
        for (Scenario s : all) {
            assertFalse(s.basis().isEmpty(), s.id());
            for (String b : s.basis()) {
                assertTrue(Scenarios.catalog().bases().containsKey(b), s.id() + " -> " + b);
            }
        }
    }

    @Test
    void globsSelectScenarios() {
        assertEquals(18, Scenarios.matching(List.of("nonblocking/*")).size());
        assertEquals(3, Scenarios.matching(List.of("*linger2s/unsent/close", "special/close-after*")).size());
        assertEquals(Scenarios.all(), Scenarios.matching(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Scenarios.matching(List.of("nothing/*")));
        assertTrue(Scenarios.globMatches("a*c", "abbbc"));
        assertTrue(Scenarios.globMatches("*", ""));
        assertTrue(Scenarios.globMatches("special/*-inherited", "special/listener-linger0-inherited"));
        assertFalse(Scenarios.globMatches("special", "special/x"), "the whole id must match");
        assertFalse(Scenarios.globMatches("a*c", "abcd"));
        assertTrue(Scenarios.globMatches("close(500ms)", "close(500ms)"), "no character but * is special");
    }

    @Test
    void expectationsFromTheDataFile() {
        Expectation wouldBlock = Scenarios.byId("nonblocking/linger2s/unsent/close").orElseThrow().expect();
        assertEquals(10035, wouldBlock.closeError());
        assertEquals(Boolean.TRUE, wouldBlock.handleValidAfter());
        assertEquals("ESTABLISHED", wouldBlock.stateAfter());
        Expectation hard = Scenarios.byId("blocking/linger0/unsent/close").orElseThrow().expect();
        assertEquals("RESET", hard.peerEnd());
        assertEquals(Boolean.FALSE, hard.peerGetsAll());
        assertEquals("GONE", hard.stateAfter());
        Expectation lingering = Scenarios.byId("blocking/linger2s/unsent/close").orElseThrow().expect();
        assertTrue(lingering.minMillis() >= 1500 && lingering.maxMillis() <= 2600);
        assertEquals(10093, Scenarios.byId("special/close-after-last-wsacleanup").orElseThrow().expect().closeError());
        Scenario cancelled = Scenarios.byId("special/close-during-blocked-recv").orElseThrow();
        assertEquals("RESET", cancelled.expect().peerEnd(), "evidence row 2: a cancelled read resets");
        assertTrue(cancelled.docsSay() != null && cancelled.docsSay().contains("graceful"), "the docs' claim beside it");
    }

    static final String MINIMAL = "{\"schemaVersion\":1,\"description\":\"d\",\"constants\":{\"payloadBytes\":1,\"chunkBytes\":1,"
            + "\"sndbufBytes\":1,\"peerRcvbufBytes\":1,\"settleMillis\":1,\"openAfterMillis\":1,\"lingerSeconds\":1,"
            + "\"closeTimeoutMillis\":1,\"stateSettleMillis\":1,\"blockedCallStartMillis\":1,\"blockedSendBytes\":1,\"completionWaitMillis\":1,"
            + "\"immediateMaxMillis\":1},\"bases\":{\"b\":{\"strength\":\"T\",\"source\":\"s\",\"url\":\"u\"}},"
            + "\"scenarios\":[{\"id\":\"x\",\"title\":\"t\",\"mode\":\"blocking\",\"linger\":\"linger0\",\"data\":\"unsent\","
            + "\"action\":\"close\",\"special\":\"none\",\"wirePeer\":true,\"expect\":{\"closeError\":0},\"basis\":[\"b\"],"
            + "\"docsSay\":null}]}";

    static ScenarioCatalog read(String json) throws Exception {
        return ScenarioCatalog.read(new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void theDataFileIsReadStrictly() throws Exception {
        assertEquals("x", read(MINIMAL).scenarios().get(0).id());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> read(MINIMAL.replace("\"closeError\":0", "\"closeEror\":0")));
        assertTrue(unknown.getMessage().contains("closeEror"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> read(MINIMAL.replace("\"wirePeer\":true,", "\"wirePeer\":true,\"extra\":1,")));
        IllegalArgumentException dangling = assertThrows(IllegalArgumentException.class,
                () -> read(MINIMAL.replace("\"basis\":[\"b\"]", "\"basis\":[\"nope\"]")));
        assertTrue(dangling.getMessage().contains("nope"), dangling.getMessage());
        assertThrows(IllegalArgumentException.class, () -> read(MINIMAL.replace("\"basis\":[\"b\"]", "\"basis\":[]")));
        assertThrows(IllegalArgumentException.class, () -> read(MINIMAL.replace("\"linger0\"", "\"linger9\"")));
        assertThrows(IllegalArgumentException.class, () -> read(MINIMAL.replace("\"strength\":\"T\"", "\"strength\":\"X\"")));
        assertThrows(IllegalArgumentException.class, () -> read(MINIMAL.replace("\"schemaVersion\":1", "\"schemaVersion\":2")));
        assertThrows(IllegalArgumentException.class, () -> read(MINIMAL.replace("\"payloadBytes\":1,", "")), "a missing constant");
        String twice = MINIMAL.replace("\"docsSay\":null}]", "\"docsSay\":null},"
                + MINIMAL.substring(MINIMAL.indexOf("{\"id\""), MINIMAL.lastIndexOf(']')) + "]");
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> read(twice));
        assertTrue(dup.getMessage().contains("twice"), dup.getMessage());
    }

    @Test
    void theKernelTableIsParsedByPortsWithStateAndSendQueue() {
        String row = "   3: 0100007F:A0F1 0100007F:9C40 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000";
        assertEquals(java.util.Optional.of(new KernelTcpTable.Row("TIME_WAIT", 0)), KernelTcpTable.parse(row, 0xA0F1, 0x9C40));
        assertEquals(java.util.Optional.empty(), KernelTcpTable.parse(row, 0x9C40, 0xA0F1), "local and remote are not swapped");
        String full = "   0: 0100007F:A0F2 0100007F:9C40 01 00002400:00000000 01:00000014 00000000  1000        0 1 1 0 10 0 0 10 -1";
        assertEquals(java.util.Optional.of(new KernelTcpTable.Row("ESTABLISHED", 0x2400)), KernelTcpTable.parse(full, 0xA0F2, 0x9C40));
        String six = "   0: 0000000000000000FFFF00000100007F:A0F3 0000000000000000FFFF00000100007F:9C40 04 00000010:00000000 0";
        assertEquals("FIN_WAIT_1", KernelTcpTable.parse(six, 0xA0F3, 0x9C40).orElseThrow().state());
        assertEquals(java.util.Optional.empty(), KernelTcpTable.parse("  sl  local_address rem_address   st tx_queue", 1, 1));
    }

    @Test
    void judgingListsEachDeviationAndTheTableShowsTheObservationBesideTheExpectation() throws Exception {
        Observation.Run wineLinger = new Observation.Run(0, 0, 2009, false, 10038, 9216, 9216L, "ESTABLISHED", null,
                new Observation.Peer(9216, "EOF", 0), "TIME_WAIT", null, null, null, null);
        Observation.Matrix m = new Observation.Matrix(2, "winsock4j close-matrix", "java", "Wine 8.0", "127.0.0.1:1", 1000L,
                List.of(new Observation.ScenarioResult("blocking/dontlinger/nothing-unsent/close", null, graceful(0), graceful(1), null, null,
                        null, null),
                        new Observation.ScenarioResult("nonblocking/linger2s/unsent/close", null, wineLinger, null, null, null, null,
                                null)),
                new Observation.Context(1L, null, null));
        Observation.Matrix judged = Report.judged(m);
        assertEquals(List.of(), judged.scenarios().get(0).deviations());
        List<String> d = judged.scenarios().get(1).deviations();
        assertTrue(d.contains("closesocket expected WSAEWOULDBLOCK (10035), observed success"), d.toString());
        assertTrue(d.stream().anyMatch(x -> x.startsWith("close took 2009 ms")), d.toString());
        assertTrue(d.contains("handle gone, expected still valid"), d.toString());
        String table = Report.table(judged);
        assertTrue(table.contains("1 of 2 scenarios behave as Windows is expected to"), table);
        assertTrue(table.contains("9216 B unsent"), table);
        assertTrue(table.contains("WSAEWOULDBLOCK, at once, valid, OPEN, ESTABLISHED"), table);
        assertTrue(table.lines().anyMatch(l -> l.contains("nonblocking/linger2s/unsent/close") && l.contains("2009")
                && l.contains("9216 B (all), EOF") && l.endsWith("NO")), table);

        Observation.Matrix back = Report.parse(Report.json(judged));
        assertEquals(judged.scenarios().get(1).winsock(), back.scenarios().get(1).winsock());
        assertTrue(Report.json(judged).contains("\"expected\""));
    }

    @Test
    void aCMatrixWithoutExpectationsIsJudgedFromTheIds() throws Exception {
        String c = "{\"schemaVersion\":2,\"tool\":\"winsock4j close-matrix\",\"implementation\":\"c\",\"platform\":\"Wine 8.0\",\"scenarios\":[{"
                + "\"id\":\"blocking/linger0/nothing-unsent/close\",\"winsock\":{\"closeResult\":0,\"closeError\":0,"
                + "\"closeMillis\":0,\"handleValidAfter\":false,\"bytesSent\":1000,\"stateBefore\":\"ESTABLISHED\","
                + "\"peer\":{\"bytes\":1000,\"end\":\"ERROR\",\"error\":10054},\"stateAfter\":\"TIME_WAIT\","
                + "\"kernelStateAfter\":\"GONE\"}}]}";
        Observation.Matrix judged = Report.judged(Report.parse(c));
        assertEquals(List.of(), judged.scenarios().get(0).deviations());
        String table = Report.table(judged);
        assertTrue(table.contains("WSAECONNRESET"), table);
        assertTrue(table.contains("TIME_WAIT (kernel GONE)"), "the kernel's state beside the table's: " + table);
        assertTrue(table.contains("doc-cs/D") || table.contains("ev1/TE"), table);
    }

    @Test
    void comparisonIsExactExceptForDurationsWithinTheTolerance() {
        Observation.Matrix a = matrix("java", graceful(10));
        assertEquals(List.of(), Comparison.differences(a, matrix("c", graceful(250)), 300));
        List<String> slow = Comparison.differences(a, matrix("c", graceful(400)), 300);
        assertEquals(1, slow.size());
        assertTrue(slow.get(0).contains("closeMillis java=10 c=400"), slow.toString());
        Observation.Run other = new Observation.Run(0, 0, 10, false, 10038, 1000, 0L, "ESTABLISHED", true,
                new Observation.Peer(999, "EOF", 0), "TIME_WAIT", "TIME_WAIT", null, null, null);
        List<String> d = Comparison.differences(a, matrix("c", other), 300);
        assertEquals(1, d.size());
        assertTrue(d.get(0).contains("peer"), d.toString());
        Observation.Matrix missing = new Observation.Matrix(null, "t", "c", "p", null, null, List.of(), null);
        assertEquals(List.of("x/y [winsock peer]: only in java").size(), Comparison.differences(a, missing, 300).size());
        assertThrows(IllegalArgumentException.class, () -> Comparison.differences(a, a, -1));
    }

    @Test
    void theJsonHasASchemaVersionAndEveryObjectAllItsKeys() throws Exception {
        Observation.Run sparse = new Observation.Run(0, 0, 5, false, null, 0, null, null, null, null, "GONE", null, null, null, null);
        Observation.Matrix m = new Observation.Matrix(null, "winsock4j close-matrix", "c", "Wine 8.0", null, null,
                List.of(new Observation.ScenarioResult("blocking/dontlinger/nothing-unsent/close", null, sparse, null, null,
                        null, null, null), new Observation.ScenarioResult("no/such/id", null, graceful(1), null, null, null, null, null)),
                null);
        JsonNode doc = Report.JSON.readTree(Report.json(Report.judged(m)));
        assertEquals(2, doc.get("schemaVersion").asInt(), "the judged document is ours: version 2");
        assertEquals("schemaVersion", doc.fieldNames().next());
        assertEquals(Set.of("schemaVersion", "tool", "implementation", "platform", "wirePeer", "wallMillis", "scenarios",
                "context"), names(doc));
        assertTrue(doc.get("wirePeer").isNull() && doc.get("context").isNull());
        Set<String> runKeys = Set.of("closeResult", "closeError", "closeMillis", "handleValidAfter", "handleErrorAfter",
                "bytesSent", "unsentBefore", "stateBefore", "pidIsSelfBefore", "peer", "stateAfter", "kernelStateAfter",
                "blockedError", "optionAfter", "completion");
        Set<String> resultKeys = Set.of("id", "title", "winsock", "wire", "expected", "basis", "docsSay", "deviations");
        for (JsonNode r : doc.get("scenarios")) {
            assertEquals(resultKeys, names(r), r.toString());
            assertEquals(runKeys, names(r.get("winsock")), r.toString());
            assertTrue(r.get("wire").isNull());
        }
        JsonNode known = doc.get("scenarios").get(0);
        assertEquals(Set.of("closeError", "minMillis", "maxMillis", "handleValidAfter", "handleErrorAfter", "stateBefore",
                "peerEnd", "peerGetsAll", "stateAfter", "winsockPeerError", "blockedErrors", "optionAfter", "completion"),
                names(known.get("expected")));
        assertTrue(known.get("expected").get("optionAfter").isNull());
        assertEquals(Set.of("key", "strength", "source", "url"), names(known.get("basis").get(0)));
        assertTrue(known.get("docsSay").isNull());
        assertTrue(doc.get("scenarios").get(1).get("expected").isNull(), "unknown id: not judged");
        assertEquals(Set.of("bytes", "end", "error"), names(doc.get("scenarios").get(1).get("winsock").get("peer")));
        String withContext = Report.json(new Observation.Matrix(2, "t", "java", "p", null, 1L, List.of(),
                new Observation.Context(7L, "Temurin 17", null)));
        assertEquals(Set.of("pid", "java", "afterCleanup.otherWsaStartupReferencesDrained"),
                names(Report.JSON.readTree(withContext).get("context")));
        assertEquals(7L, Report.parse(withContext).context().pid());
    }

    @Test
    void parsingAcceptsVersion2AndRefusesAnyOther() throws Exception {
        assertEquals(2, Report.parse("{\"schemaVersion\":2,\"tool\":\"t\",\"implementation\":\"c\",\"scenarios\":[],"
                + "\"context\":{\"pid\":42}}").schemaVersion());
        for (String v : List.of("1", "3")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Report.parse("{\"schemaVersion\":" + v + ",\"scenarios\":[]}"));
            assertTrue(e.getMessage().contains("schemaVersion " + v), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Report.parse("{\"scenarios\":[]}"), "no version");
        assertThrows(IllegalArgumentException.class, () -> Report.parse("{\"schemaVersion\":2}"));
    }

    private static Set<String> names(JsonNode n) {
        Set<String> out = new HashSet<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static Observation.Matrix matrix(String impl, Observation.Run run) {
        return new Observation.Matrix(null, "winsock4j close-matrix", impl, "Wine 8.0", null, null,
                List.of(new Observation.ScenarioResult("blocking/dontlinger/nothing-unsent/close", null, run, null, null, null, null,
                        null)), null);
    }

    private static Observation.Run unsentRun(long sent, long unsent, long peerBytes, String end) {
        return new Observation.Run(0, 0, 5, false, 10038, sent, unsent, "ESTABLISHED", null,
                new Observation.Peer(peerBytes, end, end.equals("ERROR") ? 10054 : 0), "GONE", "GONE", null, null, null);
    }

    private static Observation.Matrix one(String impl, String id, Observation.Run run) {
        return new Observation.Matrix(2, "t", impl, "Wine 10.0", null, null,
                List.of(new Observation.ScenarioResult(id, null, run, null, null, null, null, null)), null);
    }

    @Test
    void byteCountsOfUnsentScenariosAreComparedByWhatTheyMeanAndExactlyElsewhere() {
        String unsentId = "blocking/linger0/unsent/close";
        Observation.Matrix java = one("java", unsentId, unsentRun(129024, 36406, 0, "ERROR"));
        assertEquals(List.of(), Comparison.differences(java, one("c", unsentId, unsentRun(130048, 1326, 0, "ERROR")), 300),
                "how much the send path took is the stack's timing");
        assertEquals(List.of(), Comparison.differences(java, one("c", unsentId, unsentRun(129024, 36406, 129024, "ERROR")), 300),
                "how much a peer read before its reset is the reset's timing");
        List<String> gotAll = Comparison.differences(one("java", unsentId, unsentRun(129024, 36406, 1000, "EOF")),
                one("c", unsentId, unsentRun(129024, 36406, 129024, "EOF")), 300);
        assertEquals(1, gotAll.size(), gotAll.toString());
        assertTrue(gotAll.get(0).contains("peer got everything sent java=false c=true"), gotAll.toString());
        List<String> nothingLeft = Comparison.differences(java, one("c", unsentId, unsentRun(129024, 0, 0, "ERROR")), 300);
        assertTrue(nothingLeft.toString().contains("anything unsent before the close java=true c=false"), nothingLeft.toString());
        List<String> end = Comparison.differences(java, one("c", unsentId, unsentRun(129024, 36406, 0, "EOF")), 300);
        assertTrue(end.toString().contains("peer's end"), end.toString());

        String sentId = "blocking/linger0/nothing-unsent/close";
        List<String> exact = Comparison.differences(one("java", sentId, unsentRun(1000, 0, 1000, "EOF")),
                one("c", sentId, unsentRun(1000, 0, 999, "EOF")), 300);
        assertEquals(1, exact.size(), exact.toString());
        assertTrue(exact.get(0).contains(": peer "), exact.toString());
    }
}
