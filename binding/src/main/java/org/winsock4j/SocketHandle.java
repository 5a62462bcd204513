package org.winsock4j;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.winsock4j.port.Sdk;
import org.winsock4j.port.WinsockPort;

/**
 * A SOCKET number as one holder in a {@link Winsock} has it, and the close of that hold
 * (docs/ARCHITECTURE.md#lifetime): the number and its port, who holds it, its {@link LifetimeWord},
 * and what a close does with the word: wake the calls in progress, wait for them, claim the
 * number, end or reopen, report the outcome to the calls it cancelled.
 *
 * <p>Three kinds of holder: the handle of a WinSocket that owns the number (an entry of its
 * Winsock's table, {@link SocketNumbers}, which closes it); an entry for a number borrowed from
 * outside (nobody in this Winsock owns it, nothing closes it; it exists so that its views can be
 * cut off); and a borrowed view, whose calls count in its own word (the view's close waits for
 * them) and in its {@link #entry}'s, so that the owner's close cancels and waits for them as for
 * its own (docs/ARCHITECTURE.md#ownership).
 *
 * <p>Separate from {@link WinSocket} so that the Cleaner's action can hold it without keeping
 * the WinSocket reachable.
 */
final class SocketHandle {
    /** Between two CancelIoEx rounds while waiting for calls in progress to leave. */
    static final int CANCEL_RETRY_MILLIS = 10;
    static final long CANCEL_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(CANCEL_RETRY_MILLIS);

    final WinsockPort port;
    final long raw;
    /** The calls in progress and the close's state. */
    final LifetimeWord word = new LifetimeWord();
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
    final SocketHandle entry;
    /**
     * The Winsock's table of numbers for a table entry, which leaves it when closed unless
     * closesocket succeeded (then it stays as the record that this Winsock closed the number,
     * until socket() or accept() returns the number again); null for a view.
     */
    private final Map<Long, SocketHandle> table;
    /** Whether closing the number is this handle's job: an owner's handle, not a view or a borrowed number's entry. */
    private volatile boolean owned;
    /** For a handle cut off by a reissue ({@link LifetimeWord#REISSUED}): who got the number, for messages. */
    private volatile String reissuedTo;
    /** The thread waiting in close for the calls in progress to drain; unparked by the last. */
    private volatile Thread closer;
    /** Why the latest close left the socket open, for the calls that close had cancelled. */
    private volatile Exception lastCloseFailure;
    /**
     * The threads parked in a call on this socket waiting for readiness (virtual threads, see
     * {@link Await}); a close unparks them so they see CLOSING at once.
     */
    private final Set<Thread> parked = ConcurrentHashMap.newKeySet();

    /** The handle of a WinSocket owning {@code raw}, an entry of {@code table}. */
    SocketHandle(WinsockPort port, long raw, String origin, Map<Long, SocketHandle> table) {
        this(port, raw, origin, table, true, null);
    }

    private SocketHandle(WinsockPort port, long raw, String origin, Map<Long, SocketHandle> table, boolean owned,
            SocketHandle entry) {
        this.port = port;
        this.raw = raw;
        this.origin = origin;
        this.creatorThread = Thread.currentThread().getName();
        this.table = table;
        this.owned = owned;
        this.entry = entry;
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
        if (owned || entry != null || isClosing()) {
            return false;
        }
        origin = "adopt()";
        creatorThread = Thread.currentThread().getName();
        owned = true;
        return true;
    }

    /** Whether closing this handle is this object's job (false for a borrowed view). */
    boolean owns() {
        return owned;
    }

    // ---------------------------------------------------------------- calls

    /**
     * The guard of every call: counts it in, or refuses it before it reaches ws2_32 once closing
     * began. The caller counts itself out with {@link #release()} when the call has returned.
     *
     * @param operation the SDK function, for the exception
     * @throws SocketClosedException when the socket is closing or closed
     */
    void enter(String operation) throws SocketClosedException {
        if (!acquire()) {
            throw new SocketClosedException(operation, whyClosed());
        }
    }

    /**
     * One getsockopt under the guard.
     *
     * @return the option's {@code size} bytes
     * @throws IOException a {@link WinsockException} when getsockopt fails, or a
     *     {@link SocketClosedException} when the socket is closed
     */
    byte[] getsockopt(int level, int optname, int size) throws IOException {
        byte[] optval = new byte[size];
        int[] optlen = {size};
        enter("getsockopt");
        try {
            if (port.getsockopt(raw, level, optname, optval, optlen) == Sdk.SOCKET_ERROR) {
                throw WinsockException.of("getsockopt", port.lastError());
            }
        } finally {
            release();
        }
        return optval;
    }

    /**
     * Counts a call in; false once closing began, so no call can reach a closed descriptor. A
     * view counts in its own word and in its entry's: refused once either is closing.
     */
    boolean acquire() {
        if (!word.acquire()) {
            return false;
        }
        if (entry != null && !entry.word.acquire()) {
            releaseOwn();
            return false;
        }
        return true;
    }

    /** Counts a call out; the last one out while closing wakes the closer. */
    void release() {
        if (entry != null) {
            entry.releaseOwn();
        }
        releaseOwn();
    }

    private void releaseOwn() {
        boolean lastWhileClosing;
        try {
            lastWhileClosing = word.release();
        } catch (IllegalStateException misuse) {
            throw new IllegalStateException(misuse.getMessage() + " on SOCKET 0x" + Long.toHexString(raw), misuse);
        }
        if (lastWhileClosing) {
            Thread t = closer;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    /**
     * The calling thread parks waiting for readiness; {@link #unparkWaiters} wakes it (a view's,
     * and its entry's, whose close must wake the view's calls too).
     */
    void parking(Thread t) {
        parked.add(t);
        if (entry != null) {
            entry.parked.add(t);
        }
    }

    void unparked(Thread t) {
        parked.remove(t);
        if (entry != null) {
            entry.parked.remove(t);
        }
    }

    /** Wakes every thread parked in a call on this socket (a close is under way). */
    void unparkWaiters() {
        for (Thread t : parked) {
            LockSupport.unpark(t);
        }
    }

    // ---------------------------------------------------------------- the close

    /** Sets CLOSING; false when already closed. Callers hold the socket's close lock. */
    boolean beginClose() {
        if (!word.beginClose()) {
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
        return word.markClosing();
    }

    /**
     * The close, after its wait for the calls in progress, claims the number for its closesocket;
     * false when a reissue cut this handle off first (the number is a new socket's now: the close
     * must not call closesocket).
     */
    boolean claimForClosesocket() {
        return word.claimNumber();
    }

    /** closesocket failed and left the socket open: calls may start again. */
    void abortClose(Exception why) {
        closer = null;
        lastCloseFailure = why;
        word.reopen();
        wakeOutcomeWaiters();
    }

    /**
     * The handle is closed for good: closesocket succeeded ({@code closedHere}: the entry stays
     * in its table as the record that this Winsock closed the number), or there is nothing to
     * release (the entry leaves the table), or a view ended.
     */
    void finishClose(boolean closedHere) {
        closer = null;
        word.markClosed();
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
        if (!word.markReissued()) {
            return;
        }
        if (closer == null) {
            closer = Thread.currentThread();
        }
        drainCalls();
        word.markClosed();
        wakeOutcomeWaiters();
    }

    /**
     * With CLOSING set: wakes the calls in progress (CancelIoEx for a blocked native call, an
     * unpark for a parked virtual thread) every {@value #CANCEL_RETRY_MILLIS} ms until none is
     * left; the last one out unparks the waiting {@link #closer} at once.
     */
    void drainCalls() {
        while (word.inProgress() > 0) {
            // Cancels I/O issued by any thread on this handle, so a blocked recv/accept/send returns
            // (WSAEINTR or WSA_OPERATION_ABORTED). Its own failure (ERROR_NOT_FOUND when nothing is
            // pending yet) only means the next round must try again.
            port.cancelIoEx(raw);
            unparkWaiters(); // calls parked on virtual threads see CLOSING
            LockSupport.parkNanos(this, CANCEL_RETRY_NANOS);
        }
    }

    /**
     * One cancel round for {@link InterruptCancels}, which repeats an interrupt's CancelIoEx on
     * behalf of a close it does not run: it counts itself in like a call, so that no closesocket
     * can run on the number meanwhile, but only while this handle is closing (not closed) with
     * calls still in progress (for a view, also in its entry's word). False when there is
     * nothing left to cancel, or the close failed and the socket is open again.
     */
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

    /** Counts {@link #cancelOnce} in, as described there. */
    boolean holdForCancel() {
        if (!word.holdWhileCalls(true)) {
            return false;
        }
        if (entry != null && !entry.word.holdWhileCalls(false)) {
            releaseOwn();
            return false;
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
     * entry's close cancelled (the view's own word is not closing) waits for that close.
     */
    Exception awaitCloseOutcome() {
        if (entry != null && !word.has(LifetimeWord.CLOSING | LifetimeWord.CLOSED)) {
            return entry.awaitCloseOutcome();
        }
        return awaitOwnCloseOutcome();
    }

    private synchronized Exception awaitOwnCloseOutcome() {
        boolean interrupted = false;
        try {
            for (;;) {
                if (word.has(LifetimeWord.CLOSED)) {
                    return null;
                }
                if (!word.has(LifetimeWord.CLOSING)) {
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

    // ---------------------------------------------------------------- state, for the safe layer

    /** Closed for good; a view also once its entry is. */
    boolean isClosed() {
        return has(LifetimeWord.CLOSED);
    }

    /** Closing or closed; a view also while its entry is. */
    boolean isClosing() {
        return has(LifetimeWord.CLOSING | LifetimeWord.CLOSED);
    }

    /** Cut off because its number was given to a new socket (itself, or a view's entry). */
    boolean isReissued() {
        return has(LifetimeWord.REISSUED);
    }

    /** Any of {@code bits} set in this handle's word, or (for a view) in its entry's. */
    private boolean has(int bits) {
        return word.has(bits) || entry != null && entry.word.has(bits);
    }

    /**
     * Why calls are refused, for {@link SocketClosedException}'s message: null for a plain close;
     * the reissue; or, for a view, that its owner closed the socket.
     */
    String whyClosed() {
        SocketHandle cut = word.has(LifetimeWord.REISSUED) ? this
                : entry != null && entry.word.has(LifetimeWord.REISSUED) ? entry : null;
        if (cut != null) {
            return "SOCKET 0x" + Long.toHexString(raw) + " was closed behind this WinSocket's back (by other code,"
                    + " or by the process's last WSACleanup) and " + cut.reissuedTo + " has since given the number to"
                    + " a new socket, which this WinSocket must never reach";
        }
        if (entry != null && !word.has(LifetimeWord.CLOSING | LifetimeWord.CLOSED)
                && entry.word.has(LifetimeWord.CLOSING | LifetimeWord.CLOSED)) {
            return "this borrowed view's owner (created by " + entry.origin + " on thread \""
                    + entry.creatorThread + "\") closed SOCKET 0x" + Long.toHexString(raw);
        }
        return null;
    }

    /** A description of this handle as the new holder of its number, for {@link #cutOff}'s messages. */
    String describeAsSuccessor() {
        return origin + " on thread \"" + creatorThread + "\"";
    }
}
