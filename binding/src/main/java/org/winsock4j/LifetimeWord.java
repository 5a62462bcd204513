package org.winsock4j;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A socket's lifetime word and nothing else (docs/ARCHITECTURE.md#lifetime): one atomic int
 * holding CLOSING, CLOSED, the two shutdown directions, the close's claim on the number
 * (RELEASING), the mark of a number given to a new socket (REISSUED) and a 26-bit count of the
 * calls in progress, with the transitions between them, each one compare-and-set. Go's
 * internal/poll fdMutex is the model: the word knows nothing of sockets, closers or waiting;
 * {@link SocketHandle} says what the transitions mean for a socket (and combines a borrowed
 * view's word with its owner's).
 */
final class LifetimeWord {
    static final int CLOSING = 1 << 31;
    static final int CLOSED = 1 << 30;
    static final int INPUT_SHUT = 1 << 29;
    static final int OUTPUT_SHUT = 1 << 28;
    /**
     * The close has claimed the number for its closesocket: from here on a reissue of the number
     * can only follow that closesocket, so it no longer cuts the socket off.
     */
    static final int RELEASING = 1 << 27;
    /**
     * The Winsock's socket() or accept() gave the number to a new socket while this word's socket
     * still held it (the number was closed behind its back): cut off, and its close never calls
     * closesocket.
     */
    static final int REISSUED = 1 << 26;
    static final int COUNT_MASK = (1 << 26) - 1;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(LifetimeWord.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;

    /**
     * Counts a call in.
     *
     * @return false once CLOSING or CLOSED is set (the count is left alone)
     * @throws IllegalStateException when the count is full
     */
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

    /**
     * Counts a call out.
     *
     * @return true when it was the last one out while CLOSING is set: the closer waits for it
     * @throws IllegalStateException when no call was counted in (the word is left as it was)
     */
    boolean release() {
        int s = (int) STATE.getAndAdd(this, -1) - 1;
        if ((s & COUNT_MASK) == COUNT_MASK) {
            STATE.getAndAdd(this, 1); // undo the borrow from the flag bits before reporting
            throw new IllegalStateException("release without acquire");
        }
        return (s & CLOSING) != 0 && (s & COUNT_MASK) == 0;
    }

    /**
     * Counts in a holder that is not a call, only while calls are in progress and the word is
     * not CLOSED (with {@code closing}, also only while CLOSING is set); released by
     * {@link #release()}.
     *
     * @param closing whether CLOSING must be set
     * @return whether it was counted in
     */
    boolean holdWhileCalls(boolean closing) {
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

    /** Sets CLOSING; false when CLOSED already. */
    boolean beginClose() {
        return setUnless(CLOSED, CLOSING);
    }

    /** Sets CLOSING; false when CLOSING or CLOSED was set already. */
    boolean markClosing() {
        return setUnless(CLOSING | CLOSED, CLOSING);
    }

    /** Sets RELEASING; false when REISSUED is set. */
    boolean claimNumber() {
        return setUnless(REISSUED, RELEASING);
    }

    /** Sets CLOSING and REISSUED; false when CLOSED or RELEASING is set. */
    boolean markReissued() {
        return setUnless(CLOSED | RELEASING, CLOSING | REISSUED);
    }

    /** Clears CLOSING and RELEASING: a failed close left the socket open. */
    void reopen() {
        setBits(0, CLOSING | RELEASING);
    }

    /** Sets CLOSED, for good. */
    void markClosed() {
        setBits(CLOSED, 0);
    }

    /** Sets INPUT_SHUT and/or OUTPUT_SHUT. */
    void markShutdown(int bits) {
        setBits(bits, 0);
    }

    /** Whether any of {@code bits} is set. */
    boolean has(int bits) {
        return ((int) STATE.getVolatile(this) & bits) != 0;
    }

    /** How many calls (and holders) are counted in. */
    int inProgress() {
        return (int) STATE.getVolatile(this) & COUNT_MASK;
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
}
