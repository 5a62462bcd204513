package org.winsock4j.cli.matrix;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What a matrix run observed, and the JSON document both the Java and the C probe write. Every
 * object is written with all its keys (null when unknown or not applicable); the document carries
 * {@code schemaVersion}. Version 2 renamed blockedRecvError to blockedError and lingerAfter to
 * optionAfter, and added handleErrorAfter, unsentBefore, kernelStateAfter, completion and the
 * basis of each expectation.
 */
public final class Observation {
    private Observation() {}

    /** The JSON schema's version; raise it when a key is renamed, removed or changes meaning. */
    public static final int SCHEMA_VERSION = 2;

    /**
     * What the peer saw: every byte it received over the connection, then how the stream ended:
     * {@code EOF} (recv returned 0), {@code OPEN} (still open a second after the close returned),
     * {@code ECONNRESET} (wire peer: the RST), or {@code ERROR} with the Winsock error number.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Peer(long bytes, String end, int error) {}

    /**
     * One run of a scenario: against the in-process Winsock peer or against the wire peer. What a
     * scenario does not do is null (no peer, no connection, no option step ...).
     *
     * @param closeResult the close action's return value (0 or -1, SOCKET_ERROR)
     * @param closeError the WSA error when it failed, else 0
     * @param closeMillis how long the close action took
     * @param handleValidAfter whether getsockname still works on the old SOCKET and names the same local port
     * @param handleErrorAfter the error getsockname on the old SOCKET failed with, 0 when it worked
     * @param bytesSent what the closer sent before the close
     * @param unsentBefore the Linux kernel's send queue of the closer just before the close (tx_queue
     *     in /proc/net/tcp: bytes not yet acknowledged by the peer); null where there is no Linux kernel
     * @param stateBefore the closer's TCP table row just before the close (ESTABLISHED ...)
     * @param pidIsSelfBefore whether that row's owning PID is this process
     * @param stateAfter the closer's row in GetExtendedTcpTable afterwards ({@code GONE} when it left the table)
     * @param kernelStateAfter the closer's state in the Linux kernel's table (/proc/net/tcp) afterwards,
     *     {@code GONE} when absent; null where there is no Linux kernel (Windows)
     * @param blockedError the error the other thread's blocked call ended with (0: it succeeded)
     * @param optionAfter what the option step read back ("l_onoff,l_linger", "blocking"/"nonblocking") or failed with ("error N")
     * @param completion when the overlapped receive completed: before-close-returned, after-close-returned or pending
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Run(int closeResult, int closeError, long closeMillis, boolean handleValidAfter, Integer handleErrorAfter,
            long bytesSent, Long unsentBefore, String stateBefore, Boolean pidIsSelfBefore, Peer peer, String stateAfter,
            String kernelStateAfter, Integer blockedError, String optionAfter, String completion) {}

    /**
     * A scenario's runs; {@code expected}, {@code basis}, {@code docsSay} and {@code deviations} are
     * added when judging.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ScenarioResult(String id, String title, Run winsock, Run wire, Expectation expected, List<Basis> basis,
            String docsSay, List<String> deviations) {}

    /** A basis of an expectation, in full: its key in the data file, strength, source and where to read it. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Basis(String key, String strength, String source, String url) {}

    /**
     * About the run: the probe's process id, the JVM (Java only), and for the WSACleanup scenario
     * how many WSAStartup references of others (the JVM's net.dll) were drained first (Java only).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"pid", "java", "afterCleanup.otherWsaStartupReferencesDrained"})
    public record Context(Long pid, String java,
            @JsonProperty("afterCleanup.otherWsaStartupReferencesDrained") Integer otherWsaStartupReferencesDrained) {}

    /**
     * The document: {@code implementation} is "java/ffm" or "java/jna" (through winsock4j on that
     * backend) or "c".
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"schemaVersion", "tool", "implementation", "platform", "wirePeer", "wallMillis", "scenarios",
        "context"})
    public record Matrix(Integer schemaVersion, String tool, String implementation, String platform, String wirePeer,
            Long wallMillis, List<ScenarioResult> scenarios, Context context) {}
}
