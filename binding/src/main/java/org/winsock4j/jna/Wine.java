package org.winsock4j.jna;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.util.Optional;

/**
 * Tells Wine from Windows: Wine's ntdll exports {@code const char *wine_get_version(void)},
 * Windows' does not (the check Wine's own documentation recommends). Wine's Winsock differs from
 * Windows' in places, and tests name each difference.
 */
public final class Wine {
    private Wine() {}

    private static final Optional<String> VERSION = detect();

    /** Wine's version when this JVM runs under Wine; empty on Windows and on other OSes. */
    public static Optional<String> version() {
        return VERSION;
    }

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
