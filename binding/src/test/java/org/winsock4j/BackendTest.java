package org.winsock4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winsock4j.ffm.FfmWinsockPort;

/**
 * How the backend is chosen (issues 13 and 21): the property first, else FFM on Java 22+ when its
 * classes are there; and, when a Java 22+ JVM lacks them, why.
 */
class BackendTest {
    private static final Optional<String> PRESENT = Optional.empty();
    private static final Optional<String> NO_MULTI_RELEASE = Optional.of("the jar x.jar has no 'Multi-Release: true'");

    @Test
    void theDefaultIsFfmFromJava22WhenItsClassesArePresentAndJnaOtherwise() {
        assertEquals(Backend.JNA, Backend.choose(null, 17, Optional.of("needs Java 22")));
        assertEquals(Backend.JNA, Backend.choose(null, 21, Optional.of("needs Java 22")));
        assertEquals(Backend.FFM, Backend.choose(null, 22, PRESENT));
        assertEquals(Backend.FFM, Backend.choose("", 25, PRESENT));
        // A JVM new enough that did not read the multi-release part (classes from a directory,
        // a repackaged jar without Multi-Release: true) falls back to JNA by default, and that
        // fallback (only that one) is what selected() logs.
        assertEquals(Backend.JNA, Backend.choose(null, 25, NO_MULTI_RELEASE));
        assertTrue(Backend.fellBack(null, 25, NO_MULTI_RELEASE));
        assertFalse(Backend.fellBack(null, 21, Optional.of("needs Java 22")));
        assertFalse(Backend.fellBack("jna", 25, NO_MULTI_RELEASE));
        assertFalse(Backend.fellBack(null, 25, PRESENT));
    }

    @Test
    void thePropertyChoosesEitherBackendWhereItsClassesArePresent() {
        assertEquals(Backend.JNA, Backend.choose("jna", 25, PRESENT));
        assertEquals(Backend.JNA, Backend.choose(" JNA ", 22, PRESENT));
        assertEquals(Backend.JNA, Backend.choose("jna", 25, NO_MULTI_RELEASE));
        assertEquals(Backend.FFM, Backend.choose("FFM", 25, PRESENT));
    }

    /**
     * Issue 21: selected() said FFM for -Dwinsock4j.backend=ffm in a JVM without the FFM classes,
     * and the first socket then failed. Now the choice itself fails, with the cause.
     */
    @Test
    void ffmIsNeverChosenWhereItsClassesAreAbsent() {
        WinsockUnavailableException e = assertThrows(WinsockUnavailableException.class,
                () -> Backend.choose("ffm", 25, NO_MULTI_RELEASE));
        assertTrue(e.getMessage().startsWith("-Dwinsock4j.backend=ffm: the jar x.jar has no 'Multi-Release: true'"),
                e.getMessage());
        assertThrows(WinsockUnavailableException.class, () -> Backend.choose("ffm", 17, Optional.of("needs Java 22")));
    }

    @Test
    void anUnknownBackendNameIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Backend.choose("panama", 25, PRESENT));
        assertTrue(e.getMessage().contains("-Dwinsock4j.backend=panama"), e.getMessage());
        assertTrue(e.getMessage().contains("jna or ffm"), e.getMessage());
    }

    /**
     * The unit tests run from target/classes, a directory, where a JVM reads no multi-release
     * part: the stand-in answers, and says why; on this Java 22+ build JDK, that the classes run
     * from a directory (not the contradiction "needs Java 22; this JVM is Java 25").
     */
    @Test
    void theStandInSaysWhyTheFfmBackendIsAbsent() {
        Optional<String> why = FfmWinsockPort.whyAbsent();
        assertTrue(why.isPresent());
        if (Runtime.version().feature() >= 22) {
            assertTrue(why.get().contains("the classes run from the directory "), why.get());
            assertFalse(why.get().contains("needs Java 22"), why.get());
        } else {
            assertTrue(why.get().contains("needs Java 22 or later"), why.get());
        }
        assertTrue(why.get().contains("Java " + Runtime.version()), why.get());
        WinsockUnavailableException e = assertThrows(WinsockUnavailableException.class, FfmWinsockPort::instance);
        assertTrue(e.getMessage().startsWith(why.get()), e.getMessage());
        assertThrows(WinsockUnavailableException.class, () -> FfmWinsockPort.boundTo("noop_ws2.dll"));
        assertThrows(WinsockUnavailableException.class, Backend.FFM::port);
        if (Runtime.version().feature() >= 22) {
            assertEquals(Backend.JNA, Backend.selected()); // logs the fallback once
            WinsockUnavailableException explicit = assertThrows(WinsockUnavailableException.class,
                    () -> withProperty(Backend.PROPERTY, "ffm", Backend::selected));
            assertTrue(explicit.getMessage().contains("the classes run from the directory "), explicit.getMessage());
            String off = withProperty("jdk.util.jar.enableMultiRelease", "false", FfmWinsockPort::whyAbsent).orElseThrow();
            assertTrue(off.contains("-Djdk.util.jar.enableMultiRelease=false turns multi-release jars off"), off);
        }
    }

    /**
     * The stand-in loaded from a jar, as from a repackaged one: without Multi-Release: true it
     * names the jar and the missing entry; with the entry but without the Java 22 classes it
     * names the missing class; a complete multi-release jar gives the real class (the control).
     */
    @Test
    void theStandInFromAJarNamesTheJarAndWhatItLacks(@TempDir Path dir) throws Exception {
        assertTrue(Runtime.version().feature() >= 22, "the build runs on JDK 22+ (pom.xml's enforcer)");
        Path noEntry = jar(dir.resolve("no-entry.jar"), false, false);
        String why = whyAbsentIn(noEntry).orElseThrow();
        assertTrue(why.contains("the jar " + noEntry + " has no 'Multi-Release: true' in its manifest"), why);
        assertTrue(why.contains("this JVM is Java " + Runtime.version()), why);

        Path noClasses = jar(dir.resolve("no-java22-classes.jar"), true, false);
        why = whyAbsentIn(noClasses).orElseThrow();
        assertTrue(why.contains("the jar " + noClasses + " says Multi-Release: true but lacks"
                + " META-INF/versions/22/org/winsock4j/ffm/FfmWinsockPort.class"), why);

        assertEquals(Optional.empty(), whyAbsentIn(jar(dir.resolve("complete.jar"), true, true)));
    }

    /** A jar of the stand-in (and the port classes it names), optionally multi-release with the real class. */
    private static Path jar(Path path, boolean multiRelease, boolean realClass) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (multiRelease) {
            manifest.getMainAttributes().put(Attributes.Name.MULTI_RELEASE, "true");
        }
        Path classes = Path.of("target/classes");
        try (OutputStream out = Files.newOutputStream(path); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            for (String c : new String[] {"org/winsock4j/ffm/FfmWinsockPort.class",
                "org/winsock4j/port/WinsockPort.class", "org/winsock4j/WinsockUnavailableException.class",
                "org/winsock4j/internal/NativeWinsock.class", "org/winsock4j/internal/NativeWinsockPort.class"}) {
                jar.putNextEntry(new JarEntry(c));
                jar.write(Files.readAllBytes(classes.resolve(c)));
            }
            if (realClass) {
                String c = "META-INF/versions/22/org/winsock4j/ffm/FfmWinsockPort.class";
                jar.putNextEntry(new JarEntry(c));
                jar.write(Files.readAllBytes(classes.resolve(c)));
            }
        }
        return path;
    }

    @SuppressWarnings("unchecked")
    private static Optional<String> whyAbsentIn(Path jar) throws Exception {
        // Parent: the boot loader only (the platform loader would delegate org.winsock4j to the
        // application loader, which has the module under test).
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Class<?> c = Class.forName("org.winsock4j.ffm.FfmWinsockPort", true, loader);
            assertEquals(loader, c.getClassLoader());
            try {
                return (Optional<String>) c.getMethod("whyAbsent").invoke(null);
            } catch (InvocationTargetException e) {
                throw new AssertionError(e.getCause());
            }
        }
    }

    private static <T> T withProperty(String name, String value, java.util.function.Supplier<T> action) {
        String before = System.getProperty(name);
        System.setProperty(name, value);
        try {
            return action.get();
        } finally {
            if (before == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, before);
            }
        }
    }
}
