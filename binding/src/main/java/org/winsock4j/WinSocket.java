package org.winsock4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.winsock4j.port.Sdk;
import org.winsock4j.port.SdkStructs;

/**
 * A Winsock SOCKET owned by Java: every call reaches ws2_32 only while the socket is open, every
 * failure is a typed exception carrying its WSA number ({@link WinsockError}: a
 * {@link WinsockException}, or the JDK's type where java.net has one, such as
 * {@link java.net.ConnectException} for a refused connect), and closing follows the socket's {@link Linger}
 * exactly as closesocket does.
 *
 * <h2>Lifetime</h2>
 * Each call counts itself in and out of one atomic state word. {@link #close()} first marks the
 * socket closing, so that new calls fail with {@link SocketClosedException} before reaching
 * ws2_32; then unblocks calls blocked in other threads with {@code CancelIoEx(socket, NULL)};
 * waits until no call is in progress ("A Winsock client must never issue closesocket on s
 * concurrently with another Winsock function call", closesocket remarks); then calls
 * closesocket exactly once. The raw handle is forgotten only when closesocket succeeded: a
 * failure (WSAEWOULDBLOCK for a non-blocking lingering socket) leaves the socket open and usable.
 * The calls of a borrowed view of this socket ({@link Winsock#borrow}) count as this socket's
 * own: the close cancels and waits for them too, and ends the view. A WinSocket that becomes
 * unreachable while open is closed abortively by a {@link Cleaner}, whose closesocket never
 * blocks. A WinSocket whose number was closed behind its back and then given to a new socket by
 * its Winsock is cut off (see {@link Winsock#adopt}).
 *
 * <h2>Concurrent closes</h2>
 * {@link #close()}, {@link #closeAbortively()} and {@link #close(Duration)} may be called from
 * any thread, also while another of them runs:
 * <ul>
 *   <li>Only one closesocket ever runs; a close that finds the socket closed does nothing.
 *   <li>{@code close(Duration)} waits for the peer without holding the socket's close lock: a
 *       {@code close()} or {@code closeAbortively()} from another thread takes effect at once
 *       (it cancels the draining receive) and the draining {@code close(Duration)} returns false.
 *   <li>A call blocked in another thread (recv, send, recvFrom, sendTo, accept, connect) is cancelled by the close
 *       and ends when that close has ended: with {@link SocketClosedException} (its cause is what
 *       ws2_32 reported to the call: WSAEINTR or WSA_OPERATION_ABORTED) when the socket was
 *       closed, or with its own {@link WinsockException}, whose message says the close failed and
 *       the socket is still open, when closesocket failed (the close's exception is attached as
 *       suppressed).
 *   <li>On Windows, closing a socket whose pending receive had to be cancelled resets the
 *       connection (RST) whatever the linger, unless {@code shutdown(SEND)} came first; libuv
 *       ({@code uv_tcp_close}) and .NET ({@code SafeSocketHandle}) work around the same rule.
 *       For a graceful end while another thread may be reading, call
 *       {@link #shutdown shutdown(SEND)} before closing. Wine closes gracefully in that case.
 * </ul>
 *
 * <h2>Interrupts</h2>
 * Following {@link java.nio.channels.InterruptibleChannel}: when a thread blocked in a call on a
 * blocking WinSocket (recv, send, recvFrom, sendTo, accept, connect, and the drain of {@code close(Duration)}) is
 * interrupted, or starts such a call with its interrupt status set, the socket is closed as by
 * {@link #close()} from another thread, the call ends with
 * {@link java.nio.channels.ClosedByInterruptException} (cause: what ws2_32 reported to the
 * cancelled call, if it had started), and the thread's interrupt status stays set.
 * {@link Thread#interrupt()} must not block, so it only marks the socket closing and cancels the
 * call (repeated every few milliseconds until the call has left); the interrupted thread itself
 * then closes the socket and ends as soon as that close has ended, so a burst of interrupts
 * starts no thread per socket. What the connection sees is what {@code close()}
 * does with a cancelled receive (above): a reset on Windows unless {@code shutdown(SEND)} came
 * first. Should that closesocket fail, the call ends with
 * {@link java.io.InterruptedIOException} (cause: the close's failure) and the socket stays open;
 * a call of another thread that the closing socket kept from starting then ends with a
 * {@link java.net.SocketException} saying so.
 * Calls on a non-blocking socket never block, so interrupts do not concern them, as in java.nio.
 * {@link #setInterruptRule setInterruptRule(InterruptRule.SOCKET)} gives {@link java.net.Socket}'s
 * rule instead: a platform thread's interrupt then ends no call (a virtual thread's still closes).
 * {@code close()} itself is not interruptible: a blocking socket lingering with a timeout waits
 * in closesocket for up to that timeout.
 *
 * <p>Thread-safe: calls may come from several threads; close may race with them.
 */
public final class WinSocket implements AutoCloseable {
    private final Winsock winsock;
    private final SocketHandle handle;
    /** Every close of this socket, and the Cleaner's action should it be left open. */
    private final SocketCloser closer;
    /** The logical and the real blocking mode. */
    private final SocketMode mode;
    /** The calls that may block. */
    private final SocketIo io;
    /** The calls that return at once. */
    private final SocketControl control;

    WinSocket(Winsock winsock, SocketHandle handle, boolean blocking) {
        this.winsock = winsock;
        this.handle = handle;
        this.mode = new SocketMode(handle, blocking);
        this.closer = new SocketCloser(this, handle);
        SocketTimeouts timeouts = new SocketTimeouts(handle);
        this.io = new SocketIo(this, winsock, handle, mode, timeouts, closer);
        this.control = new SocketControl(this, handle, timeouts);
    }

    /**
     * Opens a socket on the process-wide {@link Winsock#system()}.
     *
     * @param family the address family, IPv4 or IPv6
     * @param type a stream or datagram socket
     * @param protocol TCP, UDP or the type's default
     * @return the new socket: blocking, SO_DONTLINGER; the caller closes it
     * @throws WinsockException when socket (or the implicit WSAStartup) fails
     */
    public static WinSocket open(AddressFamily family, SocketType type, Protocol protocol) throws WinsockException {
        return Winsock.system().open(family, type, protocol);
    }

    /**
     * A TCP socket on {@link Winsock#system()}.
     *
     * @param family the address family, IPv4 or IPv6
     * @return the new stream socket: blocking, SO_DONTLINGER; the caller closes it
     * @throws WinsockException when socket (or the implicit WSAStartup) fails
     */
    public static WinSocket openTcp(AddressFamily family) throws WinsockException {
        return open(family, SocketType.STREAM, Protocol.TCP);
    }

    /** States the socket's type (SOCK_STREAM, SOCK_DGRAM), known to whoever made the handle. */
    WinSocket typed(int type) {
        io.typed(type);
        return this;
    }

    /** A socket winsock4j opened: its bind is exclusive unless the application chooses otherwise. */
    WinSocket exclusiveBindByDefault() {
        control.exclusiveBindByDefault();
        return this;
    }

    // ---------------------------------------------------------------- connection set-up

    /**
     * bind: gives the socket its local address.
     *
     * <p><b>Exclusive by default.</b> On Windows, a socket bound without SO_EXCLUSIVEADDRUSE can
     * have its address and port taken over by another program's socket that sets SO_REUSEADDR
     * ("port stealing"; which socket then receives is undefined). So, as the JDK does on Windows
     * ({@code sun.net.useExclusiveBind}, on by default), winsock4j sets SO_EXCLUSIVEADDRUSE right
     * before the bind of a socket it opened ({@link Winsock#open}), TCP and UDP alike: every other
     * bind to the address then fails (WSAEACCES, or WSAEADDRINUSE), SO_REUSEADDR or not. The
     * application chooses otherwise by setting either option itself before bind:
     * {@code setOption(IntOption.SO_EXCLUSIVEADDRUSE, 0)} binds as plain Winsock does (the
     * opt-out), {@code setOption(IntOption.SO_REUSEADDR, 1)} shares the address with other
     * SO_REUSEADDR sockets as documented (the JDK instead ignores SO_REUSEADDR while it binds
     * exclusively; winsock4j honours it). Adopted and borrowed sockets are bound as they are.
     * The price Windows documents for exclusive binding: after a listener that accepted
     * connections is closed, a new exclusive bind to its port fails until those connections are
     * inactive; a graceful close ({@link #close(Duration)}) ends them soonest.
     *
     * @param local a resolved local address; port 0 lets the system pick one
     * @throws IOException a {@link WinsockError} when bind fails ({@link java.net.BindException} for
     *     WSAEADDRINUSE) or the exclusive-bind setsockopt fails (operation setsockopt), or a
     *     {@link SocketClosedException} when the socket is closed
     * @throws IllegalArgumentException if {@code local} is unresolved
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-bind">bind function (winsock2.h)</a>
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/winsock/using-so-reuseaddr-and-so-exclusiveaddruse">Using SO_REUSEADDR and SO_EXCLUSIVEADDRUSE</a>
     */
    public void bind(InetSocketAddress local) throws IOException {
        control.bind(SdkStructs.sockaddr(local));
    }

    /**
     * listen with this backlog (1.. ; {@link Sdk#SOMAXCONN} asks for the maximum).
     *
     * @param backlog the length of the queue of pending connections, at least 1
     * @throws IOException a {@link WinsockException} when listen fails, or a
     *     {@link SocketClosedException} when the socket is closed
     * @throws IllegalArgumentException if {@code backlog} is less than 1
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-listen">listen function (winsock2.h)</a>
     */
    public void listen(int backlog) throws IOException {
        if (backlog < 1) {
            throw new IllegalArgumentException("backlog must be positive, got " + backlog);
        }
        control.listen(backlog);
    }

    /**
     * accept: the next connection, as a new WinSocket on the same {@link Winsock}.
     *
     * <p>The accepted socket has the listening socket's properties (accept remarks): it is
     * non-blocking when the listener is ({@link #isBlocking()} says so), it lingers as the
     * listener was set to (SO_LINGER/SO_DONTLINGER set on the listener read back on the accepted
     * socket; Wine's tests, run on Windows, check that), and it carries the listener's other
     * socket options. On a non-blocking listener with no pending connection this fails with
     * {@link WinsockException.WouldBlock}.
     *
     * @return the connected socket, which the caller closes
     * @throws IOException a {@link WinsockException} when accept fails, or a
     *     {@link SocketClosedException} when the socket is closed
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-accept">accept function (winsock2.h)</a>
     */
    public WinSocket accept() throws IOException {
        byte[] addr = new byte[SdkStructs.SOCKADDR_MAX];
        int[] addrlen = {addr.length};
        boolean inheritedBlocking = mode.isBlocking();
        long raw = io.accept(addr, addrlen);
        return winsock.fresh(raw, "accept()", inheritedBlocking).typed(Sdk.SOCK_STREAM);
    }

    /**
     * connect: connects the socket to a remote address; a blocking socket waits until it is
     * connected.
     *
     * @param remote the resolved address to connect to
     * @throws IOException a {@link WinsockError} when connect fails ({@link java.net.ConnectException}
     *     when refused, {@link java.net.NoRouteToHostException} when the host or network is
     *     unreachable, {@link java.net.SocketTimeoutException} when it timed out), or a
     *     {@link SocketClosedException} when the socket is closed
     * @throws IllegalArgumentException if {@code remote} is unresolved
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-connect">connect function (winsock2.h)</a>
     */
    public void connect(InetSocketAddress remote) throws IOException {
        byte[] name = SdkStructs.sockaddr(remote);
        io.connect(name);
    }

    /**
     * connect with a time limit: a non-blocking connect, then a wait with select for the socket
     * to become writable (connected) or to be reported in exceptfds (failed: SO_ERROR says why),
     * as the JDK waits on Windows; the socket's blocking mode is restored afterwards, whatever
     * the outcome (unless the socket was closed meanwhile). Not WSAPoll: before Windows 10
     * version 2004 (build 19041; Windows Server 2019 included) it never reports a failed connect,
     * so a refused connect would wait out the whole limit and end TimedOut
     * (https://github.com/MicrosoftDocs/sdk-api/pull/764). A platform thread waits in select
     * calls of at most 20 ms; a virtual thread parks until the pollers report the socket, and
     * asks select again, without waiting, after at most a second without a report.
     *
     * <p>Failures: a refused connect is {@link WinsockException.ConnectionRefused}, no route
     * {@link WinsockException.HostUnreachable} or {@link WinsockException.NetworkUnreachable},
     * no connection within {@code timeout} {@link WinsockException.TimedOut} (operation
     * {@code connect}, code WSAETIMEDOUT, with a note saying the limit was this call's). After
     * any failure the socket stays open and is the caller's to close: after a refused,
     * unreachable or timed-out attempt reported by the stack, the connect page allows connect
     * again on the same socket; after this call's own time limit the attempt may still be in
     * progress (a new connect fails with WSAEALREADY), so close the socket and open a new one.
     * A close from another thread ends the wait with {@link SocketClosedException}. An interrupt
     * ends the wait with {@link java.io.InterruptedIOException}; the socket stays open, its
     * interrupt status set.
     *
     * @param remote the resolved address to connect to
     * @param timeout how long to wait for the connection; more than zero
     * @throws IOException a {@link WinsockError} when connect fails or does not complete in time
     *     (the JDK-shaped {@link java.net.ConnectException}, {@link java.net.NoRouteToHostException}
     *     and {@link java.net.SocketTimeoutException} above, else a {@link WinsockException}), or a
     *     {@link SocketClosedException} when the socket is closed
     * @throws NullPointerException if {@code remote} or {@code timeout} is null
     * @throws IllegalArgumentException if {@code remote} is unresolved or {@code timeout} is zero
     *     or negative
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-connect">connect function (winsock2.h)</a>
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsapoll">WSAPoll function (winsock2.h)</a>
     */
    public void connect(InetSocketAddress remote, Duration timeout) throws IOException {
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        io.connect(SdkStructs.sockaddr(remote), timeout);
    }

    /**
     * getsockname: the local address (after bind, connect or accept).
     *
     * @return the local address and port
     * @throws IOException a {@link WinsockException} when getsockname fails, or a
     *     {@link SocketClosedException} when the socket is closed
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-getsockname">getsockname function (winsock2.h)</a>
     */
    public InetSocketAddress localAddress() throws IOException {
        return control.address(false);
    }

    /**
     * getpeername: the connected peer's address.
     *
     * @return the peer's address and port
     * @throws IOException a {@link WinsockException} when getpeername fails, or a
     *     {@link SocketClosedException} when the socket is closed
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-getpeername">getpeername function (winsock2.h)</a>
     */
    public InetSocketAddress remoteAddress() throws IOException {
        return control.address(true);
    }

    // ---------------------------------------------------------------- data

    /**
     * send: queues up to {@code length} bytes; returns how many were taken (a blocking socket
     * takes all, a non-blocking one may take fewer or fail with {@link WinsockException.WouldBlock}).
     *
     * @param buffer the data
     * @param offset where in {@code buffer} the bytes to send start
     * @param length how many bytes to send
     * @return the number of bytes taken
     * @throws IOException a {@link WinsockException} when send fails, or a
     *     {@link SocketClosedException} when the socket is closed
     * @throws IllegalArgumentException if the slice does not fit the buffer
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-send">send function (winsock2.h)</a>
     */
    public int send(byte[] buffer, int offset, int length) throws IOException {
        checkSlice(buffer, offset, length);
        return io.send(buffer, null, offset, length, 0);
    }

    /**
     * send with flags: {@link SendFlag#OOB} sends the bytes as out-of-band (urgent) data, which
     * a peer reads apart from the stream (recv with MSG_OOB) unless it has SO_OOBINLINE on.
     * Otherwise as {@link #send(byte[], int, int)}: a blocking socket takes every byte, a
     * non-blocking one may take fewer or fail with {@link WinsockException.WouldBlock}; guarded,
     * woken by close, interruptible on a blocking socket.
     *
     * @param buffer the data
     * @param offset where in {@code buffer} the bytes to send start
     * @param length how many bytes to send
     * @param flags the send flags; empty for a plain send
     * @return the number of bytes taken
     * @throws IOException a {@link WinsockException} when send fails (the platform's error for a
     *     flag it rejects), or a {@link SocketClosedException} when the socket is closed
     * @throws NullPointerException if {@code flags} or {@code buffer} is null, or {@code flags} holds null
     * @throws IllegalArgumentException if the slice does not fit the buffer
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-send">send function (winsock2.h)</a>
     */
    public int send(byte[] buffer, int offset, int length, Set<SendFlag> flags) throws IOException {
        int bits = flagBits(flags, f -> f.bit);
        checkSlice(buffer, offset, length);
        return io.send(buffer, null, offset, length, bits);
    }

    /**
     * send from the buffer's remaining bytes (any buffer: heap, direct or read-only); advances
     * its position by the bytes sent.
     *
     * @param buffer the data, from its position to its limit
     * @return the number of bytes taken
     * @throws IOException a {@link WinsockException} when send fails, or a
     *     {@link SocketClosedException} when the socket is closed
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-send">send function (winsock2.h)</a>
     */
    public int send(ByteBuffer buffer) throws IOException {
        Objects.requireNonNull(buffer, "buffer");
        int position = buffer.position();
        int n = buffer.hasArray() ? io.send(buffer.array(), null, buffer.arrayOffset() + position, buffer.remaining(), 0)
                : io.send(null, buffer, position, buffer.remaining(), 0);
        buffer.position(position + n);
        return n;
    }

    /**
     * recv: up to {@code length} bytes into the buffer; returns the count, or -1 at the end of
     * the stream (recv returned 0 on a stream socket: the peer closed gracefully). A zero
     * {@code length} returns 0. On a datagram socket (a connected UDP socket) recv takes one
     * datagram, and an empty one returns 0: a datagram socket has no end of stream, so it never
     * returns -1 (the JDK's DatagramChannel.read returns -1 there, which a reader takes for the
     * end; winsock4j does not).
     *
     * @param buffer receives the data
     * @param offset where in {@code buffer} the received bytes go
     * @param length the most bytes to receive
     * @return the number of bytes received (0 for an empty datagram), or -1 at the end of the
     *     stream
     * @throws IOException a {@link WinsockError} when recv fails ({@link java.net.SocketTimeoutException}
     *     when SO_RCVTIMEO expires), or a
     *     {@link SocketClosedException} when the socket is closed
     * @throws IllegalArgumentException if the slice does not fit the buffer
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-recv">recv function (winsock2.h)</a>
     */
    public int recv(byte[] buffer, int offset, int length) throws IOException {
        checkSlice(buffer, offset, length);
        return length == 0 ? 0 : io.recv(buffer, null, offset, length, 0);
    }

    /**
     * recv with flags: {@link RecvFlag#PEEK} leaves the data queued, {@link RecvFlag#WAITALL}
     * waits for {@code length} bytes (fewer only at the end of the stream or on an error),
     * {@link RecvFlag#OOB} reads urgent data. Otherwise as {@link #recv(byte[], int, int)}: -1 at
     * the end of the stream, 0 for a zero {@code length} or an empty datagram, woken by close.
     *
     * @param buffer receives the data
     * @param offset where in {@code buffer} the received bytes go
     * @param length the most bytes to receive
     * @param flags the recv flags; empty for a plain recv
     * @return the number of bytes received (0 for an empty datagram), or -1 at the end of the stream
     * @throws IOException a {@link WinsockError} when recv fails (the platform's error for a flag
     *     it rejects), or a {@link SocketClosedException} when the socket is closed
     * @throws NullPointerException if {@code flags} or {@code buffer} is null, or holds null
     * @throws IllegalArgumentException if the slice does not fit the buffer
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-recv">recv function (winsock2.h)</a>
     */
    public int recv(byte[] buffer, int offset, int length, Set<RecvFlag> flags) throws IOException {
        int bits = flagBits(flags, f -> f.bit);
        checkSlice(buffer, offset, length);
        return length == 0 ? 0 : io.recv(buffer, null, offset, length, bits);
    }

    /**
     * recv into the buffer's remaining space; advances its position; -1 at end of stream, 0 for
     * an empty datagram (as {@link #recv(byte[], int, int)}).
     *
     * @param buffer receives the data, from its position to its limit
     * @return the number of bytes received, 0 when the buffer has no space left or for an empty
     *     datagram, or -1 at the end of the stream
     * @throws IOException a {@link WinsockError} when recv fails ({@link java.net.SocketTimeoutException}
     *     when SO_RCVTIMEO expires), or a
     *     {@link SocketClosedException} when the socket is closed
     * @throws IllegalArgumentException if {@code buffer} is read-only
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-recv">recv function (winsock2.h)</a>
     */
    public int recv(ByteBuffer buffer) throws IOException {
        Objects.requireNonNull(buffer, "buffer");
        if (buffer.isReadOnly()) {
            throw new IllegalArgumentException("buffer is read-only");
        }
        if (!buffer.hasRemaining()) {
            return 0;
        }
        int position = buffer.position();
        int n = buffer.hasArray() ? io.recv(buffer.array(), null, buffer.arrayOffset() + position, buffer.remaining(), 0)
                : io.recv(null, buffer, position, buffer.remaining(), 0);
        if (n > 0) {
            buffer.position(position + n);
        }
        return n;
    }

    /**
     * ioctlsocket FIONREAD: how many bytes one recv can read now without blocking (0 at the end
     * of the stream or when nothing has arrived).
     *
     * @return the count of bytes ready to read
     * @throws IOException a {@link WinsockError} when ioctlsocket fails, or a
     *     {@link SocketClosedException} when the socket is closed
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-ioctlsocket">ioctlsocket function (winsock2.h)</a>
     */
    public int available() throws IOException {
        return control.available();
    }

    /**
     * An {@link InputStream} view: reads are {@link #recv(byte[], int, int)}. Follows java.io's
     * contract: {@code read} blocks until at least one byte, returns -1 at the end of the stream
     * (the peer's FIN), {@code read(b, off, 0)} returns 0, bad slices throw
     * {@link IndexOutOfBoundsException}; an SO_RCVTIMEO expiry throws
     * {@link WinsockException.TimedOut}, a {@link java.net.SocketTimeoutException}, and the
     * stream stays usable; {@code available()} is {@link #available()} (FIONREAD). The socket
     * must be blocking: on a non-blocking one reads throw
     * {@link java.nio.channels.IllegalBlockingModeException}, as java.nio's do.
     *
     * <p>On a datagram socket (a connected UDP socket) the stream is the datagrams' bytes, one
     * datagram per recv, and it has no end: {@code read} never returns -1, and it skips empty
     * datagrams, which carry no bytes, so that a read of one byte or more returns at least one
     * (java.io's contract; the JDK's {@code Channels.newInputStream} over a DatagramChannel
     * returns -1 for an empty datagram instead). A datagram longer than the read's space fails
     * as {@link #recv(byte[], int, int)} does.
     *
     * <p><b>Closing the stream closes the socket</b>, exactly as {@link #close()} (the current
     * linger; java.net.Socket's rule, and what {@code try (BufferedReader r = ...)} relies on).
     * To end only one direction, call {@link #shutdown} or {@link #sendAndShutdown}; the stream
     * is not buffered, so there is nothing to flush. Every read goes through the socket's guard:
     * a close from another thread wakes a blocked read ({@link SocketClosedException}), an
     * interrupt closes the socket ({@link java.nio.channels.ClosedByInterruptException}).
     *
     * @return a new view of this socket (views share the socket; each is cheap)
     */
    public InputStream inputStream() {
        return new SocketViews.In(this);
    }

    /**
     * An {@link OutputStream} view: {@code write} sends all the bytes ({@link #send} until
     * every byte is taken); {@code flush} does nothing (nothing is buffered). The socket must be
     * blocking ({@link java.nio.channels.IllegalBlockingModeException} otherwise).
     *
     * <p><b>Closing the stream closes the socket</b>, exactly as {@link #close()}; it does not
     * merely shut down the sending side. For a half-close (the peer sees the end of the stream
     * while this side still reads), call {@link #shutdown shutdown(ShutdownHow.SEND)} or
     * {@link #sendAndShutdown} instead.
     *
     * @return a new view of this socket
     */
    public OutputStream outputStream() {
        return new SocketViews.Out(this);
    }

    /**
     * A {@link ByteChannel} view ({@link java.nio.channels.ReadableByteChannel} and
     * {@link java.nio.channels.WritableByteChannel}): {@code read} is {@link #recv(ByteBuffer)}
     * (-1 at the end of the stream; 0 on a non-blocking socket with nothing to read, and for an
     * empty datagram on a datagram socket, which has no end of stream),
     * {@code write} sends all the remaining bytes on a blocking socket and what the system takes
     * (maybe 0) on a non-blocking one. {@code isOpen()} is {@link #isOpen()}; {@code close()}
     * closes the socket as {@link #close()}. On a closed socket both throw
     * {@link java.nio.channels.ClosedChannelException}; closed by another thread during the call,
     * {@link java.nio.channels.AsynchronousCloseException}; interrupted,
     * {@link java.nio.channels.ClosedByInterruptException}. Works with
     * {@link java.nio.channels.Channels#newInputStream}.
     *
     * @return a new view of this socket
     */
    public ByteChannel channel() {
        return new SocketViews.Channel(this);
    }

    /**
     * Disconnect with final data (the user-mode form of a graceful disconnect with a final
     * buffer): sends all of {@code finalData}'s remaining bytes, then shutdown(SD_SEND), so the
     * peer reads them and then the end of the stream. The socket stays open: read the peer's
     * remaining data and end of stream, then {@link #close()} (or use {@link #close(Duration)}).
     * On a non-blocking socket a send that would block ends the call with an
     * {@link IncompleteDisconnectException} (cause {@link WinsockException.WouldBlock}) counting
     * what was taken; the rest can be sent later and the call repeated.
     *
     * <p><b>Closing without having disconnected in both directions.</b> After this call only the
     * sending side is shut. What the close then does on the wire (close matrix, README rows 2, 5,
     * 8, 11, 14, 17 and 46): with the default SO_DONTLINGER the FIN has already followed the data,
     * closesocket returns at once and the peer reads everything and the end of stream; on Windows
     * the linger is ignored after the shutdown (no RST, ev7); but if data from the peer arrives or
     * lies unread when the socket is closed, the connection is reset (RST; scenario
     * {@code special/shutdown-receive-then-peer-sends}) and the peer may lose what it had not
     * read. Read to the end of the stream before closing, as {@link #close(Duration)} does.
     *
     * @param finalData the last bytes to send, from its position to its limit (may be empty);
     *     its position advances by the bytes sent
     * @return the number of bytes sent (all of them)
     * @throws IncompleteDisconnectException when a send or the shutdown fails: how many bytes
     *     were sent, whether any were not, and (as cause) the failure, a {@link WinsockError} or a
     *     {@link SocketClosedException}
     * @throws java.nio.channels.ClosedByInterruptException when an interrupt closed the socket
     *     (as for any call; the buffer's position tells how many bytes were sent)
     * @throws NullPointerException if {@code finalData} is null, before anything is sent
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-shutdown">shutdown function (winsock2.h)</a>
     */
    public long sendAndShutdown(ByteBuffer finalData) throws IOException {
        Objects.requireNonNull(finalData, "finalData");
        long sent = 0;
        try {
            while (finalData.hasRemaining()) {
                sent += send(finalData);
            }
        } catch (ClosedByInterruptException interrupted) {
            throw interrupted;
        } catch (IOException e) {
            throw new IncompleteDisconnectException(sent, finalData.remaining(), e);
        }
        try {
            shutdown(ShutdownHow.SEND);
        } catch (ClosedByInterruptException interrupted) {
            throw interrupted;
        } catch (IOException e) {
            throw new IncompleteDisconnectException(sent, 0, e);
        }
        return sent;
    }

    /** The flags' bits for a send or recv, checked: no null set, no null flag. */
    private static <F> int flagBits(Set<F> flags, ToIntFunction<F> bit) {
        Objects.requireNonNull(flags, "flags");
        int bits = 0;
        for (F f : flags) {
            bits |= bit.applyAsInt(Objects.requireNonNull(f, "flags holds null"));
        }
        return bits;
    }

    private static void checkSlice(byte[] buffer, int offset, int length) {
        Objects.requireNonNull(buffer, "buffer");
        if (offset < 0 || length < 0 || offset > buffer.length - length) {
            throw new IllegalArgumentException("offset " + offset + " and length " + length
                    + " do not fit a buffer of " + buffer.length + " bytes");
        }
    }

    // ---------------------------------------------------------------- datagrams

    /**
     * sendto: sends the buffer's remaining bytes as one datagram to {@code target} (a UDP socket,
     * bound or not; any buffer: heap, direct or read-only); advances its position by the bytes
     * sent. Like every call that may block, a close from another thread ends it.
     *
     * @param buffer the datagram, from its position to its limit
     * @param target the resolved destination, IPv4 or IPv6 as the socket's family
     * @return the number of bytes sent, the whole datagram
     * @throws IOException a {@link WinsockError} when sendto fails ({@link WinsockException.MessageSize}
     *     for a datagram longer than the protocol allows), or a {@link SocketClosedException}
     *     when the socket is closed
     * @throws NullPointerException if {@code buffer} or {@code target} is null
     * @throws IllegalArgumentException if {@code target} is unresolved
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-sendto">sendto function (winsock.h)</a>
     */
    public int sendTo(ByteBuffer buffer, InetSocketAddress target) throws IOException {
        Objects.requireNonNull(buffer, "buffer");
        byte[] to = SdkStructs.sockaddr(Objects.requireNonNull(target, "target"));
        int position = buffer.position();
        int n = io.sendTo(buffer, position, buffer.remaining(), to);
        buffer.position(position + n);
        return n;
    }

    /**
     * sendto of an array slice as one datagram to {@code target}.
     *
     * @param buffer the data
     * @param offset where in {@code buffer} the datagram starts
     * @param length the datagram's length
     * @param target the resolved destination, IPv4 or IPv6 as the socket's family
     * @return the number of bytes sent, the whole datagram
     * @throws IOException a {@link WinsockError} when sendto fails, or a
     *     {@link SocketClosedException} when the socket is closed
     * @throws NullPointerException if {@code buffer} or {@code target} is null
     * @throws IllegalArgumentException if the slice does not fit the buffer or {@code target} is
     *     unresolved
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-sendto">sendto function (winsock.h)</a>
     */
    public int sendTo(byte[] buffer, int offset, int length, InetSocketAddress target) throws IOException {
        checkSlice(buffer, offset, length);
        return sendTo(ByteBuffer.wrap(buffer, offset, length), target);
    }

    /**
     * recvfrom: receives one datagram into the buffer's remaining space and advances its
     * position; returns its length and source. A datagram longer than the space fails with
     * {@link WinsockException.MessageSize} (WSAEMSGSIZE) as Windows reports it: the space holds
     * the datagram's first bytes (the position is not moved) and the rest is discarded.
     *
     * <p>On a connected stream (TCP) socket it returns the stream's next bytes as
     * {@link #recv(ByteBuffer)} does (length 0 at the end of the stream), and the source is
     * {@code null}: the recvfrom page says from and fromlen are ignored for connection-oriented
     * sockets, so ws2_32 reports none ({@link #remoteAddress()} names the peer).
     *
     * @param buffer receives the datagram, from its position to its limit
     * @return the datagram's length and its source address (IPv4 or IPv6; {@code null} when the
     *     platform reported none, as on a stream socket)
     * @throws IOException a {@link WinsockError} when recvfrom fails ({@link WinsockException.MessageSize}
     *     for a datagram longer than the space, {@link java.net.SocketTimeoutException} when
     *     SO_RCVTIMEO expires), or a {@link SocketClosedException} when the socket is closed
     * @throws NullPointerException if {@code buffer} is null
     * @throws IllegalArgumentException if {@code buffer} is read-only
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-recvfrom">recvfrom function (winsock.h)</a>
     */
    public ReceivedFrom recvFrom(ByteBuffer buffer) throws IOException {
        return receiveFrom(buffer, 0);
    }

    /**
     * recvfrom of one datagram into an array slice, as {@link #recvFrom(ByteBuffer)}.
     *
     * @param buffer receives the datagram
     * @param offset where in {@code buffer} the datagram goes
     * @param length the most bytes to receive
     * @return the datagram's length and its source address ({@code null} when the platform
     *     reported none, as on a stream socket)
     * @throws IOException as {@link #recvFrom(ByteBuffer)}
     * @throws NullPointerException if {@code buffer} is null
     * @throws IllegalArgumentException if the slice does not fit the buffer
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-recvfrom">recvfrom function (winsock.h)</a>
     */
    public ReceivedFrom recvFrom(byte[] buffer, int offset, int length) throws IOException {
        checkSlice(buffer, offset, length);
        return receiveFrom(ByteBuffer.wrap(buffer, offset, length), 0);
    }

    /**
     * recvfrom with MSG_PEEK: copies the next datagram into the buffer's remaining space and
     * advances its position, but leaves the datagram queued, so the next {@code recvFrom} or
     * {@code peekFrom} gets it again. A datagram longer than the space fails with
     * {@link WinsockException.MessageSize} and stays queued.
     *
     * @param buffer receives a copy of the datagram, from its position to its limit
     * @return the copied length and the datagram's source address ({@code null} when the
     *     platform reported none, as on a stream socket, where this peeks as recv with MSG_PEEK)
     * @throws IOException as {@link #recvFrom(ByteBuffer)}
     * @throws NullPointerException if {@code buffer} is null
     * @throws IllegalArgumentException if {@code buffer} is read-only
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-recvfrom">recvfrom function (winsock.h)</a>
     */
    public ReceivedFrom peekFrom(ByteBuffer buffer) throws IOException {
        return receiveFrom(buffer, Sdk.MSG_PEEK);
    }

    private ReceivedFrom receiveFrom(ByteBuffer buffer, int flags) throws IOException {
        Objects.requireNonNull(buffer, "buffer");
        if (buffer.isReadOnly()) {
            throw new IllegalArgumentException("buffer is read-only");
        }
        int position = buffer.position();
        ReceivedFrom received = io.recvFrom(buffer, position, buffer.remaining(), flags);
        buffer.position(position + received.length());
        return received;
    }

    // ---------------------------------------------------------------- readiness

    /** The longest single WSAPoll a poll makes ({@link Await#SLICE_MILLIS}). */
    static final int POLL_SLICE_MILLIS = Await.SLICE_MILLIS;

    /**
     * WSAPoll on this socket: waits until it is ready as {@code interest} asks, or until
     * {@code timeout} has passed.
     *
     * <p>The result names what WSAPoll reported: {@link Readiness#READABLE} and
     * {@link Readiness#WRITABLE} when asked for, and {@link Readiness#HANG_UP},
     * {@link Readiness#ERROR} and {@link Readiness#INVALID} whether asked or not. After the peer's
     * FIN, Windows reports HANG_UP (with WRITABLE when asked); after the peer's reset, ERROR and
     * HANG_UP; see the README's readiness section for what each lab platform reports.
     *
     * <p>The wait runs as WSAPoll calls of at most {@value #POLL_SLICE_MILLIS} ms, each counted in
     * and out of the socket's state word like any call: a {@link #close()} from another thread
     * ends the poll with {@link SocketClosedException} within one slice. An interrupt of the
     * polling thread ends the wait as it ends {@link java.nio.channels.Selector#select(long)}: the
     * poll returns what is ready (possibly nothing), the interrupt status stays set and the
     * socket stays open. The socket's blocking mode does not matter.
     *
     * @param interest {@link Readiness#READABLE} and/or {@link Readiness#WRITABLE}
     * @param timeout how long to wait: zero polls once without waiting
     * @return what is ready; empty when the timeout passed (or the thread was interrupted)
     *     with nothing ready
     * @throws IOException a {@link WinsockException} when WSAPoll fails, or a
     *     {@link SocketClosedException} when the socket is closed (also by another thread while
     *     the poll waits)
     * @throws NullPointerException if {@code interest}, an element of it, or {@code timeout} is null
     * @throws IllegalArgumentException if {@code interest} is empty or names other values than
     *     READABLE and WRITABLE, or if {@code timeout} is negative
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsapoll">WSAPoll function (winsock2.h)</a>
     */
    public Set<Readiness> poll(Set<Readiness> interest, Duration timeout) throws IOException {
        short events = Readiness.events(interest);
        long nanos = Await.pollTimeoutNanos(timeout);
        try {
            return Await.poll(winsock, handle, events, nanos);
        } finally {
            Reference.reachabilityFence(this);
        }
    }


    /** The handle, for {@link PollSet}'s waits ({@link Await}). */
    SocketHandle handle() {
        return handle;
    }

    // ---------------------------------------------------------------- modes and options

    /**
     * ioctlsocket FIONBIO: blocking (true, the default) or non-blocking.
     *
     * @param blocking true for blocking calls, false for calls that fail with WSAEWOULDBLOCK
     *     instead of waiting
     * @throws IOException a {@link WinsockException} when ioctlsocket fails, or a
     *     {@link SocketClosedException} when the socket is closed
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-ioctlsocket">ioctlsocket function (winsock2.h)</a>
     */
    public void setBlocking(boolean blocking) throws IOException {
        io.setBlocking(blocking);
    }

    /**
     * What an interrupt does to a thread blocked in a call on this socket while it is blocking:
     * {@link InterruptRule#CHANNEL} (the default: any thread's interrupt closes the socket) or
     * {@link InterruptRule#SOCKET} (only a virtual thread's does, as for {@link java.net.Socket};
     * a platform thread's call goes on). Calls already in progress keep the rule they began with.
     * Nothing is called in ws2_32.
     *
     * @param rule the rule for calls that begin from now on
     */
    public void setInterruptRule(InterruptRule rule) {
        io.setInterruptRule(Objects.requireNonNull(rule, "rule"));
    }

    /**
     * As last set by {@link #setInterruptRule}; {@link InterruptRule#CHANNEL} for a new, accepted,
     * adopted or borrowed socket.
     *
     * @return the rule for calls that begin now
     */
    public InterruptRule interruptRule() {
        return io.interruptRule();
    }

    /**
     * As last set through this object, or inherited from the listener for an accepted socket
     * (Winsock has no call that reads FIONBIO back; an adopted or borrowed socket is assumed
     * blocking until {@link #setBlocking} says otherwise).
     *
     * @return true if calls wait, false if they fail with WSAEWOULDBLOCK instead
     */
    public boolean isBlocking() {
        return mode.isBlocking();
    }

    /**
     * setsockopt SO_LINGER with this LINGER; see {@link Linger} for what close then does.
     *
     * @param linger the LINGER to set
     * @throws IOException a {@link WinsockException} when setsockopt fails, or a
     *     {@link SocketClosedException} when the socket is closed
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-setsockopt">setsockopt function (winsock2.h)</a>
     */
    public void setLinger(Linger linger) throws IOException {
        Objects.requireNonNull(linger, "linger");
        byte[] optval = SdkStructs.linger(linger.enabled() ? 1 : 0, linger.seconds());
        control.set("setsockopt", Sdk.SOL_SOCKET, Sdk.SO_LINGER, optval);
    }

    /**
     * getsockopt SO_LINGER: the current LINGER, including a timeout kept while off.
     *
     * @return the socket's LINGER
     * @throws IOException a {@link WinsockException} when getsockopt fails, or a
     *     {@link SocketClosedException} when the socket is closed
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-getsockopt">getsockopt function (winsock2.h)</a>
     */
    public Linger linger() throws IOException {
        byte[] optval = control.get(Sdk.SOL_SOCKET, Sdk.SO_LINGER, Sdk.SIZEOF_LINGER);
        return new Linger(SdkStructs.lingerOnoff(optval) != 0, SdkStructs.lingerSeconds(optval));
    }

    /**
     * setsockopt SO_DONTLINGER. TRUE sets l_onoff to 0 and keeps the timeout; FALSE sets l_onoff
     * to 1, and the previously set timeout should be reinstated (closesocket remarks).
     *
     * @param dontLinger true to turn lingering off, false to turn it back on
     * @throws IOException a {@link WinsockException} when setsockopt fails, or a
     *     {@link SocketClosedException} when the socket is closed
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-setsockopt">setsockopt function (winsock2.h)</a>
     */
    public void setDontLinger(boolean dontLinger) throws IOException {
        control.set("setsockopt", Sdk.SOL_SOCKET, Sdk.SO_DONTLINGER, SdkStructs.optionInt(dontLinger ? 1 : 0));
    }

    /**
     * getsockopt SO_DONTLINGER: true when l_onoff is 0.
     *
     * @return true if lingering is off
     * @throws IOException a {@link WinsockException} when getsockopt fails, or a
     *     {@link SocketClosedException} when the socket is closed
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-getsockopt">getsockopt function (winsock2.h)</a>
     */
    public boolean dontLinger() throws IOException {
        return SdkStructs.optionInt(control.get(Sdk.SOL_SOCKET, Sdk.SO_DONTLINGER, 4)) != 0;
    }

    /**
     * setsockopt of a 4-byte option. The value must be in the option's documented range (each
     * {@link IntOption} states it: 0 or 1 for a BOOL, no negative count, size or time, at most
     * 255 TCP_KEEPCNT probes, -1 or more for TCP_MAXRT); a value outside it, or any value for the
     * read-only SO_ERROR and SO_TYPE, fails before any native call, as the JDK refuses a negative
     * timeout or buffer size.
     *
     * @param option the option
     * @param value its value: 0 or 1 for a BOOL, a number for a DWORD or int
     * @throws IOException a {@link WinsockException} when setsockopt fails, or a
     *     {@link SocketClosedException} when the socket is closed
     * @throws IllegalArgumentException if {@code value} is outside the option's range or the
     *     option is read-only (the message names both)
     * @throws NullPointerException if {@code option} is null
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-setsockopt">setsockopt function (winsock2.h)</a>
     */
    public void setOption(IntOption option, int value) throws IOException {
        Objects.requireNonNull(option, "option");
        option.checkValue(value);
        control.set("setsockopt", option.level, option.optname, SdkStructs.optionInt(value));
    }

    /**
     * getsockopt of a 4-byte option.
     *
     * @param option the option
     * @return its value: 0 or 1 for a BOOL, a number for a DWORD or int
     * @throws IOException a {@link WinsockException} when getsockopt fails, or a
     *     {@link SocketClosedException} when the socket is closed
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-getsockopt">getsockopt function (winsock2.h)</a>
     */
    public int option(IntOption option) throws IOException {
        Objects.requireNonNull(option, "option");
        return SdkStructs.optionInt(control.get(option.level, option.optname, 4));
    }

    /**
     * WSAIoctl(SIO_KEEPALIVE_VALS): turns TCP keep-alive on with this socket's own timing: the
     * first probe after {@code idle} without traffic, then one every {@code interval} until the
     * peer answers or the connection is dropped. Both are sent in milliseconds (struct
     * tcp_keepalive's ULONGs), so each must be at least 1 ms and at most 4294967295 ms; a
     * sub-millisecond part is dropped. Bad values fail before any native call.
     *
     * @param idle idle time before the first keep-alive probe
     * @param interval time between probes
     * @throws IOException a {@link WinsockException} when WSAIoctl fails (the platform's error
     *     when it rejects the command), or a {@link SocketClosedException} when the socket is closed
     * @throws NullPointerException if {@code idle} or {@code interval} is null
     * @throws IllegalArgumentException if either is under 1 ms or over 4294967295 ms
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/winsock/sio-keepalive-vals">SIO_KEEPALIVE_VALS control code</a>
     */
    public void setKeepAlive(Duration idle, Duration interval) throws IOException {
        control.keepAlive(Objects.requireNonNull(idle, "idle"), Objects.requireNonNull(interval, "interval"));
    }

    // ---------------------------------------------------------------- shutdown and close

    /**
     * shutdown: SEND half-closes (FIN after the queued data), RECEIVE stops receiving.
     *
     * @param how which direction(s) to shut down
     * @throws IOException a {@link WinsockException} when shutdown fails, or a
     *     {@link SocketClosedException} when the socket is closed
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-shutdown">shutdown function (winsock2.h)</a>
     */
    public void shutdown(ShutdownHow how) throws IOException {
        control.shutdown(Objects.requireNonNull(how, "how"));
    }

    /**
     * Whether shutdown(SEND or BOTH) succeeded on this socket.
     *
     * @return true after a successful shutdown of the sending side
     */
    public boolean isOutputShutdown() {
        return handle.word.has(LifetimeWord.OUTPUT_SHUT);
    }

    /**
     * Whether shutdown(RECEIVE or BOTH) succeeded on this socket.
     *
     * @return true after a successful shutdown of the receiving side
     */
    public boolean isInputShutdown() {
        return handle.word.has(LifetimeWord.INPUT_SHUT);
    }

    /**
     * True until a close succeeded (or the descriptor was found gone).
     *
     * @return whether the socket is still open
     */
    public boolean isOpen() {
        return !handle.isClosed();
    }

    /**
     * closesocket, honouring the current {@link Linger}. Does nothing when already closed. Calls
     * blocked in other threads are cancelled first (see the class comment for what they report).
     * On a borrowed socket ({@link Winsock#borrow}) this only ends the view: no closesocket.
     *
     * <p><b>When this close had to cancel a call</b> (another thread blocked in recv or send, or
     * an interrupt), Windows resets the connection whatever the linger: the peer's next recv
     * fails with WSAECONNRESET, data it had not read may be discarded, and this side leaves no
     * TIME_WAIT. libuv and .NET work around the same rule. To end such a connection gracefully
     * (FIN, the peer reads everything, then end of stream), call {@link #shutdown
     * shutdown(ShutdownHow.SEND)} first and then close: after a shutdown the cancelled receive no
     * longer turns the close into a reset. Wine 8 and Wine 10 close gracefully in both cases; the
     * close matrix shows it (docs/ARCHITECTURE.md#close-matrix, scenarios
     * {@code special/close-during-blocked-recv} and {@code ...-after-shutdown-send}).
     *
     * @throws WinsockException.WouldBlock when the socket is non-blocking and lingers with a
     *     timeout: the socket is still open and usable; set {@link Linger#off()} or
     *     {@link Linger#abortive()}, call {@code shutdown(SEND)} first, or make it blocking, and
     *     close again (WSPCloseSocket remarks)
     * @throws WinsockException any other failure; the socket stays open, except for WSAENOTSOCK
     *     and WSANOTINITIALISED, after which no descriptor is left to release. Also
     *     {@link WinsockException.NotSocket} without any closesocket, at every close, when the
     *     number was closed behind this WinSocket's back and its {@link Winsock}'s socket() or
     *     accept() has given it to a new socket (see {@link Winsock#adopt})
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-closesocket">closesocket function (winsock2.h)</a>
     */
    @Override
    public void close() throws WinsockException {
        try {
            closer.close();
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Hard close: SO_LINGER on with a zero timeout, then closesocket; the peer sees a reset and
     * unsent data is discarded (libuv's uv_tcp_close_reset does the same). Does nothing when
     * already closed. If setting the linger fails, the socket is closed all the same and the
     * setsockopt failure is thrown. Takes effect at once also while another thread waits in
     * {@link #close(Duration)}, which then returns false.
     *
     * @throws IllegalStateException on a borrowed socket ({@link Winsock#borrow}), before anything
     *     is done: ending the connection is its owner's job
     * @throws WinsockException when setting the linger or closesocket fails
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-closesocket">closesocket function (winsock2.h)</a>
     */
    public void closeAbortively() throws WinsockException {
        closer.closeAbortively(this);
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
     * A timeout too long to count in nanoseconds (more than about 292 years, such as
     * {@code Duration.ofSeconds(Long.MAX_VALUE)}) waits without limit (SO_RCVTIMEO 0).
     * The wait does not hold the socket's close lock: {@link #close()} or
     * {@link #closeAbortively()} from another thread, or an interrupt of this thread, cuts it
     * short, closes the socket their way, and this method returns false. Does nothing and returns
     * true when already closed.
     *
     * @param timeout how long to wait for the peer's end of stream; zero closes abortively
     * @return true when this call closed the socket gracefully; false when it reset the
     *     connection, or another close (or an interrupt) cut the wait short
     * @throws IllegalArgumentException for a negative timeout, before anything is done
     * @throws IllegalStateException on a borrowed socket ({@link Winsock#borrow}), before anything
     *     is done: ending the connection is its owner's job
     * @throws WinsockException when closesocket fails, or setting the abortive linger does (as
     *     {@link #closeAbortively()}); failures of shutdown and of the drain end in a reset instead
     * @throws NullPointerException if {@code timeout} is null
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-closesocket">closesocket function (winsock2.h)</a>
     */
    public boolean close(Duration timeout) throws WinsockException {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
        }
        return closer.close(this, timeout);
    }

    // ---------------------------------------------------------------- interop

    /**
     * The raw SOCKET, for interop. Valid only while this WinSocket is open: the system may reuse
     * the number at once after close (closesocket remarks).
     *
     * @return the SOCKET handle
     * @throws SocketClosedException when closed
     */
    public long rawHandle() throws SocketClosedException {
        if (handle.isClosing()) {
            throw new SocketClosedException("rawHandle", handle.whyClosed());
        }
        return handle.raw;
    }

    /**
     * The {@link Winsock} this socket was opened on.
     *
     * @return the Winsock that opened, accepted, adopted or borrowed this socket
     */
    public Winsock winsock() {
        return winsock;
    }

    @Override
    public String toString() {
        return describe(handle);
    }

    /** How {@link #toString()} names the WinSocket holding {@code handle}. */
    static String describe(SocketHandle handle) {
        return "WinSocket[0x" + Long.toHexString(handle.raw) + (handle.owns() ? "" : ", borrowed")
                + (handle.isClosed() ? ", closed" : "") + "]";
    }
}
