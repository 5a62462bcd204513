package org.winsock4j.ffm;

import org.winsock4j.port.WinsockPort;
import org.winsock4j.WinsockUnavailableException;

/**
 * The FFM backend as Java 17 to 21 see it: unavailable. The multi-release part of the jar
 * (META-INF/versions/22) holds the real class, which Java 22 and later load instead of this one;
 * both have the same public API, as a multi-release jar requires.
 */
public final class FfmWinsockPort {
    private FfmWinsockPort() {}

    /**
     * Whether the FFM backend's classes are present in this JVM.
     *
     * @return false: this is the stand-in Java 17 to 21 load (or a JVM that did not read the
     *     jar's multi-release part)
     */
    public static boolean present() {
        return false;
    }

    /**
     * The FFM backend; on this Java release there is none.
     *
     * @return never
     * @throws WinsockUnavailableException always: the message names the running Java release
     */
    public static WinsockPort instance() {
        throw unavailable();
    }

    /**
     * The FFM backend over another DLL that exports ws2_32's functions under their names (the
     * benchmarks' no-op DLL); on this Java release there is none.
     *
     * @param library the DLL's path or name
     * @return never
     * @throws WinsockUnavailableException always: the message names the running Java release
     */
    public static WinsockPort boundTo(String library) {
        throw unavailable();
    }

    private static WinsockUnavailableException unavailable() {
        return new WinsockUnavailableException("the FFM backend needs Java 22 or later (java.lang.foreign with"
                + " Linker.Option.critical); this JVM is Java " + Runtime.version()
                + ". Use the JNA backend (-Dwinsock4j.backend=jna, the default before Java 22).", null);
    }
}
