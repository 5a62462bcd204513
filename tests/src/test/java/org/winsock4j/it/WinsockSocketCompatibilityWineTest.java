package org.winsock4j.it;

import java.io.IOException;
import java.net.Socket;
import org.winsock4j.net.WinsockSocket;

/**
 * The compatibility suite against winsock4j's Socket on Wine's ws2_32, its peer the JVM's own
 * socket: every test the JDK's Socket passes ({@link JdkSocketCompatibilityWineTest}) passes here.
 */
class WinsockSocketCompatibilityWineTest extends WineSocketCompatibility {
    @Override
    protected Socket newSocket() throws IOException {
        return new WinsockSocket(Lab.WINSOCK);
    }
}
