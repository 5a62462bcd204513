package org.winsock4j.cli.matrix;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.winsock4j.WsaError;

/** Judging (observation against the documented expectation), the table and the JSON of a matrix. */
public final class Report {
    private Report() {}

    public static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The matrix with each scenario's expectation, basis and deviations filled in (from its id). */
    public static Observation.Matrix judged(Observation.Matrix m) {
        List<Observation.ScenarioResult> out = new ArrayList<>();
        for (Observation.ScenarioResult r : m.scenarios()) {
            Scenario s = Scenarios.byId(r.id()).orElse(null);
            if (s == null) {
                out.add(new Observation.ScenarioResult(r.id(), r.title(), r.winsock(), r.wire(), null, null, null,
                        List.of("unknown scenario id: not judged")));
                continue;
            }
            Expectation e = s.expect();
            List<String> d = new ArrayList<>(e.deviations(r.winsock(), false));
            d.addAll(e.deviations(r.wire(), true));
            out.add(new Observation.ScenarioResult(r.id(), s.title(), r.winsock(), r.wire(), e, bases(s), s.docsSay(), d));
        }
        return new Observation.Matrix(Observation.SCHEMA_VERSION, m.tool(), m.implementation(), m.platform(), m.wirePeer(),
                m.wallMillis(), out, m.context());
    }

    static List<Observation.Basis> bases(Scenario s) {
        List<Observation.Basis> out = new ArrayList<>();
        for (String key : s.basis()) {
            ScenarioCatalog.Basis b = Scenarios.catalog().bases().get(key);
            out.add(new Observation.Basis(key, b.strength(), b.source(), b.url()));
        }
        return out;
    }

    /** The table's short code for a basis: its keys with their strengths, e.g. "ev2/P+ev4/P". */
    static String basisCode(List<Observation.Basis> bases) {
        if (bases == null) {
            return "?";
        }
        return String.join("+", bases.stream().map(b -> b.key() + "/" + b.strength().replace(",", "")).toList());
    }

    public static String json(Observation.Matrix m) throws IOException {
        return JSON.writeValueAsString(m) + "\n";
    }

    /**
     * A matrix JSON, ours or the C probe's raw output (the same keys, without the judging). Any other
     * schema version is refused rather than misread.
     */
    public static Observation.Matrix parse(String json) throws IOException {
        Observation.Matrix m = JSON.readValue(json, Observation.Matrix.class);
        if (m.schemaVersion() == null || m.schemaVersion() != Observation.SCHEMA_VERSION) {
            throw new IllegalArgumentException("matrix JSON has schemaVersion " + m.schemaVersion() + "; this winsock4j reads "
                    + Observation.SCHEMA_VERSION);
        }
        if (m.scenarios() == null) {
            throw new IllegalArgumentException("not a close-matrix JSON: no \"scenarios\"");
        }
        return m;
    }

    static final String[] HEADERS = {"#", "scenario", "closesocket", "ms", "handle", "row before", "peer: winsock",
        "peer: wire (Linux)", "state after", "Windows expected", "basis", "match"};

    /** The readable table: one line per scenario, the documented expectation beside it, then the deviations. */
    public static String table(Observation.Matrix judged) {
        List<String[]> rows = new ArrayList<>();
        int i = 0;
        int matching = 0;
        for (Observation.ScenarioResult r : judged.scenarios()) {
            i++;
            Observation.Run w = r.winsock();
            boolean ok = r.deviations() != null && r.deviations().isEmpty();
            if (ok) {
                matching++;
            }
            rows.add(new String[] {
                Integer.toString(i),
                r.id(),
                w == null ? "-" : closeText(w.closeResult(), w.closeError()),
                w == null ? "-" : Long.toString(w.closeMillis()),
                w == null ? "-" : w.handleValidAfter() ? "valid" : "gone",
                w == null ? "-" : rowBefore(w),
                w == null ? "-" : peerText(w.peer(), w),
                r.wire() == null ? "n/a" : peerText(r.wire().peer(), r.wire()),
                w == null ? "-" : stateText(w) + (r.wire() == null || stateText(r.wire()).equals(stateText(w)) ? ""
                        : " / wire " + stateText(r.wire())),
                r.expected() == null ? "?" : summary(r.expected()),
                basisCode(r.basis()),
                ok ? "yes" : "NO"
            });
        }
        int[] width = new int[HEADERS.length];
        for (int c = 0; c < HEADERS.length; c++) {
            width[c] = HEADERS[c].length();
            for (String[] row : rows) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder b = new StringBuilder();
        b.append("winsock4j close-matrix: ").append(judged.implementation()).append(" on ").append(judged.platform());
        b.append(judged.wirePeer() != null ? "; wire peer: Linux JVM at " + judged.wirePeer() : "; wire peer: not available");
        if (judged.wallMillis() != null) {
            b.append(String.format(Locale.ROOT, "; %d scenarios in %.1f s", judged.scenarios().size(), judged.wallMillis() / 1000.0));
        }
        b.append('\n');
        line(b, HEADERS, width);
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < width.length; c++) {
            rule.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
        }
        b.append(rule).append('\n');
        for (String[] row : rows) {
            line(b, row, width);
        }
        b.append(rule).append('\n');
        b.append(matching).append(" of ").append(rows.size()).append(" scenarios behave as Windows is expected to;")
                .append(" deviations (observed on this platform, not filled from the docs):\n");
        i = 0;
        for (Observation.ScenarioResult r : judged.scenarios()) {
            i++;
            if (r.deviations() == null) {
                continue;
            }
            for (String d : r.deviations()) {
                b.append(String.format(Locale.ROOT, "  %2d %s: %s%n", i, r.id(), d));
            }
        }
        b.append("Legend: closesocket = return value (0 or WSA error); ms = duration of the close action; handle = the old SOCKET")
                .append(" afterwards; row before = closer's TCP table row before closing (state, pid=self?, bytes the Linux kernel still had to send); peer = bytes")
                .append(" received, then EOF / RESET / OPEN (nothing for 1 s after the close) / ERROR; state after = closer's")
                .append(" row in GetExtendedTcpTable (GONE = not in the table), with the Linux kernel's (/proc/net/tcp) after")
                .append(" 'kernel' where they differ; basis = where the expectation comes from, strength T test on Windows,")
                .append(" P production code, E experiment, D documentation only (in full: --format json).\n");
        return b.toString();
    }

    private static void line(StringBuilder b, String[] cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                l.append("  ");
            }
            boolean right = c == 0 || c == 3;
            String cell = cells[c];
            String pad = " ".repeat(width[c] - cell.length());
            l.append(right ? pad + cell : cell + pad);
        }
        b.append(l.toString().stripTrailing()).append('\n');
    }

    /** The closer's state afterwards: the table's, and the kernel's where it differs. */
    static String stateText(Observation.Run w) {
        String table = w.stateAfter() == null ? "-" : w.stateAfter();
        return w.kernelStateAfter() == null || w.kernelStateAfter().equals(table) ? table
                : table + " (kernel " + w.kernelStateAfter() + ")";
    }

    static String closeText(int result, int error) {
        return result == 0 && error == 0 ? "0" : WsaError.nameOf(error);
    }

    static String rowBefore(Observation.Run w) {
        if (w.stateBefore() == null) {
            return "-";
        }
        return w.stateBefore() + (w.pidIsSelfBefore() == null ? "" : w.pidIsSelfBefore() ? ", pid=self" : ", pid!=self")
                + (w.unsentBefore() == null || w.unsentBefore() == 0 ? "" : ", " + w.unsentBefore() + " B unsent");
    }

    static String peerText(Observation.Peer p, Observation.Run run) {
        if (p == null) {
            return "-";
        }
        String end = switch (p.end()) {
            case "ERROR" -> WsaError.nameOf(p.error());
            default -> p.end();
        };
        String bytes = p.bytes() == run.bytesSent() ? p.bytes() + " B (all)" : p.bytes() + "/" + run.bytesSent() + " B";
        return bytes + ", " + end;
    }

    /** A compact form of the expectation for the table. */
    static String summary(Expectation e) {
        List<String> parts = new ArrayList<>();
        if (e.closeError() != null) {
            parts.add(e.closeError() == 0 ? "0" : WsaError.nameOf(e.closeError()));
        }
        if (e.maxMillis() != null) {
            parts.add(e.maxMillis() <= Scenarios.constants().immediateMaxMillis() ? "at once" : "~" + (e.minMillis() + e.maxMillis()) / 2000.0 + " s");
        }
        if (e.handleValidAfter() != null) {
            parts.add(e.handleValidAfter() ? "valid" : "gone");
        }
        if (e.peerEnd() != null) {
            parts.add((Boolean.FALSE.equals(e.peerGetsAll()) ? "data lost, " : "") + e.peerEnd());
        }
        if (e.winsockPeerError() != null) {
            parts.add("own peer " + WsaError.nameOf(e.winsockPeerError()));
        }
        if (e.stateAfter() != null) {
            parts.add(e.stateAfter());
        }
        if (e.blockedErrors() != null) {
            parts.add("blocked call " + String.join("/", e.blockedErrors().stream().map(WsaError::nameOf).toList()));
        }
        if (e.optionAfter() != null) {
            parts.add("option {" + e.optionAfter() + "}");
        }
        if (e.completion() != null) {
            parts.add("completes " + e.completion());
        }
        if (e.peerEnd() == null && e.stateAfter() == null && e.optionAfter() == null && e.blockedErrors() == null) {
            parts.add("rest undocumented");
        }
        return String.join(", ", parts);
    }
}
