package org.winsock4j;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Repeats CancelIoEx for the sockets an interrupt is closing, every
 * {@value SocketHandle#CANCEL_RETRY_MILLIS} ms, until their calls in progress have left
 * (docs/ARCHITECTURE.md#interrupts). The interrupt cancels once from inside
 * Thread.interrupt(), which must not wait; that one may come before the interrupted call
 * reached ws2_32, and a parked virtual thread makes its blocking native call only once woken
 * (SocketIo, when a close wakes its wait), so a later cancel must end it: that thread says when it is
 * about to make the call ({@link #soon}), and its socket is cancelled {@value #SOON_MICROS} µs
 * later instead of at the next round, which frees its carrier sooner. The interrupted thread
 * runs the close itself once its call has ended. One thread for the whole process, started when
 * an interrupt needs it and ended when no socket is left to watch, so a burst of interrupts costs
 * one thread start, not one per socket (issue 22). It never runs closesocket, and it cancels only
 * while it holds the socket like a call ({@link SocketHandle#holdForCancel()}), so never on a
 * closed number.
 */
final class InterruptCancels {
    private InterruptCancels() {}

    /** How long after {@link #soon} the cancel comes: the blocking native call has begun by then, as a rule. */
    static final int SOON_MICROS = 250;
    private static final long SOON_NANOS = TimeUnit.MICROSECONDS.toNanos(SOON_MICROS);

    private static final ConcurrentLinkedQueue<SocketHandle> INCOMING = new ConcurrentLinkedQueue<>();
    private static final ConcurrentLinkedQueue<SocketHandle> SOON = new ConcurrentLinkedQueue<>();
    private static final AtomicBoolean RUNNING = new AtomicBoolean();
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static volatile Thread thread;

    /** Watches {@code handle}, which an interrupt has just marked closing; does not block. */
    static void watch(SocketHandle handle) {
        INCOMING.add(handle);
        ensureRunning();
    }

    /**
     * The interrupted call on {@code handle} is about to make the blocking native call a cancel
     * must end: cancel it in about {@value #SOON_MICROS} µs (a miss is caught by the rounds).
     */
    static void soon(SocketHandle handle) {
        SOON.add(handle);
        if (!ensureRunning()) {
            LockSupport.unpark(thread);
        }
    }

    /** Starts the thread unless it runs; true when this call started it. */
    private static boolean ensureRunning() {
        if (!RUNNING.compareAndSet(false, true)) {
            return false;
        }
        Thread t = new Thread(InterruptCancels::run, "winsock4j-interrupt-cancels-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        thread = t;
        t.start();
        return true;
    }

    private static void run() {
        List<SocketHandle> watched = new ArrayList<>();
        long nextRound = System.nanoTime() + SocketHandle.CANCEL_RETRY_NANOS;
        for (;;) {
            for (SocketHandle h; (h = INCOMING.poll()) != null; ) {
                watched.add(h);
            }
            if (!SOON.isEmpty()) {
                pauseFor(SOON_NANOS); // for the announced native calls to begin
                for (SocketHandle h; (h = SOON.poll()) != null; ) {
                    h.cancelOnce();
                }
                continue;
            }
            if (watched.isEmpty()) {
                RUNNING.set(false);
                // A watch() or soon() that queued after the polls above but saw RUNNING still
                // true started no thread: this one carries on for it.
                if (INCOMING.isEmpty() && SOON.isEmpty() || !RUNNING.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            long wait = nextRound - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait); // soon() unparks it earlier
                continue;
            }
            watched.removeIf(h -> !h.cancelOnce());
            nextRound = System.nanoTime() + SocketHandle.CANCEL_RETRY_NANOS;
        }
    }

    /** Waits {@code nanos} at least, whatever unparks the thread meanwhile. */
    private static void pauseFor(long nanos) {
        long end = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
