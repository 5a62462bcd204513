package org.winsock4j.net;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import org.winsock4j.WinSocket;
import org.winsock4j.Winsock;

/**
 * A {@link java.net.ServerSocket} backed by a {@link WinSocket}: {@link #accept()} returns
 * {@link WinsockSocket}s. As the JDK's on Windows: the bind is exclusive (SO_EXCLUSIVEADDRUSE: no
 * other socket may bind the port, {@code setReuseAddress} is kept as a flag only); the listener is
 * a dual-stack IPv6 socket that also accepts IPv4 connections where the stack has IPv6;
 * {@code setSoTimeout} limits an accept ({@link java.net.SocketTimeoutException}, the listener
 * stays usable); {@link #close()} from another thread ends a blocked accept with "Socket closed";
 * a platform thread blocked in accept is not interruptible, a virtual thread's interrupt closes
 * the listener. An accepted socket has the listener's socket options (accept remarks), its linger
 * among them.
 */
public class WinsockServerSocket extends ServerSocket {
    private final WinsockSocketImpl impl;

    /**
     * An unbound listener on {@link Winsock#system()}; {@link #bind} it, or take a bound one from
     * {@link WinsockServerSocketFactory}.
     *
     * @throws IOException never in practice; declared as {@link ServerSocket#ServerSocket()} does
     */
    public WinsockServerSocket() throws IOException {
        this(Winsock.system());
    }

    /**
     * An unbound listener on the given {@link Winsock}.
     *
     * @param winsock the Winsock its WinSocket is opened on
     * @throws IOException never in practice
     * @throws NullPointerException if {@code winsock} is null
     */
    public WinsockServerSocket(Winsock winsock) throws IOException {
        this(new WinsockSocketImpl(winsock, true));
    }

    private WinsockServerSocket(WinsockSocketImpl impl) {
        super(impl);
        this.impl = impl;
    }

    /**
     * Waits for the next connection (up to {@link #getSoTimeout()} when set) and returns it.
     *
     * @return the connection, a {@link WinsockSocket}
     * @throws IOException a {@link org.winsock4j.WinsockError} when accept fails, a
     *     {@link java.net.SocketTimeoutException} when SO_TIMEOUT expired, or a
     *     {@link SocketException} when the listener is closed or not bound
     */
    @Override
    public Socket accept() throws IOException {
        if (isClosed()) {
            throw new SocketException("Socket is closed");
        }
        if (!isBound()) {
            throw new SocketException("Socket is not bound yet");
        }
        WinsockSocket s = new WinsockSocket(impl.winsock());
        implAccept(s);
        return s;
    }

    /**
     * The listening WinSocket, opened now if it was not yet (see {@link WinsockSocket#winSocket()}).
     *
     * @return the WinSocket
     * @throws IOException when this listener was closed before its WinSocket was opened, or
     *     opening it failed
     */
    public WinSocket winSocket() throws IOException {
        WinSocket s = impl.winSocket();
        if (s == null) {
            getSoTimeout(); // creates the SocketImpl's socket, as any first use does
            s = impl.winSocket();
        }
        return s;
    }
}
