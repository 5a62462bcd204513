package org.winsock4j.cli.matrix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Java-through-winsock4j against C: every observed field must be equal, except the durations,
 * which may differ by the tolerance, and the byte counts of scenarios whose data is left unsent:
 * how much a full send path takes, how much the kernel still holds and how much a peer reads
 * before a reset depend on the TCP stack's timing, not on the binding, so there the comparison is
 * of what the counts mean: whether anything was left unsent, how the peer's stream ended, and,
 * when both peers read to the end of the stream, whether they got all of it (no data lost). When
 * both ended with a reset, how much arrived before it is the reset's timing: under Wine 10 a
 * Winsock peer behind a full send path got everything before the reset in about half of the runs,
 * Java and C alike, whatever the close waited for.
 */
public final class Comparison {
    private Comparison() {}

    /** The differences, one readable line each; empty when the matrices agree. */
    public static List<String> differences(Observation.Matrix a, Observation.Matrix b, long toleranceMillis) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (toleranceMillis < 0) {
            throw new IllegalArgumentException("tolerance must not be negative, got " + toleranceMillis);
        }
        List<String> out = new ArrayList<>();
        Map<String, Observation.ScenarioResult> bs = new LinkedHashMap<>();
        for (Observation.ScenarioResult r : b.scenarios()) {
            bs.put(r.id(), r);
        }
        String an = a.implementation(), bn = b.implementation();
        for (Observation.ScenarioResult ra : a.scenarios()) {
            Observation.ScenarioResult rb = bs.remove(ra.id());
            if (rb == null) {
                out.add(ra.id() + ": only in " + an);
                continue;
            }
            boolean unsent = Scenarios.byId(ra.id()).map(s -> s.data() == Scenario.Data.UNSENT).orElse(false);
            run(out, ra.id() + " [winsock peer]", ra.winsock(), rb.winsock(), an, bn, toleranceMillis, unsent);
            run(out, ra.id() + " [wire peer]", ra.wire(), rb.wire(), an, bn, toleranceMillis, unsent);
        }
        for (String id : bs.keySet()) {
            out.add(id + ": only in " + bn);
        }
        return out;
    }

    private static void run(List<String> out, String where, Observation.Run a, Observation.Run b, String an, String bn,
            long tol, boolean unsent) {
        if (a == null || b == null) {
            if (a != b) {
                out.add(where + ": " + (a == null ? an : bn) + " has no run");
            }
            return;
        }
        field(out, where, "closeResult", a.closeResult(), b.closeResult(), an, bn);
        field(out, where, "closeError", a.closeError(), b.closeError(), an, bn);
        if (Math.abs(a.closeMillis() - b.closeMillis()) > tol) {
            out.add(where + ": closeMillis " + an + "=" + a.closeMillis() + " " + bn + "=" + b.closeMillis()
                    + " (more than " + tol + " ms apart)");
        }
        field(out, where, "handleValidAfter", a.handleValidAfter(), b.handleValidAfter(), an, bn);
        field(out, where, "handleErrorAfter", a.handleErrorAfter(), b.handleErrorAfter(), an, bn);
        if (unsent) {
            field(out, where, "anything unsent before the close", leftUnsent(a), leftUnsent(b), an, bn);
            if (!(resetEnd(a) && resetEnd(b))) {
                field(out, where, "peer got everything sent", gotAll(a), gotAll(b), an, bn);
            }
            field(out, where, "peer's end", a.peer() == null ? null : a.peer().end() + " " + a.peer().error(),
                    b.peer() == null ? null : b.peer().end() + " " + b.peer().error(), an, bn);
        } else {
            field(out, where, "bytesSent", a.bytesSent(), b.bytesSent(), an, bn);
            field(out, where, "unsentBefore", a.unsentBefore(), b.unsentBefore(), an, bn);
            field(out, where, "peer", a.peer(), b.peer(), an, bn);
        }
        field(out, where, "stateBefore", a.stateBefore(), b.stateBefore(), an, bn);
        field(out, where, "pidIsSelfBefore", a.pidIsSelfBefore(), b.pidIsSelfBefore(), an, bn);
        field(out, where, "stateAfter", a.stateAfter(), b.stateAfter(), an, bn);
        field(out, where, "kernelStateAfter", a.kernelStateAfter(), b.kernelStateAfter(), an, bn);
        field(out, where, "blockedError", a.blockedError(), b.blockedError(), an, bn);
        field(out, where, "optionAfter", a.optionAfter(), b.optionAfter(), an, bn);
        field(out, where, "completion", a.completion(), b.completion(), an, bn);
    }

    private static Boolean leftUnsent(Observation.Run r) {
        return r.unsentBefore() == null ? null : r.unsentBefore() > 0;
    }

    /** The peer's stream ended with an error (a reset), not at its end. */
    private static boolean resetEnd(Observation.Run r) {
        return r.peer() != null && "ERROR".equals(r.peer().end());
    }

    private static Boolean gotAll(Observation.Run r) {
        return r.peer() == null ? null : r.peer().bytes() >= r.bytesSent();
    }

    private static void field(List<String> out, String where, String name, Object a, Object b, String an, String bn) {
        if (!Objects.equals(a, b)) {
            out.add(where + ": " + name + " " + an + "=" + a + " " + bn + "=" + b);
        }
    }
}
