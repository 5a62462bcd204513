package org.winsock4j.bench;

import java.net.InetSocketAddress;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;

/**
 * A batch of freshly created sockets for one JMH iteration, so that socket creation (and the
 * connect/accept of connected ones) stays out of the measured time.
 *
 * <p>How: the close benchmarks run in {@code Mode.SingleShotTime} with a batch size
 * ({@code -bs}/{@code -wbs}): JMH times one loop of {@code batchSize} calls and reports the time
 * per call. Before each iteration, {@link #fill} (untimed, {@code Level.Iteration}) creates exactly
 * {@code batchSize} sockets; each call takes the next one and closes it. After the iteration the
 * peers (and anything left over) are reset with linger {1,0}, so no TIME_WAIT piles up.
 *
 * <p>Why not {@code @Setup(Level.Invocation)}: it puts two timer reads and the set-up's cache
 * footprint next to every measured call; with batching there is one timer read per batch of
 * hundreds of closes and nothing but closes between them.
 *
 * <p>{@code socket=connected}: a loopback TCP connection whose peer end (accepted from a listener
 * on 127.0.0.1) stays open and idle while the client end is closed; {@code unconnected}: a fresh
 * TCP socket that was never bound or connected.
 */
@State(Scope.Thread)
public abstract class SocketBatch {
    @Param({"unconnected", "connected"})
    public String socket;

    private long listener;
    private InetSocketAddress listenAt;
    private long[] peers;
    private int peerCount;
    private int size;
    private int next;

    /** Whether the peer half-closes (shutdown SD_SEND) before the iteration starts. */
    boolean peerSendsFin() {
        return false;
    }

    boolean connected() {
        return "connected".equals(socket);
    }

    @Setup(Level.Trial)
    public void openListener() throws Exception {
        RawSockets.startup();
        if (!"connected".equals(socket) && !"unconnected".equals(socket)) {
            throw new IllegalArgumentException("socket must be connected or unconnected, got " + socket);
        }
        if (connected()) {
            listener = RawSockets.listener();
            listenAt = RawSockets.localAddress(listener);
        }
    }

    @TearDown(Level.Trial)
    public void closeListener() {
        if (connected()) {
            RawSockets.closeAbortively(listener);
        }
    }

    @Setup(Level.Iteration)
    public void fill(IterationParams iteration) throws Exception {
        size = iteration.getBatchSize();
        next = 0;
        allocate(size);
        peers = new long[connected() ? 2 * size : 0];
        peerCount = 0;
        for (int i = 0; i < size; i++) {
            create(i, connected() ? listenAt : null);
        }
    }

    /**
     * Accepts the peer of the connection a subclass just made in {@link #create} (each connect
     * must be followed by one call); the peer half-closes at once if {@link #peerSendsFin()}.
     */
    final void acceptPeer() {
        long p = RawSockets.accept(listener);
        if (peerCount == peers.length) {
            peers = java.util.Arrays.copyOf(peers, Math.max(16, 2 * peers.length));
        }
        peers[peerCount++] = p;
        if (peerSendsFin()) {
            RawSockets.shutdownSend(p);
        }
    }

    @TearDown(Level.Iteration)
    public void drain() throws Exception {
        for (int i = next; i < size; i++) {
            closeLeftover(i);
        }
        for (int i = 0; i < peerCount; i++) {
            RawSockets.closeAbortively(peers[i]);
        }
        peerCount = 0;
        release();
    }

    /** The index of the next unused socket of this batch. */
    final int take() {
        if (next >= size) {
            throw new IllegalStateException("batch of " + size + " sockets exhausted: run with SingleShotTime and -bs");
        }
        return next++;
    }

    abstract void allocate(int n);

    /**
     * Creates socket {@code i}; when {@code to} is not null, connects it there and calls
     * {@link #acceptPeer()} after each connect.
     */
    abstract void create(int i, InetSocketAddress to) throws Exception;

    abstract void closeLeftover(int i) throws Exception;

    abstract void release();
}
