package org.winsock4j.ffm;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.winsock4j.port.WinsockPort;
import org.winsock4j.WinsockUnavailableException;

/**
 * The FFM backend as a JVM sees it when it did not load the jar's multi-release part: unavailable.
 * The multi-release part of the jar (META-INF/versions/22) holds the real class, which Java 22 and
 * later load instead of this one; both have the same public API, as a multi-release jar requires.
 * A Java 22+ JVM loads this one only when something kept it from that part (the classes run from
 * a directory, a repackaged jar lost {@code Multi-Release: true}); {@link #whyAbsent()} finds out
 * which (README, "Repackaging winsock4j").
 */
public final class FfmWinsockPort {
    private FfmWinsockPort() {}

    /** The jar's Java 22 part (META-INF/versions/N/, https://openjdk.org/jeps/238) and the real class in it. */
    private static final String JAVA_22_PART = "META-INF/versions/22/";
    private static final String REAL_CLASS = JAVA_22_PART + "org/winsock4j/ffm/FfmWinsockPort.class";

    /**
     * Why the FFM backend's classes are not in this JVM.
     *
     * @return why: this JVM is older than Java 22, or (Java 22 and later) what kept it from the
     *     jar's multi-release part, e.g. the jar and its manifest without {@code Multi-Release: true};
     *     never empty for this class
     */
    public static Optional<String> whyAbsent() {
        if (Runtime.version().feature() < 22) {
            return Optional.of("the FFM backend needs Java 22 or later (java.lang.foreign with"
                    + " Linker.Option.critical); this JVM is Java " + Runtime.version());
        }
        return Optional.of("this JVM is Java " + Runtime.version() + ", but it loaded winsock4j's Java 17"
                + " classes, not the FFM backend in " + JAVA_22_PART + ": " + whatHidThePart());
    }

    /** What kept a Java 22+ JVM from the multi-release part, read off where this class came from. */
    private static String whatHidThePart() {
        try {
            return whatHidThePartOf(FfmWinsockPort.class);
        } catch (RuntimeException e) { // e.g. a SecurityException from getProtectionDomain
            return "could not tell why (" + e + ")";
        }
    }

    private static String whatHidThePartOf(Class<?> standIn) {
        // JarFile and the built-in class loaders read multi-release jars unless this property is
        // false ("Multi-release JAR files" in
        // https://docs.oracle.com/en/java/javase/22/docs/api/java.base/java/util/jar/JarFile.html).
        String enabled = System.getProperty("jdk.util.jar.enableMultiRelease");
        if ("false".equalsIgnoreCase(enabled)) {
            return "-Djdk.util.jar.enableMultiRelease=false turns multi-release jars off";
        }
        CodeSource source = standIn.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null) {
            return "its class loader (" + standIn.getClassLoader() + ") names no code source";
        }
        if (!"file".equals(location.getProtocol())) {
            return "the classes come from " + location + " through " + standIn.getClassLoader()
                    + ", which did not read the jar's multi-release part";
        }
        Path path;
        try {
            path = Path.of(location.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return "the classes come from " + location + " (" + e + ")";
        }
        if (Files.isDirectory(path)) {
            return "the classes run from the directory " + path + ", and a JVM reads META-INF/versions/ only"
                    + " from a jar";
        }
        try (JarFile jar = new JarFile(path.toFile())) {
            Manifest manifest = jar.getManifest();
            String multiRelease = manifest == null ? null
                    : manifest.getMainAttributes().getValue(Attributes.Name.MULTI_RELEASE);
            if (multiRelease == null || !multiRelease.trim().equalsIgnoreCase("true")) {
                return "the jar " + path + " has no 'Multi-Release: true' in its manifest (META-INF/MANIFEST.MF"
                        + (manifest == null ? ", which it lacks" : "") + "), so the JVM ignores its"
                        + " META-INF/versions/; a repackaged jar must keep that entry (README, \"Repackaging winsock4j\")";
            }
            if (jar.getEntry(REAL_CLASS) == null) {
                return "the jar " + path + " says Multi-Release: true but lacks " + REAL_CLASS
                        + " (README, \"Repackaging winsock4j\")";
            }
            return "the jar " + path + " is a multi-release jar with the FFM classes, but its class loader ("
                    + standIn.getClassLoader() + ") did not read them";
        } catch (IOException e) {
            return "the jar " + path + " could not be read: " + e;
        }
    }

    /**
     * The FFM backend; in this JVM there is none.
     *
     * @return never
     * @throws WinsockUnavailableException always: the message says why ({@link #whyAbsent()})
     */
    public static WinsockPort instance() {
        throw unavailable();
    }

    /**
     * The FFM backend over another DLL that exports ws2_32's functions under their names (the
     * benchmarks' no-op DLL); in this JVM there is none.
     *
     * @param library the DLL's path or name
     * @return never
     * @throws WinsockUnavailableException always: the message says why ({@link #whyAbsent()})
     */
    public static WinsockPort boundTo(String library) {
        throw unavailable();
    }

    private static WinsockUnavailableException unavailable() {
        return new WinsockUnavailableException(whyAbsent().orElseThrow()
                + ". Use the JNA backend (-Dwinsock4j.backend=jna, the default when FFM is absent).", null);
    }
}
