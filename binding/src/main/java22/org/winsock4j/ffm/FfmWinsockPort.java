package org.winsock4j.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.winsock4j.internal.NativeWinsockPort;
import org.winsock4j.port.WinsockPort;
import org.winsock4j.WinsockUnavailableException;

/**
 * The FFM backend ({@code java.lang.foreign}), Java 22 and later: the buffer layer
 * ({@link NativeWinsockPort}) over ws2_32's downcall handles ({@link FfmWinsock}). This class is the
 * multi-release jar's META-INF/versions/22 one; Java 17 to 21 load a stand-in that reports the
 * backend unavailable. Both have the same public API.
 */
public final class FfmWinsockPort {
    private FfmWinsockPort() {}

    private static volatile WinsockPort system;

    /**
     * Why the FFM backend's classes are not in this JVM.
     *
     * @return empty: this is the real class of the jar's multi-release part
     */
    public static Optional<String> whyAbsent() {
        return Optional.empty();
    }

    /**
     * The FFM backend over ws2_32, after checking this JVM can reach it.
     *
     * @return the one FFM port over ws2_32 of this JVM
     * @throws WinsockUnavailableException on a JVM that is not on 64-bit Windows (or Wine), or
     *     when ws2_32/kernel32 cannot be found; the message names the OS
     */
    public static WinsockPort instance() {
        WinsockPort p = system;
        if (p == null) {
            synchronized (FfmWinsockPort.class) {
                p = system;
                if (p == null) {
                    checkPlatform();
                    p = link(Ws2_32.Library::system, "ws2_32.dll/kernel32.dll");
                    system = p;
                }
            }
        }
        return p;
    }

    /**
     * The FFM backend over another DLL that exports ws2_32's functions under their names (the
     * benchmarks' no-op DLL); kernel32's CancelIoEx stays kernel32's. A function the DLL does not
     * export fails when called (an AssertionError whose cause, UnsupportedOperationException,
     * names it): this is for measuring the binding, not for sockets.
     *
     * @param library the DLL's path or name
     * @return a new port over that DLL
     * @throws NullPointerException if {@code library} is null
     * @throws WinsockUnavailableException off 64-bit Windows (or Wine), or when the DLL lacks a
     *     function
     */
    public static WinsockPort boundTo(String library) {
        Objects.requireNonNull(library, "library");
        checkPlatform();
        return link(() -> {
            Arena global = Arena.global();
            return new Ws2_32.Library(library, SymbolLookup.libraryLookup(library, global),
                    SymbolLookup.libraryLookup("kernel32", global), true);
        }, library);
    }

    private static WinsockPort link(Supplier<Ws2_32.Library> library, String what) {
        try {
            return new NativeWinsockPort<>(new FfmWinsock(new Ws2_32.Handles(library.get())));
        } catch (IllegalArgumentException | UnsatisfiedLinkError e) {
            throw new WinsockUnavailableException("cannot link " + what + " through the FFM API on " + os() + ": " + e, e);
        }
    }

    private static void checkPlatform() {
        if (!System.getProperty("os.name", "").startsWith("Windows")) {
            throw new WinsockUnavailableException("winsock4j needs ws2_32.dll from Windows or Wine; this JVM runs on "
                    + os() + ". Run it with a Windows JVM (natively, or under Wine: see the README).", null);
        }
        if (ValueLayout.ADDRESS.byteSize() != 8) {
            throw new WinsockUnavailableException("winsock4j maps the Win64 ABI (SOCKET is 64 bits); this JVM on "
                    + os() + " has " + (8 * ValueLayout.ADDRESS.byteSize()) + "-bit pointers", null);
        }
    }

    private static String os() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                + System.getProperty("os.arch") + ")";
    }
}
