package org.winsock4j.unguarded;

import java.util.Objects;
import org.winsock4j.Backend;
import org.winsock4j.Winsock;
import org.winsock4j.port.IpHelperPort;
import org.winsock4j.port.WinsockPort;
import org.winsock4j.tcp.IpHelper;

/**
 * Unsupported: the raw ports beneath winsock4j's API, for winsock4j's own tests, command line and
 * benchmarks. Not part of the API, and it may change in any release.
 *
 * <p>A port ({@link WinsockPort}) is one method per native function: {@code closesocket(long)},
 * {@code recv(long, ...)} on a bare SOCKET number, with no lifetime guard. Such a call may reach a
 * socket that was closed and whose number now belongs to another socket (ws2_32 reuses handle
 * values), and nothing stops a closesocket while another call on the socket is in progress: the
 * two things a {@link org.winsock4j.WinSocket} exists to prevent (README, "The rules a WinSocket
 * follows"). Applications use {@link Winsock#system()} and {@link IpHelper#system()}.
 *
 * <p>On the module path the packages {@code org.winsock4j.port} and {@code org.winsock4j.unguarded}
 * are not exported (module-info says so; {@code --add-exports} opens them for a test that insists);
 * on the class path, where exports do not apply, this class is the one door to them.
 */
public final class UnguardedPorts {
    private UnguardedPorts() {}

    /**
     * A backend's raw port over the real ws2_32: every method a native call on a bare SOCKET.
     *
     * @param backend the backend
     * @return its one port in this JVM
     * @throws NullPointerException if {@code backend} is null
     * @throws org.winsock4j.WinsockUnavailableException when this JVM cannot reach ws2_32, or for
     *     {@link Backend#FFM} before Java 22; the message says which
     */
    public static WinsockPort of(Backend backend) {
        Objects.requireNonNull(backend, "backend");
        return SafeLayerAccess.winsock().port(backend);
    }

    /**
     * A {@link Winsock} whose sockets make their native calls through {@code port}: a test fake, a
     * recording wrapper, a no-op port for benchmarks, or a raw port from {@link #of}. Each call
     * returns a new, independent instance with its own start-up ledger and owners.
     *
     * @param port the port every call goes to
     * @return a new Winsock over {@code port}
     * @throws NullPointerException if {@code port} is null
     */
    public static Winsock winsockOver(WinsockPort port) {
        Objects.requireNonNull(port, "port");
        return SafeLayerAccess.winsock().over(port);
    }

    /**
     * An {@link IpHelper} over another IP Helper port (a test fake, a recording wrapper).
     *
     * @param port the port every call goes to
     * @return a new IpHelper over {@code port}
     * @throws NullPointerException if {@code port} is null
     */
    public static IpHelper ipHelperOver(IpHelperPort port) {
        Objects.requireNonNull(port, "port");
        return SafeLayerAccess.ipHelper().over(port);
    }
}
