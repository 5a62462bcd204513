package org.winsock4j.cli.instrument;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Tells Wine from Windows: Wine's ntdll exports {@code const char *wine_get_version(void)},
 * Windows' does not (the check Wine's own documentation recommends). Wine's Winsock differs from
 * Windows' in places (docs/WINE-EVIDENCE.md): the CLI labels what it observed with the platform
 * and says when a kill did nothing because Wine ignores it, and the Wine tier asserts each
 * platform's own behaviour. A lab instrument, not the library's.
 */
public final class Wine {
    private Wine() {}

    private static final Optional<String> VERSION = detect();

    /**
     * Wine's version when this JVM runs under Wine; empty on Windows and on other OSes.
     *
     * @return what {@code wine_get_version()} returned, such as "10.0", or empty
     */
    public static Optional<String> version() {
        return VERSION;
    }

    /**
     * Wine's major version (8 for "8.0", 10 for "10.0-rc1"); empty when not under Wine.
     *
     * @return the leading number of {@link #version()}, or empty
     */
    public static OptionalInt majorVersion() {
        return VERSION.map(Wine::major).orElse(OptionalInt.empty());
    }

    /** The leading number of a Wine version string; empty when it has none. */
    static OptionalInt major(String version) {
        int end = 0;
        while (end < version.length() && end < 9 && Character.isDigit(version.charAt(end))) {
            end++;
        }
        return end == 0 ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(version.substring(0, end)));
    }

    /**
     * Whether this JVM runs under Wine rather than Windows.
     *
     * @return true if ntdll exports {@code wine_get_version}
     */
    public static boolean isWine() {
        return VERSION.isPresent();
    }

    private static Optional<String> detect() {
        if (!Platform.isWindows()) {
            return Optional.empty();
        }
        Function f;
        try {
            f = NativeLibrary.getInstance("ntdll").getFunction("wine_get_version");
        } catch (UnsatisfiedLinkError notWine) {
            return Optional.empty();
        }
        return Optional.ofNullable(f.invokeString(new Object[0], false));
    }
}
