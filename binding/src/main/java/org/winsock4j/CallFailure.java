package org.winsock4j;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;

/**
 * Why a call that may block ended without a result (docs/ARCHITECTURE.md#lifetime, rule 4): its
 * own error, or, when a close cancelled it (CLOSING was set when it failed) or this thread's
 * interrupt ended it, the outcome of that close. The call must have counted itself out first: the
 * close waits for it.
 */
final class CallFailure {
    /** In place of a WSA code: the call was not made, a close or an interrupt came first. */
    static final int NOT_CALLED = 0;

    private final SocketHandle handle;
    private final String operation;
    private final int code;
    private final boolean cancelled;

    private CallFailure(SocketHandle handle, String operation, int code, boolean cancelled) {
        this.handle = handle;
        this.operation = operation;
        this.code = code;
        this.cancelled = cancelled;
    }

    /**
     * A native call that failed, recorded right after it while the call is still counted in:
     * the code it left, and whether a close had begun (which cancelled it).
     */
    static CallFailure of(SocketHandle handle, String operation) {
        return new CallFailure(handle, operation, handle.port.lastError(), handle.isClosing());
    }

    /** A call that failed with {@code code}; {@code cancelled}: a close had begun when it did. */
    static CallFailure of(SocketHandle handle, String operation, int code, boolean cancelled) {
        return new CallFailure(handle, operation, code, cancelled);
    }

    /** A call that a close (or an interrupt's close) kept from being made. */
    static CallFailure notCalled(SocketHandle handle, String operation) {
        return new CallFailure(handle, operation, NOT_CALLED, true);
    }

    /**
     * The exception, once the call has counted itself out.
     *
     * @param interrupted whether this thread's interrupt ended the call
     */
    IOException exception(boolean interrupted) {
        IOException own = code == NOT_CALLED ? null : WinsockException.of(operation, code);
        if (!cancelled && !interrupted) {
            return own;
        }
        Exception closeFailure = handle.awaitCloseOutcome();
        if (closeFailure == null) {
            if (interrupted) {
                ClosedByInterruptException e = new ClosedByInterruptException();
                return own == null ? e : (IOException) e.initCause(own);
            }
            return new SocketClosedException(operation, own, handle.whyClosed());
        }
        if (interrupted) {
            InterruptedIOException e = new InterruptedIOException(operation + " interrupted; closing the socket"
                    + " after the interrupt failed, so the socket is still open");
            e.initCause(closeFailure);
            if (own != null) {
                e.addSuppressed(own);
            }
            return e;
        }
        if (own == null) {
            // Not started: another thread's interrupt was closing the socket, and that close failed.
            java.net.SocketException e = new java.net.SocketException(operation + " not started: a close after"
                    + " another thread's interrupt failed, so the socket is still open");
            e.initCause(closeFailure);
            return e;
        }
        IOException e = WinsockException.of(operation, code, "(A close on another thread cancelled this call,"
                + " then failed, so the socket is still open: " + closeFailure.getMessage() + ")");
        e.addSuppressed(closeFailure);
        return e;
    }
}
