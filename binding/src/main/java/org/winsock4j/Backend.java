package org.winsock4j;

import java.util.Locale;
import org.winsock4j.ffm.FfmWinsockPort;
import org.winsock4j.jna.JnaWinsockPort;
import org.winsock4j.port.WinsockPort;

/**
 * The native backends that reach ws2_32, one of which {@link Winsock#system()} uses.
 *
 * <p>The choice: the system property {@value #PROPERTY} ({@code jna} or {@code ffm}) when it is
 * set, else {@link #FFM} on Java 22 and later (the FFM API is final there, and
 * {@code Linker.Option.critical} exists) and {@link #JNA} before. The FFM classes come from the
 * jar's multi-release part (META-INF/versions/22); where they are missing although the JVM is
 * new enough (the classes run from a directory, or a repackaged jar lost its
 * {@code Multi-Release: true} manifest entry), the default is JNA, and only an explicit
 * {@code -Dwinsock4j.backend=ffm} fails, saying so. Both implement the
 * same {@link WinsockPort}, so the safe layer behaves the same on either; they differ in the cost
 * of a call (docs/ARCHITECTURE.md section 2).
 */
public enum Backend {
    /** JNA direct mapping ({@code org.winsock4j.jna}): Java 17 and later. */
    JNA,
    /**
     * The FFM API, {@code java.lang.foreign} ({@code org.winsock4j.ffm}): Java 22 and later, from
     * the multi-release part of the jar.
     */
    FFM;

    /** The system property that chooses the backend: {@code jna} or {@code ffm}. */
    public static final String PROPERTY = "winsock4j.backend";

    /** The Java feature release from which {@link #FFM} is the default. */
    static final int FFM_SINCE = 22;

    /**
     * The backend {@link Winsock#system()} uses on this JVM.
     *
     * @return the backend {@value #PROPERTY} names, or the default for this Java release
     * @throws IllegalArgumentException if {@value #PROPERTY} is set to anything but {@code jna}
     *     or {@code ffm} (case ignored); the message names the value
     */
    public static Backend selected() {
        return choose(System.getProperty(PROPERTY), Runtime.version().feature(), FfmWinsockPort.present());
    }

    /** The choice, apart from the JVM it is made on (for the unit tests). */
    static Backend choose(String property, int javaFeature, boolean ffmPresent) {
        if (property == null || property.isBlank()) {
            return javaFeature >= FFM_SINCE && ffmPresent ? FFM : JNA;
        }
        switch (property.trim().toLowerCase(Locale.ROOT)) {
            case "jna":
                return JNA;
            case "ffm":
                return FFM;
            default:
                throw new IllegalArgumentException("-D" + PROPERTY + "=" + property
                        + ": not a winsock4j backend; use jna or ffm");
        }
    }

    /**
     * This backend's port over the real ws2_32. Not public: the port's calls are unguarded
     * (org.winsock4j.unguarded.UnguardedPorts is the tests' door to it).
     *
     * @return the one port of this backend in this JVM
     * @throws WinsockUnavailableException when this JVM cannot reach ws2_32 (not on 64-bit Windows
     *     or Wine), or for {@link #FFM} on a Java release before 22; the message says which
     */
    WinsockPort port() {
        return this == FFM ? FfmWinsockPort.instance() : JnaWinsockPort.instance();
    }
}
