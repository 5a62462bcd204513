package org.winsock4j;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * {@code Multi-Release: true} manifest entry), the default is JNA, logged once per JVM as a
 * warning that names the cause (the jar and the missing manifest entry), and an explicit
 * {@code -Dwinsock4j.backend=ffm} fails with that cause. Both implement the
 * same {@link WinsockPort}, so the safe layer behaves the same on either; they differ in the cost
 * of a call (docs/ARCHITECTURE.md#layers).
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

    /** Whether the JNA fallback of a Java 22+ JVM without the FFM classes was logged (once per JVM). */
    private static final AtomicBoolean FALLBACK_LOGGED = new AtomicBoolean();

    /**
     * The backend {@link Winsock#system()} uses on this JVM. It names {@link #FFM} only when this
     * JVM has the FFM backend's classes (the jar's multi-release part, Java 22 and later).
     *
     * @return the backend {@value #PROPERTY} names, or the default for this JVM
     * @throws IllegalArgumentException if {@value #PROPERTY} is set to anything but {@code jna}
     *     or {@code ffm} (case ignored); the message names the value
     * @throws WinsockUnavailableException if {@value #PROPERTY} is {@code ffm} and this JVM has no
     *     FFM backend; the message says why (the Java release, or the jar that lacks
     *     {@code Multi-Release: true})
     */
    public static Backend selected() {
        Optional<String> ffmAbsent = FfmWinsockPort.whyAbsent();
        String property = System.getProperty(PROPERTY);
        Backend choice = choose(property, Runtime.version().feature(), ffmAbsent);
        if (fellBack(property, Runtime.version().feature(), ffmAbsent) && FALLBACK_LOGGED.compareAndSet(false, true)) {
            System.getLogger(Backend.class.getName()).log(System.Logger.Level.WARNING,
                    "winsock4j uses the JNA backend, not FFM: " + ffmAbsent.orElseThrow());
        }
        return choice;
    }

    /**
     * The choice, apart from the JVM it is made on (for the unit tests).
     *
     * @param ffmAbsent why this JVM has no FFM backend classes, empty when it has them
     */
    static Backend choose(String property, int javaFeature, Optional<String> ffmAbsent) {
        if (property == null || property.isBlank()) {
            return javaFeature >= FFM_SINCE && ffmAbsent.isEmpty() ? FFM : JNA;
        }
        switch (property.trim().toLowerCase(Locale.ROOT)) {
            case "jna":
                return JNA;
            case "ffm":
                if (ffmAbsent.isPresent()) {
                    throw new WinsockUnavailableException("-D" + PROPERTY + "=" + property + ": " + ffmAbsent.get()
                            + ". Use the JNA backend (-D" + PROPERTY + "=jna).", null);
                }
                return FFM;
            default:
                throw new IllegalArgumentException("-D" + PROPERTY + "=" + property
                        + ": not a winsock4j backend; use jna or ffm");
        }
    }

    /** Whether the default is JNA only because a Java 22+ JVM did not load the FFM classes. */
    static boolean fellBack(String property, int javaFeature, Optional<String> ffmAbsent) {
        return (property == null || property.isBlank()) && javaFeature >= FFM_SINCE && ffmAbsent.isPresent();
    }

    /**
     * This backend's port over the real ws2_32. Not public: the port's calls are unguarded
     * (org.winsock4j.unguarded.UnguardedPorts is the tests' door to it).
     *
     * @return the one port of this backend in this JVM
     * @throws WinsockUnavailableException when this JVM cannot reach ws2_32 (not on 64-bit Windows
     *     or Wine), or for {@link #FFM} in a JVM without its classes (before Java 22, or a jar
     *     without {@code Multi-Release: true}); the message says which
     */
    WinsockPort port() {
        return this == FFM ? FfmWinsockPort.instance() : JnaWinsockPort.instance();
    }
}
