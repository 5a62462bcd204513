package org.winsock4j.cli.matrix;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.winsock4j.AddressFamily;
import org.winsock4j.IntOption;
import org.winsock4j.Linger;
import org.winsock4j.Protocol;
import org.winsock4j.ShutdownHow;
import org.winsock4j.SocketClosedException;
import org.winsock4j.SocketType;
import org.winsock4j.WinSocket;
import org.winsock4j.Winsock;
import org.winsock4j.WinsockException;
import org.winsock4j.jna.JnaWinsockPort;
import org.winsock4j.jna.Wine;
import org.winsock4j.port.Sdk;
import org.winsock4j.port.SdkStructs;
import org.winsock4j.tcp.IpHelper;
import org.winsock4j.tcp.TcpConnection;
import org.winsock4j.tcp.TcpState;

/**
 * Runs the scenarios on the real ws2_32 through winsock4j: each on its own fresh loopback
 * connection, once against the in-process Winsock peer and once against the wire peer (when
 * given). Everything it reports is read from the platform: return values, errors, durations,
 * getsockname on the old handle, the peer's bytes and end, GetExtendedTcpTable rows.
 *
 * <p>native-headers/probes/close_matrix.c does the same steps in C; the two outputs must agree.
 */
public final class MatrixRunner {
    static final int PAYLOAD = 1000;
    static final int CHUNK = 1024;
    static final int SNDBUF = 4096;
    static final long SETTLE_MILLIS = 100;
    private static final long STATE_SETTLE_MILLIS = 500;

    private final Winsock winsock = Winsock.system();
    private final JnaWinsockPort raw = JnaWinsockPort.instance();
    private final IpHelper ipHelper = IpHelper.system();
    private final InetSocketAddress wireControl;
    private final long selfPid = ProcessHandle.current().pid();
    private Integer otherWsaStartupReferencesDrained;

    /** @param wireControl the wire peer's control address, or null when there is none */
    public MatrixRunner(InetSocketAddress wireControl) {
        this.wireControl = wireControl;
    }

    public static String platform() {
        return Wine.version().map(v -> "Wine " + v).orElse("Windows " + System.getProperty("os.version"));
    }

    public Observation.Matrix run(List<Scenario> scenarios, Consumer<String> progress) throws IOException {
        long t0 = System.nanoTime();
        List<Observation.ScenarioResult> results = new ArrayList<>();
        int i = 0;
        for (Scenario s : scenarios) {
            i++;
            long s0 = System.nanoTime();
            Observation.Run w = runOnce(s, false, i == 1);
            Observation.Run wire = wireControl == null ? null : runOnce(s, true, false);
            results.add(new Observation.ScenarioResult(s.id(), s.title(), w, wire, null, null));
            progress.accept(String.format("[%2d/%d] %-55s %5d ms", i, scenarios.size(), s.id(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - s0)));
        }
        Observation.Context context = new Observation.Context(selfPid,
                System.getProperty("java.vendor") + " " + System.getProperty("java.version"), otherWsaStartupReferencesDrained);
        return new Observation.Matrix(Observation.SCHEMA_VERSION, "winsock4j close-matrix", "java", platform(),
                wireControl == null ? null : wireControl.getHostString() + ":" + wireControl.getPort(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), results, context);
    }

    /**
     * @param owners whether to read the closer's row with its owning PID before closing: only in
     *     the first scenario's in-process run, because Wine finds owners by scanning every
     *     process's open files for every row (hundreds of ms once TIME_WAIT rows pile up)
     */
    private Observation.Run runOnce(Scenario s, boolean wire, boolean owners) throws IOException {
        boolean readAtOnce = s.data() == Scenario.Data.NONE && s.special() != Scenario.Special.AFTER_CLEANUP;
        boolean eager = s.action() == Scenario.Action.CLOSE_TIMEOUT;
        try (PeerSide peer = wire ? new PeerSide.Wire(wireControl, readAtOnce, eager)
                : new PeerSide.InProcess(winsock, readAtOnce, eager)) {
            return s.special() == Scenario.Special.AFTER_CLEANUP ? afterCleanup(peer, owners) : scenario(s, peer, owners);
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
        WinSocket closer = winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
        try {
            closer.setOption(IntOption.SO_SNDBUF, SNDBUF);
            closer.connect(peer.address());
            peer.connected();
            InetSocketAddress local = closer.localAddress();
            InetSocketAddress remote = closer.remoteAddress();
            long handle = closer.rawHandle();
            trace("connected");
            long sent = s.data() == Scenario.Data.NONE ? sendPayload(closer, peer) : fill(closer);
            trace("sent");

            switch (s.linger()) {
                case DONTLINGER -> closer.setDontLinger(true);
                case LINGER_0 -> closer.setLinger(Linger.abortive());
                case LINGER_2S -> closer.setLinger(Linger.timeout(Scenario.LINGER_SECONDS));
            }
            String lingerAfter = null;
            if (s.special() == Scenario.Special.DONTLINGER_CLEARED) {
                closer.setDontLinger(true);
                closer.setDontLinger(false);
                Linger l = closer.linger();
                lingerAfter = (l.enabled() ? "on," : "off,") + l.seconds();
            }
            if (s.mode() == Scenario.Mode.NON_BLOCKING) {
                closer.setBlocking(false);
            }
            String[] before = rowBefore(local, remote, owners);
            trace("row before");

            Thread blocked = null;
            AtomicReference<Integer> blockedError = new AtomicReference<>();
            if (s.special() == Scenario.Special.BLOCKED_RECV) {
                blocked = new Thread(() -> {
                    try {
                        closer.recv(new byte[1], 0, 1);
                        blockedError.set(0);
                    } catch (SocketClosedException e) {
                        blockedError.set(e.getCause() instanceof WinsockException w ? w.code() : -1);
                    } catch (WinsockException e) {
                        blockedError.set(e.code());
                    } catch (IOException e) {
                        blockedError.set(-2);
                    }
                }, "blocked-recv");
                blocked.start();
                PeerSide.sleepQuietly(100);
            }

            int rc = 0;
            int err = 0;
            long t0 = System.nanoTime();
            try {
                switch (s.action()) {
                    case CLOSE -> closer.close();
                    case SHUTDOWN_CLOSE -> {
                        closer.shutdown(ShutdownHow.SEND);
                        closer.close();
                    }
                    case CLOSE_TIMEOUT -> closer.close(Duration.ofMillis(Scenario.CLOSE_TIMEOUT_MILLIS));
                }
            } catch (WinsockException e) {
                rc = Sdk.SOCKET_ERROR;
                err = e.code();
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            if (blocked != null) {
                try {
                    blocked.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            trace("closed");
            boolean valid = handleValid(handle, local);
            peer.go();
            Observation.Peer seen = peer.result();
            trace("peer result");
            String after = stateAfter(local, remote);
            trace("state after");
            return new Observation.Run(rc, err, ms, valid, sent, before[0], before[1] == null ? null : Boolean.valueOf(before[1]), seen, after, blockedError.get(), lingerAfter);
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

    /**
     * The socket outlives the process's last WSACleanup: winsock4j's session is closed (the
     * application's last), then the WSAStartup references the JVM holds itself (net.dll) and
     * winsock4j's implicit one are drained with raw WSACleanup calls, so ws2_32 really is
     * uninitialised; closesocket; then every reference is given back.
     */
    private Observation.Run afterCleanup(PeerSide peer, boolean owners) throws IOException {
        Winsock own = Winsock.over(raw);
        Winsock.Session session = own.startup();
        WinSocket closer = own.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
        int drained = 0;
        try {
            closer.setOption(IntOption.SO_SNDBUF, SNDBUF);
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
            int rc = 0;
            int err = 0;
            long t0 = System.nanoTime();
            try {
                closer.close();
            } catch (WinsockException e) {
                rc = Sdk.SOCKET_ERROR;
                err = e.code();
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            for (int i = 0; i < drained; i++) {
                raw.wsaStartup(Sdk.WINSOCK_VERSION_2_2, new int[2]);
            }
            otherWsaStartupReferencesDrained = drained;
            boolean valid = handleValid(handle, local);
            peer.go();
            Observation.Peer seen = peer.result();
            String after = stateAfter(local, remote);
            return new Observation.Run(rc, err, ms, valid, 0, before[0], before[1] == null ? null : Boolean.valueOf(before[1]), seen, after, null, null);
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

    private static long sendPayload(WinSocket closer, PeerSide peer) throws IOException {
        byte[] payload = new byte[PAYLOAD];
        for (int off = 0; off < payload.length; ) {
            off += closer.send(payload, off, payload.length - off);
        }
        peer.awaitBytes(PAYLOAD);
        return PAYLOAD;
    }

    /** Non-blocking sends of CHUNK bytes until WSAEWOULDBLOCK; blocking again afterwards. */
    private static long fill(WinSocket closer) throws IOException {
        closer.setBlocking(false);
        byte[] chunk = new byte[CHUNK];
        long total = 0;
        try {
            for (;;) {
                total += closer.send(chunk, 0, chunk.length);
                if (total > 64L << 20) {
                    throw new IOException("64 MiB queued without WSAEWOULDBLOCK: the peer's window did not fill");
                }
            }
        } catch (WinsockException.WouldBlock full) {
            // the send path is full: this data stays unsent until the peer reads
        }
        closer.setBlocking(true);
        // Let the segments in flight land, so the peer's receive buffer holds all it will take:
        // what a peer then reads before a reset no longer depends on timing.
        PeerSide.sleepQuietly(SETTLE_MILLIS);
        return total;
    }

    /** getsockname on the old SOCKET works and names the same local port (not a reused number). */
    private boolean handleValid(long handle, InetSocketAddress local) {
        byte[] name = new byte[SdkStructs.SOCKADDR_MAX];
        int[] len = {name.length};
        if (raw.getsockname(handle, name, len) == Sdk.SOCKET_ERROR) {
            return false;
        }
        try {
            return SdkStructs.inetSocketAddress(name, len[0]).getPort() == local.getPort();
        } catch (RuntimeException e) {
            return false;
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

    /** The closer's row once it has settled (not in a closing handshake state), or GONE. */
    private String stateAfter(InetSocketAddress local, InetSocketAddress remote) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STATE_SETTLE_MILLIS);
        for (;;) {
            TcpState st = ipHelper.state(local, remote).orElse(null);
            boolean settling = st == TcpState.FIN_WAIT1 || st == TcpState.FIN_WAIT2 || st == TcpState.CLOSING
                    || st == TcpState.LAST_ACK;
            if (!settling || System.nanoTime() > deadline) {
                return st == null ? "GONE" : st.netstatName();
            }
            PeerSide.sleepQuietly(10);
        }
    }
}
