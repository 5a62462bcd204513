package org.winsock4j;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import org.winsock4j.port.Sdk;
import org.winsock4j.port.SdkStructs;

/**
 * The one closer of a socket (docs/ARCHITECTURE.md#lifetime, rules 2 to 5; #interrupts;
 * #cleaner): {@link WinSocket#close()}, {@link WinSocket#closeAbortively()},
 * {@link WinSocket#close(Duration)}, the close an interrupt asks for and the Cleaner's action on
 * a leaked socket all end on one closesocket path ({@link #closeMarked}), under this object's
 * monitor: CLOSING set, the calls in progress woken and waited for, the number claimed, one
 * closesocket, and the handle ended or (closesocket failed) open again.
 *
 * <p>Separate from {@link WinSocket} so that the Cleaner's action ({@link #run()}) can hold it
 * without keeping the WinSocket reachable; the closes that use the socket's own calls (the
 * linger, the drain of {@code close(Duration)}) are handed the WinSocket.
 */
final class SocketCloser implements Runnable {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final System.Logger LOG = System.getLogger(WinSocket.class.getName());

    private final SocketHandle handle;
    /** The Cleaner's registration: null for a borrowed handle, which this object never closes. */
    private final Cleaner.Cleanable cleanable;

    /**
     * The closer of {@code socket}'s handle; an owned one's is registered with the Cleaner, which
     * closes the socket abortively when {@code socket} becomes unreachable while open.
     */
    SocketCloser(Object socket, SocketHandle handle) {
        this.handle = handle;
        this.cleanable = handle.owns() ? CLEANER.register(socket, this) : null;
    }

    /**
     * {@link WinSocket#close()}: does nothing when closed already, and says so when the number
     * went to a new socket.
     */
    synchronized void close() throws WinsockException {
        if (handle.beginClose()) {
            closeMarked(false);
        } else if (handle.owns() && handle.isReissued()) {
            throw reissuedClose();
        }
    }

    /**
     * The close once CLOSING is set, under this object's monitor: wake, wait, closesocket once,
     * unless the number was given to a new socket meanwhile. A {@code leaked} socket (the
     * Cleaner's) is closed abortively (linger 0: closesocket never blocks) and its failure is
     * logged, not thrown: it is closed for good either way.
     */
    private void closeMarked(boolean leaked) throws WinsockException {
        // A leaked socket's own calls are over (it is unreachable); its borrowed views' may not be.
        handle.drainCalls();
        if (!handle.owns()) {
            forget(false);
            return;
        }
        if (!handle.claimForClosesocket()) {
            forget(false);
            if (leaked) {
                return; // the number is a new socket's now
            }
            throw reissuedClose();
        }
        if (leaked) {
            // Linger 0 makes closesocket reset at once, even on a non-blocking socket (closesocket remarks).
            byte[] abortive = SdkStructs.linger(1, 0);
            handle.port.setsockopt(handle.raw, Sdk.SOL_SOCKET, Sdk.SO_LINGER, abortive, abortive.length);
        }
        int rc;
        try {
            rc = handle.port.closesocket(handle.raw);
        } catch (RuntimeException | Error e) {
            handle.abortClose(e instanceof Exception ex ? ex : new IllegalStateException(e));
            throw e;
        }
        int code = rc == Sdk.SOCKET_ERROR ? handle.port.lastError() : 0;
        if (leaked) {
            forget(rc != Sdk.SOCKET_ERROR);
            LOG.log(System.Logger.Level.WARNING, "a WinSocket (SOCKET 0x{0}) was not closed; closed abortively by the"
                    + " Cleaner{1}", Long.toHexString(handle.raw),
                    rc == 0 ? "" : ": closesocket failed with " + WsaError.nameOf(code) + " (" + code + ")");
            return;
        }
        if (rc != Sdk.SOCKET_ERROR) {
            forget(true);
            return;
        }
        if (code == WsaError.WSAENOTSOCK.code() || code == WsaError.WSANOTINITIALISED.code()) {
            // No descriptor to release: it is not a socket, or WSACleanup already closed it
            // ("sockets open when WSACleanup is called are reset and automatically
            // deallocated"). Keeping it could only ever reach a descriptor reused by others.
            forget(false);
            throw WinsockException.unshaped("closesocket", code, "The WinSocket is closed.");
        }
        WinsockException failure = WinsockException.unshaped("closesocket", code, code == WsaError.WSAEWOULDBLOCK.code()
                ? "The socket is still open and usable: a non-blocking socket lingering with a timeout cannot"
                + " close at once; turn lingering off, set a zero timeout, call shutdown(SEND) first or make it"
                + " blocking, then close again."
                : "The socket is still open.");
        handle.abortClose(failure);
        throw failure;
    }

    /** The handle is closed; {@code closedHere}: by this closer's successful closesocket. */
    private void forget(boolean closedHere) {
        handle.finishClose(closedHere);
        if (cleanable != null) {
            cleanable.clean(); // runs nothing: the handle is closed (see run)
        }
    }

    /** The close of a WinSocket whose number a reissue took (see {@link Winsock#adopt}). */
    private WinsockException reissuedClose() {
        return WinsockException.unshaped("closesocket", WsaError.WSAENOTSOCK.code(), "(closesocket not called: "
                + handle.whyClosed() + ". The WinSocket is closed.)");
    }

    /** The Cleaner's action: an abortive close that never blocks, for a WinSocket left open. */
    @Override
    public synchronized void run() {
        if (handle.isClosed() || !handle.beginClose()) {
            return;
        }
        try {
            closeMarked(true);
        } catch (WinsockException notThrownForALeakedSocket) {
            throw new AssertionError(notThrownForALeakedSocket);
        }
    }

    /**
     * The close an interrupt asked for ({@link InterruptHook}), run by the interrupted thread once
     * its own call has counted itself out. A failure leaves the socket open; the interrupted call
     * reports it, and it is logged here too. The interrupt status is cleared while the close waits
     * for other calls to leave (a park returns at once while it is set) and set again after.
     */
    void closeAfterInterrupt() {
        boolean interrupted = Thread.interrupted();
        try {
            synchronized (this) {
                if (!handle.beginClose()) {
                    return;
                }
                closeMarked(false);
            }
        } catch (WinsockException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "closing " + WinSocket.describe(handle) + " after an interrupt failed", e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * {@link WinSocket#closeAbortively()}: SO_LINGER {1, 0} through {@code socket}, then the close;
     * a failed setsockopt is thrown after the socket was closed all the same.
     */
    void closeAbortively(WinSocket socket) throws WinsockException {
        requireOwned("closeAbortively");
        synchronized (this) {
            WinsockException lingerFailure = null;
            try {
                socket.setLinger(Linger.abortive());
            } catch (SocketClosedException closed) {
                close(); // does nothing, or says the number went to a new socket
                return;
            } catch (WinsockException e) {
                lingerFailure = e;
            } catch (IOException e) {
                if (!(e instanceof WinsockError w)) {
                    throw new AssertionError("setLinger throws only Winsock errors", e);
                }
                // One of the JDK-shaped codes, which setsockopt does not document: keep its number.
                lingerFailure = WinsockException.unshaped(w.operation(), w.code(), null);
                lingerFailure.initCause(e);
            }
            close();
            if (lingerFailure != null) {
                throw lingerFailure;
            }
        }
    }

    /**
     * {@link WinSocket#close(Duration)} after its argument checks: shutdown(SEND), the drain until
     * the peer's end of stream without holding this object's monitor (so that another thread's
     * close takes effect at once), then a graceful or an abortive close.
     */
    boolean close(WinSocket socket, Duration timeout) throws WinsockException {
        requireOwned("close(Duration)");
        if (handle.isClosed()) {
            close(); // does nothing, or says the number went to a new socket
            return true;
        }
        if (timeout.isZero()) {
            closeAbortively(socket);
            return false;
        }
        long waitNanos = Await.nanosOrUnlimited(timeout);
        long start = System.nanoTime();
        boolean peerClosed;
        try {
            socket.shutdown(ShutdownHow.SEND);
            peerClosed = drainUntilEndOfStream(socket, start, waitNanos);
        } catch (WinsockException.NotConnected notConnected) {
            close();
            return true;
        } catch (SocketClosedException | ClosedByInterruptException closedMeanwhile) {
            return false;
        } catch (IOException drainFailed) {
            peerClosed = false;
        }
        synchronized (this) {
            if (handle.isClosing()) {
                return false; // another close took over while we waited
            }
            if (!peerClosed) {
                closeAbortively(socket);
                return false;
            }
            try {
                socket.setLinger(Linger.off());
            } catch (IOException e) {
                closeAbortively(socket);
                return false;
            }
            close();
            return true;
        }
    }

    private static boolean drainUntilEndOfStream(WinSocket socket, long start, long waitNanos) throws IOException {
        if (!socket.isBlocking()) {
            socket.setBlocking(true);
        }
        byte[] scratch = new byte[8192];
        for (;;) {
            int rcvtimeoMillis = 0; // SO_RCVTIMEO 0: no limit
            if (waitNanos != Long.MAX_VALUE) {
                long left = waitNanos - (System.nanoTime() - start);
                if (left <= 0) {
                    return false;
                }
                // Rounded up: 0 would mean no limit.
                rcvtimeoMillis = (int) Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000);
            }
            socket.setOption(IntOption.SO_RCVTIMEO, rcvtimeoMillis);
            try {
                if (socket.recv(scratch, 0, scratch.length) < 0) {
                    return true;
                }
            } catch (WinsockException.TimedOut timedOut) {
                return false;
            }
        }
    }

    private void requireOwned(String operation) {
        if (!handle.owns()) {
            throw new IllegalStateException(operation + " on a borrowed SOCKET 0x" + Long.toHexString(handle.raw)
                    + ": ending the connection is its owner's job; close() ends this view");
        }
    }
}
