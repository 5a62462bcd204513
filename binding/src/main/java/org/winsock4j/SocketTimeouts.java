package org.winsock4j;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.winsock4j.port.Sdk;
import org.winsock4j.port.SdkStructs;

/**
 * SO_RCVTIMEO and SO_SNDTIMEO in milliseconds (0: no limit), for the calls that wait for
 * readiness instead of blocking in ws2_32 (a virtual thread's, or a platform thread's while the
 * socket is really non-blocking): read from the socket once, then kept up to date by the
 * WinSocket's setsockopt, which sets them under this object's lock, so that a wait costs no
 * getsockopt (docs/ARCHITECTURE.md#virtual-threads). An owned handle only: a borrowed one's owner
 * may set them behind the WinSocket's back, so a view reads them every time.
 */
final class SocketTimeouts {
    /** A cached value: not known yet. */
    private static final long UNKNOWN = -1;
    private static final VarHandle RCVTIMEO;
    private static final VarHandle SNDTIMEO;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            RCVTIMEO = lookup.findVarHandle(SocketTimeouts.class, "rcvtimeo", long.class);
            SNDTIMEO = lookup.findVarHandle(SocketTimeouts.class, "sndtimeo", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SocketHandle handle;
    /** Serialises the setsockopt of a timeout with its cache update, so the cache is the socket's. */
    private final ReentrantLock lock = new ReentrantLock();
    @SuppressWarnings("unused") // accessed through RCVTIMEO
    private volatile long rcvtimeo = UNKNOWN;
    @SuppressWarnings("unused") // accessed through SNDTIMEO
    private volatile long sndtimeo = UNKNOWN;

    SocketTimeouts(SocketHandle handle) {
        this.handle = handle;
    }

    /** Whether setsockopt's {@code level} and {@code optname} name one of the two timeouts. */
    static boolean isTimeout(int level, int optname) {
        return level == Sdk.SOL_SOCKET && (optname == Sdk.SO_RCVTIMEO || optname == Sdk.SO_SNDTIMEO);
    }

    /**
     * setsockopt of SO_RCVTIMEO or SO_SNDTIMEO ({@code optval}: the milliseconds, a DWORD), and
     * the cache with it; the caller holds the socket like a call.
     *
     * @return false when setsockopt failed (its error is the port's last error)
     */
    boolean set(int optname, byte[] optval) {
        lock.lock();
        try {
            if (handle.port.setsockopt(handle.raw, Sdk.SOL_SOCKET, optname, optval, optval.length) == Sdk.SOCKET_ERROR) {
                return false;
            }
            long millis = SdkStructs.optionInt(optval) & 0xffffffffL;
            (optname == Sdk.SO_RCVTIMEO ? RCVTIMEO : SNDTIMEO).setVolatile(this, millis);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * When a waiting receive ({@code receive}) or send gives up: now + SO_RCVTIMEO or SO_SNDTIMEO,
     * as cached or read from the socket (once for an owned handle, every time for a borrowed one);
     * Long.MAX_VALUE for no limit (0), and when the read fails (the retried call then reports what
     * is wrong with the socket).
     */
    long deadline(boolean receive) {
        VarHandle cached = receive ? RCVTIMEO : SNDTIMEO;
        long millis = handle.owns() ? (long) cached.getVolatile(this) : UNKNOWN;
        if (millis == UNKNOWN) {
            byte[] optval = new byte[4];
            int[] optlen = {4};
            if (handle.port.getsockopt(handle.raw, Sdk.SOL_SOCKET, receive ? Sdk.SO_RCVTIMEO : Sdk.SO_SNDTIMEO,
                    optval, optlen) == Sdk.SOCKET_ERROR) {
                return Long.MAX_VALUE;
            }
            millis = SdkStructs.optionInt(optval) & 0xffffffffL;
            // Unless a setsockopt cached a value meanwhile, which this read may predate.
            cached.compareAndSet(this, UNKNOWN, millis);
        }
        return millis == 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
