package org.winsock4j.cli.matrix;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** What a matrix run observed, and the JSON document both the Java and the C probe write. */
public final class Observation {
    private Observation() {}

    /**
     * What the peer saw: every byte it received over the connection, then how the stream ended:
     * {@code EOF} (recv returned 0), {@code OPEN} (still open a second after the close returned),
     * {@code ECONNRESET} (wire peer: the RST), or {@code ERROR} with the Winsock error number.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Peer(long bytes, String end, int error) {}

    /**
     * One run of a scenario: against the in-process Winsock peer or against the wire peer.
     *
     * @param closeResult closesocket's return value (0 or -1, SOCKET_ERROR)
     * @param closeError the WSA error when it failed, else 0
     * @param closeMillis how long the close action took
     * @param handleValidAfter whether getsockname still works on the old SOCKET and names the same local port
     * @param bytesSent what the closer sent before the close
     * @param stateBefore the closer's TCP table row just before the close (ESTABLISHED ...)
     * @param pidIsSelfBefore whether that row's owning PID is this process
     * @param stateAfter the closer's row afterwards ({@code GONE} when it left the table)
     * @param blockedRecvError the error the blocked recv ended with (blocked-recv scenario)
     * @param lingerAfter SO_LINGER read back after SO_DONTLINGER was cleared, "on,2" (dontlinger scenario)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Run(int closeResult, int closeError, long closeMillis, boolean handleValidAfter, long bytesSent,
            String stateBefore, Boolean pidIsSelfBefore, Peer peer, String stateAfter, Integer blockedRecvError,
            String lingerAfter) {}

    /** A scenario's runs; {@code expected} and {@code deviations} are added when rendering. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ScenarioResult(String id, String title, Run winsock, Run wire, Expectation expected,
            List<String> deviations) {}

    /** The document: {@code implementation} is "java" (through winsock4j) or "c". */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Matrix(String tool, String implementation, String platform, String wirePeer, Long wallMillis,
            List<ScenarioResult> scenarios, Map<String, Object> context) {}
}
