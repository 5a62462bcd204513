package org.winsock4j.cli.matrix;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The scenario data file, {@code scenarios.json} beside this class: the one list of scenarios
 * that the Java runner and the C reference (native-headers/probes/close_matrix.c, which reads the
 * same file) both run. Read strictly: an unknown key, a missing value or a dangling basis is an
 * error, so a typo cannot silently drop an expectation.
 *
 * @param schemaVersion the data file's format version, {@link #SCHEMA_VERSION}
 * @param description what the file is, for a reader of the file
 * @param constants ports, sizes and timeouts every scenario uses
 * @param bases where expectations come from, by key
 * @param scenarios in run order (the WSACleanup ones last)
 */
public record ScenarioCatalog(Integer schemaVersion, String description, Constants constants, Map<String, Basis> bases,
        List<Scenario> scenarios) {

    /** The data file format this code reads. */
    public static final int SCHEMA_VERSION = 1;
    static final String RESOURCE = "scenarios.json";

    /**
     * The numbers the steps use.
     *
     * @param payloadBytes what a "nothing-unsent" closer sends and the peer reads before the close
     * @param chunkBytes the size of each non-blocking send while filling the send path
     * @param sndbufBytes SO_SNDBUF of the closer
     * @param peerRcvbufBytes SO_RCVBUF of the peer
     * @param settleMillis wait after filling, so the segments in flight land
     * @param openAfterMillis silence after the close that counts as "still open" at the peer
     * @param lingerSeconds the l_linger of the linger2s rows
     * @param closeTimeoutMillis the timeout of close(Duration)
     * @param stateSettleMillis how long the closer's TCP state may take to leave a closing handshake state
     * @param blockedCallStartMillis wait before closing, so the other thread's call is blocked
     * @param blockedSendBytes what the blocked send tries to send (more than the send path takes)
     * @param completionWaitMillis how long an overlapped receive may take to complete after closesocket
     * @param immediateMaxMillis a close this quick counts as "at once"
     */
    public record Constants(Integer payloadBytes, Integer chunkBytes, Integer sndbufBytes, Integer peerRcvbufBytes,
            Integer settleMillis, Integer openAfterMillis, Integer lingerSeconds, Integer closeTimeoutMillis,
            Integer stateSettleMillis, Integer blockedCallStartMillis, Integer blockedSendBytes, Integer completionWaitMillis,
            Integer immediateMaxMillis) {
        public Constants {
            Integer[] all = {payloadBytes, chunkBytes, sndbufBytes, peerRcvbufBytes, settleMillis, openAfterMillis, lingerSeconds,
                closeTimeoutMillis, stateSettleMillis, blockedCallStartMillis, blockedSendBytes, completionWaitMillis,
                immediateMaxMillis};
            String[] names = {"payloadBytes", "chunkBytes", "sndbufBytes", "peerRcvbufBytes", "settleMillis", "openAfterMillis",
                "lingerSeconds", "closeTimeoutMillis", "stateSettleMillis", "blockedCallStartMillis", "blockedSendBytes", "completionWaitMillis",
                "immediateMaxMillis"};
            for (int i = 0; i < all.length; i++) {
                if (all[i] == null || all[i] < 0) {
                    throw new IllegalArgumentException("constant " + names[i] + " must be a number >= 0, got " + all[i]);
                }
            }
        }
    }

    /**
     * Where an expectation comes from.
     *
     * @param strength T (a test that passes on real Windows), P (production code working around it),
     *     E (an experiment or a bug report with logs), D (documentation only); several joined by commas
     * @param source what it is, briefly
     * @param url where to read it
     */
    public record Basis(String strength, String source, String url) {
        public Basis {
            Objects.requireNonNull(strength, "strength");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(url, "url");
            if (!strength.matches("[TPED](,[TPED])*")) {
                throw new IllegalArgumentException("basis strength must be T, P, E or D (comma-separated), got '" + strength + "'");
            }
        }
    }

    public ScenarioCatalog {
        if (schemaVersion == null || schemaVersion != SCHEMA_VERSION) {
            throw new IllegalArgumentException("scenario data schemaVersion " + schemaVersion + "; this winsock4j reads "
                    + SCHEMA_VERSION);
        }
        Objects.requireNonNull(constants, "constants");
        bases = Map.copyOf(Objects.requireNonNull(bases, "bases"));
        scenarios = List.copyOf(Objects.requireNonNull(scenarios, "scenarios"));
        Set<String> ids = new HashSet<>();
        for (Scenario s : scenarios) {
            if (!ids.add(s.id())) {
                throw new IllegalArgumentException("scenario id " + s.id() + " appears twice");
            }
            for (String b : s.basis()) {
                if (!bases.containsKey(b)) {
                    throw new IllegalArgumentException("scenario " + s.id() + " names basis '" + b + "', which bases does not define");
                }
            }
        }
    }

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    /** Reads a scenario data file strictly; IllegalArgumentException names what is wrong. */
    public static ScenarioCatalog read(InputStream in) throws IOException {
        try {
            return STRICT.readValue(in, ScenarioCatalog.class);
        } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
            throw new IllegalArgumentException("scenario data: " + e.getCause().getMessage(), e);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw new IllegalArgumentException("scenario data: " + e.getOriginalMessage() + " at " + e.getPathReference(), e);
        }
    }

    /** The data file shipped beside this class. */
    static ScenarioCatalog shipped() {
        try (InputStream in = ScenarioCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
