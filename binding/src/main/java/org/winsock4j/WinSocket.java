package org.winsock4j;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.winsock4j.port.Sdk;
import org.winsock4j.port.SdkStructs;
import org.winsock4j.port.WinsockPort;

/**
 * A Winsock SOCKET owned by Java: every call reaches ws2_32 only while the socket is open, every
 * failure is a typed {@link WinsockException}, and closing follows the socket's {@link Linger}
 * exactly as closesocket does.
 *
 * <h2>Lifetime (DESIGN.md section 3)</h2>
 * Each call counts itself in and out of one atomic state word. {@link #close()} first marks the
 * socket closing, so that new calls fail with {@link SocketClosedException} before reaching
 * ws2_32; then unblocks calls blocked in other threads with {@code CancelIoEx(socket, NULL)};
 * waits until no call is in progress ("A Winsock client must never issue closesocket on s
 * concurrently with another Winsock function call", closesocket remarks); then calls
 * closesocket exactly once. The raw handle is forgotten only when closesocket succeeded: a
 * failure (WSAEWOULDBLOCK for a non-blocking lingering socket) leaves the socket open and usable.
 * A WinSocket that becomes unreachable while open is closed abortively by a {@link Cleaner}, which
 * never blocks.
 *
 * <p>Thread-safe: calls may come from several threads; close may race with them.
 */
public final class WinSocket implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final System.Logger LOG = System.getLogger(WinSocket.class.getName());
    /** Between two CancelIoEx rounds while waiting for blocked calls to leave. */
    private static final long CANCEL_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Winsock winsock;
    private final SocketHandle handle;
    private final Cleaner.Cleanable cleanable;
    private final Object closeLock = new Object();
    /** Winsock cannot report FIONBIO; sockets start blocking (adopted ones are assumed to). */
    private volatile boolean blocking = true;

    WinSocket(Winsock winsock, long raw) {
        this.winsock = winsock;
        this.handle = new SocketHandle(winsock.port(), raw);
        this.cleanable = CLEANER.register(this, new LeakedSocketCloser(handle));
    }

    /** Opens a socket on the process-wide {@link Winsock#system()}. */
    public static WinSocket open(AddressFamily family, SocketType type, Protocol protocol) throws WinsockException {
        return Winsock.system().open(family, type, protocol);
    }

    /** A TCP socket on {@link Winsock#system()}. */
    public static WinSocket openTcp(AddressFamily family) throws WinsockException {
        return open(family, SocketType.STREAM, Protocol.TCP);
    }

    // ---------------------------------------------------------------- the guard

    private void enter(String operation) throws SocketClosedException {
        if (!handle.acquire()) {
            throw new SocketClosedException(operation);
        }
    }

    private void exit() {
        handle.release();
        // A WinSocket must stay reachable until its native call returned, or the Cleaner could
        // close the descriptor under the call.
        Reference.reachabilityFence(this);
    }

    /**
     * The exception for a failed call. A call that failed while close() was under way was
     * canceled by it (CancelIoEx) or raced with it: it ends as closed, keeping ws2_32's error as
     * the cause.
     */
    private java.net.SocketException failure(String operation) {
        WinsockException e = WinsockException.of(operation, handle.port.lastError());
        return handle.isClosing() ? new SocketClosedException(operation, e) : e;
    }

    // ---------------------------------------------------------------- connection set-up

    public void bind(InetSocketAddress local) throws IOException {
        byte[] name = SdkStructs.sockaddr(local);
        enter("bind");
        try {
            if (handle.port.bind(handle.raw, name, name.length) == Sdk.SOCKET_ERROR) {
                throw failure("bind");
            }
        } finally {
            exit();
        }
    }

    /** listen with this backlog (1.. ; {@link Sdk#SOMAXCONN} asks for the maximum). */
    public void listen(int backlog) throws IOException {
        if (backlog < 1) {
            throw new IllegalArgumentException("backlog must be positive, got " + backlog);
        }
        enter("listen");
        try {
            if (handle.port.listen(handle.raw, backlog) == Sdk.SOCKET_ERROR) {
                throw failure("listen");
            }
        } finally {
            exit();
        }
    }

    /** accept: the next connection, as a new blocking WinSocket on the same {@link Winsock}. */
    public WinSocket accept() throws IOException {
        byte[] addr = new byte[SdkStructs.SOCKADDR_MAX];
        int[] addrlen = {addr.length};
        enter("accept");
        long raw;
        try {
            raw = handle.port.accept(handle.raw, addr, addrlen);
            if (raw == Sdk.INVALID_SOCKET) {
                throw failure("accept");
            }
        } finally {
            exit();
        }
        return new WinSocket(winsock, raw);
    }

    public void connect(InetSocketAddress remote) throws IOException {
        byte[] name = SdkStructs.sockaddr(remote);
        enter("connect");
        try {
            if (handle.port.connect(handle.raw, name, name.length) == Sdk.SOCKET_ERROR) {
                throw failure("connect");
            }
        } finally {
            exit();
        }
    }

    /** getsockname: the local address (after bind, connect or accept). */
    public InetSocketAddress localAddress() throws IOException {
        return address(false);
    }

    /** getpeername: the connected peer's address. */
    public InetSocketAddress remoteAddress() throws IOException {
        return address(true);
    }

    private InetSocketAddress address(boolean peer) throws IOException {
        String operation = peer ? "getpeername" : "getsockname";
        byte[] name = new byte[SdkStructs.SOCKADDR_MAX];
        int[] namelen = {name.length};
        enter(operation);
        try {
            int rc = peer ? handle.port.getpeername(handle.raw, name, namelen)
                    : handle.port.getsockname(handle.raw, name, namelen);
            if (rc == Sdk.SOCKET_ERROR) {
                throw failure(operation);
            }
        } finally {
            exit();
        }
        return SdkStructs.inetSocketAddress(name, namelen[0]);
    }

    // ---------------------------------------------------------------- data

    /**
     * send: queues up to {@code length} bytes; returns how many were taken (a blocking socket
     * takes all, a non-blocking one may take fewer or fail with {@link WinsockException.WouldBlock}).
     */
    public int send(byte[] buffer, int offset, int length) throws IOException {
        checkSlice(buffer, offset, length);
        enter("send");
        try {
            int n = handle.port.send(handle.raw, buffer, offset, length, 0);
            if (n == Sdk.SOCKET_ERROR) {
                throw failure("send");
            }
            return n;
        } finally {
            exit();
        }
    }

    /** send from the buffer's remaining bytes; advances its position by the bytes sent. */
    public int send(ByteBuffer buffer) throws IOException {
        Objects.requireNonNull(buffer, "buffer");
        if (!buffer.isDirect()) {
            int n = send(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            buffer.position(buffer.position() + n);
            return n;
        }
        enter("send");
        try {
            int n = handle.port.send(handle.raw, buffer, buffer.remaining(), 0);
            if (n == Sdk.SOCKET_ERROR) {
                throw failure("send");
            }
            buffer.position(buffer.position() + n);
            return n;
        } finally {
            exit();
        }
    }

    /**
     * recv: up to {@code length} bytes into the buffer; returns the count, or -1 at the end of
     * the stream (recv returned 0: the peer closed gracefully). A zero {@code length} returns 0.
     */
    public int recv(byte[] buffer, int offset, int length) throws IOException {
        checkSlice(buffer, offset, length);
        if (length == 0) {
            return 0;
        }
        enter("recv");
        try {
            int n = handle.port.recv(handle.raw, buffer, offset, length, 0);
            if (n == Sdk.SOCKET_ERROR) {
                throw failure("recv");
            }
            return n == 0 ? -1 : n;
        } finally {
            exit();
        }
    }

    /** recv into the buffer's remaining space; advances its position; -1 at end of stream. */
    public int recv(ByteBuffer buffer) throws IOException {
        Objects.requireNonNull(buffer, "buffer");
        if (buffer.isReadOnly()) {
            throw new IllegalArgumentException("buffer is read-only");
        }
        if (!buffer.isDirect()) {
            int n = recv(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            if (n > 0) {
                buffer.position(buffer.position() + n);
            }
            return n;
        }
        if (!buffer.hasRemaining()) {
            return 0;
        }
        enter("recv");
        try {
            int n = handle.port.recv(handle.raw, buffer, buffer.remaining(), 0);
            if (n == Sdk.SOCKET_ERROR) {
                throw failure("recv");
            }
            if (n == 0) {
                return -1;
            }
            buffer.position(buffer.position() + n);
            return n;
        } finally {
            exit();
        }
    }

    private static void checkSlice(byte[] buffer, int offset, int length) {
        Objects.requireNonNull(buffer, "buffer");
        if (offset < 0 || length < 0 || offset > buffer.length - length) {
            throw new IllegalArgumentException("offset " + offset + " and length " + length
                    + " do not fit a buffer of " + buffer.length + " bytes");
        }
    }

    // ---------------------------------------------------------------- modes and options

    /** ioctlsocket FIONBIO: blocking (true, the default) or non-blocking. */
    public void setBlocking(boolean blocking) throws IOException {
        int[] argp = {blocking ? 0 : 1};
        enter("ioctlsocket");
        try {
            if (handle.port.ioctlsocket(handle.raw, Sdk.FIONBIO, argp) == Sdk.SOCKET_ERROR) {
                throw failure("ioctlsocket");
            }
            this.blocking = blocking;
        } finally {
            exit();
        }
    }

    /** As last set through this object (Winsock has no call that reads FIONBIO back). */
    public boolean isBlocking() {
        return blocking;
    }

    /** setsockopt SO_LINGER with this LINGER; see {@link Linger} for what close then does. */
    public void setLinger(Linger linger) throws IOException {
        Objects.requireNonNull(linger, "linger");
        byte[] optval = SdkStructs.linger(linger.enabled() ? 1 : 0, linger.seconds());
        setOption("setsockopt", Sdk.SOL_SOCKET, Sdk.SO_LINGER, optval);
    }

    /** getsockopt SO_LINGER: the current LINGER, including a timeout kept while off. */
    public Linger linger() throws IOException {
        byte[] optval = getOption(Sdk.SOL_SOCKET, Sdk.SO_LINGER, Sdk.SIZEOF_LINGER);
        return new Linger(SdkStructs.lingerOnoff(optval) != 0, SdkStructs.lingerSeconds(optval));
    }

    /**
     * setsockopt SO_DONTLINGER. TRUE sets l_onoff to 0 and keeps the timeout; FALSE sets l_onoff
     * to 1, and the previously set timeout should be reinstated (closesocket remarks).
     */
    public void setDontLinger(boolean dontLinger) throws IOException {
        setOption("setsockopt", Sdk.SOL_SOCKET, Sdk.SO_DONTLINGER, intBytes(dontLinger ? 1 : 0));
    }

    /** getsockopt SO_DONTLINGER: true when l_onoff is 0. */
    public boolean dontLinger() throws IOException {
        return intValue(getOption(Sdk.SOL_SOCKET, Sdk.SO_DONTLINGER, 4)) != 0;
    }

    public void setOption(IntOption option, int value) throws IOException {
        Objects.requireNonNull(option, "option");
        setOption("setsockopt", option.level, option.optname, intBytes(value));
    }

    public int option(IntOption option) throws IOException {
        Objects.requireNonNull(option, "option");
        return intValue(getOption(option.level, option.optname, 4));
    }

    private void setOption(String operation, int level, int optname, byte[] optval) throws IOException {
        enter(operation);
        try {
            if (handle.port.setsockopt(handle.raw, level, optname, optval, optval.length) == Sdk.SOCKET_ERROR) {
                throw failure(operation);
            }
        } finally {
            exit();
        }
    }

    private byte[] getOption(int level, int optname, int size) throws IOException {
        byte[] optval = new byte[size];
        int[] optlen = {size};
        enter("getsockopt");
        try {
            if (handle.port.getsockopt(handle.raw, level, optname, optval, optlen) == Sdk.SOCKET_ERROR) {
                throw failure("getsockopt");
            }
        } finally {
            exit();
        }
        return optval;
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    private static int intValue(byte[] b) {
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }

    // ---------------------------------------------------------------- shutdown and close

    /** shutdown: SEND half-closes (FIN after the queued data), RECEIVE stops receiving. */
    public void shutdown(ShutdownHow how) throws IOException {
        Objects.requireNonNull(how, "how");
        enter("shutdown");
        try {
            if (handle.port.shutdown(handle.raw, how.how) == Sdk.SOCKET_ERROR) {
                throw failure("shutdown");
            }
            handle.markShutdown(how == ShutdownHow.SEND ? SocketHandle.OUTPUT_SHUT
                    : how == ShutdownHow.RECEIVE ? SocketHandle.INPUT_SHUT
                    : SocketHandle.INPUT_SHUT | SocketHandle.OUTPUT_SHUT);
        } finally {
            exit();
        }
    }

    /** Whether shutdown(SEND or BOTH) succeeded on this socket. */
    public boolean isOutputShutdown() {
        return handle.has(SocketHandle.OUTPUT_SHUT);
    }

    /** Whether shutdown(RECEIVE or BOTH) succeeded on this socket. */
    public boolean isInputShutdown() {
        return handle.has(SocketHandle.INPUT_SHUT);
    }

    /** True until a close succeeded (or the descriptor was found gone). */
    public boolean isOpen() {
        return !handle.isClosed();
    }

    /**
     * closesocket, honouring the current {@link Linger}. Does nothing when already closed.
     *
     * @throws WinsockException.WouldBlock when the socket is non-blocking and lingers with a
     *     timeout: the socket is still open and usable; set {@link Linger#off()} or
     *     {@link Linger#abortive()}, call {@code shutdown(SEND)} first, or make it blocking, and
     *     close again (WSPCloseSocket remarks)
     * @throws WinsockException any other failure; the socket stays open, except for WSAENOTSOCK
     *     and WSANOTINITIALISED, after which no descriptor is left to release
     */
    @Override
    public void close() throws WinsockException {
        synchronized (closeLock) {
            if (!handle.beginClose()) {
                return;
            }
            awaitNoCallInProgress();
            if (handle.port.closesocket(handle.raw) != Sdk.SOCKET_ERROR) {
                forget();
                return;
            }
            int code = handle.port.lastError();
            if (code == WsaError.WSAENOTSOCK.code() || code == WsaError.WSANOTINITIALISED.code()) {
                // No descriptor to release: it is not a socket, or WSACleanup already closed it
                // ("sockets open when WSACleanup is called are reset and automatically
                // deallocated"). Keeping it could only ever reach a descriptor reused by others.
                forget();
                throw WinsockException.of("closesocket", code, "The WinSocket is closed.");
            }
            handle.abortClose();
            throw WinsockException.of("closesocket", code, code == WsaError.WSAEWOULDBLOCK.code()
                    ? "The socket is still open and usable: a non-blocking socket lingering with a timeout cannot"
                    + " close at once; turn lingering off, set a zero timeout, call shutdown(SEND) first or make it"
                    + " blocking, then close again."
                    : "The socket is still open.");
        }
    }

    /**
     * Hard close: SO_LINGER on with a zero timeout, then closesocket; the peer sees a reset and
     * unsent data is discarded (libuv's uv_tcp_close_reset does the same). Does nothing when
     * already closed. If setting the linger fails, the socket is closed all the same and the
     * setsockopt failure is thrown.
     */
    public void closeAbortively() throws WinsockException {
        synchronized (closeLock) {
            WinsockException lingerFailure = null;
            try {
                setLinger(Linger.abortive());
            } catch (SocketClosedException closed) {
                return;
            } catch (WinsockException e) {
                lingerFailure = e;
            } catch (IOException e) {
                throw new AssertionError("setLinger throws only WinsockException", e);
            }
            close();
            if (lingerFailure != null) {
                throw lingerFailure;
            }
        }
    }

    /**
     * Graceful close with a bounded wait, as .NET's {@code Socket.Close(timeout)}. The steps:
     * <ol>
     *   <li>{@code timeout} zero: {@link #closeAbortively()}; return false.
     *   <li>{@code shutdown(SD_SEND)}: our FIN follows the queued data. On an unconnected socket
     *       (WSAENOTCONN) there is nothing to drain: {@link #close()} with the current linger.
     *   <li>Make the socket blocking, set SO_RCVTIMEO to the time left, and recv until the peer's
     *       end of stream (recv returns 0), discarding what arrives.
     *   <li>End of stream in time: SO_LINGER off (SO_DONTLINGER), closesocket: graceful, the closer
     *       ends in TIME_WAIT; return true.
     *   <li>Timeout (WSAETIMEDOUT) or any error of the drain: SO_LINGER on/0, closesocket: reset;
     *       return false.
     * </ol>
     * Does nothing and returns true when already closed.
     *
     * @return true when the close was graceful, false when it reset the connection
     */
    public boolean close(Duration timeout) throws WinsockException {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
        }
        synchronized (closeLock) {
            if (handle.isClosing()) {
                return true;
            }
            if (timeout.isZero()) {
                closeAbortively();
                return false;
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean peerClosed;
            try {
                shutdown(ShutdownHow.SEND);
                peerClosed = drainUntilEndOfStream(deadline);
            } catch (WinsockException.NotConnected notConnected) {
                close();
                return true;
            } catch (SocketClosedException closed) {
                return false;
            } catch (IOException drainFailed) {
                peerClosed = false;
            }
            if (!peerClosed) {
                closeAbortively();
                return false;
            }
            try {
                setLinger(Linger.off());
            } catch (IOException e) {
                closeAbortively();
                return false;
            }
            close();
            return true;
        }
    }

    private boolean drainUntilEndOfStream(long deadline) throws IOException {
        if (!blocking) {
            setBlocking(true);
        }
        byte[] scratch = new byte[8192];
        for (;;) {
            long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (leftMillis <= 0) {
                return false;
            }
            setOption(IntOption.SO_RCVTIMEO, (int) Math.min(Integer.MAX_VALUE, leftMillis));
            try {
                if (recv(scratch, 0, scratch.length) < 0) {
                    return true;
                }
            } catch (WinsockException.TimedOut timedOut) {
                return false;
            }
        }
    }

    /** Wakes blocked calls with CancelIoEx until none is in progress; closing is already set. */
    private void awaitNoCallInProgress() {
        while (handle.inProgress() > 0) {
            // Cancels I/O issued by any thread on this handle, so a blocked recv/accept/send
            // returns (WSAEINTR or WSA_OPERATION_ABORTED). Its own failure (ERROR_NOT_FOUND when
            // nothing is pending yet) only means the next round must try again.
            handle.port.cancelIoEx(handle.raw);
            LockSupport.parkNanos(this, CANCEL_RETRY_NANOS);
        }
    }

    private void forget() {
        handle.finishClose();
        cleanable.clean();
    }

    // ---------------------------------------------------------------- interop

    /**
     * The raw SOCKET, for interop. Valid only while this WinSocket is open: the system may reuse
     * the number at once after close (closesocket remarks).
     *
     * @throws SocketClosedException when closed
     */
    public long rawHandle() throws SocketClosedException {
        if (handle.isClosing()) {
            throw new SocketClosedException("rawHandle");
        }
        return handle.raw;
    }

    /** The {@link Winsock} this socket was opened on. */
    public Winsock winsock() {
        return winsock;
    }

    @Override
    public String toString() {
        return "WinSocket[0x" + Long.toHexString(handle.raw) + (isOpen() ? "" : ", closed") + "]";
    }

    /** The Cleaner's action: an abortive close that never blocks, for a WinSocket left open. */
    private static final class LeakedSocketCloser implements Runnable {
        private final SocketHandle handle;

        LeakedSocketCloser(SocketHandle handle) {
            this.handle = handle;
        }

        @Override
        public void run() {
            if (handle.isClosed() || !handle.beginClose()) {
                return;
            }
            // Unreachable, so no call is in progress. Linger 0 makes closesocket reset at once,
            // even on a non-blocking socket (closesocket remarks).
            byte[] abortive = SdkStructs.linger(1, 0);
            handle.port.setsockopt(handle.raw, Sdk.SOL_SOCKET, Sdk.SO_LINGER, abortive, abortive.length);
            int rc = handle.port.closesocket(handle.raw);
            int code = rc == Sdk.SOCKET_ERROR ? handle.port.lastError() : 0;
            handle.finishClose();
            LOG.log(System.Logger.Level.WARNING, "a WinSocket (SOCKET 0x{0}) was not closed; closed abortively by the"
                    + " Cleaner{1}", Long.toHexString(handle.raw),
                    rc == 0 ? "" : ": closesocket failed with " + WsaError.nameOf(code) + " (" + code + ")");
        }
    }
}
