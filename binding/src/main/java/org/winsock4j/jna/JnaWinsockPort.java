package org.winsock4j.jna;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.winsock4j.WinsockUnavailableException;
import org.winsock4j.internal.NativeWinsockPort;
import org.winsock4j.port.WinsockPort;

/**
 * The JNA backend: the buffer layer ({@link NativeWinsockPort}) over ws2_32 through JNA's direct
 * mapping ({@link JnaWinsock}). One per JVM, reached through {@link #instance()}.
 */
public final class JnaWinsockPort {
    private static final WinsockPort INSTANCE = new NativeWinsockPort<>(new JnaWinsock());
    private static volatile boolean linked;

    private JnaWinsockPort() {}

    /**
     * The backend, after checking this JVM can reach ws2_32 and registering the mappings.
     *
     * @return the one JNA backend of this JVM
     * @throws WinsockUnavailableException on a JVM that is not on 64-bit Windows (or Wine), or
     *     when ws2_32/kernel32 fail to load; the message names the OS
     */
    public static WinsockPort instance() {
        if (!linked) {
            link();
        }
        return INSTANCE;
    }

    private static synchronized void link() {
        if (linked) {
            return;
        }
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version")
                + " (" + System.getProperty("os.arch") + ")";
        if (!Platform.isWindows()) {
            throw new WinsockUnavailableException("winsock4j needs ws2_32.dll from Windows or Wine; this JVM runs on "
                    + os + ". Run it with a Windows JVM (natively, or under Wine: see the README).", null);
        }
        if (Native.POINTER_SIZE != 8) {
            throw new WinsockUnavailableException("winsock4j maps the Win64 ABI (SOCKET is 64 bits); this JVM on "
                    + os + " has " + (8 * Native.POINTER_SIZE) + "-bit pointers", null);
        }
        try {
            Class.forName(Ws2_32.class.getName(), true, JnaWinsockPort.class.getClassLoader());
            Class.forName(Kernel32Io.class.getName(), true, JnaWinsockPort.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new WinsockUnavailableException("cannot load ws2_32.dll/kernel32.dll on " + os + ": " + e, e);
        }
        linked = true;
    }
}
