package org.winsock4j.cli.matrix;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.winsock4j.AddressFamily;
import org.winsock4j.Backend;
import org.winsock4j.IntOption;
import org.winsock4j.Linger;
import org.winsock4j.Protocol;
import org.winsock4j.ShutdownHow;
import org.winsock4j.SocketClosedException;
import org.winsock4j.SocketType;
import org.winsock4j.WinSocket;
import org.winsock4j.Winsock;
import org.winsock4j.WinsockError;
import org.winsock4j.WinsockException;
import org.winsock4j.WsaError;
import org.winsock4j.cli.instrument.OverlappedReceive;
import org.winsock4j.cli.instrument.Wine;
import org.winsock4j.port.Sdk;
import org.winsock4j.port.SdkStructs;
import org.winsock4j.port.WinsockPort;
import org.winsock4j.tcp.IpHelper;
import org.winsock4j.tcp.TcpConnection;
import org.winsock4j.tcp.TcpState;
import org.winsock4j.unguarded.UnguardedPorts;

/**
 * Runs the scenarios on the real ws2_32 through winsock4j: each on its own fresh loopback
 * connection, once against the in-process Winsock peer and once against the wire peer (when
 * given). Everything it reports is read from the platform: return values, errors, durations,
 * getsockname on the old handle, the peer's bytes and end, GetExtendedTcpTable rows.
 *
 * <p>native-headers/probes/close_matrix.c does the same steps in C, from the same scenario data
 * file; the two outputs must agree.
 */
public final class MatrixRunner {
    private static final ScenarioCatalog.Constants K = Scenarios.constants();

    private final Winsock winsock = Winsock.system();
    /** The raw port of the backend {@link Winsock#system()} uses, for the steps no WinSocket takes. */
    private final Backend backend = Backend.selected();
    private final WinsockPort raw = UnguardedPorts.of(backend);
    private final IpHelper ipHelper = IpHelper.system();
    private final InetSocketAddress wireControl;
    private final long selfPid = ProcessHandle.current().pid();
    private final boolean kernel = KernelTcpTable.available();
    private Integer otherWsaStartupReferencesDrained;

    /**
     * Whether the scenarios run on virtual threads (the closing thread and the threads blocked in
     * calls alike): issue 14's proof that winsock4j's close semantics do not change there.
     */
    private final boolean virtualThreads;

    /** @param wireControl the wire peer's control address, or null when there is none */
    public MatrixRunner(InetSocketAddress wireControl) {
        this(wireControl, false);
    }

    /**
     * @param wireControl the wire peer's control address, or null when there is none
     * @param virtualThreads run every scenario's threads as virtual threads (Java 21+)
     * @throws UnsupportedOperationException for virtual threads on a Java without them
     */
    public MatrixRunner(InetSocketAddress wireControl, boolean virtualThreads) {
        this.wireControl = wireControl;
        this.virtualThreads = virtualThreads;
        if (virtualThreads && START_VIRTUAL == null) {
            throw new UnsupportedOperationException("--virtual-threads needs Java 21 or later; this is Java " + Runtime.version());
        }
    }

    /** Thread.startVirtualThread(Runnable), Java 21+, or null (the CLI is Java 17 bytecode). */
    private static final java.lang.reflect.Method START_VIRTUAL = startVirtual();

    private static java.lang.reflect.Method startVirtual() {
        try {
            return Thread.class.getMethod("startVirtualThread", Runnable.class);
        } catch (NoSuchMethodException beforeJava21) {
            return null;
        }
    }

    /** Starts {@code r} on a virtual thread when the matrix runs on them, else on a platform thread. */
    private Thread start(Runnable r, String name) {
        if (!virtualThreads) {
            Thread t = new Thread(r, name);
            t.start();
            return t;
        }
        try {
            Thread t = (Thread) START_VIRTUAL.invoke(null, r);
            t.setName(name);
            return t;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot start a virtual thread", e);
        }
    }

    /** "java/ffm" or "java/jna": the matrix through winsock4j on that backend. */
    public static String implementation(Backend backend) {
        return "java/" + backend.name().toLowerCase(java.util.Locale.ROOT);
    }

    public static String platform() {
        return Wine.version().map(v -> "Wine " + v).orElse("Windows " + System.getProperty("os.version"));
    }

    public Observation.Matrix run(List<Scenario> scenarios, Consumer<String> progress) throws IOException {
        if (!virtualThreads) {
            return runHere(scenarios, progress);
        }
        // The whole run on one virtual thread (each scenario's closer), its helpers on others.
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread main = start(() -> {
            try {
                outcome.set(runHere(scenarios, progress));
            } catch (IOException | RuntimeException | Error e) {
                outcome.set(e);
            }
        }, "matrix");
        try {
            main.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while the matrix ran on virtual threads");
        }
        Object o = outcome.get();
        if (o instanceof IOException e) {
            throw e;
        }
        if (o instanceof RuntimeException e) {
            throw e;
        }
        if (o instanceof Error e) {
            throw e;
        }
        return (Observation.Matrix) o;
    }

    private Observation.Matrix runHere(List<Scenario> scenarios, Consumer<String> progress) throws IOException {
        long t0 = System.nanoTime();
        List<Observation.ScenarioResult> results = new ArrayList<>();
        int i = 0;
        for (Scenario s : scenarios) {
            i++;
            long s0 = System.nanoTime();
            Observation.Run w = runOnce(s, false, i == 1);
            Observation.Run wire = wireControl == null || !s.wirePeer() ? null : runOnce(s, true, false);
            results.add(new Observation.ScenarioResult(s.id(), s.title(), w, wire, null, null, null, null));
            progress.accept(String.format("[%2d/%d] %-55s %5d ms", i, scenarios.size(), s.id(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - s0)));
        }
        Observation.Context context = new Observation.Context(selfPid,
                System.getProperty("java.vendor") + " " + System.getProperty("java.version"), otherWsaStartupReferencesDrained);
        return new Observation.Matrix(Observation.SCHEMA_VERSION, "winsock4j close-matrix",
                implementation(backend) + (virtualThreads ? "/virtual-threads" : ""), platform(),
                wireControl == null ? null : wireControl.getHostString() + ":" + wireControl.getPort(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), results, context);
    }

    /**
     * @param owners whether to read the closer's row with its owning PID before closing: only in
     *     the first scenario's in-process run, because Wine finds owners by scanning every
     *     process's open files for every row (hundreds of ms once TIME_WAIT rows pile up)
     */
    private Observation.Run runOnce(Scenario s, boolean wire, boolean owners) throws IOException {
        switch (s.special()) {
            case BLOCKED_ACCEPT:
                return blockedAccept();
            case LINGER_ONOFF_0X100:
            case LINGER_OPTLEN_2:
            case LINGER_ON_UDP:
                return optionStep(s);
            default:
                break;
        }
        boolean cleanup = s.special() == Scenario.Special.AFTER_CLEANUP || s.special() == Scenario.Special.CLEANUP_WITH_OPEN_SOCKET;
        boolean readAtOnce = s.data() == Scenario.Data.NONE && !cleanup;
        boolean eager = s.action() == Scenario.Action.CLOSE_TIMEOUT;
        boolean peerConnects = s.special() == Scenario.Special.LISTENER_LINGER || s.special() == Scenario.Special.NONBLOCKING_LISTENER;
        try (PeerSide peer = wire ? new PeerSide.Wire(wireControl, readAtOnce, eager, peerConnects)
                : new PeerSide.InProcess(winsock, readAtOnce, eager, peerConnects)) {
            return cleanup ? cleanup(s, peer, owners) : scenario(s, peer, owners);
        }
    }

    private static final boolean TRACE = System.getenv("WINSOCK4J_TRACE") != null;
    private static long traceT0;

    private static void trace(String what) {
        if (TRACE) {
            long now = System.nanoTime();
            if (what.startsWith("begin")) {
                traceT0 = now;
            }
            System.err.printf("  trace %6.1f ms %s%n", (now - traceT0) / 1e6, what);
        }
    }

    private Observation.Run scenario(Scenario s, PeerSide peer, boolean owners) throws IOException {
        trace("begin " + s.id());
        Scenario.Special special = s.special();
        boolean accepted = peer.connectsToCloser();
        WinSocket closer;
        String optionAfter = null;
        if (accepted) {
            closer = acceptFromPeer(s, peer);
            optionAfter = special == Scenario.Special.LISTENER_LINGER ? lingerText(closer.rawHandle()) : modeText(closer);
        } else if (special == Scenario.Special.RAW_CLOSE_DURING_BLOCKED_RECV) {
            // the raw closesocket below must close a handle no WinSocket owns: a borrowed view never closes it
            long raw = this.raw.socket(Sdk.AF_INET, Sdk.SOCK_STREAM, Sdk.IPPROTO_TCP);
            if (raw == Sdk.INVALID_SOCKET) {
                throw new IOException("socket failed: " + this.raw.lastError());
            }
            closer = winsock.borrow(raw);
        } else {
            closer = winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
        }
        long handle = closer.rawHandle();
        boolean released = false;
        try {
            closer.setOption(IntOption.SO_SNDBUF, K.sndbufBytes());
            if (!accepted) {
                closer.connect(peer.address());
                peer.connected();
            }
            InetSocketAddress local = closer.localAddress();
            InetSocketAddress remote = closer.remoteAddress();
            trace("connected");
            long sent = s.data() == Scenario.Data.NONE ? sendPayload(closer, peer) : fill(closer);
            trace("sent");
            if (special != Scenario.Special.LISTENER_LINGER) {
                applyLinger(closer, s.linger());
            }
            if (special == Scenario.Special.DONTLINGER_CLEARED) {
                closer.setDontLinger(true);
                closer.setDontLinger(false);
                optionAfter = lingerText(handle);
            }
            if (special == Scenario.Special.SHUTDOWN_RECEIVE_PEER_SENDS) {
                closer.shutdown(ShutdownHow.RECEIVE);
                peer.send(K.payloadBytes());
                PeerSide.sleepQuietly(K.settleMillis());
            }
            if (s.mode() == Scenario.Mode.NON_BLOCKING && !accepted) {
                closer.setBlocking(false);
            }
            String[] before = rowBefore(local, remote, owners);
            Long unsentBefore = kernelRow(local, remote).map(KernelTcpTable.Row::txQueue).orElse(null);
            trace("row before");

            AtomicReference<Integer> blockedError = new AtomicReference<>();
            Thread blocked = startBlockedCall(special, closer, handle, blockedError);
            OverlappedReceive overlapped = special == Scenario.Special.OVERLAPPED_RECV ? OverlappedReceive.post(handle, 1) : null;

            Closed closed = special == Scenario.Special.RAW_CLOSE_DURING_BLOCKED_RECV ? rawClose(handle)
                    : timedClose(() -> {
                        switch (s.action()) {
                            case CLOSE -> closer.close();
                            case SHUTDOWN_CLOSE -> {
                                closer.shutdown(ShutdownHow.SEND);
                                closer.close();
                            }
                            case CLOSE_TIMEOUT -> closer.close(Duration.ofMillis(K.closeTimeoutMillis()));
                        }
                    });
            released = special == Scenario.Special.RAW_CLOSE_DURING_BLOCKED_RECV ? closed.result() == 0 : !closer.isOpen();
            String completion = null;
            if (overlapped != null) {
                completion = overlapped.awaitCompletion(0) ? "before-close-returned"
                        : overlapped.awaitCompletion(K.completionWaitMillis()) ? "after-close-returned" : "pending";
                OverlappedReceive.Completion c = overlapped.result();
                blockedError.set(c.ok() ? 0 : c.error());
                optionAfter = String.format("Internal=0x%08X", overlapped.internalStatus() & 0xFFFFFFFFL);
                overlapped.close();
            }
            if (blocked != null) {
                try {
                    blocked.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            trace("closed");
            int handleError = handleError(handle, local);
            if (s.data() == Scenario.Data.UNSENT) {
                // Wine 10 finishes an abortive close of a full send path after closesocket returned; a
                // peer reading at once races it and may even get everything. Wait while the closer's
                // kernel row is ESTABLISHED or FIN_WAIT_1 (a reset after shutdown(SEND) passes through
                // it; at most stateSettleMillis), then settle, as C does.
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(K.stateSettleMillis());
                while (kernel && System.nanoTime() < deadline && kernelRow(local, remote)
                        .map(r -> "ESTABLISHED".equals(r.state()) || "FIN_WAIT_1".equals(r.state())).orElse(false)) {
                    PeerSide.sleepQuietly(10);
                }
                PeerSide.sleepQuietly(K.settleMillis());
            }
            peer.go();
            Observation.Peer seen = peer.result();
            trace("peer result");
            String[] after = stateAfter(local, remote);
            trace("state after");
            return new Observation.Run(closed.result(), closed.error(), closed.millis(), handleError == 0, handleError, sent,
                    unsentBefore, before[0],
                    before[1] == null ? null : Boolean.valueOf(before[1]), seen, after[0], after[1], blockedError.get(),
                    optionAfter, completion);
        } finally {
            if (special == Scenario.Special.RAW_CLOSE_DURING_BLOCKED_RECV) {
                closer.close(); // the borrowed view only
                if (!released) {
                    abortiveRawClose(handle);
                }
            } else if (closer.isOpen()) {
                try {
                    closer.closeAbortively();
                } catch (WinsockException ignored) {
                    // clean-up only
                }
            }
        }
    }

    /** The listener (linger or non-blocking mode set on it), the peer connects, the accepted socket is the closer. */
    private WinSocket acceptFromPeer(Scenario s, PeerSide peer) throws IOException {
        WinSocket listener = winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
        try {
            if (s.special() == Scenario.Special.LISTENER_LINGER) {
                applyLinger(listener, s.linger());
            }
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            listener.listen(1);
            if (s.special() == Scenario.Special.NONBLOCKING_LISTENER) {
                listener.setBlocking(false);
            }
            peer.connectTo(listener.localAddress());
            long deadline = System.nanoTime() + 5_000_000_000L;
            for (;;) {
                try {
                    WinSocket closer = listener.accept();
                    peer.connected();
                    return closer;
                } catch (WinsockException.WouldBlock notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException("the peer's connection did not arrive at the non-blocking listener in 5 s");
                    }
                    PeerSide.sleepQuietly(1);
                }
            }
        } finally {
            listener.close();
        }
    }

    /** The other thread's call that the close must end, or null for none. */
    private Thread startBlockedCall(Scenario.Special special, WinSocket closer, long handle, AtomicReference<Integer> error) {
        Runnable call;
        switch (special) {
            case BLOCKED_RECV -> call = () -> blockedCall(error, () -> closer.recv(new byte[1], 0, 1));
            case BLOCKED_SEND -> call = () -> blockedCall(error, () -> closer.send(new byte[K.blockedSendBytes()], 0, K.blockedSendBytes()));
            case RAW_CLOSE_DURING_BLOCKED_RECV -> call = () -> error.set(raw.recv(handle, new byte[1], 0, 1, 0) == Sdk.SOCKET_ERROR
                    ? raw.lastError() : 0);
            default -> {
                return null;
            }
        }
        Thread t = start(call, "blocked-call");
        PeerSide.sleepQuietly(K.blockedCallStartMillis());
        return t;
    }

    private interface SocketCall {
        void run() throws IOException;
    }

    /** What a close action returned (0 or SOCKET_ERROR), its WSA error (0 on success) and how long it took. */
    private record Closed(int result, int error, long millis) {}

    /** Runs and times a close action through winsock4j; a failure is its WSA error, not an exception. */
    private static Closed timedClose(SocketCall close) throws IOException {
        long t0 = System.nanoTime();
        int result = 0;
        int error = 0;
        try {
            close.run();
        } catch (WinsockException e) {
            result = Sdk.SOCKET_ERROR;
            error = e.code();
        }
        return new Closed(result, error, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    /** closesocket through the raw port, timed: no winsock4j step in between. */
    private Closed rawClose(long handle) {
        long t0 = System.nanoTime();
        int result = raw.closesocket(handle);
        int error = result == 0 ? 0 : raw.lastError();
        return new Closed(result, error, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    /** Runs a blocking call and records the WSA error it ended with (0: it returned normally). */
    private static void blockedCall(AtomicReference<Integer> error, SocketCall call) {
        try {
            call.run();
            error.set(0);
        } catch (SocketClosedException e) {
            error.set(e.getCause() instanceof WinsockError w ? w.code() : -1);
        } catch (IOException e) {
            // Every Winsock failure is a WinsockError, also the JDK-shaped ones (a refused
            // connect is a ConnectException, a timeout a SocketTimeoutException).
            error.set(e instanceof WinsockError w ? w.code() : -2);
        }
    }

    /** close() of a listener while another thread is blocked in accept on it; there is no peer. */
    private Observation.Run blockedAccept() throws IOException {
        WinSocket listener = winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
        try {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            listener.listen(1);
            InetSocketAddress local = listener.localAddress();
            long handle = listener.rawHandle();
            AtomicReference<Integer> error = new AtomicReference<>();
            Thread t = start(() -> blockedCall(error, () -> listener.accept().closeAbortively()), "blocked-accept");
            PeerSide.sleepQuietly(K.blockedCallStartMillis());
            Closed closed = timedClose(listener::close);
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            int handleError = handleError(handle, local);
            return new Observation.Run(closed.result(), closed.error(), closed.millis(), handleError == 0, handleError, 0, null, null, null, null, null, null,
                    error.get(), null, null);
        } finally {
            if (listener.isOpen()) {
                listener.closeAbortively();
            }
        }
    }

    /** A SO_LINGER setsockopt Windows treats specially, on a fresh unconnected socket, then close(). */
    private Observation.Run optionStep(Scenario s) throws IOException {
        boolean udp = s.special() == Scenario.Special.LINGER_ON_UDP;
        WinSocket socket = udp ? winsock.open(AddressFamily.INET, SocketType.DGRAM, Protocol.UDP)
                : winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
        try {
            long handle = socket.rawHandle();
            String option;
            if (s.special() == Scenario.Special.LINGER_ONOFF_0X100) {
                option = setLingerRaw(handle, SdkStructs.linger(0x100, 0), Sdk.SIZEOF_LINGER);
                option = option != null ? option : lingerText(handle);
            } else if (s.special() == Scenario.Special.LINGER_OPTLEN_2) {
                option = setLingerRaw(handle, SdkStructs.linger(1, 0), 2);
                option = option != null ? option : "ok " + lingerText(handle);
            } else {
                option = lingerText(handle); // the Windows-run evidence covers getsockopt on UDP, not setsockopt
            }
            Closed closed = timedClose(socket::close);
            int handleError = handleError(handle, null);
            return new Observation.Run(closed.result(), closed.error(), closed.millis(), handleError == 0, handleError, 0, null, null, null, null, null, null,
                    null, option, null);
        } finally {
            if (socket.isOpen()) {
                socket.closeAbortively();
            }
        }
    }

    /** setsockopt(SO_LINGER) through the raw port: null when it worked, else "error N". */
    private String setLingerRaw(long handle, byte[] linger, int optlen) {
        return raw.setsockopt(handle, Sdk.SOL_SOCKET, Sdk.SO_LINGER, linger, optlen) == 0 ? null : "error " + raw.lastError();
    }

    /** SO_LINGER read back verbatim: "l_onoff,l_linger", or "error N". */
    private String lingerText(long handle) {
        byte[] l = new byte[Sdk.SIZEOF_LINGER];
        int[] len = {l.length};
        if (raw.getsockopt(handle, Sdk.SOL_SOCKET, Sdk.SO_LINGER, l, len) != 0) {
            return "error " + raw.lastError();
        }
        return SdkStructs.lingerOnoff(l) + "," + SdkStructs.lingerSeconds(l);
    }

    /**
     * Whether the socket is in non-blocking mode natively (Winsock cannot report FIONBIO): a recv
     * with nothing to read fails with WSAEWOULDBLOCK at once, or waits for SO_RCVTIMEO.
     */
    private String modeText(WinSocket s) {
        long handle;
        try {
            handle = s.rawHandle();
        } catch (SocketClosedException e) {
            return "closed";
        }
        byte[] timeout = {(byte) 200, 0, 0, 0};
        raw.setsockopt(handle, Sdk.SOL_SOCKET, Sdk.SO_RCVTIMEO, timeout, 4);
        int rc = raw.recv(handle, new byte[1], 0, 1, 0);
        int e = rc == Sdk.SOCKET_ERROR ? raw.lastError() : 0;
        raw.setsockopt(handle, Sdk.SOL_SOCKET, Sdk.SO_RCVTIMEO, new byte[4], 4);
        return e == WsaError.WSAEWOULDBLOCK.code() ? "nonblocking" : e == WsaError.WSAETIMEDOUT.code() ? "blocking" : "recv " + rc + "/" + e;
    }

    private static void applyLinger(WinSocket s, Scenario.LingerSetting linger) throws IOException {
        switch (linger) {
            case DONTLINGER -> s.setDontLinger(true);
            case LINGER_0 -> s.setLinger(Linger.abortive());
            case LINGER_2S -> s.setLinger(Linger.timeout(K.lingerSeconds()));
        }
    }

    private void abortiveRawClose(long handle) {
        raw.setsockopt(handle, Sdk.SOL_SOCKET, Sdk.SO_LINGER, SdkStructs.linger(1, 0), Sdk.SIZEOF_LINGER);
        raw.closesocket(handle);
    }

    /**
     * The socket outlives the process's last WSACleanup: winsock4j's session is closed (the
     * application's last), then the WSAStartup references the JVM holds itself (net.dll) and
     * winsock4j's implicit one are drained with raw WSACleanup calls, so ws2_32 really is
     * uninitialised. Then either closesocket and every reference given back (after-cleanup), or
     * every reference given back first and the old handle closed in the new session
     * (wsacleanup-with-open-socket: what the peer saw of the cleanup, and the old handle's error).
     */
    private Observation.Run cleanup(Scenario s, PeerSide peer, boolean owners) throws IOException {
        boolean closeFirst = s.special() == Scenario.Special.AFTER_CLEANUP;
        Winsock own = UnguardedPorts.winsockOver(raw);
        Winsock.Session session = own.startup();
        WinSocket closer = own.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
        int drained = 0;
        try {
            closer.setOption(IntOption.SO_SNDBUF, K.sndbufBytes());
            closer.connect(peer.address());
            peer.connected();
            InetSocketAddress local = closer.localAddress();
            InetSocketAddress remote = closer.remoteAddress();
            long handle = closer.rawHandle();
            String[] before = rowBefore(local, remote, owners);

            session.close();
            while (drained < 64 && raw.wsaCleanup() == 0) {
                drained++;
            }
            if (!closeFirst) {
                restart(drained);
                PeerSide.sleepQuietly(K.settleMillis());
            }
            Closed closed = timedClose(closer::close);
            if (closeFirst) {
                restart(drained);
            }
            otherWsaStartupReferencesDrained = drained;
            int handleError = handleError(handle, local);
            peer.go();
            Observation.Peer seen = peer.result();
            String[] after = stateAfter(local, remote);
            return new Observation.Run(closed.result(), closed.error(), closed.millis(), handleError == 0, handleError, 0, null, before[0],
                    before[1] == null ? null : Boolean.valueOf(before[1]), seen, after[0], after[1], null, null, null);
        } finally {
            if (closer.isOpen()) {
                try {
                    closer.closeAbortively();
                } catch (WinsockException ignored) {
                    // clean-up only
                }
            }
        }
    }

    private void restart(int references) {
        for (int i = 0; i < references; i++) {
            raw.wsaStartup(Sdk.WINSOCK_VERSION_2_2, new int[2]);
        }
    }

    private long sendPayload(WinSocket closer, PeerSide peer) throws IOException {
        byte[] payload = new byte[K.payloadBytes()];
        for (int off = 0; off < payload.length; ) {
            off += closer.send(payload, off, payload.length - off);
        }
        peer.awaitBytes(K.payloadBytes());
        return K.payloadBytes();
    }

    /**
     * Fills the send path: rounds of non-blocking sends of chunkBytes until WSAEWOULDBLOCK, each
     * round followed by settleMillis so the segments in flight land, until a round right after
     * settling takes nothing and, where the Linux kernel is visible, the kernel holds unsent
     * bytes for the connection and held the same count one settle earlier. Then the peer's
     * window is full and what is queued really is unsent, whatever the peer's receive buffer
     * (Wine 10 keeps the kernel's default instead of a small SO_RCVBUF). Wine 10 also moves data
     * into the kernel asynchronously, and answers WSAEWOULDBLOCK while it still holds some: on a
     * loaded machine a round could take nothing before Wine had passed everything on, the fill
     * stopped with the kernel's queue barely started (1326 B, not 36406), and a lingering close
     * then waited for the data Wine still held (2 s in Java, 0 ms in C on the same platform). A
     * queue that did not move for a settle period rules that out. The socket's mode is restored
     * afterwards.
     */
    private long fill(WinSocket closer) throws IOException {
        InetSocketAddress local = closer.localAddress();
        InetSocketAddress remote = closer.remoteAddress();
        boolean wasBlocking = closer.isBlocking();
        closer.setBlocking(false);
        byte[] chunk = new byte[K.chunkBytes()];
        long total = 0;
        int rounds = 0;
        long queue = -1; // the kernel's send queue after the last settle; -1: not read or not visible
        for (long round = -1, previousQueue = -1; round != 0 || kernel && (queue <= 0 || queue != previousQueue); ) {
            if (++rounds > 100) {
                throw new IOException("100 rounds of sends and the kernel's send queue still empty or moving: the peer's window did not fill");
            }
            previousQueue = round == 0 ? queue : -1;
            round = 0;
            try {
                for (;;) {
                    round += closer.send(chunk, 0, chunk.length);
                    if (total + round > 64L << 20) {
                        throw new IOException("64 MiB queued without WSAEWOULDBLOCK: the peer's window did not fill");
                    }
                }
            } catch (WinsockException.WouldBlock full) {
                // the send path is full for now
            }
            total += round;
            PeerSide.sleepQuietly(K.settleMillis());
            if (kernel) {
                queue = kernelRow(local, remote).map(KernelTcpTable.Row::txQueue).orElse(0L);
            }
        }
        closer.setBlocking(wasBlocking);
        return total;
    }

    /**
     * getsockname on the old SOCKET: 0 when it works and names the same local port (not a reused
     * number), else its WSA error (-1: it works but names another socket).
     */
    private int handleError(long handle, InetSocketAddress local) {
        byte[] name = new byte[SdkStructs.SOCKADDR_MAX];
        int[] len = {name.length};
        if (raw.getsockname(handle, name, len) == Sdk.SOCKET_ERROR) {
            return raw.lastError();
        }
        if (local == null) {
            return 0;
        }
        try {
            return SdkStructs.inetSocketAddress(name, len[0]).getPort() == local.getPort() ? 0 : -1;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** The closer's row before the close: its state, and with owners whether its owning PID is this process. */
    private String[] rowBefore(InetSocketAddress local, InetSocketAddress remote, boolean owners) throws IOException {
        if (!owners) {
            return new String[] {ipHelper.state(local, remote).map(TcpState::netstatName).orElse("GONE"), null};
        }
        Optional<TcpConnection> row = ipHelper.find(local, remote);
        return new String[] {row.map(c -> c.state().netstatName()).orElse("GONE"),
            row.map(c -> Boolean.toString(c.pid() == selfPid)).orElse(null)};
    }

    private Optional<KernelTcpTable.Row> kernelRow(InetSocketAddress local, InetSocketAddress remote) throws IOException {
        return kernel ? KernelTcpTable.find(local.getPort(), remote.getPort()) : Optional.empty();
    }

    /**
     * The closer's state once it has settled (not in a closing handshake state), in
     * GetExtendedTcpTable and in the Linux kernel's table (null without one); GONE when absent.
     */
    private String[] stateAfter(InetSocketAddress local, InetSocketAddress remote) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(K.stateSettleMillis());
        for (;;) {
            String table = ipHelper.state(local, remote).map(TcpState::netstatName).orElse("GONE");
            String kernelState = kernel ? kernelRow(local, remote).map(KernelTcpTable.Row::state).orElse("GONE") : null;
            if (!settling(table) && !settling(kernelState) || System.nanoTime() > deadline) {
                return new String[] {table, kernelState};
            }
            PeerSide.sleepQuietly(10);
        }
    }

    private static boolean settling(String state) {
        return state != null && (state.equals("FIN_WAIT_1") || state.equals("FIN_WAIT_2") || state.equals("CLOSING")
                || state.equals("LAST_ACK"));
    }
}
