package org.winsock4j.cli.matrix;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What a matrix run observed, and the JSON document both the Java and the C probe write. Every
 * object is written with all its keys (null when unknown or not applicable); the document carries
 * {@code schemaVersion} (the C probe's raw output has none: read as version 1).
 */
public final class Observation {
    private Observation() {}

    /** The JSON schema's version; raise it when a key is renamed, removed or changes meaning. */
    public static final int SCHEMA_VERSION = 1;

    /**
     * What the peer saw: every byte it received over the connection, then how the stream ended:
     * {@code EOF} (recv returned 0), {@code OPEN} (still open a second after the close returned),
     * {@code ECONNRESET} (wire peer: the RST), or {@code ERROR} with the Winsock error number.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
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
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Run(int closeResult, int closeError, long closeMillis, boolean handleValidAfter, long bytesSent,
            String stateBefore, Boolean pidIsSelfBefore, Peer peer, String stateAfter, Integer blockedRecvError,
            String lingerAfter) {}

    /** A scenario's runs; {@code expected} and {@code deviations} are added when rendering. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ScenarioResult(String id, String title, Run winsock, Run wire, Expectation expected,
            List<String> deviations) {}

    /**
     * About the run: the probe's process id, the JVM (Java only), and for the WSACleanup scenario
     * how many WSAStartup references of others (the JVM's net.dll) were drained first (Java only).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"pid", "java", "afterCleanup.otherWsaStartupReferencesDrained"})
    public record Context(Long pid, String java,
            @JsonProperty("afterCleanup.otherWsaStartupReferencesDrained") Integer otherWsaStartupReferencesDrained) {}

    /** The document: {@code implementation} is "java" (through winsock4j) or "c". */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"schemaVersion", "tool", "implementation", "platform", "wirePeer", "wallMillis", "scenarios",
        "context"})
    public record Matrix(Integer schemaVersion, String tool, String implementation, String platform, String wirePeer,
            Long wallMillis, List<ScenarioResult> scenarios, Context context) {}
}
