package org.winsock4j;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.winsock4j.port.WinsockPort;

/**
 * The raw SOCKET and its lifetime word (docs/ARCHITECTURE.md section 3): one atomic int holding a CLOSING
 * flag, a CLOSED flag, the two shutdown directions and the number of calls in progress. Compare
 * Netty's FileDescriptor state bits and Go's fdMutex.
 *
 * <p>Separate from {@link WinSocket} so that the Cleaner's action can hold it without keeping
 * the WinSocket reachable.
 */
final class SocketHandle {
    static final int CLOSING = 1 << 31;
    static final int CLOSED = 1 << 30;
    static final int INPUT_SHUT = 1 << 29;
    static final int OUTPUT_SHUT = 1 << 28;
    static final int COUNT_MASK = (1 << 28) - 1;

    /** {@link #timeoutMillis}: not known yet. */
    static final long TIMEOUT_UNKNOWN = -1;

    private static final VarHandle STATE;
    private static final VarHandle RCVTIMEO;
    private static final VarHandle SNDTIMEO;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(SocketHandle.class, "state", int.class);
            RCVTIMEO = lookup.findVarHandle(SocketHandle.class, "rcvtimeo", long.class);
            SNDTIMEO = lookup.findVarHandle(SocketHandle.class, "sndtimeo", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final WinsockPort port;
    final long raw;
    /** How the WinSocket got the handle, for messages: "socket()", "accept()", "adopt()", "borrow()". */
    final String origin;
    /** The thread that created the WinSocket, for messages naming an owner. */
    final String creatorThread;
    /**
     * The owning Winsock's table of owned handles (see Winsock#adopt), or null for a
     * borrowed handle, which is never closed through this object.
     */
    private final Map<Long, SocketHandle> owners;
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;
    /** The thread waiting in close for the calls in progress to drain; unparked by the last. */
    private volatile Thread closer;
    /** Why the latest close left the socket open, for the calls that close had cancelled. */
    private volatile Exception lastCloseFailure;
    /**
     * The threads parked in a call on this socket waiting for readiness (virtual threads, see
     * WinSocket#blockingCall); a close unparks them so they see CLOSING at once.
     */
    private final Set<Thread> parked = ConcurrentHashMap.newKeySet();
    /**
     * The real blocking mode while calls run non-blocking underneath on a logically blocking
     * socket: how many such calls are in progress, guarded by {@link #modeLock}. The first one
     * sets FIONBIO 1, the last one sets the logical mode back, before it counts itself out of
     * the state word, so the real mode is the logical one whenever no call is in progress
     * (docs/ARCHITECTURE.md section 3), and at closesocket in particular. The lock also
     * serialises a WinSocket's setsockopt of SO_RCVTIMEO/SO_SNDTIMEO with their cache below.
     */
    final ReentrantLock modeLock = new ReentrantLock();
    int nonBlockingCalls;
    /** Whether the socket really is non-blocking now (FIONBIO 1); written under {@link #modeLock}. */
    volatile boolean reallyNonBlocking;
    /**
     * SO_RCVTIMEO and SO_SNDTIMEO in milliseconds (0: no limit), for the calls that wait for
     * readiness instead of blocking (WinSocket#blockingCall): read from the socket once, then
     * kept up to date by the WinSocket's setsockopt, so that a wait costs no getsockopt. An owned
     * handle only: a borrowed one's owner may set them behind the WinSocket's back.
     */
    @SuppressWarnings("unused") // accessed through RCVTIMEO
    private volatile long rcvtimeo = TIMEOUT_UNKNOWN;
    @SuppressWarnings("unused") // accessed through SNDTIMEO
    private volatile long sndtimeo = TIMEOUT_UNKNOWN;

    SocketHandle(WinsockPort port, long raw, String origin, Map<Long, SocketHandle> owners) {
        this.port = port;
        this.raw = raw;
        this.origin = origin;
        this.creatorThread = Thread.currentThread().getName();
        this.owners = owners;
    }

    /** The cached SO_RCVTIMEO or SO_SNDTIMEO in milliseconds, or {@link #TIMEOUT_UNKNOWN}. */
    long timeoutMillis(boolean receive) {
        return owns() ? (long) (receive ? RCVTIMEO : SNDTIMEO).getVolatile(this) : TIMEOUT_UNKNOWN;
    }

    /**
     * Caches a timeout read from the socket, unless a setsockopt cached one meanwhile (which the
     * read may predate).
     */
    void timeoutRead(boolean receive, long millis) {
        (receive ? RCVTIMEO : SNDTIMEO).compareAndSet(this, TIMEOUT_UNKNOWN, millis);
    }

    /** Caches a timeout the WinSocket has just set; callers serialise their setsockopt and this. */
    void timeoutSet(boolean receive, long millis) {
        (receive ? RCVTIMEO : SNDTIMEO).setVolatile(this, millis);
    }

    /** Whether closing this handle is this object's job (false for a borrowed handle). */
    boolean owns() {
        return owners != null;
    }

    /** Counts a call in; false once closing began, so no call can reach a closed descriptor. */
    boolean acquire() {
        for (;;) {
            int s = (int) STATE.getVolatile(this);
            if ((s & (CLOSING | CLOSED)) != 0) {
                return false;
            }
            if ((s & COUNT_MASK) == COUNT_MASK) {
                throw new IllegalStateException("more than " + COUNT_MASK + " calls in progress on one socket");
            }
            if (STATE.compareAndSet(this, s, s + 1)) {
                return true;
            }
        }
    }

    /** Counts a call out; the last one out while closing wakes the closer. */
    void release() {
        int s = (int) STATE.getAndAdd(this, -1) - 1;
        if ((s & COUNT_MASK) == COUNT_MASK) {
            STATE.getAndAdd(this, 1); // undo the borrow from the flag bits before reporting
            throw new IllegalStateException("release without acquire on SOCKET 0x" + Long.toHexString(raw));
        }
        if ((s & CLOSING) != 0 && (s & COUNT_MASK) == 0) {
            Thread t = closer;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    /** Sets CLOSING; false when already closed. Callers hold the WinSocket's close lock. */
    boolean beginClose() {
        for (;;) {
            int s = (int) STATE.getVolatile(this);
            if ((s & CLOSED) != 0) {
                return false;
            }
            if (STATE.compareAndSet(this, s, s | CLOSING)) {
                closer = Thread.currentThread();
                return true;
            }
        }
    }

    /**
     * Sets CLOSING without taking part in the close (an interrupt asks for one; the close itself
     * follows on another thread); false when a close had begun or ended already.
     */
    boolean markClosing() {
        for (;;) {
            int s = (int) STATE.getVolatile(this);
            if ((s & (CLOSING | CLOSED)) != 0) {
                return false;
            }
            if (STATE.compareAndSet(this, s, s | CLOSING)) {
                return true;
            }
        }
    }

    /** closesocket failed and left the socket open: calls may start again. */
    void abortClose(Exception why) {
        closer = null;
        lastCloseFailure = why;
        setBits(0, CLOSING);
        wakeOutcomeWaiters();
    }

    /** closesocket succeeded (or the descriptor is gone): the handle is forgotten for good. */
    void finishClose() {
        closer = null;
        setBits(CLOSED, 0);
        if (owners != null) {
            owners.remove(raw, this);
        }
        wakeOutcomeWaiters();
    }

    private synchronized void wakeOutcomeWaiters() {
        notifyAll();
    }

    /**
     * For a call that a close cancelled: waits until that close has ended, then returns null if
     * it closed the socket, or why it failed (the socket is then open again). The caller must
     * have counted itself out first, or the close would wait for it.
     */
    synchronized Exception awaitCloseOutcome() {
        boolean interrupted = false;
        try {
            for (;;) {
                int s = (int) STATE.getVolatile(this);
                if ((s & CLOSED) != 0) {
                    return null;
                }
                if ((s & CLOSING) == 0) {
                    Exception why = lastCloseFailure;
                    return why != null ? why : new IllegalStateException("the close ended without closing");
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true; // the outcome is near: the close only waits for closesocket
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The calling thread parks waiting for readiness; {@link #unparkWaiters} wakes it. */
    void parking(Thread t) {
        parked.add(t);
    }

    void unparked(Thread t) {
        parked.remove(t);
    }

    /** Wakes every thread parked in a call on this socket (a close is under way). */
    void unparkWaiters() {
        for (Thread t : parked) {
            LockSupport.unpark(t);
        }
    }

    void markShutdown(int bits) {
        setBits(bits, 0);
    }

    private void setBits(int set, int clear) {
        for (;;) {
            int s = (int) STATE.getVolatile(this);
            if (STATE.compareAndSet(this, s, (s | set) & ~clear)) {
                return;
            }
        }
    }

    int inProgress() {
        return (int) STATE.getVolatile(this) & COUNT_MASK;
    }

    boolean isClosed() {
        return ((int) STATE.getVolatile(this) & CLOSED) != 0;
    }

    boolean isClosing() {
        return ((int) STATE.getVolatile(this) & (CLOSING | CLOSED)) != 0;
    }

    boolean has(int bit) {
        return ((int) STATE.getVolatile(this) & bit) != 0;
    }
}
