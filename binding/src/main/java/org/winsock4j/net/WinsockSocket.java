package org.winsock4j.net;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.util.Optional;
import org.winsock4j.WinSocket;
import org.winsock4j.Winsock;
import org.winsock4j.WinsockError;

/**
 * A {@link java.net.Socket} backed by a {@link WinSocket}: the platform's own Winsock TCP socket,
 * with the JDK's documented behaviour and winsock4j's exact close semantics and typed errors.
 * Use it where code takes a {@code Socket}, or through {@link WinsockSocketFactory} where it takes
 * a {@link javax.net.SocketFactory} (JDBC drivers, HTTP clients), or {@link WinsockSslSocketFactory}
 * for TLS.
 *
 * <p><b>As the JDK's Socket.</b> Connect with and without a timeout; {@code setSoTimeout} (a read or
 * accept that waits longer throws a {@link java.net.SocketTimeoutException} and the socket stays
 * usable); {@code setSoLinger}, {@code setTcpNoDelay}, {@code setKeepAlive}, buffer sizes,
 * {@code setOOBInline} and {@code sendUrgentData}; half-close with {@code shutdownInput} /
 * {@code shutdownOutput}; the streams ({@code available}, -1 at the end of the stream, closing
 * either stream closes the socket); {@code close()} from another thread ends a blocked read or
 * write with a {@link SocketException} ("Socket closed"). A platform thread blocked here is not
 * interruptible (its interrupt status stays set and the call goes on), a virtual thread's interrupt
 * closes the socket ("Closed by interrupt"), as the JDK's Socket on Java 21 and later. The package
 * documentation lists where Winsock's rules differ from the JDK's.
 *
 * <p><b>The WinSocket behind it.</b> {@link #winSocket()} is the one way to the exact semantics the
 * Socket API cannot express: {@link WinSocket#closeAbortively()}, {@link WinSocket#close(java.time.Duration)},
 * {@link WinSocket#sendAndShutdown}, readiness. Once the WinSocket is closed that way,
 * {@link #isClosed()} is true. {@link #lastFailure()} is the Winsock error of the last failed call.
 *
 * <p><b>Errors.</b> A failed Winsock call throws the exception the JDK throws for it, and that
 * exception is the {@link WinsockError} itself (number, SDK name, operation): a refused connect is a
 * {@link java.net.ConnectException}, a reset a {@link java.net.SocketException}
 * ({@code WinsockException.ConnectionReset}), a timeout a {@link java.net.SocketTimeoutException}
 * with WSAETIMEDOUT; test {@code e instanceof WinsockError}. A call another thread's close ended
 * throws {@code SocketException("Socket closed")} with the WinSocket's exception as its cause.
 * Messages are winsock4j's ("recv failed: WSAECONNRESET (10054): ..."), not the JDK's
 * ("Connection reset").
 */
public class WinsockSocket extends Socket {
    private final WinsockSocketImpl impl;

    /**
     * An unconnected socket on {@link Winsock#system()}; the WinSocket is opened on first use
     * (connect, bind, an option), as the JDK's Socket creates its socket.
     *
     * @throws SocketException never in practice; declared by {@link Socket#Socket(java.net.SocketImpl)}
     */
    public WinsockSocket() throws SocketException {
        this(Winsock.system());
    }

    /**
     * An unconnected socket on the given {@link Winsock} (a test fake, another backend).
     *
     * @param winsock the Winsock its WinSocket is opened on
     * @throws SocketException never in practice; declared by {@link Socket#Socket(java.net.SocketImpl)}
     * @throws NullPointerException if {@code winsock} is null
     */
    public WinsockSocket(Winsock winsock) throws SocketException {
        this(new WinsockSocketImpl(winsock, false));
    }

    private WinsockSocket(WinsockSocketImpl impl) throws SocketException {
        super(impl);
        this.impl = impl;
    }

    /** For {@link WinsockServerSocket#accept()}: the impl the listener accepts into. */
    WinsockSocketImpl impl() {
        return impl;
    }

    /**
     * The WinSocket behind this Socket, opened now if it was not yet. It follows
     * {@link org.winsock4j.InterruptRule#SOCKET} and stays blocking, so that a platform thread's
     * read or write is one call in ws2_32, until a read with SO_TIMEOUT, a connect with a timeout
     * or a call on a virtual thread makes it non-blocking for good (this Socket then waits with
     * {@link WinSocket#poll}, and sets it back to blocking only for its close). Leave its
     * blocking mode and interrupt rule to this Socket. Use it for what the Socket API cannot say: {@code closeAbortively()} (a reset),
     * {@code close(Duration)} (FIN, then wait for the peer's, else reset), {@code sendAndShutdown},
     * {@code linger()}; reads and writes belong to this Socket's streams, which do the waiting.
     *
     * @return the WinSocket, open until this Socket or the WinSocket is closed
     * @throws SocketException when this Socket was closed before its WinSocket was ever opened, or
     *     opening it failed (a {@link WinsockError})
     */
    public WinSocket winSocket() throws SocketException {
        WinSocket s = impl.winSocket();
        if (s == null) {
            getSoTimeout(); // the JDK's Socket creates its SocketImpl's socket on first use; so do we
            s = impl.winSocket();
        }
        return s;
    }

    /**
     * The Winsock error of the last call of this Socket that failed with one (a connect refused,
     * a reset, a read timeout), also when a library caught or wrapped the exception (an
     * {@code SSLException}, a driver's own exception).
     *
     * @return the last {@link WinsockError}, or empty when no call failed with one
     */
    public Optional<WinsockError> lastFailure() {
        return Optional.ofNullable(impl.lastFailure());
    }

    /**
     * Whether this socket is closed: by {@link #close()}, or its WinSocket by a close of its own
     * ({@link #winSocket()}{@code .closeAbortively()}, for example).
     *
     * @return true once closed
     */
    @Override
    public boolean isClosed() {
        return super.isClosed() || impl.isWinSocketClosed();
    }

    /**
     * Closes the socket as its linger says ({@link #setSoLinger}): off (the default) is a graceful
     * close in the background (FIN after the queued data), {@code setSoLinger(true, 0)} a reset,
     * {@code setSoLinger(true, n)} waits here up to n seconds for the queued data to go out
     * (Windows then resets). Calls waiting in other threads end with "Socket closed". Closing
     * either stream does the same.
     *
     * @throws IOException a {@link WinsockError} when closesocket fails; the socket is then marked
     *     closed here, and its WinSocket ({@link #winSocket()}) stays open for another try
     */
    @Override
    public void close() throws IOException {
        super.close();
    }
}
