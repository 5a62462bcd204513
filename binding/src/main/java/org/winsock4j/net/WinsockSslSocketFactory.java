package org.winsock4j.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * TLS over winsock4j: an {@link SSLSocketFactory} whose sockets are the JDK's TLS layered over a
 * connected {@link WinsockSocket} ({@link SSLSocketFactory#createSocket(Socket, String, int, boolean)}
 * of an {@link SSLContext}, autoClose on: closing the TLS socket closes the WinsockSocket).
 * {@link #getDefault()} layers the default SSLContext (the JVM's trust store).
 *
 * <p>Clients that connect the plain socket themselves and layer TLS over it (OkHttp, PostgreSQL's
 * driver) need only {@link WinsockSocketFactory} plus their usual TLS factory; this class is for
 * those that take one {@code SSLSocketFactory} and call {@code createSocket(host, port)}. Layering
 * over a socket made elsewhere passes through to the SSLContext's factory. Unconnected sockets
 * ({@code createSocket()}) are refused: the JDK's TLS socket would then open its own plain socket,
 * not a WinSocket.
 *
 * <p>The TLS socket hides the WinsockSocket under it; to reach its {@link org.winsock4j.WinSocket}
 * (an abortive close, say), create the WinsockSocket yourself and layer it with
 * {@link #createSocket(Socket, String, int, boolean)}.
 */
public class WinsockSslSocketFactory extends SSLSocketFactory {
    private final SSLSocketFactory tls;
    private final SocketFactory plain;

    /**
     * TLS of the JVM's default SSLContext over {@link WinsockSocketFactory}'s sockets; the
     * constructor drivers call by class name.
     *
     * @throws IllegalStateException if the JVM has no default SSLContext
     */
    public WinsockSslSocketFactory() {
        this(defaultContext());
    }

    /**
     * TLS of {@code context} over {@link WinsockSocketFactory}'s sockets on the system Winsock.
     *
     * @param context the TLS settings (trust, keys, protocols)
     * @throws NullPointerException if {@code context} is null
     */
    public WinsockSslSocketFactory(SSLContext context) {
        this(Objects.requireNonNull(context, "context").getSocketFactory(), new WinsockSocketFactory());
    }

    /**
     * TLS of {@code tls} over the sockets of {@code plain}.
     *
     * @param tls the factory that layers TLS over a connected socket
     * @param plain the factory of the connected sockets, normally a {@link WinsockSocketFactory}
     * @throws NullPointerException if either is null
     */
    public WinsockSslSocketFactory(SSLSocketFactory tls, SocketFactory plain) {
        this.tls = Objects.requireNonNull(tls, "tls");
        this.plain = Objects.requireNonNull(plain, "plain");
    }

    /**
     * A factory over the JVM's default SSLContext.
     *
     * @return a new factory
     * @throws IllegalStateException if the JVM has no default SSLContext
     */
    public static WinsockSslSocketFactory getDefault() {
        return new WinsockSslSocketFactory();
    }

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default SSLContext", e);
        }
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return tls.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return tls.getSupportedCipherSuites();
    }

    /**
     * TLS over a connected socket, as the SSLContext's factory does it.
     *
     * @param s the connected socket, a {@link WinsockSocket} or any other
     * @param host the server's name, for SNI and host name checks
     * @param port the server's port
     * @param autoClose whether closing the TLS socket closes {@code s}
     * @return the TLS socket; the handshake starts with the first read or write
     * @throws IOException when the TLS layer cannot be made
     */
    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return tls.createSocket(s, host, port, autoClose);
    }

    /**
     * Server-side TLS over a connected socket whose first bytes were already read.
     *
     * @param s the connected socket
     * @param consumed the bytes already read from it, or null
     * @param autoClose whether closing the TLS socket closes {@code s}
     * @return the TLS socket, in server mode
     * @throws IOException when the TLS layer cannot be made
     */
    @Override
    public Socket createSocket(Socket s, InputStream consumed, boolean autoClose) throws IOException {
        return tls.createSocket(s, consumed, autoClose);
    }

    /**
     * Refused: an unconnected TLS socket would open the JDK's own plain socket, not a WinSocket.
     *
     * @return never
     * @throws SocketException always
     */
    @Override
    public Socket createSocket() throws SocketException {
        throw new SocketException("Unconnected sockets not implemented: a TLS socket over winsock4j is made over a"
                + " connected socket (createSocket(host, port), or createSocket(socket, host, port, true))");
    }

    /**
     * A {@link WinsockSocket} connected to {@code host}:{@code port}, TLS over it.
     *
     * @param host the server's name
     * @param port the server's port
     * @return the TLS socket; the handshake starts with the first read or write
     * @throws IOException when the connect fails or the TLS layer cannot be made
     */
    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return layered(plain.createSocket(host, port), host, port);
    }

    /**
     * As {@link #createSocket(String, int)}, bound to a local address first.
     *
     * @param host the server's name
     * @param port the server's port
     * @param localHost the local address, or null for any
     * @param localPort the local port, 0 for any
     * @return the TLS socket
     * @throws IOException when bind or connect fails, or the TLS layer cannot be made
     */
    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return layered(plain.createSocket(host, port, localHost, localPort), host, port);
    }

    /**
     * A {@link WinsockSocket} connected to {@code host}:{@code port}, TLS over it; the peer's name
     * is the address's host name if it was created with one, else its literal (no reverse lookup).
     *
     * @param host the server's address
     * @param port the server's port
     * @return the TLS socket
     * @throws IOException when the connect fails or the TLS layer cannot be made
     */
    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return layered(plain.createSocket(host, port), new InetSocketAddress(host, port).getHostString(), port);
    }

    /**
     * As {@link #createSocket(InetAddress, int)}, bound to a local address first.
     *
     * @param address the server's address
     * @param port the server's port
     * @param localAddress the local address, or null for any
     * @param localPort the local port, 0 for any
     * @return the TLS socket
     * @throws IOException when bind or connect fails, or the TLS layer cannot be made
     */
    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return layered(plain.createSocket(address, port, localAddress, localPort),
                new InetSocketAddress(address, port).getHostString(), port);
    }

    private SSLSocket layered(Socket connected, String host, int port) throws IOException {
        try {
            return (SSLSocket) tls.createSocket(connected, host, port, true);
        } catch (IOException e) {
            throw Closing.after(connected, e);
        } catch (RuntimeException e) {
            throw Closing.after(connected, e);
        }
    }
}
