package org.winsock4j;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.winsock4j.port.Sdk;
import org.winsock4j.port.SdkStructs;
import org.winsock4j.port.WinsockPort;

/**
 * The readiness poller of one {@link Winsock}: a platform thread that waits in WSAPoll for the
 * sockets virtual threads are waiting on, and unparks each virtual thread when its socket is
 * ready (the JDK's own sockets do the same on virtual threads: sun.nio.ch.Poller). A virtual
 * thread thus waits parked, its carrier free for other virtual threads, instead of blocking the
 * carrier in a native call.
 *
 * <p>Registration and wake-up: a new waiter is queued and the poller's WSAPoll is woken by a
 * datagram the registering thread sends to the poller's own loopback UDP socket, which is always
 * in the poll set. A waiter that gives up (timeout, close, interrupt) is only marked cancelled;
 * the poller drops it after its current WSAPoll, which returns at least every
 * {@value #POLL_MILLIS} ms.
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

    /** One thread waiting for one socket to be ready. */
    static final class Waiter {
        final long socket;
        final short events;
        final Thread thread;
        private final AtomicInteger state = new AtomicInteger(WAITING);
        volatile short revents;

        Waiter(long socket, short events, Thread thread) {
            this.socket = socket;
            this.events = events;
            this.thread = thread;
        }

        /** Whether the poller has reported the socket ready (or in error) for this waiter. */
        boolean ready() {
            return state.get() == READY;
        }
    }

    private final WinsockPort port;
    private final ConcurrentLinkedQueue<Waiter> incoming = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final Object startLock = new Object();
    private volatile Thread thread;
    private long wakeSocket;
    private byte[] wakeAddress;
    private final ByteBuffer wakeByte = ByteBuffer.allocateDirect(1);
    private volatile Throwable died;

    Poller(WinsockPort port) {
        this.port = port;
    }

    /**
     * Queues the calling thread to be unparked when {@code socket} is ready for {@code events}
     * (or reports an error, a hang-up or an invalid handle).
     *
     * @throws WinsockException when the poller's wake-up socket cannot be made
     */
    Waiter register(long socket, short events) throws WinsockException {
        Throwable why = died;
        if (why != null) {
            throw new IllegalStateException("the winsock4j poller thread ended", why);
        }
        start();
        Waiter w = new Waiter(socket, events, Thread.currentThread());
        incoming.add(w);
        wake();
        return w;
    }

    /**
     * The waiter no longer waits. Returns once no WSAPoll of the poller has the waiter's socket
     * any more: the caller's call may then count itself out, and a close may follow, without
     * the poller's WSAPoll ever reaching a closed (or reused) handle. A waiter the poller
     * reported ready is out of every WSAPoll already; a waiting one is dropped at the poller's
     * next round, which the doorbell starts at once.
     */
    void cancel(Waiter w) {
        if (!w.state.compareAndSet(WAITING, CANCELLED)) {
            return;
        }
        wake();
        boolean interrupted = false;
        while (w.state.get() == CANCELLED && died == null) {
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

    /** Rings the doorbell unless a ring is already pending. */
    private void wake() {
        if (wakePending.compareAndSet(false, true)) {
            synchronized (wakeByte) {
                // A datagram to itself; losing one (a full buffer) is harmless: a ring is pending.
                port.sendto(wakeSocket, wakeByte.clear(), 1, 0, wakeAddress, wakeAddress.length);
            }
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
        try {
            for (;;) {
                for (Waiter w; (w = incoming.poll()) != null; ) {
                    active.add(w); // a cancelled one is released just below
                }
                active.removeIf(Poller::dropUnlessWaiting);
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
                    fds[i] = w.socket;
                    events[i] = w.events;
                }
                short[] r = revents;
                int rc = port.wsaPoll(fds, events, r, POLL_MILLIS);
                if (rc == Sdk.SOCKET_ERROR) {
                    // WSAPoll failed: a socket of the set was closed under the poll (a borrowed
                    // view's owner), or a close's CancelIoEx cancelled the poll itself (Wine runs
                    // WSAPoll as I/O on the sockets). Every waiter retries its call, which reports
                    // what happened to its socket; cancelled ones are released.
                    for (Waiter w : active) {
                        readyNow(w, (short) Sdk.POLLNVAL);
                        dropUnlessWaiting(w); // a cancelled one learns it is out of the poll set
                    }
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
                    wakePending.set(false);
                    while (port.recvfrom(wakeSocket, drain.clear(), drain.capacity(), 0, from, fromlen(fromlen)) > 0) {
                        // drained one ring
                    }
                }
            }
        } catch (Throwable t) {
            died = t;
            for (Waiter w : active) {
                readyNow(w, (short) Sdk.POLLERR);
                dropUnlessWaiting(w);
            }
            throw t;
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

    private static void readyNow(Waiter w, short revents) {
        w.revents = revents;
        if (w.state.compareAndSet(WAITING, READY)) {
            LockSupport.unpark(w.thread);
        }
    }
}
