package org.winsock4j;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.winsock4j.port.WinsockPort;

/**
 * The readiness pollers of one {@link Winsock}: as many {@link Poller} threads as the waiting
 * virtual threads need, each with at most {@value #WAITERS_PER_POLLER} waiters. One WSAPoll's cost
 * grows with the number of sockets it is given (under Wine, a few microseconds per socket in the
 * wineserver at every call), and a poller calls WSAPoll again at every registration; so one
 * poller for thousands of waiters spends its time rebuilding its set, while small sets keep a
 * registration's cost flat (benchmarks/results/VT-SCALE.md). Pollers are started on demand; one
 * without waiters for {@value #IDLE_STOP_SECONDS} s closes its doorbell and ends, and is dropped
 * when the next poller is added.
 *
 * <p>The pollers do not unpark the virtual threads themselves: one {@link Unparker} thread does,
 * in the order the pollers reported them. The scheduler queues an unpark from a platform thread
 * in a submission queue picked by that thread, and does not serve its queues in order: with
 * unparks from many pollers, a few connections got most round trips while others waited for
 * seconds (VT-SCALE.md). The JDK's own sockets on virtual threads are unparked by one read
 * poller thread for the same reason of order.
 */
final class Pollers {
    /** Waiters per poller: with the doorbell, 64 sockets per WSAPoll (Winsock's FD_SETSIZE). */
    static final int WAITERS_PER_POLLER = 63;
    /** How long a poller stays without waiters before it ends. */
    static final int IDLE_STOP_SECONDS = 30;

    private static final AtomicInteger UNPARKERS = new AtomicInteger();

    private final WinsockPort port;
    private final Object growLock = new Object();
    private volatile Poller[] pollers = new Poller[0];
    /** Made with the first poller. */
    private Unparker unparker;
    private volatile long idleStopNanos = TimeUnit.SECONDS.toNanos(IDLE_STOP_SECONDS);

    Pollers(WinsockPort port) {
        this.port = port;
    }

    /**
     * Queues the calling thread to be unparked when {@code socket}'s number is ready for {@code events}, on
     * the first poller with room (a new one when all are full). The caller ends the waiter with
     * {@code waiter.poller.cancel(waiter)}.
     *
     * @throws WinsockException when a new poller's wake-up socket cannot be made
     */
    Poller.Waiter register(SocketHandle socket, short events) throws WinsockException {
        for (;;) {
            Poller[] all = pollers;
            for (Poller p : all) {
                Poller.Waiter w = p.tryRegister(socket, events, WAITERS_PER_POLLER);
                if (w != null) {
                    return w;
                }
            }
            synchronized (growLock) {
                if (pollers == all) { // nobody added one meanwhile
                    if (unparker == null) {
                        unparker = new Unparker();
                    }
                    // Retired pollers (their doorbell went with the process's last WSACleanup) go.
                    List<Poller> grown = new ArrayList<>(all.length + 1);
                    for (Poller p : all) {
                        if (!p.retired()) {
                            grown.add(p);
                        }
                    }
                    grown.add(new Poller(port, unparker, idleStopNanos));
                    pollers = grown.toArray(new Poller[0]);
                }
            }
        }
    }

    /** Pollers started from now on end after {@code idle} without waiters; for tests. */
    void stopIdlePollersAfter(java.time.Duration idle) {
        idleStopNanos = idle.toNanos();
    }

    /** The doorbell handles of the running pollers; for tests. */
    List<Long> doorbells() {
        List<Long> running = new ArrayList<>();
        for (Poller p : pollers) {
            long doorbell = p.doorbell();
            if (doorbell != org.winsock4j.port.Sdk.INVALID_SOCKET) {
                running.add(doorbell);
            }
        }
        return running;
    }

    /** How many pollers there are (started or about to be, and retired ones not yet dropped); for tests. */
    int size() {
        return pollers.length;
    }

    /**
     * The thread that unparks the waiters every poller of one {@link Pollers} reports ready, in
     * the order reported (see the class comment). A daemon platform thread, started with the
     * first poller and kept.
     */
    static final class Unparker {
        private final LinkedBlockingQueue<Thread> ready = new LinkedBlockingQueue<>();

        Unparker() {
            Thread t = new Thread(this::loop, "winsock4j-unparker-" + UNPARKERS.incrementAndGet());
            t.setDaemon(true);
            t.start();
        }

        /** Unparks {@code thread} soon, after the ones queued before it. */
        void unpark(Thread thread) {
            ready.add(thread);
        }

        private void loop() {
            for (;;) {
                try {
                    LockSupport.unpark(ready.take());
                } catch (InterruptedException e) {
                    // Nothing asks this thread to stop; an interrupt from outside is not a reason to.
                }
            }
        }
    }
}
