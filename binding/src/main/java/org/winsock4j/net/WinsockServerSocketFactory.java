package org.winsock4j.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Objects;
import javax.net.ServerSocketFactory;
import org.winsock4j.Winsock;

/**
 * A {@link ServerSocketFactory} of {@link WinsockServerSocket}s, whose accepted connections are
 * {@link WinsockSocket}s. The bound variants use backlog 50 when none (or less than 1) is given,
 * as the JDK's.
 */
public class WinsockServerSocketFactory extends ServerSocketFactory {
    private final Winsock winsock;

    /** Listeners on {@link Winsock#system()}. */
    public WinsockServerSocketFactory() {
        this(Winsock.system());
    }

    /**
     * Listeners on the given {@link Winsock}.
     *
     * @param winsock the Winsock the listeners are opened on
     * @throws NullPointerException if {@code winsock} is null
     */
    public WinsockServerSocketFactory(Winsock winsock) {
        this.winsock = Objects.requireNonNull(winsock, "winsock");
    }

    /**
     * An unbound {@link WinsockServerSocket}.
     *
     * @return the listener, to bind
     * @throws IOException never in practice
     */
    @Override
    public ServerSocket createServerSocket() throws IOException {
        return new WinsockServerSocket(winsock);
    }

    /**
     * A {@link WinsockServerSocket} bound to {@code port} on every address.
     *
     * @param port the port, 0 for any free one
     * @return the listening socket
     * @throws IOException when bind or listen fails ({@link java.net.BindException} when taken)
     */
    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return createServerSocket(port, 50, null);
    }

    /**
     * A {@link WinsockServerSocket} bound to {@code port} on every address with this backlog.
     *
     * @param port the port, 0 for any free one
     * @param backlog the accept queue's length; less than 1 means 50
     * @return the listening socket
     * @throws IOException when bind or listen fails
     */
    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        return createServerSocket(port, backlog, null);
    }

    /**
     * A {@link WinsockServerSocket} bound to {@code port} on {@code ifAddress} (every address when
     * null) with this backlog.
     *
     * @param port the port, 0 for any free one
     * @param backlog the accept queue's length; less than 1 means 50
     * @param ifAddress the local address, or null for every address
     * @return the listening socket
     * @throws IOException when bind or listen fails
     * @throws IllegalArgumentException if {@code port} is outside 0..65535
     */
    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress ifAddress) throws IOException {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("Port value out of range: " + port);
        }
        ServerSocket s = createServerSocket();
        try {
            s.bind(new InetSocketAddress(ifAddress, port), backlog < 1 ? 50 : backlog);
            return s;
        } catch (IOException e) {
            throw Closing.after(s, e);
        } catch (RuntimeException e) {
            throw Closing.after(s, e);
        }
    }
}
