package org.winsock4j.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/**
 * A real peer on loopback: a JDK ServerSocket whose accepted JDK Socket the tests drive. Under
 * Wine it is a Winsock socket of the Windows JVM; on Linux, a Linux one.
 */
public final class JdkPeer implements SocketCompatibilitySuite.Peer {
    private final ServerSocket listener;
    private Socket accepted;

    public JdkPeer() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    /** The peer is {@code connected}, a socket that is already connected to the client. */
    public JdkPeer(Socket connected) throws IOException {
        listener = null;
        accepted = connected;
        accepted.setSoTimeout((int) TimeUnit.SECONDS.toMillis(SocketCompatibilitySuite.PATIENCE_SECONDS));
    }

    /** The accepted socket (after {@link #accept}). */
    public Socket socket() {
        return accepted;
    }

    @Override
    public InetSocketAddress address() {
        return listener != null ? new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort())
                : (InetSocketAddress) accepted.getLocalSocketAddress();
    }

    @Override
    public void accept(Socket client) throws IOException {
        if (listener == null) {
            return; // connected already
        }
        listener.setSoTimeout((int) TimeUnit.SECONDS.toMillis(SocketCompatibilitySuite.PATIENCE_SECONDS));
        accepted = listener.accept();
        accepted.setSoTimeout((int) TimeUnit.SECONDS.toMillis(SocketCompatibilitySuite.PATIENCE_SECONDS));
    }

    @Override
    public void send(byte[] data) throws IOException {
        accepted.getOutputStream().write(data);
    }

    @Override
    public void shutdownOutput() throws IOException {
        accepted.shutdownOutput();
    }

    @Override
    public byte[] receive(int n) throws IOException {
        return accepted.getInputStream().readNBytes(n);
    }

    @Override
    public boolean receivesEndOfStream() throws IOException {
        InputStream in = accepted.getInputStream();
        try {
            return in.read() == -1;
        } catch (java.net.SocketException reset) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        if (accepted != null) {
            accepted.close();
        }
        if (listener != null) {
            listener.close();
        }
    }
}
