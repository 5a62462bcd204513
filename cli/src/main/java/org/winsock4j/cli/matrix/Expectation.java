package org.winsock4j.cli.matrix;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import org.winsock4j.WsaError;

/**
 * What Windows does in a scenario, as far as the scenario's basis shows (the data file's
 * {@code expect}). A null field is not known and is not judged (and is written as null). Never
 * used to fill an observation: only to judge one.
 *
 * @param closeError 0 for success, else the WSA error the close action fails with
 * @param minMillis shortest duration of the close action
 * @param maxMillis longest duration
 * @param handleValidAfter whether the SOCKET is still valid afterwards
 * @param handleErrorAfter the error getsockname on the old SOCKET fails with afterwards (0: it works)
 * @param stateBefore the closer's TCP state just before the close action
 * @param peerEnd EOF (graceful: FIN), RESET (WSAECONNRESET / the RST on the wire) or OPEN
 * @param peerGetsAll whether the peer receives every byte sent (false: some or all are lost)
 * @param stateAfter the closer's TCP state afterwards: TIME_WAIT, GONE or ESTABLISHED
 * @param winsockPeerError for the in-process peer only: the WSA error its recv fails with instead
 * @param blockedErrors the errors the other thread's blocked call may end with
 * @param optionAfter what the scenario's option step read back or failed with (the scenario's title says which)
 * @param completion when an overlapped receive completed: before-close-returned, after-close-returned or pending
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Expectation(Integer closeError, Long minMillis, Long maxMillis, Boolean handleValidAfter, Integer handleErrorAfter,
        String stateBefore, String peerEnd, Boolean peerGetsAll, String stateAfter, Integer winsockPeerError,
        List<Integer> blockedErrors, String optionAfter, String completion) {

    static final String ESTABLISHED = "ESTABLISHED";

    /** Deviations of one run from this expectation, one readable line each; empty when it matches. */
    public List<String> deviations(Observation.Run run, boolean wire) {
        List<String> out = new ArrayList<>();
        if (run == null) {
            return out;
        }
        String who = wire ? "wire run: " : "";
        if (closeError != null && run.closeError() != closeError) {
            out.add(who + "closesocket expected " + err(closeError) + ", observed " + err(run.closeError()));
        }
        if (minMillis != null && run.closeMillis() < minMillis || maxMillis != null && run.closeMillis() > maxMillis) {
            out.add(who + "close took " + run.closeMillis() + " ms, expected " + window());
        }
        if (handleValidAfter != null && run.handleValidAfter() != handleValidAfter) {
            out.add(who + "handle " + (run.handleValidAfter() ? "still valid" : "gone") + ", expected "
                    + (handleValidAfter ? "still valid" : "gone"));
        }
        if (handleErrorAfter != null && !handleErrorAfter.equals(run.handleErrorAfter())) {
            out.add(who + "getsockname on the old handle gave " + errOrNothing(run.handleErrorAfter()) + ", expected "
                    + err(handleErrorAfter));
        }
        if (stateBefore != null ? !stateBefore.equals(run.stateBefore())
                : !wire && run.stateBefore() != null && !"GONE".equals(run.stateBefore()) && !ESTABLISHED.equals(run.stateBefore())) {
            out.add(who + "closer's state before the close: " + run.stateBefore() + ", expected "
                    + (stateBefore != null ? stateBefore : ESTABLISHED));
        }
        if (!wire && Boolean.FALSE.equals(run.pidIsSelfBefore())) {
            out.add("TCP table row's PID is not this process (documented: the owning PID)");
        }
        Observation.Peer p = run.peer();
        if (p != null) {
            String observedEnd = endOf(p, wire);
            String expectedEnd = !wire && winsockPeerError != null ? "ERROR " + winsockPeerError : peerEnd;
            if (expectedEnd != null && !expectedEnd.equals(observedEnd)) {
                out.add(who + "peer saw " + describe(observedEnd) + ", expected " + describe(expectedEnd));
            }
            // >=: a send still blocked at the close may have delivered part of its buffer on top
            if (peerGetsAll != null && (p.bytes() >= run.bytesSent()) != peerGetsAll) {
                out.add(who + "peer received " + p.bytes() + " of " + run.bytesSent() + " bytes, expected "
                        + (peerGetsAll ? "all" : "fewer (unsent data lost)"));
            }
        }
        String closerAfter = run.kernelStateAfter() != null ? run.kernelStateAfter() : run.stateAfter();
        if (stateAfter != null && !stateAfter.equals(closerAfter)) {
            out.add(who + "closer's TCP state afterwards " + closerAfter + (run.kernelStateAfter() != null ? " (Linux kernel)" : "")
                    + ", expected " + stateAfter);
        }
        if (blockedErrors != null && (run.blockedError() == null || !blockedErrors.contains(run.blockedError()))) {
            out.add(who + "the blocked call ended with " + errOrNothing(run.blockedError())
                    + ", expected " + (blockedErrors.size() == 1 ? "" : "one of ")
                    + blockedErrors.stream().map(Expectation::err).toList());
        }
        if (optionAfter != null && !optionAfter.equals(run.optionAfter())) {
            out.add(who + "option step gave {" + run.optionAfter() + "}, expected {" + optionAfter + "}");
        }
        if (completion != null && !completion.equals(run.completion())) {
            out.add(who + "overlapped receive completion: " + run.completion() + ", expected " + completion);
        }
        return out;
    }

    /** The peer's end as a comparable token: EOF, OPEN, RESET or "ERROR n". */
    static String endOf(Observation.Peer p, boolean wire) {
        if ("ECONNRESET".equals(p.end()) || "ERROR".equals(p.end()) && p.error() == WsaError.WSAECONNRESET.code()) {
            return "RESET";
        }
        if ("ERROR".equals(p.end())) {
            return "ERROR " + p.error();
        }
        return p.end();
    }

    static String describe(String end) {
        if (end == null) {
            return "?";
        }
        return switch (end) {
            case "RESET" -> "a reset (WSAECONNRESET)";
            case "EOF" -> "end of stream";
            case "OPEN" -> "the connection still open";
            default -> end.startsWith("ERROR ") ? err(Integer.parseInt(end.substring(6))) : end;
        };
    }

    static String errOrNothing(Integer code) {
        return code == null ? "nothing" : err(code);
    }

    static String err(int code) {
        return code == 0 ? "success" : WsaError.nameOf(code) + " (" + code + ")";
    }

    String window() {
        if (maxMillis != null && maxMillis <= Scenarios.constants().immediateMaxMillis()) {
            return "at once (<= " + maxMillis + " ms)";
        }
        return minMillis + ".." + maxMillis + " ms";
    }
}
