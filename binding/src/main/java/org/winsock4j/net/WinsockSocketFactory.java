package org.winsock4j.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Objects;
import javax.net.SocketFactory;
import org.winsock4j.Winsock;

/**
 * A {@link SocketFactory} of {@link WinsockSocket}s: hand it to any library that takes one, and its
 * connections are WinSockets. PostgreSQL's JDBC driver takes the class name
 * ({@code socketFactory=org.winsock4j.net.WinsockSocketFactory}, through the public no-argument
 * constructor), OkHttp an instance ({@code new OkHttpClient.Builder().socketFactory(new
 * WinsockSocketFactory())}). There is no global switch: the JDK's own sockets elsewhere in the
 * process are untouched ({@link Socket#setSocketImplFactory} is deprecated and not used).
 *
 * <p>{@code createSocket()} returns an unconnected socket (libraries that set options before
 * connecting use it); the others resolve the host, connect without a timeout and, when given a
 * local address, bind it first. A failed connect closes the socket and throws a
 * {@link org.winsock4j.WinsockError} in the JDK's shape ({@link java.net.ConnectException} when
 * refused).
 */
public class WinsockSocketFactory extends SocketFactory {
    private final Winsock winsock;

    /** Sockets on {@link Winsock#system()}; the constructor JDBC drivers call by class name. */
    public WinsockSocketFactory() {
        this(Winsock.system());
    }

    /**
     * Sockets on the given {@link Winsock}.
     *
     * @param winsock the Winsock the sockets are opened on
     * @throws NullPointerException if {@code winsock} is null
     */
    public WinsockSocketFactory(Winsock winsock) {
        this.winsock = Objects.requireNonNull(winsock, "winsock");
    }

    /**
     * An unconnected {@link WinsockSocket}.
     *
     * @return the socket, to connect
     * @throws IOException never in practice
     */
    @Override
    public Socket createSocket() throws IOException {
        return new WinsockSocket(winsock);
    }

    /**
     * A {@link WinsockSocket} connected to {@code host}:{@code port}.
     *
     * @param host the host name or address, resolved with {@link InetAddress#getByName}
     * @param port the port
     * @return the connected socket
     * @throws IOException when the name does not resolve ({@link java.net.UnknownHostException}) or
     *     the connect fails
     */
    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    /**
     * A {@link WinsockSocket} bound to {@code localHost}:{@code localPort} and connected to
     * {@code host}:{@code port}.
     *
     * @param host the host name or address
     * @param port the port
     * @param localHost the local address to bind, or null for any
     * @param localPort the local port, 0 for any
     * @return the connected socket
     * @throws IOException when the name does not resolve, or bind or connect fails
     */
    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    /**
     * A {@link WinsockSocket} connected to {@code host}:{@code port}.
     *
     * @param host the address
     * @param port the port
     * @return the connected socket
     * @throws IOException when the connect fails
     */
    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    /**
     * A {@link WinsockSocket} bound to {@code localAddress}:{@code localPort} and connected to
     * {@code address}:{@code port}.
     *
     * @param address the address
     * @param port the port
     * @param localAddress the local address to bind, or null for any
     * @param localPort the local port, 0 for any
     * @return the connected socket
     * @throws IOException when bind or connect fails
     */
    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket s = createSocket();
        try {
            if (local != null) {
                s.bind(local);
            }
            s.connect(remote);
            return s;
        } catch (IOException e) {
            throw Closing.after(s, e);
        } catch (RuntimeException e) {
            throw Closing.after(s, e);
        }
    }
}
