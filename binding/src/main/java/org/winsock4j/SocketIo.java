package org.winsock4j;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.winsock4j.port.Sdk;
import org.winsock4j.port.SdkStructs;
import org.winsock4j.port.WinsockPort;

/**
 * The calls of one socket that may block: recv, send, accept, connect, sendto and recvfrom,
 * each a method, all run by one engine ({@link #run}) with one begin and one end around every
 * call, as OpenJDK's NioSocketImpl runs its operations (docs/ARCHITECTURE.md#lifetime,
 * #interrupts, #virtual-threads):
 * <ul>
 *   <li>begin: the guard (the call counts itself in, or fails with {@link SocketClosedException}
 *       before ws2_32), on a blocking socket the interrupt hook
 *       ({@link InterruptHook}, the JDK's begin() of InterruptibleChannel; under
 *       {@link InterruptRule#SOCKET} only on a virtual thread), and on a virtual
 *       thread the switch to non-blocking underneath ({@link SocketMode});
 *   <li>the call, and while the socket is really non-blocking though logically blocking, the
 *       waits for readiness ({@link Await}) and retries until it completes as the blocking call
 *       would: a stream send until every byte is taken, a connect until SO_ERROR tells, up to
 *       SO_RCVTIMEO or SO_SNDTIMEO ({@link SocketTimeouts});
 *   <li>end: the mode set back by the last switched call, the hook's end(), the call counted
 *       out, the interrupt's close by the interrupted thread, and the failure shaped by the
 *       close's outcome ({@link CallFailure}).
 * </ul>
 * Nothing is allocated per call but what the port and the waits allocate: the engine's state is
 * its locals, and what varies by operation is its {@link Op}, whose one native call
 * ({@link Op#attempt}) takes the call's buffer, offset and length explicitly, so a caller's
 * buffer is never moved.
 */
final class SocketIo {
    /** What a failed {@link Op#attempt} returns when its code is the port's last error. */
    private static final long FAILED = Sdk.SOCKET_ERROR;
    /** {@link #connectOutcome}: not connected yet, wait for writability again. */
    private static final long WAIT_AGAIN = Long.MIN_VALUE;
    private static final int WSAEWOULDBLOCK = WsaError.WSAEWOULDBLOCK.code();

    /** The operations: what each asks WSAPoll for, which timeout limits it, its one native call. */
    enum Op {
        RECV("recv", Sdk.POLLRDNORM, Sdk.SO_RCVTIMEO) {
            @Override
            long attempt(WinsockPort port, long s, byte[] array, ByteBuffer buffer, int offset, int length, int flags,
                    byte[] sockaddr, int[] sockaddrLength) {
                return array != null ? port.recv(s, array, offset, length, flags) : port.recv(s, buffer, offset, length, flags);
            }
        },
        /** A stream send: a blocking one takes every byte, so its retries send the rest. */
        SEND("send", Sdk.POLLWRNORM, Sdk.SO_SNDTIMEO) {
            @Override
            long attempt(WinsockPort port, long s, byte[] array, ByteBuffer buffer, int offset, int length, int flags,
                    byte[] sockaddr, int[] sockaddrLength) {
                return array != null ? port.send(s, array, offset, length, flags) : port.send(s, buffer, offset, length, flags);
            }
        },
        ACCEPT("accept", Sdk.POLLRDNORM, 0) {
            @Override
            long attempt(WinsockPort port, long s, byte[] array, ByteBuffer buffer, int offset, int length, int flags,
                    byte[] sockaddr, int[] sockaddrLength) {
                return port.accept(s, sockaddr, sockaddrLength);
            }
        },
        /** Its retries ask SO_ERROR instead of connecting again ({@link #connectOutcome}). */
        CONNECT("connect", Sdk.POLLWRNORM, 0) {
            @Override
            long attempt(WinsockPort port, long s, byte[] array, ByteBuffer buffer, int offset, int length, int flags,
                    byte[] sockaddr, int[] sockaddrLength) {
                return port.connect(s, sockaddr, sockaddr.length);
            }
        },
        SENDTO("sendto", Sdk.POLLWRNORM, Sdk.SO_SNDTIMEO) {
            @Override
            long attempt(WinsockPort port, long s, byte[] array, ByteBuffer buffer, int offset, int length, int flags,
                    byte[] sockaddr, int[] sockaddrLength) {
                return port.sendto(s, buffer, offset, length, flags, sockaddr, sockaddr.length);
            }
        },
        RECVFROM("recvfrom", Sdk.POLLRDNORM, Sdk.SO_RCVTIMEO) {
            @Override
            long attempt(WinsockPort port, long s, byte[] array, ByteBuffer buffer, int offset, int length, int flags,
                    byte[] sockaddr, int[] sockaddrLength) {
                return port.recvfrom(s, buffer, offset, length, flags, sockaddr, sockaddrLength);
            }
        };

        /** The SDK function, for messages. */
        final String function;
        /** What a wait for readiness asks WSAPoll for. */
        final short events;
        /** SO_RCVTIMEO or SO_SNDTIMEO, which limits a wait as it limits the blocking call; 0: none. */
        private final int timeout;

        Op(String function, int events, int timeout) {
            this.function = function;
            this.events = (short) events;
            this.timeout = timeout;
        }

        /**
         * The operation's one native call: the data is {@code length} bytes of {@code array} or
         * of {@code buffer} from {@code offset}; {@code sockaddr} is the address it takes or
         * fills, {@code sockaddrLength} that address's in-out length.
         */
        abstract long attempt(WinsockPort port, long s, byte[] array, ByteBuffer buffer, int offset, int length,
                int flags, byte[] sockaddr, int[] sockaddrLength);

        /** When a wait gives up (System.nanoTime), or Long.MAX_VALUE. */
        long deadline(SocketTimeouts timeouts) {
            return timeout == 0 ? Long.MAX_VALUE : timeouts.deadline(timeout == Sdk.SO_RCVTIMEO);
        }
    }

    /** The WinSocket, kept reachable by every call (its Cleaner must not close under a call). */
    private final WinSocket socket;
    private final Winsock winsock;
    private final SocketHandle handle;
    private final SocketMode mode;
    private final SocketTimeouts timeouts;
    /** Hooks interrupts of threads blocked in calls on this socket. */
    private final AtomicReference<InterruptHook> hooks;
    /** Whose interrupts close the socket ({@link WinSocket#setInterruptRule}). */
    private volatile InterruptRule interruptRule = InterruptRule.CHANNEL;
    /**
     * SOCK_STREAM or SOCK_DGRAM, which decides what a recv of 0 bytes means (the end of the
     * stream, or an empty datagram); 0 until known: an adopted or borrowed socket's is read
     * (SO_TYPE) at its first recv of 0 bytes.
     */
    private volatile int socketType;

    SocketIo(WinSocket socket, Winsock winsock, SocketHandle handle, SocketMode mode, SocketTimeouts timeouts,
            SocketCloser closer) {
        this.socket = socket;
        this.winsock = winsock;
        this.handle = handle;
        this.mode = mode;
        this.timeouts = timeouts;
        this.hooks = new AtomicReference<>(new InterruptHook(handle, closer));
    }

    void setInterruptRule(InterruptRule rule) {
        interruptRule = rule;
    }

    InterruptRule interruptRule() {
        return interruptRule;
    }

    /** States the socket's type (SOCK_STREAM, SOCK_DGRAM), known to whoever made the handle. */
    void typed(int type) {
        socketType = type;
    }

    // ---------------------------------------------------------------- the operations

    /**
     * recv into {@code length} (at least 1) bytes of {@code array} or {@code buffer} from
     * {@code offset}: the count, 0 for an empty datagram, or -1 at the end of the stream.
     */
    int recv(byte[] array, ByteBuffer buffer, int offset, int length, int flags) throws IOException {
        int n = (int) run(Op.RECV, array, buffer, offset, length, flags, null, null);
        return n == 0 ? zeroBytesReceived() : n;
    }

    /**
     * What a recv that returned 0 bytes (for a request of at least one) means: the end of the
     * stream on a stream socket (-1), an empty datagram on a datagram socket (0: "zero ... for
     * message-oriented sockets", recv remarks). The type of an adopted or borrowed socket is
     * read here once.
     */
    private int zeroBytesReceived() throws IOException {
        int type = socketType;
        if (type == 0) {
            try {
                type = SdkStructs.optionInt(handle.getsockopt(Sdk.SOL_SOCKET, Sdk.SO_TYPE, 4));
            } finally {
                Reference.reachabilityFence(socket);
            }
            socketType = type;
        }
        return type == Sdk.SOCK_DGRAM ? 0 : -1;
    }

    /** send of {@code length} bytes of {@code array} or {@code buffer} from {@code offset}. */
    int send(byte[] array, ByteBuffer buffer, int offset, int length, int flags) throws IOException {
        return (int) run(Op.SEND, array, buffer, offset, length, flags, null, null);
    }

    /** accept: the new SOCKET; {@code addr} and {@code addrlen} receive the peer's address. */
    long accept(byte[] addr, int[] addrlen) throws IOException {
        return run(Op.ACCEPT, null, null, 0, 0, 0, addr, addrlen);
    }

    /** connect to the sockaddr {@code name}; a blocking socket waits until connected. */
    void connect(byte[] name) throws IOException {
        run(Op.CONNECT, null, null, 0, 0, 0, name, null);
    }

    /** sendto of {@code length} bytes of {@code buffer} from {@code offset} as one datagram to {@code to}. */
    int sendTo(ByteBuffer buffer, int offset, int length, byte[] to) throws IOException {
        return (int) run(Op.SENDTO, null, buffer, offset, length, 0, to, null);
    }

    /**
     * recvfrom of one datagram into {@code length} bytes of {@code buffer} from {@code offset}:
     * its length and source ({@code null} when ws2_32 reported none).
     */
    ReceivedFrom recvFrom(ByteBuffer buffer, int offset, int length, int flags) throws IOException {
        byte[] from = new byte[SdkStructs.SOCKADDR_MAX]; // zeros: AF_UNSPEC until recvfrom writes a source
        int[] fromlen = {from.length};
        int n = (int) run(Op.RECVFROM, null, buffer, offset, length, flags, from, fromlen);
        // recvfrom remarks: from and fromlen are ignored for a connection-oriented socket; ws2_32
        // then leaves them as they were (AF_UNSPEC), and the bytes received are still returned.
        boolean noSource = fromlen[0] < 2 || SdkStructs.family(from) == Sdk.AF_UNSPEC;
        return new ReceivedFrom(n, noSource ? null : SdkStructs.inetSocketAddress(from, fromlen[0]));
    }

    /**
     * connect with a time limit (see {@link WinSocket#connect(java.net.InetSocketAddress, Duration)}):
     * a non-blocking connect and {@link Await#connected}; the socket's blocking mode is set back
     * afterwards, whatever the outcome (unless the socket was closed meanwhile).
     */
    void connect(byte[] name, Duration timeout) throws IOException {
        boolean wasBlocking = mode.isBlocking();
        IOException failure = null;
        try {
            if (wasBlocking) {
                setBlocking(false);
            }
            connectNonBlocking(name, timeout);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IOException io) {
                failure = io;
            }
            throw e;
        } finally {
            if (wasBlocking && !mode.isBlocking() && !handle.isClosed()) {
                try {
                    setBlocking(true);
                } catch (IOException restore) {
                    if (failure == null) {
                        throw restore;
                    }
                    failure.addSuppressed(restore);
                }
            }
        }
    }

    /** {@link WinSocket#setBlocking}: ioctlsocket FIONBIO under the guard. */
    void setBlocking(boolean blocking) throws IOException {
        handle.enter("ioctlsocket");
        try {
            mode.set(blocking);
        } finally {
            handle.release();
            Reference.reachabilityFence(socket);
        }
    }

    private void connectNonBlocking(byte[] name, Duration timeout) throws IOException {
        int rc;
        int code = CallFailure.NOT_CALLED;
        handle.enter("connect");
        try {
            rc = handle.port.connect(handle.raw, name, name.length);
            if (rc == Sdk.SOCKET_ERROR) {
                code = handle.port.lastError();
            }
        } finally {
            handle.release();
        }
        if (rc != Sdk.SOCKET_ERROR) {
            return; // connected at once
        }
        if (code != WSAEWOULDBLOCK) {
            throw WinsockException.of("connect", code);
        }
        boolean connected;
        try {
            connected = Await.connected(winsock, handle, Await.nanosOrUnlimited(timeout));
        } finally {
            Reference.reachabilityFence(socket);
        }
        if (!connected) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("connect interrupted while waiting for the connection;"
                        + " the socket is still open");
            }
            throw WinsockException.of("connect", WsaError.WSAETIMEDOUT.code(), "(no connection within " + timeout
                    + ", this call's limit; the attempt may still be in progress: close the socket)");
        }
    }

    // ---------------------------------------------------------------- the engine

    /**
     * One call that may block, from begin to end (see the class comment). Returns the native
     * result: a count, or a SOCKET for accept.
     */
    private long run(Op op, byte[] array, ByteBuffer buffer, int offset, int length, int flags, byte[] sockaddr,
            int[] sockaddrLength) throws IOException {
        handle.enter(op.function);
        InterruptHook hook = null;
        // Logically blocking: the call waits, in ws2_32 or, while the socket is really
        // non-blocking underneath, for readiness (below).
        boolean blocking = mode.isBlocking();
        boolean switched = false;
        long rc = FAILED;
        CallFailure failed = null;
        IOException modeFailure = null;
        boolean interrupted;
        try {
            // Under InterruptRule.SOCKET a platform thread's call has no hook: its interrupt ends nothing.
            if (blocking && (interruptRule == InterruptRule.CHANNEL || VirtualThreads.current())) {
                hook = InterruptHook.open(hooks);
                hook.beginCall();
            }
            if (hook != null && !hook.isOpen()) {
                failed = CallFailure.notCalled(handle, op.function); // an interrupt closed the socket first
            } else {
                // A virtual thread must not block its carrier in a native call: the call runs
                // non-blocking underneath and the thread parks until the poller reports the
                // socket ready (issue 14; docs/ARCHITECTURE.md#virtual-threads).
                if (hook != null && VirtualThreads.current()) {
                    mode.beginNonBlocking();
                    switched = true;
                }
                WinsockPort port = handle.port;
                rc = op.attempt(port, handle.raw, array, buffer, offset, length, flags, sockaddr, sockaddrLength);
                int code = rc == FAILED ? port.lastError() : CallFailure.NOT_CALLED;
                boolean cancelled = rc == FAILED && handle.isClosing();
                // Logically blocking but really non-blocking (this call's switch, or a virtual
                // thread's call in progress on the same socket): block by waiting for readiness.
                if (blocking && mode.isReallyNonBlocking() && !cancelled
                        && (rc == FAILED ? code == WSAEWOULDBLOCK : op == Op.SEND && rc < length)) {
                    int done = rc == FAILED ? 0 : (int) rc; // a stream send's bytes taken so far
                    long deadline = 0; // read at the first wait
                    for (;;) {
                        if (deadline == 0) {
                            deadline = op.deadline(timeouts);
                        }
                        if (!Await.ready(winsock, handle, hook, op.events, deadline, op == Op.CONNECT)) {
                            boolean byInterrupt = hook != null && !hook.isOpen();
                            if (handle.isClosing() || byInterrupt
                                    || hook != null && Thread.currentThread().isInterrupted()) {
                                // A close (or an interrupt's close) woke the wait: the call ends as
                                // the blocking call would, in ws2_32 where it can (below).
                                rc = FAILED;
                                code = CallFailure.NOT_CALLED;
                                cancelled = true;
                                if (switched && op != Op.CONNECT && !handle.isReissued() && mode.isOnlySwitch()) {
                                    modeFailure = mode.endNonBlocking();
                                    switched = false; // set back already
                                    if (modeFailure == null && !mode.isReallyNonBlocking()) {
                                        if (byInterrupt) {
                                            InterruptCancels.soon(handle); // cancels the call below in a moment
                                        }
                                        rc = op.attempt(port, handle.raw, array, buffer, offset + done, length - done,
                                                flags, sockaddr, sockaddrLength);
                                        // A cancelled blocking send fails whole, whatever part of it was
                                        // sent (the platform reports no count then), and so does this one.
                                        code = rc == FAILED ? port.lastError() : CallFailure.NOT_CALLED;
                                        rc = rc == FAILED || op != Op.SEND ? rc : done + rc;
                                        cancelled = handle.isClosing();
                                    }
                                }
                            } else { // the timeout expired, as SO_RCVTIMEO/SO_SNDTIMEO would have
                                code = WsaError.WSAETIMEDOUT.code();
                                rc = op == Op.SEND && done > 0 ? done : FAILED;
                            }
                            break;
                        }
                        rc = op == Op.CONNECT ? connectOutcome(port, handle.raw)
                                : op.attempt(port, handle.raw, array, buffer, offset + done, length - done, flags,
                                        sockaddr, sockaddrLength);
                        if (rc == WAIT_AGAIN) {
                            continue;
                        }
                        if (op == Op.SEND && rc != FAILED) {
                            done += (int) rc;
                            if (done < length) {
                                continue;
                            }
                            rc = done;
                        }
                        if (op == Op.CONNECT ? rc == 0 : rc != FAILED) {
                            code = CallFailure.NOT_CALLED;
                            break;
                        }
                        code = rc == FAILED ? port.lastError() : (int) -rc; // -rc: a connect's SO_ERROR
                        if (code != WSAEWOULDBLOCK || op == Op.CONNECT) {
                            cancelled = handle.isClosing();
                            // A stream send that took some bytes reports them; the error is the next call's.
                            rc = op == Op.SEND && done > 0 ? done : FAILED;
                            break;
                        }
                    }
                }
                if (op == Op.ACCEPT && rc != FAILED && blocking && mode.isReallyNonBlocking()) {
                    // The accepted socket inherits the listener's real mode (accept remarks),
                    // non-blocking while calls run so underneath; it gets the logical one.
                    int[] argp = {0};
                    if (port.ioctlsocket(rc, Sdk.FIONBIO, argp) == Sdk.SOCKET_ERROR) {
                        failed = CallFailure.of(handle, "ioctlsocket", port.lastError(), cancelled);
                        winsock.reissued(rc, "accept()");
                        port.closesocket(rc);
                        rc = FAILED;
                    }
                } else if (rc == FAILED) {
                    failed = CallFailure.of(handle, op.function, code, cancelled);
                }
            }
        } finally {
            if (switched) {
                modeFailure = mode.endNonBlocking();
            }
            interrupted = hook != null && hook.endCall();
            handle.release();
            Reference.reachabilityFence(socket);
            if (interrupted) {
                hook.closeForTheInterrupt();
            }
        }
        if (failed != null || interrupted) {
            IOException failure = failed != null ? failed.exception(interrupted)
                    : CallFailure.of(handle, op.function, CallFailure.NOT_CALLED, false).exception(true);
            if (modeFailure != null) {
                failure.addSuppressed(modeFailure);
            }
            throw failure;
        }
        if (modeFailure != null) {
            throw modeFailure;
        }
        return rc;
    }

    /**
     * A non-blocking connect in progress, once a wait reported the socket: connected (0), still in
     * progress ({@link #WAIT_AGAIN}), or failed: SOCKET_ERROR when a call here failed (its code is
     * the port's last error), or minus SO_ERROR's code.
     */
    private static long connectOutcome(WinsockPort port, long s) {
        byte[] optval = new byte[4];
        int[] optlen = {4};
        if (port.getsockopt(s, Sdk.SOL_SOCKET, Sdk.SO_ERROR, optval, optlen) == Sdk.SOCKET_ERROR) {
            return FAILED;
        }
        int error = SdkStructs.optionInt(optval);
        if (error != 0) {
            return -error;
        }
        int writable = Await.writableNow(port, s);
        return writable == Sdk.SOCKET_ERROR ? FAILED : writable == 1 ? 0 : WAIT_AGAIN;
    }
}
