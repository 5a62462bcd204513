package org.winsock4j;

import java.io.IOException;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.winsock4j.port.Sdk;
import org.winsock4j.port.SdkStructs;
import org.winsock4j.port.WinsockPort;

/**
 * Every wait for readiness, and the only code that parks a thread for one or waits in WSAPoll or
 * select (docs/ARCHITECTURE.md#readiness-waits, #virtual-threads): the wait of a blocking call on
 * a socket that is really non-blocking ({@link #ready}, for {@link SocketIo}), a poll of one
 * socket ({@link #poll(Winsock, SocketHandle, short, long)}, for {@link WinSocket#poll}) or of
 * many ({@link #poll(List, short[], boolean, long, long)}, for {@link PollSet}), and the wait of
 * a connect with a time limit ({@link #connected}).
 *
 * <p>A platform thread waits in WSAPoll (select for the connect) calls of at most
 * {@value #SLICE_MILLIS} ms, each counted in and out of the lifetime word of every socket it
 * polls: a close from another thread ends the wait within one slice, and WSAPoll never sees a
 * closed handle, without relying on CancelIoEx reaching WSAPoll or select. A virtual thread
 * never waits in a native call: it registers with its Winsock's {@link Pollers}, parks until one
 * of them reports a socket (or a close, the deadline or an interrupt wakes it) and deregisters,
 * as OpenJDK's generic sun.nio.ch.Poller registers, parks and deregisters; its native calls then
 * poll without waiting.
 */
final class Await {
    /**
     * The longest single WSAPoll or select of a wait: each is guarded like any other call, so that
     * a close from another thread (which waits for calls in progress to leave) ends it within one
     * slice, and WSAPoll never sees a closed handle.
     */
    static final int SLICE_MILLIS = 20;

    /**
     * How long a parked connect waits for the poller's report before it retries anyway: a report
     * that never comes (WSAPoll on some Windows versions does not report a refused connect) costs
     * at most this much. Only connect: a receive or send that re-registered every second would,
     * with thousands of waiters, keep the poller rebuilding its set (VT-SCALE.md).
     */
    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private Await() {}

    // ---------------------------------------------------------------- time

    /** The longest timeout that counts in nanoseconds; a longer one is no limit. */
    private static final Duration LONGEST_COUNTED = Duration.ofNanos(Long.MAX_VALUE);

    /**
     * A wait's timeout in nanoseconds (Long.MAX_VALUE: no limit, also for one too long to count).
     * Compared, not caught: toNanos's ArithmeticException for a longer one cost an exception per
     * wait (the java.net Socket, once non-blocking, waits with no limit before each read: 1408
     * heap bytes a call on Java 17, DataPathWineTest).
     */
    static long nanosOrUnlimited(Duration timeout) {
        return timeout.compareTo(LONGEST_COUNTED) >= 0 ? Long.MAX_VALUE : timeout.toNanos();
    }

    /** A poll's timeout in nanoseconds (Long.MAX_VALUE when it does not fit), checked. */
    static long pollTimeoutNanos(Duration timeout) {
        java.util.Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
        }
        return nanosOrUnlimited(timeout);
    }

    /** The deadline {@code nanos} after {@code start} (System.nanoTime), Long.MAX_VALUE for none. */
    static long deadline(long start, long nanos) {
        return nanos == Long.MAX_VALUE ? Long.MAX_VALUE : start + nanos;
    }

    /** The next WSAPoll's timeout in a wait of {@code nanos} from {@code start}: what is left, at most one slice. */
    static int sliceMillis(long nanos, long start) {
        long left = nanos - (System.nanoTime() - start);
        return left <= 0 ? 0 : sliceOf(left);
    }

    /**
     * One WSAPoll's timeout for {@code left} nanoseconds (more than 0): rounded up to a
     * millisecond, at most one slice. Rounded without adding first: for a wait without limit
     * ({@code left} near Long.MAX_VALUE) the sum overflowed, and WSAPoll got a negative timeout,
     * which waits forever where no close can end it.
     */
    private static int sliceOf(long left) {
        return (int) Math.min(SLICE_MILLIS, (left - 1) / 1_000_000 + 1);
    }

    // ---------------------------------------------------------------- a call that blocks

    /**
     * For a call that may block, counted in, on a socket that is really non-blocking (a virtual
     * thread's call, or any call while one runs): waits until the socket may be ready for
     * {@code events}. True to retry the call; false when the deadline passed, a close began, the
     * call's interrupt hook closed or the thread was interrupted. With {@code recheck} (a
     * connect), a parked thread also retries after {@link #RECHECK_NANOS} without a report.
     *
     * @param hook the call's interrupt hook; null for a platform thread's call that interrupts do
     *     not concern ({@link InterruptRule#SOCKET}): its wait ends only with readiness, a close
     *     or the deadline
     * @param deadline System.nanoTime when to give up, or Long.MAX_VALUE
     * @throws WinsockException when a new poller's wake-up socket cannot be made
     */
    static boolean ready(Winsock winsock, SocketHandle handle, InterruptHook hook, short events, long deadline,
            boolean recheck) throws WinsockException {
        if (VirtualThreads.current()) {
            Poller.Waiter w = winsock.pollers().register(handle, events);
            return parked(w, hook, deadline, recheck);
        }
        long[] fds = {handle.raw};
        short[] ev = {events};
        short[] revents = new short[1];
        for (;;) {
            if (handle.isClosing() || hook != null && stopped(hook)) {
                return false;
            }
            long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            if (handle.port.wsaPoll(fds, ev, revents, sliceOf(left)) != 0) {
                return true; // ready, or WSAPoll failed: the retried call reports why
            }
        }
    }

    private static boolean stopped(InterruptHook hook) {
        return hook != null && !hook.isOpen() || Thread.currentThread().isInterrupted();
    }

    /**
     * A virtual thread, with waiters registered for one socket or several ({@code waiters} and
     * those {@link Poller.Waiter#next} chains), parks until a poller reports one of them (true),
     * a close of one of them begins, the hook closes, the deadline passes or the thread is
     * interrupted (false); with {@code recheck}, true after {@link #RECHECK_NANOS} without a
     * report. A close unparks the thread. Every waiter is deregistered before this returns, so
     * no WSAPoll of a poller has a socket that a close may be closing.
     */
    private static boolean parked(Poller.Waiter waiters, InterruptHook hook, long deadline, boolean recheck) {
        Thread me = Thread.currentThread();
        long registered = System.nanoTime();
        try {
            for (Poller.Waiter w = waiters; w != null; w = w.next) {
                w.handle.parking(me);
            }
            for (;;) {
                for (Poller.Waiter w = waiters; w != null; w = w.next) {
                    if (w.ready()) {
                        return true;
                    }
                }
                for (Poller.Waiter w = waiters; w != null; w = w.next) {
                    if (w.handle.isClosing()) {
                        return false;
                    }
                }
                long now = System.nanoTime();
                if (stopped(hook) || deadline != Long.MAX_VALUE && deadline - now <= 0) {
                    return false;
                }
                if (recheck && now - registered >= RECHECK_NANOS) {
                    return true; // no report for a while: retry the call, which registers again
                }
                parkUntil(waiters.handle, recheck ? Math.min(deadline, registered + RECHECK_NANOS)
                        : deadline);
            }
        } finally {
            for (Poller.Waiter w = waiters; w != null; w = w.next) {
                w.handle.unparked(me);
                w.poller.cancel(w);
            }
        }
    }

    /**
     * One WSAPoll without waiting, by a call already counted in: 1 when {@code s} is writable
     * now (a non-blocking connect completed), 0 when not, SOCKET_ERROR when WSAPoll failed.
     */
    static int writableNow(WinsockPort port, long s) {
        long[] fds = {s};
        short[] events = {(short) Sdk.POLLWRNORM};
        short[] revents = new short[1];
        if (port.wsaPoll(fds, events, revents, 0) == Sdk.SOCKET_ERROR) {
            return Sdk.SOCKET_ERROR;
        }
        return (revents[0] & Sdk.POLLWRNORM) != 0 ? 1 : 0;
    }

    /**
     * Parks the calling thread until it is unparked or {@code deadline} (System.nanoTime) passes;
     * {@code Long.MAX_VALUE} is no limit, parked without a timer. Returns at once when the
     * deadline has passed. Like LockSupport's, may return spuriously: callers re-check.
     */
    private static void parkUntil(Object blocker, long deadline) {
        if (deadline == Long.MAX_VALUE) {
            LockSupport.park(blocker);
            return;
        }
        long left = deadline - System.nanoTime();
        if (left > 0) {
            LockSupport.parkNanos(blocker, left);
        }
    }

    // ---------------------------------------------------------------- polls

    /**
     * {@link WinSocket#poll}: WSAPoll on one socket, in slices each counted in and out, until it is
     * ready as {@code events} asks or {@code nanos} have passed. On a virtual thread WSAPoll never
     * waits: the thread parks until the poller reports the socket (or the time is up), then polls
     * again at once.
     */
    static Set<Readiness> poll(Winsock winsock, SocketHandle handle, short events, long nanos) throws IOException {
        long start = System.nanoTime();
        OnePollFd one = ONE_POLL_FD.get();
        long[] fds = one.fds;
        short[] eventsArray = one.events;
        short[] revents = one.revents;
        eventsArray[0] = events;
        boolean parks = VirtualThreads.current();
        for (;;) {
            int slice = parks ? 0 : sliceMillis(nanos, start);
            int rc;
            CallFailure failed = null;
            handle.enter("WSAPoll");
            try {
                fds[0] = handle.raw;
                rc = handle.port.wsaPoll(fds, eventsArray, revents, slice);
                if (rc == 0 && parks && nanos > 0) {
                    ready(winsock, handle, null, events, deadline(start, nanos), false);
                    if (handle.isClosing()) {
                        failed = CallFailure.notCalled(handle, "WSAPoll");
                    } else {
                        rc = handle.port.wsaPoll(fds, eventsArray, revents, 0);
                    }
                }
                if (rc == Sdk.SOCKET_ERROR && failed == null) {
                    failed = CallFailure.of(handle, "WSAPoll");
                }
            } finally {
                handle.release();
            }
            if (failed != null) {
                throw failed.exception(false);
            }
            if (rc > 0) {
                return Readiness.of(revents[0]);
            }
            if (System.nanoTime() - start >= nanos || Thread.currentThread().isInterrupted()) {
                return Readiness.of(0);
            }
        }
    }

    /**
     * A thread's arrays for {@link #poll}'s one WSAPOLLFD, so that a poll allocates none: the
     * java.net Socket over a WinSocket, once non-blocking, polls before each read. A thread makes one
     * poll at a time, and nothing else uses them.
     */
    private static final class OnePollFd {
        final long[] fds = new long[1];
        final short[] events = new short[1];
        final short[] revents = new short[1];
    }

    private static final ThreadLocal<OnePollFd> ONE_POLL_FD = ThreadLocal.withInitial(OnePollFd::new);

    /**
     * One slice of {@link PollSet#poll}: the sockets counted in (a closed one is reported INVALID
     * at once and not polled), one WSAPoll of at most a slice (on a virtual thread: without
     * waiting, then parked until a poller reports one of them), counted out. Returns what is
     * ready, possibly nothing.
     */
    static Map<WinSocket, Set<Readiness>> poll(List<WinSocket> sockets, short[] events, boolean parks, long nanos,
            long start) throws IOException {
        int n = sockets.size();
        int slice = parks ? 0 : sliceMillis(nanos, start);
        Map<WinSocket, Set<Readiness>> ready = new LinkedHashMap<>();
        boolean[] entered = new boolean[n];
        try {
            for (int i = 0; i < n; i++) {
                entered[i] = sockets.get(i).handle().acquire();
                if (!entered[i]) {
                    ready.put(sockets.get(i), EnumSet.of(Readiness.INVALID));
                }
            }
            if (!ready.isEmpty()) {
                return ready;
            }
            long[] fds = new long[n];
            short[] revents = new short[n];
            for (int i = 0; i < n; i++) {
                fds[i] = sockets.get(i).handle().raw;
            }
            WinsockPort port = sockets.get(0).handle().port;
            int rc = port.wsaPoll(fds, events, revents, slice);
            if (rc == Sdk.SOCKET_ERROR) {
                int code = port.lastError();
                for (WinSocket s : sockets) {
                    if (s.handle().isClosing()) {
                        ready.put(s, EnumSet.of(Readiness.INVALID));
                    }
                }
                if (ready.isEmpty()) {
                    throw WinsockException.of("WSAPoll", code);
                }
                return ready;
            }
            if (rc > 0) {
                for (int i = 0; i < n; i++) {
                    if (revents[i] != 0) {
                        ready.put(sockets.get(i), Readiness.of(revents[i]));
                    }
                }
                return ready;
            }
            if (parks && System.nanoTime() - start < nanos && !Thread.currentThread().isInterrupted()) {
                Pollers pollers = sockets.get(0).winsock().pollers();
                Poller.Waiter waiters = null;
                Poller.Waiter last = null;
                try {
                    for (int i = 0; i < n; i++) {
                        Poller.Waiter w = pollers.register(sockets.get(i).handle(), events[i]);
                        if (last == null) {
                            waiters = w;
                        } else {
                            last.next = w;
                        }
                        last = w;
                    }
                } catch (WinsockException | RuntimeException | Error e) {
                    for (Poller.Waiter w = waiters; w != null; w = w.next) {
                        w.poller.cancel(w);
                    }
                    throw e;
                }
                parked(waiters, null, deadline(start, nanos), false);
            }
            return ready;
        } finally {
            for (int i = 0; i < n; i++) {
                if (entered[i]) {
                    sockets.get(i).handle().release();
                    Reference.reachabilityFence(sockets.get(i));
                }
            }
        }
    }

    // ---------------------------------------------------------------- connect with a time limit

    /**
     * Waits for the non-blocking connect in progress on {@code handle}, up to {@code nanos}: true
     * once connected, false when the time is up or the thread was interrupted; a failed connect
     * throws its error. A platform thread waits in select calls of at most a slice (select, not
     * WSAPoll: see {@link #connectState}); a virtual thread parks until the pollers (WSAPoll)
     * report the socket, or a second without a report, and then asks select without waiting.
     * Each select is counted in and out, so a close from another thread ends the wait within a
     * slice with {@link SocketClosedException}.
     */
    static boolean connected(Winsock winsock, SocketHandle handle, long nanos) throws IOException {
        long start = System.nanoTime();
        boolean parks = VirtualThreads.current();
        for (;;) {
            if (connectState(handle, parks ? 0 : sliceMillis(nanos, start))) {
                return true;
            }
            if (System.nanoTime() - start >= nanos || Thread.currentThread().isInterrupted()) {
                return false;
            }
            if (parks) {
                handle.enter("select");
                try {
                    ready(winsock, handle, null, (short) Sdk.POLLWRNORM, deadline(start, nanos), true);
                } finally {
                    handle.release();
                }
            }
        }
    }

    /**
     * One select of at most {@code millis} on a connecting socket, in writefds and exceptfds as
     * the JDK asks on Windows (sun.nio.ch.Net.pollConnect): WSAPoll before Windows 10 version
     * 2004 (build 19041; Windows Server 2019 included) never reports a failed connect
     * (https://github.com/MicrosoftDocs/sdk-api/pull/764). True when connected (writable and not
     * in exceptfds), false while in progress; a failed connect throws SO_ERROR's error.
     */
    private static boolean connectState(SocketHandle handle, int millis) throws IOException {
        byte[] writable = SdkStructs.fdSet(handle.raw);
        byte[] failed = SdkStructs.fdSet(handle.raw);
        int rc;
        CallFailure selectFailed = null;
        handle.enter("select");
        try {
            rc = handle.port.select(null, writable, failed, SdkStructs.timeval(millis));
            if (rc == Sdk.SOCKET_ERROR) {
                selectFailed = CallFailure.of(handle, "select");
            }
        } finally {
            handle.release();
        }
        if (selectFailed != null) {
            throw selectFailed.exception(false);
        }
        if (rc == 0) {
            return false;
        }
        boolean inExceptfds = SdkStructs.fdIsSet(failed, handle.raw);
        if (SdkStructs.fdIsSet(writable, handle.raw) && !inExceptfds) {
            return true;
        }
        int error = SdkStructs.optionInt(handle.getsockopt(Sdk.SOL_SOCKET, Sdk.SO_ERROR, 4));
        if (error != 0) {
            throw WinsockException.of("connect", error);
        }
        if (inExceptfds) {
            throw new java.net.ConnectException("connect failed: select reported the attempt failed, but SO_ERROR"
                    + " holds no error; the socket is still open");
        }
        return false;
    }
}
