package org.winsock4j.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketImpl;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.winsock4j.AddressFamily;
import org.winsock4j.IntOption;
import org.winsock4j.InterruptRule;
import org.winsock4j.Linger;
import org.winsock4j.Protocol;
import org.winsock4j.Readiness;
import org.winsock4j.SendFlag;
import org.winsock4j.ShutdownHow;
import org.winsock4j.SocketClosedException;
import org.winsock4j.SocketType;
import org.winsock4j.WinSocket;
import org.winsock4j.Winsock;
import org.winsock4j.WinsockError;
import org.winsock4j.WinsockException;
import org.winsock4j.WsaError;

/**
 * The {@link SocketImpl} behind {@link WinsockSocket} and {@link WinsockServerSocket}: a
 * {@link WinSocket} under {@link InterruptRule#SOCKET}, blocking as OpenJDK's
 * {@code sun.nio.ch.NioSocketImpl} keeps its socket until a call needs it non-blocking, then
 * non-blocking for good ({@code configureNonBlockingIfNeeded}):
 * <ul>
 *   <li>a platform thread's read, write, accept or untimed connect, while the socket is still
 *       blocking, is one blocking call in ws2_32; its interrupt ends nothing (the JDK's
 *       {@code Socket} is not interruptible there), a close from another thread ends it;
 *   <li>a read or accept with SO_TIMEOUT, a connect with a timeout, or any call on a virtual thread
 *       makes the socket non-blocking; from then on every wait is done by {@link WinSocket#poll}
 *       before the call, as NioSocketImpl waits in {@code Net.poll}. A timeout is a wait that ends,
 *       never SO_RCVTIMEO (after an SO_RCVTIMEO expiry Windows leaves the socket "in an
 *       indeterminate state", setsockopt remarks), so the socket stays usable after a
 *       {@link java.net.SocketTimeoutException}; a platform thread's interrupt ends no wait (a
 *       poll it ended early is made again), a virtual thread's closes the socket ("Closed by
 *       interrupt"), as the JDK's {@code Socket} on Java 21+; a close from another thread ends a
 *       wait within one poll slice (README, "Readiness").
 * </ul>
 * A close while a platform thread is blocked in a read or a write shuts the output down first
 * (unless SO_LINGER is on with a timeout of 0): Windows resets a connection whose pending I/O
 * closesocket has to cancel unless shutdown(SD_SEND) came first (WinSocket's class comment,
 * "Closing"). The JDK's own Socket shuts the output down before every such close, and its
 * SocketChannel does so too since JDK-8358764; here it is done only when a call is cancelled,
 * so that otherwise the linger alone decides (the package documentation). The real mode is set back to
 * blocking before closesocket, so that a linger timeout is a blocking close as closesocket
 * documents (a non-blocking one would fail with WSAEWOULDBLOCK).
 * State and locking follow NioSocketImpl's: one lock for reading (and accept, connect), one for
 * writing, a state lock for the rest.
 */
final class WinsockSocketImpl extends SocketImpl {
    private static final Set<Readiness> READ = Collections.unmodifiableSet(EnumSet.of(Readiness.READABLE));
    private static final Set<Readiness> WRITE = Collections.unmodifiableSet(EnumSet.of(Readiness.WRITABLE));
    /** No limit: WinSocket.poll waits without one for a timeout too long to count in nanoseconds. */
    private static final Duration NO_LIMIT = Duration.ofSeconds(Long.MAX_VALUE);
    /**
     * The longest a connect waits for WSAPoll before it reads SO_ERROR anyway: WSAPoll does not
     * report a refused connect on some Windows versions (docs/ARCHITECTURE.md#lifetime).
     */
    private static final Duration CONNECT_RECHECK = Duration.ofSeconds(1);
    /** The backlog when none (or less than 1) is given, the JDK's. */
    private static final int DEFAULT_BACKLOG = 50;

    private static final int ST_NEW = 0;
    private static final int ST_UNCONNECTED = 1;
    private static final int ST_CONNECTING = 2;
    private static final int ST_CONNECTED = 3;
    private static final int ST_CLOSING = 4;
    private static final int ST_CLOSED = 5;

    private final Winsock winsock;
    private final boolean server;
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Object stateLock = new Object();
    private volatile int state;
    private volatile WinSocket socket;
    /** An AF_INET6 socket with IPV6_V6ONLY off, which takes IPv4 as mapped addresses (the JDK's choice). */
    private boolean dualStack;
    /** SO_TIMEOUT in milliseconds: how long a read or an accept waits; 0 for no limit. */
    private volatile int timeout;
    /**
     * One way, as NioSocketImpl's: set once a timed call or a virtual thread needed the socket
     * non-blocking. Until then a platform thread's call blocks in ws2_32.
     */
    private volatile boolean nonBlocking;
    /**
     * The platform threads (about to be) blocked in a recv or a send in ws2_32 ({@link #enterWs2}):
     * while there is one, a close shuts the output down first.
     */
    private final AtomicInteger callsInWs2 = new AtomicInteger();
    private volatile boolean inputShut;
    private volatile boolean outputShut;
    /** The JDK's legacy rule: once a read returned -1, reads return -1, even after a close. Under readLock. */
    private boolean readEOF;
    /**
     * The last recv filled a bulk-sized buffer, so more data is likely queued: recv before
     * polling. A small read that is filled says nothing (a protocol reading a header of exactly
     * that size, a response awaited next), and a recv that finds nothing costs a
     * WSAEWOULDBLOCK exception, a poll does not. Under readLock.
     */
    private boolean readFilled;
    /** A read buffer at least this large, filled, makes the next read recv first: a stream's bulk transfer. */
    private static final int BULK_READ = 8192;
    /** The last send took fewer bytes than asked: wait for writability before the next. Under writeLock. */
    private boolean sendBlocked;
    /** SO_REUSEADDR as the JDK has it on Windows: a flag only, since every bind is exclusive. */
    private volatile boolean reuseAddress;
    /** IP_TOS as the JDK has it on Windows: kept, not set (the option is obsolete there). */
    private volatile int trafficClass;
    private volatile WinsockError lastFailure;

    WinsockSocketImpl(Winsock winsock, boolean server) {
        this.winsock = Objects.requireNonNull(winsock, "winsock");
        this.server = server;
    }

    Winsock winsock() {
        return winsock;
    }

    /** The WinSocket, or null before {@link #create}. */
    WinSocket winSocket() {
        return socket;
    }

    WinsockError lastFailure() {
        return lastFailure;
    }

    // ---------------------------------------------------------------- state

    private boolean isOpen() {
        return state < ST_CLOSING;
    }

    private WinSocket ensureOpen() throws SocketException {
        int s = state;
        if (s == ST_NEW) {
            throw new SocketException("Socket not created");
        }
        if (s >= ST_CLOSING) {
            throw new SocketException("Socket closed");
        }
        return socket;
    }

    private WinSocket ensureOpenAndConnected() throws SocketException {
        int s = state;
        if (s < ST_CONNECTED) {
            throw new SocketException("Not connected");
        }
        if (s > ST_CONNECTED) {
            throw new SocketException("Socket closed");
        }
        return socket;
    }

    /**
     * What a failed call throws: a WinsockError is kept as the last failure and thrown as it is
     * (the JDK's type: a SocketException, ConnectException, SocketTimeoutException, ...); a call
     * that a close of this socket ended reports "Socket closed" as the JDK does, the WinSocket's
     * exception as the cause.
     */
    private IOException failure(IOException e) {
        WinsockError w = e instanceof WinsockError we ? we
                : e.getCause() instanceof WinsockError cause ? cause : null;
        if (w != null) {
            lastFailure = w;
        }
        if (e instanceof SocketClosedException && !isOpen()) {
            return (SocketException) new SocketException("Socket closed").initCause(e);
        }
        return e;
    }

    private static SocketException asSocketException(IOException e) {
        return e instanceof SocketException se ? se : (SocketException) new SocketException(e.getMessage()).initCause(e);
    }

    /**
     * After a wait that ended without readiness: a virtual thread that was interrupted closes the
     * socket and fails as the JDK's Socket does on Java 21+; a platform thread just waits again
     * (the JDK's Socket is not interruptible there).
     */
    private void checkInterruptedWait() throws SocketException {
        if (Threads.currentIsVirtual() && Thread.currentThread().isInterrupted()) {
            throw Closing.after(this::close, new SocketException("Closed by interrupt"));
        }
    }

    /**
     * Whether this call blocks in ws2_32: a platform thread's untimed call on a socket that is
     * still blocking. Otherwise the socket is made non-blocking (for good) if it is not yet, and
     * the call waits with {@link WinSocket#poll}: NioSocketImpl's configureNonBlockingIfNeeded.
     */
    private boolean blocksInWs2(WinSocket s, boolean timed) throws IOException {
        // The logical mode too: made non-blocking through winSocket(), or by another thread
        // that has not yet set nonBlocking.
        if (nonBlocking || !s.isBlocking()) {
            return false;
        }
        if (!timed && !Threads.currentIsVirtual()) {
            return true;
        }
        // Under the state lock, open: a close that began first must not find a blocking socket
        // made non-blocking after it looked (its lingering closesocket would fail WSAEWOULDBLOCK).
        synchronized (stateLock) {
            if (!isOpen()) {
                throw new SocketException("Socket closed");
            }
            s.setBlocking(false);
            nonBlocking = true;
        }
        return false;
    }

    /**
     * Counts a blocking recv or send in, just before it: after that, a close either sees it (and
     * shuts the output down first) or is seen here ("Socket closed"). The caller counts it out.
     */
    private void enterWs2() throws SocketException {
        callsInWs2.incrementAndGet();
        if (!isOpen()) {
            callsInWs2.decrementAndGet();
            throw new SocketException("Socket closed");
        }
    }

    // ---------------------------------------------------------------- create, bind, connect

    @Override
    protected void create(boolean stream) throws IOException {
        if (!stream) {
            throw new IOException("Datagram socket creation not supported");
        }
        synchronized (stateLock) {
            if (state != ST_NEW) {
                throw new IOException("Already created");
            }
            WinSocket s = openDualStackOrInet();
            s.setInterruptRule(InterruptRule.SOCKET);
            socket = s;
            state = ST_UNCONNECTED;
        }
    }

    /**
     * Like the JDK where IPv6 is available: one AF_INET6 socket that also reaches IPv4 addresses
     * (IPV6_V6ONLY off; Windows has it on by default); AF_INET where the stack has no IPv6.
     */
    private WinSocket openDualStackOrInet() throws IOException {
        WinSocket s;
        try {
            s = winsock.open(AddressFamily.INET6, SocketType.STREAM, Protocol.TCP);
        } catch (WinsockException e) {
            if (e.code() != WsaError.WSAEAFNOSUPPORT.code()) {
                throw failure(e);
            }
            dualStack = false;
            try {
                return winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
            } catch (WinsockException inet) {
                throw failure(inet);
            }
        }
        try {
            s.setOption(IntOption.IPV6_V6ONLY, 0);
        } catch (IOException e) {
            Closing.after(s, e);
            throw failure(e);
        }
        dualStack = true;
        return s;
    }

    /** The address as this socket's family takes it: IPv4 as IPv4-mapped IPv6 on a dual-stack socket. */
    private InetSocketAddress socketAddress(InetAddress address, int port) throws UnknownHostException {
        if (!dualStack || !(address instanceof Inet4Address)) {
            return new InetSocketAddress(address, port);
        }
        byte[] mapped = new byte[16];
        if (!address.isAnyLocalAddress()) { // 0.0.0.0 is "::" here, the JDK's choice: both families
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(address.getAddress(), 0, mapped, 12, 4);
        }
        return new InetSocketAddress(Inet6Address.getByAddress(null, mapped, 0), port);
    }

    @Override
    protected void bind(InetAddress host, int port) throws IOException {
        synchronized (stateLock) {
            WinSocket s = ensureOpen();
            if (localport != 0) {
                throw new SocketException("Already bound");
            }
            try {
                // The JDK on Windows binds every socket exclusively (sun.net.useExclusiveBind):
                // no other socket may bind the address, SO_REUSEADDR or not.
                s.setOption(IntOption.SO_EXCLUSIVEADDRUSE, 1);
                s.bind(socketAddress(host, port));
                address = host;
                localport = s.localAddress().getPort();
            } catch (IOException e) {
                throw failure(e);
            }
        }
    }

    @Override
    protected void listen(int backlog) throws IOException {
        synchronized (stateLock) {
            WinSocket s = ensureOpen();
            if (localport == 0) {
                throw new SocketException("Not bound");
            }
            try {
                s.listen(backlog < 1 ? DEFAULT_BACKLOG : backlog);
            } catch (IOException e) {
                throw failure(e);
            }
        }
    }

    @Override
    protected void connect(String host, int port) throws IOException {
        connect(new InetSocketAddress(host, port), 0);
    }

    @Override
    protected void connect(InetAddress address, int port) throws IOException {
        connect(new InetSocketAddress(address, port), 0);
    }

    @Override
    protected void connect(SocketAddress remote, int millis) throws IOException {
        if (!(remote instanceof InetSocketAddress isa)) {
            throw new IOException("Unsupported address type");
        }
        if (isa.isUnresolved()) {
            throw new UnknownHostException(isa.getHostName());
        }
        InetAddress target = isa.getAddress();
        if (target.isAnyLocalAddress()) {
            target = InetAddress.getLocalHost(); // the JDK's rule for a wildcard target
        }
        int targetPort = isa.getPort();
        try {
            readLock.lock();
            try {
                boolean connected = false;
                WinSocket s = beginConnect(target, targetPort);
                try {
                    connected = connectAndWait(s, socketAddress(target, targetPort), millis);
                } finally {
                    endConnect(s, connected);
                }
            } finally {
                readLock.unlock();
            }
        } catch (IOException e) {
            // As NioSocketImpl: a socket whose connect failed is closed.
            throw Closing.after(this::close, failure(e));
        }
    }

    private WinSocket beginConnect(InetAddress target, int targetPort) throws SocketException {
        synchronized (stateLock) {
            int s = state;
            if (s != ST_UNCONNECTED) {
                throw new SocketException(switch (s) {
                    case ST_NEW -> "Not created";
                    case ST_CONNECTING -> "Connection in progress";
                    case ST_CONNECTED -> "Already connected";
                    default -> "Socket closed";
                });
            }
            state = ST_CONNECTING;
            address = target;
            port = targetPort;
            return socket;
        }
    }

    private void endConnect(WinSocket s, boolean connected) throws IOException {
        synchronized (stateLock) {
            if (connected && state == ST_CONNECTING) {
                localport = s.localAddress().getPort();
                state = ST_CONNECTED;
            } else if (!connected && state >= ST_CLOSING) {
                throw new SocketException("Socket closed");
            }
        }
    }

    /**
     * A blocking connect, or (timed, or on a virtual thread) a non-blocking one that waits for
     * writability (WSAPoll) and reads SO_ERROR, as the connect page tells non-blocking callers
     * to. True once connected; false if a close ended it (endConnect reports it).
     */
    private boolean connectAndWait(WinSocket s, InetSocketAddress target, int millis) throws IOException {
        if (blocksInWs2(s, millis > 0)) {
            try {
                s.connect(target);
                return true;
            } catch (SocketClosedException closedMeanwhile) {
                if (isOpen()) {
                    throw closedMeanwhile;
                }
                return false;
            }
        }
        try {
            s.connect(target);
            return true;
        } catch (WinsockException.WouldBlock inProgress) {
            // WSAEWOULDBLOCK: the connection is being made.
        }
        long start = System.nanoTime();
        long limit = millis > 0 ? TimeUnit.MILLISECONDS.toNanos(millis) : Long.MAX_VALUE;
        for (;;) {
            if (!isOpen()) {
                return false;
            }
            long left = limit == Long.MAX_VALUE ? Long.MAX_VALUE : limit - (System.nanoTime() - start);
            if (left <= 0) {
                throw WinsockException.of("connect", WsaError.WSAETIMEDOUT.code(),
                        "(no connection within the connect timeout of " + millis + " ms)");
            }
            Set<Readiness> ready = s.poll(WRITE, left < CONNECT_RECHECK.toNanos() ? Duration.ofNanos(left) : CONNECT_RECHECK);
            int error = s.option(IntOption.SO_ERROR);
            if (error != 0) {
                throw WinsockException.of("connect", error);
            }
            if (ready.contains(Readiness.WRITABLE)) {
                return true;
            }
            if (ready.isEmpty()) {
                checkInterruptedWait();
            }
        }
    }

    // ---------------------------------------------------------------- accept

    @Override
    protected void accept(SocketImpl si) throws IOException {
        if (!(si instanceof WinsockSocketImpl into)) {
            throw new IOException("A " + getClass().getName() + " accepts only into a " + getClass().getName()
                    + ", not a " + si.getClass().getName());
        }
        if (into.state != ST_NEW) {
            throw new SocketException("Not a newly created SocketImpl");
        }
        int millis = timeout;
        long remainingNanos = lockRead(millis, "accept");
        WinSocket accepted;
        try {
            WinSocket listener;
            synchronized (stateLock) {
                listener = ensureOpen();
                if (localport == 0) {
                    throw new SocketException("Not bound");
                }
            }
            accepted = blocksInWs2(listener, millis > 0) ? blockingAccept(listener)
                    : acceptAndWait(listener, remainingNanos, millis);
        } catch (IOException e) {
            throw failure(e);
        } finally {
            readLock.unlock();
        }
        // The accepted socket has the listener's properties (accept remarks), its blocking mode
        // too; it starts blocking, as NioSocketImpl's accepted sockets do.
        accepted.setInterruptRule(InterruptRule.SOCKET);
        InetSocketAddress remote;
        try {
            if (!accepted.isBlocking()) {
                if (Threads.currentIsVirtual()) {
                    into.nonBlocking = true; // a virtual thread's server reads it non-blocking anyway
                } else {
                    accepted.setBlocking(true);
                }
            }
            remote = accepted.remoteAddress();
            into.localport = accepted.localAddress().getPort();
        } catch (IOException e) {
            Closing.after(accepted, e);
            throw failure(e);
        }
        synchronized (into.stateLock) {
            into.socket = accepted;
            into.dualStack = dualStack;
            into.address = remote.getAddress();
            into.port = remote.getPort();
            into.state = ST_CONNECTED;
        }
    }

    private WinSocket blockingAccept(WinSocket listener) throws IOException {
        try {
            return listener.accept();
        } catch (WinsockException.WouldBlock madeNonBlockingThroughWinSocket) {
            // Every switch of this class holds readLock, as this accept does: only a caller of
            // winSocket().setBlocking(false) gets here.
            return acceptAndWait(listener, 0, 0);
        }
    }

    private WinSocket acceptAndWait(WinSocket listener, long nanos, int millis) throws IOException {
        long start = System.nanoTime();
        for (;;) {
            Set<Readiness> ready = listener.poll(READ, waitLeft(nanos, start, "accept", millis));
            if (ready.isEmpty()) {
                checkInterruptedWait();
                continue;
            }
            try {
                return listener.accept();
            } catch (WinsockException.WouldBlock takenByAnotherThread) {
                // Another accept took the connection WSAPoll reported: wait again.
            }
        }
    }

    /**
     * Takes the read lock as NioSocketImpl does: within the timeout when there is one; returns
     * the nanoseconds left of it (0 when there is no timeout).
     */
    private long lockRead(int millis, String operation) throws IOException {
        if (millis <= 0) {
            readLock.lock();
            return 0;
        }
        long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
        long start = System.nanoTime();
        boolean interrupted = false;
        try {
            for (;;) {
                long left = nanos - (System.nanoTime() - start);
                if (left <= 0) {
                    throw timedOut(operation, millis);
                }
                try {
                    if (readLock.tryLock(left, TimeUnit.NANOSECONDS)) {
                        long rest = nanos - (System.nanoTime() - start);
                        if (rest <= 0) {
                            readLock.unlock();
                            throw timedOut(operation, millis);
                        }
                        return rest;
                    }
                } catch (InterruptedException e) {
                    interrupted = true; // not interruptible, as the JDK's: keep the status
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * How long a wait for readiness may last: without limit when there is no SO_TIMEOUT
     * ({@code nanos} 0), else what is left of {@code nanos} since {@code start}.
     *
     * @throws IOException {@link #timedOut} when nothing is left
     */
    private Duration waitLeft(long nanos, long start, String operation, int millis) throws IOException {
        if (nanos <= 0) {
            return NO_LIMIT;
        }
        long left = nanos - (System.nanoTime() - start);
        if (left <= 0) {
            throw timedOut(operation, millis);
        }
        return Duration.ofNanos(left);
    }

    /** SO_TIMEOUT expired: the JDK's SocketTimeoutException, as a WinsockError with WSAETIMEDOUT. */
    private IOException timedOut(String operation, int millis) {
        IOException e = WinsockException.of(operation, WsaError.WSAETIMEDOUT.code(),
                "(nothing within the socket's SO_TIMEOUT of " + millis + " ms; the socket stays usable)");
        lastFailure = (WinsockError) e;
        return e;
    }

    // ---------------------------------------------------------------- data

    private int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        int millis = timeout;
        long remainingNanos = lockRead(millis, "recv");
        try {
            if (readEOF) {
                return -1; // the JDK's legacy rule, even after a close
            }
            int n = implRead(b, off, len, remainingNanos, millis);
            if (n == -1) {
                readEOF = true;
            }
            return n;
        } finally {
            readLock.unlock();
        }
    }

    private int implRead(byte[] b, int off, int len, long nanos, int millis) throws IOException {
        WinSocket s = ensureOpenAndConnected();
        if (inputShut) {
            return -1;
        }
        long start = nanos > 0 ? System.nanoTime() : 0;
        boolean receive = readFilled;
        try {
            if (blocksInWs2(s, millis > 0)) {
                enterWs2();
                try {
                    return s.recv(b, off, len);
                } catch (WinsockException.WouldBlock madeNonBlockingMeanwhile) {
                    receive = false; // wait for readiness below
                } finally {
                    callsInWs2.decrementAndGet();
                }
            }
            for (;;) {
                if (receive) {
                    try {
                        int n = s.recv(b, off, len);
                        readFilled = n == len && len >= BULK_READ;
                        return n;
                    } catch (WinsockException.WouldBlock nothingYet) {
                        readFilled = false;
                    }
                }
                Set<Readiness> ready = s.poll(READ, waitLeft(nanos, start, "recv", millis));
                if (inputShut) {
                    return -1;
                }
                receive = !ready.isEmpty();
                if (!receive) {
                    checkInterruptedWait();
                }
            }
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return;
        }
        writeLock.lock();
        try {
            WinSocket s = ensureOpenAndConnected();
            boolean pollFirst = false;
            int pos = off;
            int end = off + len;
            while (pos < end) {
                if (!pollFirst && blocksInWs2(s, false)) {
                    enterWs2();
                    try {
                        pos += s.send(b, pos, end - pos);
                    } catch (WinsockException.WouldBlock madeNonBlockingMeanwhile) {
                        sendBlocked = true;
                        pollFirst = true; // wait for writability below, from now on
                    } finally {
                        callsInWs2.decrementAndGet();
                    }
                    continue;
                }
                if (!sendBlocked) {
                    try {
                        pos += s.send(b, pos, end - pos);
                        sendBlocked = pos < end;
                        continue;
                    } catch (WinsockException.WouldBlock full) {
                        sendBlocked = true;
                    }
                }
                if (s.poll(WRITE, NO_LIMIT).isEmpty()) {
                    checkInterruptedWait();
                } else {
                    sendBlocked = false;
                }
            }
        } catch (IOException e) {
            throw failure(e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    protected void sendUrgentData(int data) throws IOException {
        writeLock.lock();
        try {
            WinSocket s = ensureOpenAndConnected();
            boolean blocking = blocksInWs2(s, false); // a virtual thread makes the socket non-blocking first
            byte[] urgent = {(byte) data};
            for (;;) {
                boolean counted = blocking;
                if (counted) {
                    enterWs2();
                }
                try {
                    s.send(urgent, 0, 1, EnumSet.of(SendFlag.OOB));
                    return;
                } catch (WinsockException.WouldBlock full) {
                    blocking = false;
                    if (s.poll(WRITE, NO_LIMIT).isEmpty()) {
                        checkInterruptedWait();
                    }
                } finally {
                    if (counted) {
                        callsInWs2.decrementAndGet();
                    }
                }
            }
        } catch (IOException e) {
            throw failure(e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    protected boolean supportsUrgentData() {
        return true;
    }

    @Override
    protected InputStream getInputStream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] a = new byte[1];
                int n = read(a, 0, 1);
                return n > 0 ? a[0] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return WinsockSocketImpl.this.read(b, off, len);
            }

            @Override
            public int available() throws IOException {
                return WinsockSocketImpl.this.available();
            }

            @Override
            public void close() throws IOException {
                WinsockSocketImpl.this.close();
            }
        };
    }

    @Override
    protected OutputStream getOutputStream() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                WinsockSocketImpl.this.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                WinsockSocketImpl.this.close();
            }
        };
    }

    @Override
    protected int available() throws IOException {
        synchronized (stateLock) {
            WinSocket s = ensureOpenAndConnected();
            if (inputShut) {
                return 0;
            }
            try {
                return s.available();
            } catch (IOException e) {
                throw failure(e);
            }
        }
    }

    // ---------------------------------------------------------------- shutdown, close

    @Override
    protected void shutdownInput() throws IOException {
        shutdown(ShutdownHow.RECEIVE);
    }

    @Override
    protected void shutdownOutput() throws IOException {
        shutdown(ShutdownHow.SEND);
    }

    /** shutdown of one direction ({@code RECEIVE} or {@code SEND}), once: a second call does nothing. */
    private void shutdown(ShutdownHow how) throws IOException {
        synchronized (stateLock) {
            WinSocket s = ensureOpenAndConnected();
            boolean input = how == ShutdownHow.RECEIVE;
            if (input ? inputShut : outputShut) {
                return;
            }
            try {
                s.shutdown(how);
            } catch (IOException e) {
                throw failure(e);
            }
            if (input) {
                inputShut = true;
            } else {
                outputShut = true;
            }
        }
    }

    /**
     * Closes the WinSocket as its linger says (closesocket, README "The rules a WinSocket
     * follows"), in blocking mode: a linger with a timeout waits for it here, as the JDK documents
     * for SO_LINGER. Calls waiting in other threads end with "Socket closed": a wait within one
     * poll slice, a call blocked in ws2_32 when the close cancels it. Only in that last case does
     * a shutdown(SD_SEND) come first (see the class comment); otherwise the linger alone decides
     * what goes on the wire (see the package documentation).
     */
    @Override
    protected void close() throws IOException {
        WinSocket s;
        synchronized (stateLock) {
            int st = state;
            if (st >= ST_CLOSING) {
                return;
            }
            state = st == ST_NEW ? ST_CLOSED : ST_CLOSING;
            if (st == ST_NEW) {
                return;
            }
            s = socket;
        }
        IOException shutdownFailure = callsInWs2.get() > 0 ? shutdownOutputBeforeCancel(s) : null;
        IOException modeFailure = null;
        try {
            if (!s.isBlocking()) {
                s.setBlocking(true);
            }
        } catch (SocketClosedException alreadyClosed) {
            // Closed through winSocket(): nothing left to do.
        } catch (IOException e) {
            modeFailure = e;
        }
        try {
            s.close();
        } catch (WinsockException e) {
            if (modeFailure != null) {
                e.addSuppressed(modeFailure);
            }
            if (shutdownFailure != null) {
                e.addSuppressed(shutdownFailure);
            }
            throw failure(e);
        } finally {
            state = ST_CLOSED;
        }
        if (modeFailure != null) {
            throw failure(modeFailure);
        }
    }

    /**
     * Before closing a socket whose recv or send a platform thread is blocked in: shutdown(SEND),
     * unless output is shut down already or SO_LINGER asks for a reset (on, 0 s), so that the
     * cancelled call does not make Windows reset the connection (WinSocket's class comment,
     * "Closing"; the JDK's SocketChannel since JDK-8358764). Returns its failure, or null. A failure here does not stop the close:
     * the connection ends either way, and the close's own outcome is what the caller asked for;
     * it is reported only with a failed close, as a suppressed exception.
     */
    private IOException shutdownOutputBeforeCancel(WinSocket s) {
        if (outputShut) {
            return null;
        }
        try {
            Linger linger = s.linger();
            if (!linger.enabled() || linger.seconds() != 0) {
                s.shutdown(ShutdownHow.SEND);
            }
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    boolean isWinSocketClosed() {
        WinSocket s = socket;
        return s != null && !s.isOpen();
    }

    // ---------------------------------------------------------------- options

    private static boolean booleanValue(Object value, String name) throws SocketException {
        if (!(value instanceof Boolean b)) {
            throw new SocketException("Bad value for " + name);
        }
        return b;
    }

    private static int intValue(Object value, String name) throws SocketException {
        if (!(value instanceof Integer i)) {
            throw new SocketException("Bad value for " + name);
        }
        return i;
    }

    /**
     * SO_LINGER exactly as a {@link Linger}: off (the JDK's {@code false} or a negative value) is
     * SO_DONTLINGER, 0 is {@link Linger#abortive()} (a reset), n seconds {@link Linger#timeout(int)}
     * (at most 65535, the JDK's cap).
     */
    private static Linger linger(int seconds) {
        if (seconds < 0) {
            return Linger.off();
        }
        return seconds == 0 ? Linger.abortive() : Linger.timeout(Math.min(seconds, Linger.MAX_SECONDS));
    }

    @Override
    public void setOption(int opt, Object value) throws SocketException {
        synchronized (stateLock) {
            WinSocket s = ensureOpen();
            try {
                switch (opt) {
                    case SO_LINGER -> s.setLinger(value instanceof Boolean b && !b ? Linger.off()
                            : linger(intValue(value, "SO_LINGER")));
                    case SO_TIMEOUT -> {
                        int i = intValue(value, "SO_TIMEOUT");
                        if (i < 0) {
                            throw new IllegalArgumentException("timeout < 0");
                        }
                        timeout = i;
                    }
                    case IP_TOS -> trafficClass = intValue(value, "IP_TOS");
                    case TCP_NODELAY -> s.setOption(IntOption.TCP_NODELAY, booleanValue(value, "TCP_NODELAY") ? 1 : 0);
                    case SO_SNDBUF -> s.setOption(IntOption.SO_SNDBUF, positive(value, "SO_SNDBUF"));
                    case SO_RCVBUF -> s.setOption(IntOption.SO_RCVBUF, positive(value, "SO_RCVBUF"));
                    case SO_KEEPALIVE -> s.setOption(IntOption.SO_KEEPALIVE, booleanValue(value, "SO_KEEPALIVE") ? 1 : 0);
                    case SO_OOBINLINE -> s.setOption(IntOption.SO_OOBINLINE, booleanValue(value, "SO_OOBINLINE") ? 1 : 0);
                    case SO_REUSEADDR -> reuseAddress = booleanValue(value, "SO_REUSEADDR");
                    case SO_REUSEPORT -> throw new SocketException("SO_REUSEPORT not supported");
                    default -> throw new SocketException("Unknown option " + opt);
                }
            } catch (IOException e) {
                throw asSocketException(failure(e));
            }
        }
    }

    private static int positive(Object value, String name) throws SocketException {
        int i = intValue(value, name);
        if (i <= 0) {
            throw new SocketException(name + " <= 0");
        }
        return i;
    }

    @Override
    public Object getOption(int opt) throws SocketException {
        synchronized (stateLock) {
            WinSocket s = ensureOpen();
            try {
                return switch (opt) {
                    case SO_TIMEOUT -> timeout;
                    case TCP_NODELAY -> s.option(IntOption.TCP_NODELAY) != 0;
                    case SO_OOBINLINE -> s.option(IntOption.SO_OOBINLINE) != 0;
                    case SO_LINGER -> {
                        Linger l = s.linger();
                        yield l.enabled() ? (Object) l.seconds() : Boolean.FALSE;
                    }
                    case SO_REUSEADDR -> reuseAddress;
                    case SO_BINDADDR -> s.localAddress().getAddress();
                    case SO_SNDBUF -> s.option(IntOption.SO_SNDBUF);
                    case SO_RCVBUF -> s.option(IntOption.SO_RCVBUF);
                    case IP_TOS -> trafficClass;
                    case SO_KEEPALIVE -> s.option(IntOption.SO_KEEPALIVE) != 0;
                    case SO_REUSEPORT -> throw new SocketException("SO_REUSEPORT not supported");
                    default -> throw new SocketException("Unknown option " + opt);
                };
            } catch (IOException e) {
                throw asSocketException(failure(e));
            }
        }
    }

    private static final Set<SocketOption<?>> CLIENT_OPTIONS = Set.of(StandardSocketOptions.SO_RCVBUF,
            StandardSocketOptions.SO_REUSEADDR, StandardSocketOptions.IP_TOS, StandardSocketOptions.SO_KEEPALIVE,
            StandardSocketOptions.SO_SNDBUF, StandardSocketOptions.SO_LINGER, StandardSocketOptions.TCP_NODELAY);
    private static final Set<SocketOption<?>> SERVER_OPTIONS = Set.of(StandardSocketOptions.SO_RCVBUF,
            StandardSocketOptions.SO_REUSEADDR, StandardSocketOptions.IP_TOS);

    @Override
    protected Set<SocketOption<?>> supportedOptions() {
        return server ? SERVER_OPTIONS : CLIENT_OPTIONS;
    }

    /** The option's number in {@link java.net.SocketOptions}, for the standard options this class supports. */
    private int optionId(SocketOption<?> name) {
        if (!supportedOptions().contains(name)) {
            throw new UnsupportedOperationException("'" + name + "' not supported");
        }
        if (name == StandardSocketOptions.SO_RCVBUF) {
            return SO_RCVBUF;
        } else if (name == StandardSocketOptions.SO_SNDBUF) {
            return SO_SNDBUF;
        } else if (name == StandardSocketOptions.SO_REUSEADDR) {
            return SO_REUSEADDR;
        } else if (name == StandardSocketOptions.IP_TOS) {
            return IP_TOS;
        } else if (name == StandardSocketOptions.SO_KEEPALIVE) {
            return SO_KEEPALIVE;
        } else if (name == StandardSocketOptions.SO_LINGER) {
            return SO_LINGER;
        }
        return TCP_NODELAY;
    }

    @Override
    protected <T> void setOption(SocketOption<T> name, T value) throws IOException {
        int id = optionId(name);
        if (!name.type().isInstance(value)) {
            throw new IllegalArgumentException("Invalid value '" + value + "'");
        }
        if ((id == SO_RCVBUF || id == SO_SNDBUF) && (Integer) value <= 0) {
            throw new IllegalArgumentException("Invalid " + name + " size: " + value);
        }
        if (id == IP_TOS && ((Integer) value < 0 || (Integer) value > 255)) {
            throw new IllegalArgumentException("Invalid IP_TOS value: " + value);
        }
        setOption(id, value);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected <T> T getOption(SocketOption<T> name) throws IOException {
        int id = optionId(name);
        Object value = getOption(id);
        if (id == SO_LINGER && value instanceof Boolean) {
            value = -1; // StandardSocketOptions.SO_LINGER: a negative value when disabled
        }
        return (T) value;
    }

    @Override
    public String toString() {
        WinSocket s = socket;
        return "WinsockSocketImpl[" + (s == null ? "not created" : s) + "]";
    }
}
