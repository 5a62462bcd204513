package org.winsock4j;

import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;
import org.winsock4j.port.Sdk;

/**
 * A socket's blocking mode, logical and real, on one lock (docs/ARCHITECTURE.md#virtual-threads;
 * .NET's SafeSocketHandle keeps the user's and the real mode together too). The logical mode is
 * what {@link WinSocket#setBlocking} set (Winsock cannot report FIONBIO: sockets start blocking,
 * accepted ones inherit the listener's mode, adopted and borrowed ones are assumed blocking). A
 * call that may block, made on a virtual thread on a logically blocking socket, runs non-blocking
 * underneath: the first such call sets FIONBIO 1, the last one sets the logical mode back before
 * it counts itself out of the lifetime word, so the real mode is the logical one whenever no
 * call is in progress, and at closesocket in particular.
 */
final class SocketMode {
    private final SocketHandle handle;
    private final ReentrantLock lock = new ReentrantLock();
    /** The logical mode. */
    private volatile boolean blocking;
    /** Whether the socket really is non-blocking now (FIONBIO 1); written under {@link #lock}. */
    private volatile boolean reallyNonBlocking;
    /** The calls running non-blocking underneath on the logically blocking socket; under {@link #lock}. */
    private int nonBlockingCalls;

    SocketMode(SocketHandle handle, boolean blocking) {
        this.handle = handle;
        this.blocking = blocking;
        this.reallyNonBlocking = !blocking;
    }

    /** The logical mode: true if calls wait. */
    boolean isBlocking() {
        return blocking;
    }

    /** Whether the socket really is non-blocking now (logically, or under a virtual thread's call). */
    boolean isReallyNonBlocking() {
        return reallyNonBlocking;
    }

    /**
     * {@link WinSocket#setBlocking}: ioctlsocket FIONBIO, unless calls run non-blocking underneath
     * now (then only the logical mode changes, and the last of them sets the real one). The
     * caller holds the socket like a call.
     */
    void set(boolean blocking) throws IOException {
        int[] argp = {blocking ? 0 : 1};
        lock.lock();
        try {
            if (nonBlockingCalls > 0) {
                this.blocking = blocking;
                return;
            }
            if (handle.port.ioctlsocket(handle.raw, Sdk.FIONBIO, argp) == Sdk.SOCKET_ERROR) {
                throw WinsockException.of("ioctlsocket", handle.port.lastError());
            }
            this.blocking = blocking;
            reallyNonBlocking = !blocking;
        } finally {
            lock.unlock();
        }
    }

    /** The first call that runs non-blocking on this logically blocking socket sets FIONBIO 1. */
    void beginNonBlocking() throws IOException {
        lock.lock();
        try {
            if (nonBlockingCalls == 0 && !reallyNonBlocking) {
                int[] argp = {1};
                if (handle.port.ioctlsocket(handle.raw, Sdk.FIONBIO, argp) == Sdk.SOCKET_ERROR) {
                    throw WinsockException.of("ioctlsocket", handle.port.lastError());
                }
                reallyNonBlocking = true;
            }
            nonBlockingCalls++;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The last call that ran non-blocking sets the logical mode back (before it counts itself out,
     * so before any close); returns the failure of that ioctlsocket, or null.
     */
    IOException endNonBlocking() {
        lock.lock();
        try {
            // Not on a number given to a new socket meanwhile: no call may reach that one.
            if (--nonBlockingCalls == 0 && reallyNonBlocking && blocking && !handle.isReissued()) {
                int[] argp = {0};
                if (handle.port.ioctlsocket(handle.raw, Sdk.FIONBIO, argp) == Sdk.SOCKET_ERROR) {
                    return WinsockException.of("ioctlsocket", handle.port.lastError());
                }
                reallyNonBlocking = false;
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether the calling call's switch is the only one on a logically blocking socket: then
     * ending it ({@link #endNonBlocking}) sets the logical mode back.
     */
    boolean isOnlySwitch() {
        lock.lock();
        try {
            return nonBlockingCalls == 1 && blocking;
        } finally {
            lock.unlock();
        }
    }
}
