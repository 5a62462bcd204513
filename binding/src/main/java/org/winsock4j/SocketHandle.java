package org.winsock4j;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.winsock4j.port.WinsockPort;

/**
 * The raw SOCKET and its lifetime word (docs/ARCHITECTURE.md#lifetime): one atomic int holding a CLOSING
 * flag, a CLOSED flag, the two shutdown directions, the close's claim on the number (RELEASING),
 * the mark of a number given to a new socket (REISSUED) and the number of calls in progress.
 * Compare Netty's FileDescriptor state bits and Go's fdMutex.
 *
 * <p>Three kinds: the handle of a WinSocket that owns the number (an entry of its Winsock's
 * table, which closes it); an entry for a number borrowed from outside (nobody in this Winsock
 * owns it, nothing closes it; it exists so that its views can be cut off); and a borrowed view,
 * whose calls count in its own word (the view's close waits for them) and in its
 * {@link #lifetime}'s, the table entry, so that the owner's close cancels and waits for them as
 * for its own (docs/ARCHITECTURE.md#ownership).
 *
 * <p>Separate from {@link WinSocket} so that the Cleaner's action can hold it without keeping
 * the WinSocket reachable.
 */
final class SocketHandle {
    static final int CLOSING = 1 << 31;
    static final int CLOSED = 1 << 30;
    static final int INPUT_SHUT = 1 << 29;
    static final int OUTPUT_SHUT = 1 << 28;
    /**
     * The close has claimed the number for its closesocket: from here on a reissue of the number
     * can only follow that closesocket, so it no longer cuts this handle off.
     */
    static final int RELEASING = 1 << 27;
    /**
     * This Winsock's socket() or accept() gave the number to a new socket while this handle still
     * held it (the number was closed behind its back): the handle is cut off, and its close never
     * calls closesocket.
     */
    static final int REISSUED = 1 << 26;
    static final int COUNT_MASK = (1 << 26) - 1;

    /** Between two CancelIoEx rounds while waiting for calls in progress to leave. */
    static final int CANCEL_RETRY_MILLIS = 10;
    static final long CANCEL_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(CANCEL_RETRY_MILLIS);

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
    /**
     * How the WinSocket got the handle, for messages: "socket()", "accept()", "adopt()",
     * "borrow()"; an entry for a borrowed number becomes "adopt()" when adopted.
     */
    volatile String origin;
    /** The thread that created the WinSocket, for messages naming an owner. */
    volatile String creatorThread;
    /**
     * A borrowed view's table entry (the owner's handle, or the entry for a number nobody here
     * owns): its close or cut-off ends the view's calls too. Null for a table entry.
     */
    final SocketHandle lifetime;
    /**
     * The Winsock's table of numbers (see Winsock#adopt) for a table entry, which leaves it when
     * closed unless closesocket succeeded (then it stays as the record that this Winsock closed
     * the number, until socket() or accept() returns the number again); null for a view.
     */
    private final Map<Long, SocketHandle> table;
    /** Whether closing the number is this handle's job: an owner's handle, not a view or a borrowed number's entry. */
    private volatile boolean owned;
    /** For a handle cut off by a reissue ({@link #REISSUED}): who got the number, for messages. */
    private volatile String reissuedTo;
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
     * (docs/ARCHITECTURE.md#lifetime), and at closesocket in particular. The lock also
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

    /** The handle of a WinSocket owning {@code raw}, an entry of {@code table}. */
    SocketHandle(WinsockPort port, long raw, String origin, Map<Long, SocketHandle> table) {
        this(port, raw, origin, table, true, null);
    }

    private SocketHandle(WinsockPort port, long raw, String origin, Map<Long, SocketHandle> table, boolean owned,
            SocketHandle lifetime) {
        this.port = port;
        this.raw = raw;
        this.origin = origin;
        this.creatorThread = Thread.currentThread().getName();
        this.table = table;
        this.owned = owned;
        this.lifetime = lifetime;
    }

    /** The entry of {@code table} for a number borrowed while nobody in this Winsock owns it. */
    static SocketHandle borrowedNumber(WinsockPort port, long raw, Map<Long, SocketHandle> table) {
        return new SocketHandle(port, raw, "borrow()", table, false, null);
    }

    /** A borrowed view of the number {@code entry} holds: ended by its own close and by the entry's. */
    static SocketHandle view(SocketHandle entry) {
        return new SocketHandle(entry.port, entry.raw, "borrow()", null, false, entry);
    }

    /**
     * adopt() of a number borrowed before: this entry becomes the owner's handle, so the views
     * borrowed earlier follow the new owner's close. False when it is owned already or gone.
     */
    synchronized boolean takeOwnership() {
        if (owned || lifetime != null || isClosing()) {
            return false;
        }
        origin = "adopt()";
        creatorThread = Thread.currentThread().getName();
        owned = true;
        return true;
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

    /** Whether closing this handle is this object's job (false for a borrowed view). */
    boolean owns() {
        return owned;
    }

    /**
     * Counts a call in; false once closing began, so no call can reach a closed descriptor. A
     * view counts in its own word and in its lifetime's: refused once either is closing.
     */
    boolean acquire() {
        if (!acquireOwn()) {
            return false;
        }
        if (lifetime != null && !lifetime.acquireOwn()) {
            releaseOwn();
            return false;
        }
        return true;
    }

    private boolean acquireOwn() {
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
        if (lifetime != null) {
            lifetime.releaseOwn();
        }
        releaseOwn();
    }

    private void releaseOwn() {
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
        if (!setUnless(CLOSED, CLOSING)) {
            return false;
        }
        closer = Thread.currentThread();
        return true;
    }

    /**
     * Sets CLOSING without taking part in the close (an interrupt asks for one; the close itself
     * follows on another thread); false when a close had begun or ended already.
     */
    boolean markClosing() {
        return setUnless(CLOSING | CLOSED, CLOSING);
    }

    /**
     * The close, after its wait for the calls in progress, claims the number for its closesocket;
     * false when a reissue cut this handle off first (the number is a new socket's now: the close
     * must not call closesocket).
     */
    boolean claimForClosesocket() {
        return setUnless(REISSUED, RELEASING);
    }

    /** closesocket failed and left the socket open: calls may start again. */
    void abortClose(Exception why) {
        closer = null;
        lastCloseFailure = why;
        setBits(0, CLOSING | RELEASING);
        wakeOutcomeWaiters();
    }

    /**
     * The handle is closed for good: closesocket succeeded ({@code closedHere}: the entry stays
     * in its table as the record that this Winsock closed the number), or there is nothing to
     * release (the entry leaves the table), or a view ended.
     */
    void finishClose(boolean closedHere) {
        closer = null;
        setBits(CLOSED, 0);
        if (table != null && !closedHere) {
            table.remove(raw, this);
        }
        wakeOutcomeWaiters();
    }

    /**
     * This Winsock's socket() or accept() has just returned this handle's number for a new socket
     * ({@code successor} says which, for messages), so the number was closed behind this handle's
     * back (by other code, or by the process's last WSACleanup): no call of this handle, or of its
     * views, may reach the number again. Refuses new calls at once, cancels and waits for the calls
     * in progress (they were made before the number changed hands), then marks the handle closed.
     * Does nothing to a handle that is closed, or whose own closesocket released the number.
     */
    void cutOff(String successor) {
        reissuedTo = successor; // read only once REISSUED is set, which happens once per handle
        if (!setUnless(CLOSED | RELEASING, CLOSING | REISSUED)) {
            return;
        }
        if (closer == null) {
            closer = Thread.currentThread();
        }
        drainCalls();
        setBits(CLOSED, 0);
        wakeOutcomeWaiters();
    }

    /**
     * With CLOSING set: wakes the calls in progress (CancelIoEx for a blocked native call, an
     * unpark for a parked virtual thread) every {@value #CANCEL_RETRY_MILLIS} ms until none is
     * left; the last one out unparks the waiting {@link #closer} at once.
     */
    void drainCalls() {
        while (inProgress() > 0) {
            wakeCalls();
        }
    }

    /** One round of {@link #drainCalls()}: cancel, unpark, then wait a retry interval (or the last call out). */
    private void wakeCalls() {
        // Cancels I/O issued by any thread on this handle, so a blocked recv/accept/send returns
        // (WSAEINTR or WSA_OPERATION_ABORTED). Its own failure (ERROR_NOT_FOUND when nothing is
        // pending yet) only means the next round must try again.
        port.cancelIoEx(raw);
        unparkWaiters(); // calls parked on virtual threads see CLOSING
        LockSupport.parkNanos(this, CANCEL_RETRY_NANOS);
    }

    /**
     * For {@link InterruptCancels}, which repeats an interrupt's CancelIoEx on behalf of a close it
     * does not run: counts itself in like a call, so that no closesocket can run on the number
     * until {@link #release()}, but only while this handle is closing (not closed) with calls
     * still in progress (for a view, also in its lifetime's word); false otherwise: there is
     * nothing left to cancel, or the close failed and the socket is open again.
     */
    boolean holdForCancel() {
        if (!holdWhileCalls(true)) {
            return false;
        }
        if (lifetime != null && !lifetime.holdWhileCalls(false)) {
            releaseOwn();
            return false;
        }
        return true;
    }

    private boolean holdWhileCalls(boolean closing) {
        for (;;) {
            int s = (int) STATE.getVolatile(this);
            if ((s & CLOSED) != 0 || (s & COUNT_MASK) == 0 || closing && (s & CLOSING) == 0) {
                return false;
            }
            if (STATE.compareAndSet(this, s, s + 1)) {
                return true;
            }
        }
    }

    /** One cancel round for {@link InterruptCancels}: false when nothing is left to cancel. */
    boolean cancelOnce() {
        if (!holdForCancel()) {
            return false;
        }
        try {
            port.cancelIoEx(raw);
            unparkWaiters();
        } finally {
            release();
        }
        return true;
    }

    private synchronized void wakeOutcomeWaiters() {
        notifyAll();
    }

    /**
     * For a call that a close cancelled: waits until that close has ended, then returns null if
     * it closed the socket, or why it failed (the socket is then open again). The caller must
     * have counted itself out first, or the close would wait for it. A view's call that its
     * lifetime's close cancelled (the view's own word is not closing) waits for that close.
     */
    Exception awaitCloseOutcome() {
        if (lifetime != null && !has(CLOSING | CLOSED)) {
            return lifetime.awaitCloseOutcome();
        }
        return awaitOwnCloseOutcome();
    }

    private synchronized Exception awaitOwnCloseOutcome() {
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

    /**
     * The calling thread parks waiting for readiness; {@link #unparkWaiters} wakes it (a view's,
     * and its lifetime's, whose close must wake the view's calls too).
     */
    void parking(Thread t) {
        parked.add(t);
        if (lifetime != null) {
            lifetime.parked.add(t);
        }
    }

    void unparked(Thread t) {
        parked.remove(t);
        if (lifetime != null) {
            lifetime.parked.remove(t);
        }
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

    /** Sets {@code bits} in one step unless any of {@code refusedBy} is set; false then. */
    private boolean setUnless(int refusedBy, int bits) {
        for (;;) {
            int s = (int) STATE.getVolatile(this);
            if ((s & refusedBy) != 0) {
                return false;
            }
            if (STATE.compareAndSet(this, s, s | bits)) {
                return true;
            }
        }
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

    /** Closed for good; a view also once its lifetime is. */
    boolean isClosed() {
        return has(CLOSED) || lifetime != null && lifetime.has(CLOSED);
    }

    /** Closing or closed; a view also while its lifetime is. */
    boolean isClosing() {
        return has(CLOSING | CLOSED) || lifetime != null && lifetime.has(CLOSING | CLOSED);
    }

    /** Cut off because its number was given to a new socket (itself, or a view's lifetime). */
    boolean isReissued() {
        return has(REISSUED) || lifetime != null && lifetime.has(REISSUED);
    }

    /** Any of {@code bits} set in this handle's own word. */
    boolean has(int bits) {
        return ((int) STATE.getVolatile(this) & bits) != 0;
    }

    /**
     * Why calls are refused, for {@link SocketClosedException}'s message: null for a plain close;
     * the reissue; or, for a view, that its owner closed the socket.
     */
    String whyClosed() {
        SocketHandle cut = has(REISSUED) ? this : lifetime != null && lifetime.has(REISSUED) ? lifetime : null;
        if (cut != null) {
            return "SOCKET 0x" + Long.toHexString(raw) + " was closed behind this WinSocket's back (by other code,"
                    + " or by the process's last WSACleanup) and " + cut.reissuedTo + " has since given the number to"
                    + " a new socket, which this WinSocket must never reach";
        }
        if (lifetime != null && !has(CLOSING | CLOSED) && lifetime.has(CLOSING | CLOSED)) {
            return "this borrowed view's owner (created by " + lifetime.origin + " on thread \""
                    + lifetime.creatorThread + "\") closed SOCKET 0x" + Long.toHexString(raw);
        }
        return null;
    }

    /** A description of this handle as the new holder of its number, for {@link #cutOff}'s messages. */
    String describeAsSuccessor() {
        return origin + " on thread \"" + creatorThread + "\"";
    }
}
