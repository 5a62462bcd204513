package org.winsock4j.it;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.winsock4j.net.JdkPeer;
import org.winsock4j.net.WinsockServerSocketFactory;

/**
 * The compatibility suite against the sockets a {@link org.winsock4j.net.WinsockServerSocket}
 * accepts (their connection made by the JVM's own Socket), on Wine's ws2_32.
 */
class WinsockAcceptedSocketCompatibilityWineTest extends WinsockSocketCompatibilityWineTest {
    @Override
    protected Connection newConnection() throws Exception {
        try (ServerSocket listener = new WinsockServerSocketFactory(Lab.WINSOCK)
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout((int) TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
            Socket client = new Socket();
            client.connect(new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort()));
            Socket accepted = listener.accept();
            return new Connection(accepted, new JdkPeer(client));
        }
    }
}
