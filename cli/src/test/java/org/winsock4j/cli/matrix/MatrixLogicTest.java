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
        return new Observation.Run(0, 0, ms, false, 1000, "ESTABLISHED", true, new Observation.Peer(1000, "EOF", 0),
                "TIME_WAIT", null, null);
    }

    @Test
    void theMatrixCoversEveryCombinationPlusTheSpecialRowsWithUniqueIds() {
        List<Scenario> all = Scenarios.all();
        assertEquals(2 * 3 * 2 * 3 + 3, all.size());
        assertEquals(all.size(), new HashSet<>(all.stream().map(Scenario::id).toList()).size());
        assertEquals("blocking/dontlinger/nothing-unsent/close", all.get(0).id());
        assertEquals(Scenario.Special.AFTER_CLEANUP, all.get(all.size() - 1).special(), "the WSACleanup row runs last");
    }

    @Test
    void globsSelectScenarios() {
        assertEquals(18, Scenarios.matching(List.of("nonblocking/*")).size());
        assertEquals(3, Scenarios.matching(List.of("*linger2s/unsent/close", "special/close-after*")).size());
        assertEquals(Scenarios.all(), Scenarios.matching(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Scenarios.matching(List.of("nothing/*")));
    }

    @Test
    void documentedExpectations() {
        Expectation wouldBlock = Expectation.of(Scenarios.byId("nonblocking/linger2s/unsent/close").orElseThrow());
        assertEquals(10035, wouldBlock.closeError());
        assertEquals(Boolean.TRUE, wouldBlock.handleValidAfter());
        assertEquals("ESTABLISHED", wouldBlock.stateAfter());
        Expectation hard = Expectation.of(Scenarios.byId("blocking/linger0/unsent/close").orElseThrow());
        assertEquals("RESET", hard.peerEnd());
        assertEquals(Boolean.FALSE, hard.peerGetsAll());
        assertEquals("GONE", hard.stateAfter());
        Expectation lingering = Expectation.of(Scenarios.byId("blocking/linger2s/unsent/close").orElseThrow());
        assertTrue(lingering.minMillis() >= 1500 && lingering.maxMillis() <= 2600);
        assertEquals("on,2", Expectation.of(Scenarios.byId("special/dontlinger-cleared-after-linger2s").orElseThrow()).lingerAfter());
        assertEquals(10093, Expectation.of(Scenarios.byId("special/close-after-last-wsacleanup").orElseThrow()).closeError());
        for (Scenario s : Scenarios.all()) {
            assertFalse(Expectation.of(s).basis().isBlank(), s.id());
        }
    }

    @Test
    void judgingListsEachDeviationAndTheTableShowsTheObservationBesideTheExpectation() throws Exception {
        Observation.Run wineLinger = new Observation.Run(0, 0, 2009, false, 9216, "ESTABLISHED", null,
                new Observation.Peer(9216, "EOF", 0), "TIME_WAIT", null, null);
        Observation.Matrix m = new Observation.Matrix(1, "winsock4j close-matrix", "java", "Wine 8.0", "127.0.0.1:1", 1000L,
                List.of(new Observation.ScenarioResult("blocking/dontlinger/nothing-unsent/close", null, graceful(0), graceful(1), null, null),
                        new Observation.ScenarioResult("nonblocking/linger2s/unsent/close", null, wineLinger, null, null, null)),
                new Observation.Context(1L, null, null));
        Observation.Matrix judged = Report.judged(m);
        assertEquals(List.of(), judged.scenarios().get(0).deviations());
        List<String> d = judged.scenarios().get(1).deviations();
        assertTrue(d.contains("closesocket expected WSAEWOULDBLOCK (10035), observed success"), d.toString());
        assertTrue(d.stream().anyMatch(x -> x.startsWith("close took 2009 ms")), d.toString());
        assertTrue(d.contains("handle gone, expected still valid"), d.toString());
        String table = Report.table(judged);
        assertTrue(table.contains("1 of 2 scenarios behave as Windows documents"), table);
        assertTrue(table.contains("WSAEWOULDBLOCK, at once, valid, OPEN, ESTABLISHED"), table);
        assertTrue(table.lines().anyMatch(l -> l.contains("nonblocking/linger2s/unsent/close") && l.contains("2009")
                && l.contains("9216 B (all), EOF") && l.endsWith("NO")), table);

        Observation.Matrix back = Report.parse(Report.json(judged));
        assertEquals(judged.scenarios().get(1).winsock(), back.scenarios().get(1).winsock());
        assertTrue(Report.json(judged).contains("\"expected\""));
    }

    @Test
    void aCMatrixWithoutExpectationsIsJudgedFromTheIds() throws Exception {
        String c = "{\"tool\":\"winsock4j close-matrix\",\"implementation\":\"c\",\"platform\":\"Wine 8.0\",\"scenarios\":[{"
                + "\"id\":\"blocking/linger0/nothing-unsent/close\",\"winsock\":{\"closeResult\":0,\"closeError\":0,"
                + "\"closeMillis\":0,\"handleValidAfter\":false,\"bytesSent\":1000,\"stateBefore\":\"ESTABLISHED\","
                + "\"peer\":{\"bytes\":1000,\"end\":\"ERROR\",\"error\":10054},\"stateAfter\":\"GONE\"}}]}";
        Observation.Matrix judged = Report.judged(Report.parse(c));
        assertEquals(List.of(), judged.scenarios().get(0).deviations());
        assertTrue(Report.table(judged).contains("WSAECONNRESET"));
    }

    @Test
    void comparisonIsExactExceptForDurationsWithinTheTolerance() {
        Observation.Matrix a = matrix("java", graceful(10));
        assertEquals(List.of(), Comparison.differences(a, matrix("c", graceful(250)), 300));
        List<String> slow = Comparison.differences(a, matrix("c", graceful(400)), 300);
        assertEquals(1, slow.size());
        assertTrue(slow.get(0).contains("closeMillis java=10 c=400"), slow.toString());
        Observation.Run other = new Observation.Run(0, 0, 10, false, 1000, "ESTABLISHED", true,
                new Observation.Peer(999, "EOF", 0), "TIME_WAIT", null, null);
        List<String> d = Comparison.differences(a, matrix("c", other), 300);
        assertEquals(1, d.size());
        assertTrue(d.get(0).contains("peer"), d.toString());
        Observation.Matrix missing = new Observation.Matrix(null, "t", "c", "p", null, null, List.of(), null);
        assertEquals(List.of("x/y [winsock peer]: only in java").size(), Comparison.differences(a, missing, 300).size());
        assertThrows(IllegalArgumentException.class, () -> Comparison.differences(a, a, -1));
    }

    @Test
    void theJsonHasASchemaVersionAndEveryObjectAllItsKeys() throws Exception {
        Observation.Run sparse = new Observation.Run(0, 0, 5, false, 0, null, null, null, "GONE", null, null);
        Observation.Matrix m = new Observation.Matrix(null, "winsock4j close-matrix", "c", "Wine 8.0", null, null,
                List.of(new Observation.ScenarioResult("blocking/dontlinger/nothing-unsent/close", null, sparse, null, null,
                        null), new Observation.ScenarioResult("no/such/id", null, graceful(1), null, null, null)), null);
        JsonNode doc = Report.JSON.readTree(Report.json(Report.judged(m)));
        assertEquals(1, doc.get("schemaVersion").asInt(), "the judged document is ours: version 1");
        assertEquals("schemaVersion", doc.fieldNames().next());
        assertEquals(Set.of("schemaVersion", "tool", "implementation", "platform", "wirePeer", "wallMillis", "scenarios",
                "context"), names(doc));
        assertTrue(doc.get("wirePeer").isNull() && doc.get("context").isNull());
        Set<String> runKeys = Set.of("closeResult", "closeError", "closeMillis", "handleValidAfter", "bytesSent", "stateBefore",
                "pidIsSelfBefore", "peer", "stateAfter", "blockedRecvError", "lingerAfter");
        Set<String> resultKeys = Set.of("id", "title", "winsock", "wire", "expected", "deviations");
        for (JsonNode r : doc.get("scenarios")) {
            assertEquals(resultKeys, names(r), r.toString());
            assertEquals(runKeys, names(r.get("winsock")), r.toString());
            assertTrue(r.get("wire").isNull());
        }
        JsonNode known = doc.get("scenarios").get(0);
        assertEquals(Set.of("closeError", "minMillis", "maxMillis", "handleValidAfter", "peerEnd", "peerGetsAll", "stateAfter",
                "winsockPeerError", "blockedRecvErrors", "lingerAfter", "basis"), names(known.get("expected")));
        assertTrue(known.get("expected").get("lingerAfter").isNull());
        assertTrue(doc.get("scenarios").get(1).get("expected").isNull(), "unknown id: not judged");
        assertEquals(Set.of("bytes", "end", "error"), names(doc.get("scenarios").get(1).get("winsock").get("peer")));
        String withContext = Report.json(new Observation.Matrix(1, "t", "java", "p", null, 1L, List.of(),
                new Observation.Context(7L, "Temurin 17", null)));
        assertEquals(Set.of("pid", "java", "afterCleanup.otherWsaStartupReferencesDrained"),
                names(Report.JSON.readTree(withContext).get("context")));
        assertEquals(7L, Report.parse(withContext).context().pid());
    }

    @Test
    void parsingAcceptsTheCProbesJsonAndVersion1AndRefusesALaterVersion() throws Exception {
        assertEquals(null, Report.parse("{\"tool\":\"t\",\"implementation\":\"c\",\"scenarios\":[],"
                + "\"context\":{\"pid\":42}}").schemaVersion());
        assertEquals(1, Report.parse("{\"schemaVersion\":1,\"scenarios\":[]}").schemaVersion());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Report.parse("{\"schemaVersion\":2,\"scenarios\":[]}"));
        assertTrue(e.getMessage().contains("schemaVersion 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Report.parse("{\"schemaVersion\":1}"));
    }

    private static Set<String> names(JsonNode n) {
        Set<String> out = new HashSet<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static Observation.Matrix matrix(String impl, Observation.Run run) {
        return new Observation.Matrix(null, "winsock4j close-matrix", impl, "Wine 8.0", null, null,
                List.of(new Observation.ScenarioResult("blocking/dontlinger/nothing-unsent/close", null, run, null, null, null)), null);
    }
}
