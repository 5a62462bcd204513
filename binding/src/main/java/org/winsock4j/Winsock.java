package org.winsock4j;

import java.util.Objects;
import java.util.function.Supplier;
import org.winsock4j.jna.JnaWinsockPort;
import org.winsock4j.port.Sdk;
import org.winsock4j.port.WinsockPort;

/**
 * Winsock for one backend: WSAStartup/WSACleanup and the sockets opened on it.
 *
 * <p>{@link #system()} is ws2_32 itself, reached through JNA. Two ways to initialise it:
 * <ul>
 *   <li>Implicitly: the first {@link #open} calls WSAStartup(2.2) once, thread-safely, for the
 *       rest of the process (as the JDK and .NET do). Nothing to call.
 *   <li>Explicitly: {@link #startup()} returns a {@link Session}; each one is a WSAStartup that
 *       its {@link Session#close()} matches with one WSACleanup. Once an application has started
 *       a session, winsock4j never initialises implicitly, and after its last session is closed,
 *       {@link #open} and {@link #adopt} fail with {@link WinsockException.NotInitialised}
 *       (WSANOTINITIALISED), as ws2_32 does after the last WSACleanup.
 * </ul>
 *
 * <p>Why winsock4j keeps that ledger itself: ws2_32 counts WSAStartup calls per process, and the
 * JVM's own networking library (net.dll) holds references of its own (two, seen under Wine with
 * Temurin 17), so the application's last WSACleanup is rarely ws2_32's last. winsock4j refuses
 * new sockets once the application said it is done; ws2_32 itself answers WSANOTINITIALISED only
 * when every reference in the process is gone.
 *
 * <p>Loading this class works on any OS; the first native use on a JVM that is not on 64-bit
 * Windows (or Wine) throws {@link org.winsock4j.port.WinsockUnavailableException} naming the OS.
 */
public final class Winsock {
    private static final class SystemHolder {
        static final Winsock SYSTEM = new Winsock(JnaWinsockPort::instance);
    }

    private final Supplier<? extends WinsockPort> portSource;
    private volatile WinsockPort port;
    private final Object startupLock = new Object();
    private boolean implicitlyStarted;
    private boolean managedByApplication;
    private int openSessions;

    private Winsock(Supplier<? extends WinsockPort> portSource) {
        this.portSource = portSource;
    }

    /** ws2_32 through JNA, for the whole process. */
    public static Winsock system() {
        return SystemHolder.SYSTEM;
    }

    /**
     * Winsock over another backend: a test fake, a no-op port for benchmarks, a future Panama
     * backend. Each call returns a new, independent instance.
     */
    public static Winsock over(WinsockPort port) {
        Objects.requireNonNull(port, "port");
        return new Winsock(() -> port);
    }

    WinsockPort port() {
        WinsockPort p = port;
        if (p == null) {
            synchronized (startupLock) {
                p = port;
                if (p == null) {
                    p = Objects.requireNonNull(portSource.get(), "port");
                    port = p;
                }
            }
        }
        return p;
    }

    /**
     * WSAStartup(2.2), matched by the session's close. Also turns implicit start-up off for this
     * Winsock (see the class comment).
     */
    public Session startup() throws WinsockException {
        WinsockPort p = port();
        int[] version = new int[2];
        synchronized (startupLock) {
            managedByApplication = true;
            int rc = p.wsaStartup(Sdk.WINSOCK_VERSION_2_2, version);
            if (rc != 0) {
                throw WinsockException.of("WSAStartup", rc);
            }
            openSessions++;
        }
        return new Session(version[0], version[1]);
    }

    /**
     * WSAStartup once for the process unless the application manages start-up itself; refuses
     * with WSANOTINITIALISED once the application's last session is closed.
     */
    private void ensureStarted(String operation) throws WinsockException {
        WinsockPort p = port();
        synchronized (startupLock) {
            if (managedByApplication) {
                if (openSessions == 0) {
                    throw WinsockException.of(operation, WsaError.WSANOTINITIALISED.code(),
                            "(The application's last Winsock session is closed.)");
                }
                return;
            }
            if (implicitlyStarted) {
                return;
            }
            int rc = p.wsaStartup(Sdk.WINSOCK_VERSION_2_2, new int[2]);
            if (rc != 0) {
                throw WinsockException.of("WSAStartup", rc);
            }
            implicitlyStarted = true;
        }
    }

    /** socket(af, type, protocol) as a {@link WinSocket}; blocking, SO_DONTLINGER. */
    public WinSocket open(AddressFamily family, SocketType type, Protocol protocol) throws WinsockException {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(protocol, "protocol");
        ensureStarted("socket");
        WinsockPort p = port();
        long raw = p.socket(family.af, type.type, protocol.protocol);
        if (raw == Sdk.INVALID_SOCKET) {
            throw WinsockException.of("socket", p.lastError());
        }
        return new WinSocket(this, raw);
    }

    /**
     * Takes ownership of a SOCKET created elsewhere (by C code, another library): the WinSocket
     * closes it. Nothing is checked here: a value that is not a socket fails on first use, with
     * {@link WinsockException.NotSocket}.
     *
     * @throws IllegalArgumentException for INVALID_SOCKET
     */
    public WinSocket adopt(long rawSocket) throws WinsockException {
        if (rawSocket == Sdk.INVALID_SOCKET) {
            throw new IllegalArgumentException("cannot adopt INVALID_SOCKET (0x" + Long.toHexString(rawSocket) + ")");
        }
        ensureStarted("adopt");
        return new WinSocket(this, rawSocket);
    }

    @Override
    public String toString() {
        return "Winsock[" + (port != null ? port : "not linked") + "]";
    }

    /** One WSAStartup; {@link #close()} is its one WSACleanup. */
    public final class Session implements AutoCloseable {
        private final int version;
        private final int highVersion;
        private boolean closed;

        private Session(int version, int highVersion) {
            this.version = version;
            this.highVersion = highVersion;
        }

        /** WSADATA.wVersion: the version negotiated, low byte major (0x0202 for 2.2). */
        public int version() {
            return version;
        }

        /** WSADATA.wHighVersion: the highest version ws2_32 supports. */
        public int highVersion() {
            return highVersion;
        }

        /** WSACleanup, once; later calls do nothing. */
        @Override
        public void close() throws WinsockException {
            synchronized (startupLock) {
                if (closed) {
                    return;
                }
                closed = true;
                openSessions--;
                if (port().wsaCleanup() == Sdk.SOCKET_ERROR) {
                    throw WinsockException.of("WSACleanup", port().lastError());
                }
            }
        }
    }
}
