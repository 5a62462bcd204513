package org.winsock4j;

import java.util.Objects;
import java.util.function.Supplier;
import org.winsock4j.internal.Lazy;
import org.winsock4j.port.Sdk;
import org.winsock4j.port.WinsockPort;
import org.winsock4j.unguarded.SafeLayerAccess;

/**
 * Winsock for one backend: WSAStartup/WSACleanup and the sockets opened on it.
 *
 * <p>{@link #system()} is ws2_32 itself, reached through the {@link Backend} this JVM selects
 * (the FFM API on Java 22 and later, JNA before; {@code -Dwinsock4j.backend=jna|ffm} overrides). Two ways to initialise it:
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
 * Windows (or Wine) throws {@link org.winsock4j.WinsockUnavailableException} naming the OS.
 */
public final class Winsock {
    static {
        // The unsupported door to the raw ports (org.winsock4j.unguarded.UnguardedPorts) for the
        // project's tests, CLI and benchmarks: these factories stay out of the public API.
        SafeLayerAccess.install(new SafeLayerAccess.WinsockFactories() {
            @Override
            public WinsockPort port(Backend backend) {
                return backend.port();
            }

            @Override
            public Winsock over(WinsockPort port) {
                return Winsock.over(port);
            }
        });
    }

    private static final class SystemHolder {
        static final Winsock SYSTEM = new Winsock(() -> Backend.selected().port());
    }

    /** The backend, reached at the first native use. */
    private final Lazy<WinsockPort> port;
    private final Object startupLock = new Object();
    private boolean implicitlyStarted;
    private boolean managedByApplication;
    private int openSessions;
    /** What this Winsock knows of each SOCKET number: its owner, or the record that it closed it. */
    private final SocketNumbers numbers = new SocketNumbers();

    /** The readiness pollers for calls on virtual threads, made at the first such wait. */
    private final Lazy<Pollers> pollers = new Lazy<>("pollers", () -> new Pollers(port()));

    /** This Winsock's pollers (platform threads, started as waiting sockets need them). */
    Pollers pollers() {
        return pollers.get();
    }

    private Winsock(Supplier<? extends WinsockPort> portSource) {
        this.port = new Lazy<>("port", portSource);
    }

    /**
     * ws2_32, for the whole process, through {@link Backend#selected()}.
     *
     * @return the one Winsock of this JVM over the selected backend; the backend is chosen and
     *     reached at the first native use
     */
    public static Winsock system() {
        return SystemHolder.SYSTEM;
    }

    /**
     * Winsock over another port: a test fake, a recording wrapper, a no-op port for benchmarks.
     * Each call returns a new, independent instance. Not public: a port makes unguarded native
     * calls (tests elsewhere use org.winsock4j.unguarded.UnguardedPorts).
     *
     * @param port the backend every call goes to
     * @return a new Winsock over {@code port}, with its own start-up ledger
     * @throws NullPointerException if {@code port} is null
     */
    static Winsock over(WinsockPort port) {
        Objects.requireNonNull(port, "port");
        return new Winsock(() -> port);
    }

    WinsockPort port() {
        return port.get();
    }

    /**
     * WSAStartup(2.2), matched by the session's close. Also turns implicit start-up off for this
     * Winsock (see the class comment).
     *
     * @return the session, whose {@link Session#close()} makes the matching WSACleanup
     * @throws WinsockException when WSAStartup fails (WSASYSNOTREADY, WSAVERNOTSUPPORTED, ...)
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsastartup">WSAStartup function (winsock2.h)</a>
     */
    public Session startup() throws WinsockException {
        WinsockPort p = port();
        int[] version = new int[2];
        synchronized (startupLock) {
            managedByApplication = true;
            int rc = p.wsaStartup(Sdk.WINSOCK_VERSION_2_2, version);
            if (rc != 0) {
                throw WinsockException.unshaped("WSAStartup", rc, null);
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
                    throw WinsockException.unshaped(operation, WsaError.WSANOTINITIALISED.code(),
                            "(The application's last Winsock session is closed.)");
                }
                return;
            }
            if (implicitlyStarted) {
                return;
            }
            int rc = p.wsaStartup(Sdk.WINSOCK_VERSION_2_2, new int[2]);
            if (rc != 0) {
                throw WinsockException.unshaped("WSAStartup", rc, null);
            }
            implicitlyStarted = true;
        }
    }

    /**
     * socket(af, type, protocol) as a {@link WinSocket}; blocking, SO_DONTLINGER.
     *
     * @param family the address family, IPv4 or IPv6
     * @param type a stream or datagram socket
     * @param protocol TCP, UDP or the type's default
     * @return the new socket, which the caller closes
     * @throws WinsockException when socket fails, or {@link WinsockException.NotInitialised} after
     *     the application's last session was closed
     * @throws NullPointerException if an argument is null
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-socket">socket function (winsock2.h)</a>
     */
    public WinSocket open(AddressFamily family, SocketType type, Protocol protocol) throws WinsockException {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(protocol, "protocol");
        ensureStarted("socket");
        WinsockPort p = port();
        long raw = p.socket(family.af, type.type, protocol.protocol);
        if (raw == Sdk.INVALID_SOCKET) {
            throw WinsockException.unshaped("socket", p.lastError(), null);
        }
        return fresh(raw, "socket()", true).typed(type.type).exclusiveBindByDefault();
    }

    /**
     * A WinSocket owning a handle ws2_32 has just returned (socket, accept). The number is new: an
     * entry left for it is the record that this Winsock closed it, or belongs to a WinSocket (or
     * a borrowed number's views) whose socket was closed behind its back; that one is cut off
     * before the new WinSocket is handed out.
     */
    WinSocket fresh(long raw, String origin, boolean blocking) {
        return new WinSocket(this, numbers.fresh(port(), raw, origin), blocking);
    }

    /**
     * A number this Winsock's accept() returned for a socket no WinSocket will own (one closed at
     * once): whatever held it is cut off, as {@link #fresh} does.
     */
    void reissued(long raw, String what) {
        numbers.reissued(raw, what);
    }

    /**
     * Takes ownership of a SOCKET created elsewhere (by C code, another library): the WinSocket
     * closes it. The WinSocket assumes the handle is in blocking mode (Winsock cannot report
     * FIONBIO); call {@link WinSocket#setBlocking} to state it.
     *
     * <p>One owner per number, and never a stale one (docs/ARCHITECTURE.md#ownership):
     * <ul>
     *   <li>A handle that an open WinSocket of this Winsock owns is refused
     *       (IllegalArgumentException naming the owner): whichever owner closed first would leave
     *       the other holding a number the system may give to the next new socket, and its close
     *       would then close that one. To operate on a handle without owning it, use {@link #borrow}.
     *   <li>A number this Winsock closed, and that its socket() or accept() has not returned since,
     *       is checked with getsockopt(SO_TYPE) (the one call this method makes): if it is not a
     *       socket, adopt fails with {@link WinsockException.NotSocket}, so no WinSocket can hold a
     *       closed number that the next new socket would get. If it is a socket, something outside
     *       this Winsock (C code, another library) has created one with that number, and that
     *       socket is adopted.
     *   <li>A number this Winsock never saw cannot be checked: a value that is not a socket fails
     *       on first use with {@link WinsockException.NotSocket}.
     *   <li>A number borrowed before ({@link #borrow}) is adopted with its views: they become views
     *       of the new owner.
     * </ul>
     * Should the number still be closed behind the WinSocket's back (by other code, or by the
     * process's last WSACleanup) and this Winsock's socket() or accept() then return it for a new
     * socket, the WinSocket is cut off at that moment: its calls in progress are cancelled and
     * waited for before the new socket is handed out, later calls fail with
     * {@link SocketClosedException} before reaching ws2_32, and its close fails with
     * {@link WinsockException.NotSocket} without calling closesocket. A number that something
     * outside this Winsock closes and creates again is beyond its sight.
     *
     * @param rawSocket the SOCKET handle to own
     * @return a blocking WinSocket that owns and will close the handle
     * @throws IllegalArgumentException for INVALID_SOCKET, or when an open WinSocket of this
     *     Winsock owns the handle (the message names it)
     * @throws WinsockException {@link WinsockException.NotSocket} for a number this Winsock closed
     *     that is not a socket now; when the implicit WSAStartup fails, or
     *     {@link WinsockException.NotInitialised} after the application's last session was closed
     */
    public WinSocket adopt(long rawSocket) throws WinsockException {
        checkRaw(rawSocket, "adopt");
        ensureStarted("adopt");
        return new WinSocket(this, numbers.adopt(port(), rawSocket), true);
    }

    /**
     * A WinSocket over a handle it does not own (.NET's {@code ownsHandle: false}): every call
     * works as on an owned one, but {@link WinSocket#close()} only ends this view, never calls
     * closesocket or changes the socket, and the Cleaner leaves it alone.
     * {@link WinSocket#closeAbortively()} and {@link WinSocket#close(java.time.Duration)}, which
     * end the connection, throw IllegalStateException on a borrowed view. Closing the view while
     * another thread is blocked in one of its calls wakes it with CancelIoEx, which cancels every
     * pending I/O on the handle, the owner's included. The view assumes blocking mode, as
     * {@link #adopt} does.
     *
     * <p>The owner's close ends the view (docs/ARCHITECTURE.md#ownership):
     * <ul>
     *   <li>A handle that a WinSocket of this Winsock owns: the view's calls count as the owner's.
     *       The owner's close cancels and waits for them as for its own (they end with
     *       {@link SocketClosedException}, whose cause is what ws2_32 told the cancelled call), and
     *       once the owner is closed every call of the view fails with SocketClosedException before
     *       reaching ws2_32: the view never reaches a number the system may have reused. A view does
     *       not keep its owner open: an owner that is dropped unclosed is closed by its Cleaner,
     *       after the view's calls in progress, and the view ends with it.
     *   <li>A number this Winsock closed and has not handed out since is checked as
     *       {@link #adopt} checks it: {@link WinsockException.NotSocket} if it is not a socket.
     *   <li>A handle owned by nobody in this Winsock (C code's socket) cannot be protected: its
     *       owner may close it at any time, also under a call of the view, and the number may then
     *       name another socket. The one case this Winsock sees, its own socket() or accept()
     *       returning the number again, cuts the view off as {@link #adopt} describes; the owner
     *       must otherwise end the views before closing the socket.
     * </ul>
     *
     * @param rawSocket the SOCKET handle to operate on; its owner keeps it
     * @return a view of the handle that never closes it
     * @throws IllegalArgumentException for INVALID_SOCKET
     * @throws WinsockException {@link WinsockException.NotSocket} for a number this Winsock closed
     *     that is not a socket now; when the implicit WSAStartup fails, or
     *     {@link WinsockException.NotInitialised} after the application's last session was closed
     */
    public WinSocket borrow(long rawSocket) throws WinsockException {
        checkRaw(rawSocket, "borrow");
        ensureStarted("borrow");
        return new WinSocket(this, numbers.borrow(port(), rawSocket), true);
    }

    private static void checkRaw(long rawSocket, String operation) {
        if (rawSocket == Sdk.INVALID_SOCKET) {
            throw new IllegalArgumentException("cannot " + operation + " INVALID_SOCKET (0x"
                    + Long.toHexString(rawSocket) + ")");
        }
    }

    @Override
    public String toString() {
        return "Winsock[" + (port.ifMade() != null ? port.ifMade() : "not linked") + "]";
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

        /**
         * WSADATA.wVersion: the version negotiated, low byte major (0x0202 for 2.2).
         *
         * @return the version word
         */
        public int version() {
            return version;
        }

        /**
         * WSADATA.wHighVersion: the highest version ws2_32 supports.
         *
         * @return the version word, low byte major
         */
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
                    throw WinsockException.unshaped("WSACleanup", port().lastError(), null);
                }
            }
        }
    }
}
