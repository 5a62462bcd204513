package org.winsock4j;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.winsock4j.port.Sdk;
import org.winsock4j.port.SdkStructs;
import org.winsock4j.port.WinsockPort;

/**
 * One readiness poller of a {@link Winsock} (see {@link Pollers}): a platform thread that waits in
 * WSAPoll for the sockets virtual threads are waiting on, and has each virtual thread unparked
 * when its socket is ready (the JDK's own sockets do the same on virtual threads:
 * sun.nio.ch.Poller; the unparking is one {@link Pollers.Unparker}'s, for all pollers). A
 * virtual thread thus waits parked, its carrier free for other virtual threads, instead of
 * blocking the carrier in a native call. A poller takes at most a fixed number of waiters, so
 * that one WSAPoll, whose cost grows with the size of its set, stays small.
 *
 * <p>Registration and wake-up: a new waiter is queued and the poller's WSAPoll is woken by a
 * datagram the registering thread sends to the poller's own loopback UDP socket, which is always
 * in the poll set. A waiter that gives up (timeout, close, interrupt) is only marked cancelled;
 * the poller drops it after its current WSAPoll, which returns at least every
 * {@value #POLL_MILLIS} ms. A poller without waiters for a while closes its doorbell and ends.
 *
 * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsapoll">WSAPoll function (winsock2.h)</a>
 */
final class Poller {
    /** The longest single WSAPoll: how long a cancelled waiter may stay in the set. */
    static final int POLL_MILLIS = 1000;

    private static final int WAITING = 0;
    private static final int READY = 1;
    private static final int CANCELLED = 2;
    /** A cancelled waiter the poller has dropped: no WSAPoll in progress has its socket. */
    private static final int RELEASED = 3;
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** {@link #load} of a poller stopped for idleness: no registration can count itself in. */
    private static final int STOPPED = Integer.MIN_VALUE;

    /** One thread waiting for one socket to be ready. */
    static final class Waiter {
        /** The poller that has this waiter; {@link #cancel} goes to it. */
        final Poller poller;
        /** The socket waited for. */
        final SocketHandle handle;
        final short events;
        final Thread thread;
        private final AtomicInteger state = new AtomicInteger(WAITING);
        volatile short revents;
        /** The next waiter of the same wait, when one thread waits for several sockets ({@link Await}). */
        Waiter next;

        Waiter(Poller poller, SocketHandle handle, short events, Thread thread) {
            this.poller = poller;
            this.handle = handle;
            this.events = events;
            this.thread = thread;
        }

        /** Whether the poller has reported the socket ready (or in error) for this waiter. */
        boolean ready() {
            return state.get() == READY;
        }
    }

    private final WinsockPort port;
    private final Pollers.Unparker unparker;
    /** How long the poller stays without waiters before it closes its doorbell and ends. */
    private final long idleStopNanos;
    /** Waiters registered and not yet cancelled: counted in by {@link #tryRegister}, out by {@link #cancel}. */
    private final AtomicInteger load = new AtomicInteger();
    private final ConcurrentLinkedQueue<Waiter> incoming = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final Object startLock = new Object();
    private volatile Thread thread;
    private long wakeSocket;
    private byte[] wakeAddress;
    private final ByteBuffer wakeByte = ByteBuffer.allocateDirect(1);
    private volatile Throwable died;
    /**
     * The poller takes no waiters and its thread ends, for one of two reasons. Its doorbell is no
     * longer its socket: every socket of the process was closed (the process's last WSACleanup;
     * closesocket remarks) and the handle may already name another socket, so it never touches
     * the handle again. Or it had no waiters for {@link #idleStopNanos} and closed its doorbell.
     * Written under the {@link #wakeByte} lock, which also guards every ring.
     */
    private volatile boolean retired;

    Poller(WinsockPort port, Pollers.Unparker unparker, long idleStopNanos) {
        this.port = port;
        this.unparker = unparker;
        this.idleStopNanos = idleStopNanos;
    }

    /**
     * Queues the calling thread to be unparked when {@code socket}'s number is ready for {@code events}
     * (or reports an error, a hang-up or an invalid handle); null when this poller has
     * {@code maxWaiters} already. The caller ends every waiter with {@link #cancel}.
     *
     * @throws WinsockException when the poller's wake-up socket cannot be made
     */
    Waiter tryRegister(SocketHandle socket, short events, int maxWaiters) throws WinsockException {
        if (retired) {
            return null; // checked first: a poller that failed after it retired had no waiters left
        }
        Throwable why = died;
        if (why != null) {
            throw new IllegalStateException("the winsock4j poller thread ended", why);
        }
        for (int n; (n = load.get()) >= maxWaiters || n < 0 || !load.compareAndSet(n, n + 1); ) {
            if (n >= maxWaiters || n < 0) { // full, or stopped for idleness
                return null;
            }
        }
        try {
            start();
        } catch (WinsockException | RuntimeException | Error e) {
            load.decrementAndGet();
            throw e;
        }
        Waiter w = new Waiter(this, socket, events, Thread.currentThread());
        incoming.add(w);
        if (retired) {
            readyNow(w, (short) Sdk.POLLNVAL); // the thread ended before taking it: retry at once
        } else {
            wake();
        }
        return w;
    }

    /** Whether this poller takes no waiters any more (its doorbell is gone, or it stopped idle). */
    boolean retired() {
        return retired;
    }

    /**
     * The waiter no longer waits. Returns once no WSAPoll of the poller has the waiter's socket
     * any more: the caller's call may then count itself out, and a close may follow, without
     * the poller's WSAPoll ever reaching a closed (or reused) handle. A waiter the poller
     * reported ready is out of every WSAPoll already; a waiting one is dropped at the poller's
     * next round, which the doorbell starts at once.
     */
    void cancel(Waiter w) {
        try {
            leave(w);
        } finally {
            load.decrementAndGet();
        }
    }

    private void leave(Waiter w) {
        if (!w.state.compareAndSet(WAITING, CANCELLED)) {
            return;
        }
        wake();
        boolean interrupted = false;
        while (w.state.get() == CANCELLED && died == null && !retired) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void start() throws WinsockException {
        if (thread != null) {
            return;
        }
        synchronized (startLock) {
            if (thread != null) {
                return;
            }
            openWakeSocket();
            Thread t = new Thread(this::loop, "winsock4j-poller-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            t.start();
            thread = t;
        }
    }

    /** A non-blocking UDP socket on 127.0.0.1, an ephemeral port: the poller's doorbell. */
    private void openWakeSocket() throws WinsockException {
        long s = port.socket(Sdk.AF_INET, Sdk.SOCK_DGRAM, Sdk.IPPROTO_UDP);
        if (s == Sdk.INVALID_SOCKET) {
            throw WinsockException.unshaped("socket", port.lastError(), "(the poller's wake-up socket)");
        }
        byte[] any = SdkStructs.sockaddr(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        byte[] name = new byte[SdkStructs.SOCKADDR_MAX];
        int[] namelen = {name.length};
        int[] nonBlocking = {1};
        if (port.bind(s, any, any.length) == Sdk.SOCKET_ERROR
                || port.getsockname(s, name, namelen) == Sdk.SOCKET_ERROR
                || port.ioctlsocket(s, Sdk.FIONBIO, nonBlocking) == Sdk.SOCKET_ERROR) {
            int code = port.lastError();
            port.closesocket(s);
            throw WinsockException.unshaped("bind", code, "(the poller's wake-up socket)");
        }
        wakeSocket = s;
        wakeAddress = java.util.Arrays.copyOf(name, namelen[0]);
    }

    /** Rings the doorbell unless a ring is already pending or the doorbell is gone. */
    private void wake() {
        if (wakePending.compareAndSet(false, true)) {
            synchronized (wakeByte) {
                // A datagram to itself; losing one (a full buffer) is harmless: a ring is pending.
                if (!retired) {
                    port.sendto(wakeSocket, wakeByte, 0, 1, 0, wakeAddress, wakeAddress.length);
                }
            }
        }
    }

    /**
     * Whether the doorbell handle still names the poller's own socket: a UDP socket bound to the
     * address it was given. Asked when WSAPoll fails or reports the doorbell in error, never per
     * ring (two native calls).
     */
    private boolean doorbellIsOurs(byte[] name, int[] namelen) {
        namelen[0] = name.length;
        if (port.getsockname(wakeSocket, name, namelen) == Sdk.SOCKET_ERROR
                || !java.util.Arrays.equals(name, 0, namelen[0], wakeAddress, 0, wakeAddress.length)) {
            return false;
        }
        byte[] type = new byte[4];
        int[] typelen = {4};
        return port.getsockopt(wakeSocket, Sdk.SOL_SOCKET, Sdk.SO_TYPE, type, typelen) != Sdk.SOCKET_ERROR
                && typelen[0] == 4 && type[0] == Sdk.SOCK_DGRAM && type[1] == 0 && type[2] == 0 && type[3] == 0;
    }

    /**
     * The doorbell is gone: no ring and no WSAPoll touches its handle again; every waiter this
     * poller has, or is being given, retries its call (which reports what happened to its own
     * socket, or registers with another poller), and the thread ends.
     */
    private void retire(List<Waiter> active) {
        synchronized (wakeByte) {
            retired = true;
        }
        handBack(active, (short) Sdk.POLLNVAL);
        for (Waiter w; (w = incoming.poll()) != null; ) {
            handBack(w, (short) Sdk.POLLNVAL);
        }
    }

    private void loop() {
        List<Waiter> active = new ArrayList<>();
        long[] fds = new long[0];
        short[] events = new short[0];
        short[] revents = new short[0];
        ByteBuffer drain = ByteBuffer.allocateDirect(64);
        byte[] from = new byte[SdkStructs.SOCKADDR_MAX];
        int[] fromlen = new int[1];
        short broken = (short) (Sdk.POLLNVAL | Sdk.POLLERR | Sdk.POLLHUP);
        long idleSince = System.nanoTime();
        try {
            for (;;) {
                for (Waiter w; (w = incoming.poll()) != null; ) {
                    active.add(w); // a cancelled one is released just below
                }
                active.removeIf(Poller::dropUnlessWaiting);
                int timeout = POLL_MILLIS;
                if (!active.isEmpty()) {
                    idleSince = System.nanoTime();
                } else {
                    long idle = System.nanoTime() - idleSince;
                    if (idle >= idleStopNanos) {
                        if (stopIdle(from, fromlen)) {
                            return;
                        }
                        // A waiter is still counted in (reported ready and not yet cancelled, or
                        // about to be queued): not idle; another full idle time before the next try.
                        idleSince = System.nanoTime();
                        idle = 0;
                    }
                    timeout = (int) Math.max(1, Math.min(POLL_MILLIS, TimeUnit.NANOSECONDS.toMillis(idleStopNanos - idle) + 1));
                }
                int n = active.size() + 1;
                if (fds.length != n) { // WSAPoll takes exactly n entries
                    fds = new long[n];
                    events = new short[n];
                    revents = new short[n];
                }
                fds[0] = wakeSocket;
                events[0] = (short) Sdk.POLLRDNORM;
                for (int i = 1; i < n; i++) {
                    Waiter w = active.get(i - 1);
                    fds[i] = w.handle.raw;
                    events[i] = w.events;
                }
                short[] r = revents;
                int rc = port.wsaPoll(fds, events, r, timeout);
                if ((rc == Sdk.SOCKET_ERROR || (r[0] & broken) != 0) && !doorbellIsOurs(from, fromlen)) {
                    retire(active);
                    return;
                }
                if (rc == Sdk.SOCKET_ERROR) {
                    // WSAPoll failed: a socket of the set was closed under the poll (a borrowed
                    // view's owner), or a close's CancelIoEx cancelled the poll itself (Wine runs
                    // WSAPoll as I/O on the sockets). Every waiter retries its call, which reports
                    // what happened to its socket; cancelled ones are released.
                    handBack(active, (short) Sdk.POLLNVAL);
                    active.clear();
                    LockSupport.parkNanos(1_000_000);
                    continue;
                }
                for (int i = 1; i < n; i++) {
                    if (r[i] != 0) {
                        readyNow(active.get(i - 1), r[i]);
                    }
                }
                if (r[0] != 0) {
                    // At most one ring is in flight (wakePending), so one recvfrom takes it; a
                    // ring sent after the reset below finds its waiter picked up already or
                    // makes the next WSAPoll return at once. One native call, not a drain loop.
                    port.recvfrom(wakeSocket, drain, 0, drain.capacity(), 0, from, fromlen(fromlen));
                    wakePending.set(false);
                }
            }
        } catch (Throwable t) {
            died = t;
            handBack(active, (short) Sdk.POLLERR);
            throw t;
        }
    }

    /**
     * Stops the poller, which has had no waiters for {@link #idleStopNanos}, unless a registration
     * is counting itself in: after a burst of connections the pollers it needed do not stay (the
     * virtual-thread scheduler lets idle carriers go after 30 s too). With its load 0, every
     * waiter it had was cancelled and released, and none can come any more; the doorbell is
     * closed unless it is no longer ours (the process's last WSACleanup closed it).
     */
    private boolean stopIdle(byte[] name, int[] namelen) {
        if (!incoming.isEmpty() || !load.compareAndSet(0, STOPPED)) {
            return false;
        }
        synchronized (wakeByte) {
            retired = true;
        }
        if (doorbellIsOurs(name, namelen) && port.closesocket(wakeSocket) == Sdk.SOCKET_ERROR) {
            int code = port.lastError();
            System.getLogger(Poller.class.getName()).log(System.Logger.Level.WARNING,
                    "closesocket of an idle poller's wake-up socket failed: " + WsaError.nameOf(code) + " (" + code + ")");
        }
        return true;
    }

    /** The doorbell's handle while the poller runs (started, not retired), else INVALID_SOCKET; for tests. */
    long doorbell() {
        return thread != null && !retired ? wakeSocket : Sdk.INVALID_SOCKET;
    }

    /**
     * The poller gives a waiter up: a waiting one is reported with {@code revents} (its call
     * retries and reports what happened to its socket), a cancelled one learns it is out of the
     * poll set.
     */
    private void handBack(Waiter w, short revents) {
        readyNow(w, revents);
        dropUnlessWaiting(w);
    }

    private void handBack(List<Waiter> waiters, short revents) {
        for (Waiter w : waiters) {
            handBack(w, revents);
        }
    }

    /** Drops a waiter that is not waiting; a cancelled one learns it is out of the poll set. */
    private static boolean dropUnlessWaiting(Waiter w) {
        int state = w.state.get();
        if (state == CANCELLED) {
            w.state.set(RELEASED);
            LockSupport.unpark(w.thread);
        }
        return state != WAITING;
    }

    private static int[] fromlen(int[] fromlen) {
        fromlen[0] = SdkStructs.SOCKADDR_MAX;
        return fromlen;
    }

    private void readyNow(Waiter w, short revents) {
        w.revents = revents;
        if (w.state.compareAndSet(WAITING, READY)) {
            unparker.unpark(w.thread);
        }
    }
}
