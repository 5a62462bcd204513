package org.winsock4j.cli.matrix;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.winsock4j.WsaError;

/**
 * What Windows documents for a scenario (closesocket and WSPCloseSocket remarks, docs/ARCHITECTURE.md
 * section 1; winsock4j's own contract for close(Duration)). A null field is not documented and
 * is not judged (and written as null). Never used to fill an observation: only to judge one.
 *
 * @param closeError 0 for success, else the WSA error closesocket fails with
 * @param minMillis shortest documented duration of the close action
 * @param maxMillis longest documented duration
 * @param handleValidAfter whether the SOCKET is still valid afterwards
 * @param peerEnd EOF (graceful: FIN), RESET (WSAECONNRESET / the RST on the wire) or OPEN
 * @param peerGetsAll whether the peer receives every byte sent (false: some are lost)
 * @param stateAfter the closer's TCP state afterwards: TIME_WAIT, GONE or ESTABLISHED
 * @param winsockPeerError for the in-process peer only: the WSA error its recv fails with instead
 * @param blockedRecvErrors the errors a canceled blocking recv may end with
 * @param lingerAfter SO_LINGER after SO_DONTLINGER was cleared
 * @param basis where the expectation comes from
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Expectation(Integer closeError, Long minMillis, Long maxMillis, Boolean handleValidAfter, String peerEnd,
        Boolean peerGetsAll, String stateAfter, Integer winsockPeerError, List<Integer> blockedRecvErrors,
        String lingerAfter, String basis) {

    static final long IMMEDIATE_MAX = 300;
    static final String ESTABLISHED = "ESTABLISHED";

    private static Expectation graceful(String basis) {
        return new Expectation(0, 0L, IMMEDIATE_MAX, false, "EOF", true, "TIME_WAIT", null, null, null, basis);
    }

    private static Expectation hard(boolean dataLost, long min, long max, String basis) {
        return new Expectation(0, min, max, false, "RESET", dataLost ? false : null, "GONE", null, null, null, basis);
    }

    /** The documented Windows behaviour for this scenario. */
    public static Expectation of(Scenario s) {
        Objects.requireNonNull(s, "s");
        boolean unsent = s.data() == Scenario.Data.UNSENT;
        long lingerMin = Scenario.LINGER_SECONDS * 1000L - 500, lingerMax = Scenario.LINGER_SECONDS * 1000L + 600;
        switch (s.special()) {
            case BLOCKED_RECV:
                return new Expectation(0, 0L, IMMEDIATE_MAX, false, "EOF", true, "TIME_WAIT", null,
                        List.of(WsaError.WSAEINTR.code(), WsaError.WSA_OPERATION_ABORTED.code()), null,
                        "winsock4j close(): CancelIoEx ends the blocked recv (WSAEINTR or WSA_OPERATION_ABORTED), then a graceful closesocket");
            case DONTLINGER_CLEARED:
                return new Expectation(0, lingerMin, lingerMax, false, "RESET", false, "GONE", null, null, "on,2",
                        "closesocket remarks: clearing SO_DONTLINGER reinstates the 2 s timeout; a blocking close then waits 2 s and resets");
            case AFTER_CLEANUP:
                return new Expectation(WsaError.WSANOTINITIALISED.code(), 0L, IMMEDIATE_MAX, false, "RESET", null, "GONE",
                        WsaError.WSAENOTSOCK.code(), null, null,
                        "closesocket: WSANOTINITIALISED after the last WSACleanup; WSACleanup resets and deallocates open sockets");
            default:
                break;
        }
        if (s.action() == Scenario.Action.CLOSE_TIMEOUT) {
            return unsent
                    ? hard(true, Scenario.CLOSE_TIMEOUT_MILLIS - 100L, Scenario.CLOSE_TIMEOUT_MILLIS + 700L,
                            "winsock4j close(Duration): the peer does not close within the timeout, so SO_LINGER {1,0} and a reset")
                    : graceful("winsock4j close(Duration): shutdown(SEND), the peer's end of stream arrives, graceful close");
        }
        switch (s.linger()) {
            case DONTLINGER:
                return graceful("closesocket remarks: l_onoff 0 returns at once, queued data is sent, graceful close");
            case LINGER_0:
                if (s.action() == Scenario.Action.SHUTDOWN_CLOSE && !unsent) {
                    // The FIN went out at shutdown; the reset at close comes after it.
                    return new Expectation(0, 0L, IMMEDIATE_MAX, false, "EOF", true, "GONE", null, null, null,
                            "shutdown(SEND) sends FIN first; closesocket with linger 0 then resets (no TIME_WAIT)");
                }
                return hard(unsent, 0L, IMMEDIATE_MAX,
                        "closesocket remarks: l_onoff 1, l_linger 0 is a hard close: RST, unsent data lost, peer WSAECONNRESET, no TIME_WAIT");
            case LINGER_2S:
            default:
                if (!unsent) {
                    return graceful("closesocket remarks: nothing to send, so a lingering close completes at once, gracefully");
                }
                if (s.mode() == Scenario.Mode.BLOCKING) {
                    return hard(true, lingerMin, lingerMax,
                            "closesocket remarks: blocking + linger 2 s waits for the data; the peer never reads, so after 2 s a hard close");
                }
                if (s.action() == Scenario.Action.CLOSE) {
                    return new Expectation(WsaError.WSAEWOULDBLOCK.code(), 0L, IMMEDIATE_MAX, true, "OPEN", true, ESTABLISHED,
                            null, null, null,
                            "closesocket remarks: non-blocking + linger > 0 fails with WSAEWOULDBLOCK, the handle stays valid, no disconnect starts");
                }
                return new Expectation(0, 0L, IMMEDIATE_MAX, false, null, null, null, null, null, null,
                        "WSPCloseSocket remarks: shutdown first is a remedy, so no WSAEWOULDBLOCK; what follows is not documented");
        }
    }

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
        if (!wire && !"GONE".equals(run.stateBefore()) && !ESTABLISHED.equals(run.stateBefore())) {
            out.add(who + "row before the close: " + run.stateBefore() + ", expected ESTABLISHED");
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
            if (peerGetsAll != null && (p.bytes() == run.bytesSent()) != peerGetsAll) {
                out.add(who + "peer received " + p.bytes() + " of " + run.bytesSent() + " bytes, expected "
                        + (peerGetsAll ? "all" : "fewer (unsent data lost)"));
            }
        }
        if (stateAfter != null && !stateAfter.equals(run.stateAfter())) {
            out.add(who + "closer's TCP state afterwards " + run.stateAfter() + ", expected " + stateAfter);
        }
        if (blockedRecvErrors != null && (run.blockedRecvError() == null || !blockedRecvErrors.contains(run.blockedRecvError()))) {
            out.add(who + "blocked recv ended with " + (run.blockedRecvError() == null ? "nothing" : err(run.blockedRecvError()))
                    + ", expected one of " + blockedRecvErrors.stream().map(Expectation::err).toList());
        }
        if (lingerAfter != null && !lingerAfter.equals(run.lingerAfter())) {
            out.add(who + "SO_LINGER after clearing SO_DONTLINGER is {" + run.lingerAfter() + "}, expected {" + lingerAfter
                    + "} (timeout reinstated)");
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

    static String err(int code) {
        return code == 0 ? "success" : WsaError.nameOf(code) + " (" + code + ")";
    }

    String window() {
        if (maxMillis != null && maxMillis <= IMMEDIATE_MAX) {
            return "at once (<= " + maxMillis + " ms)";
        }
        return minMillis + ".." + maxMillis + " ms";
    }
}
