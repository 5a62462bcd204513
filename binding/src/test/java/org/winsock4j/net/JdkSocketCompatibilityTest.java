package org.winsock4j.net;

import java.net.Socket;

/** The compatibility suite against the JDK's own Socket on this JVM's platform: the reference. */
class JdkSocketCompatibilityTest extends SocketCompatibilitySuite {
    @Override
    protected Socket newSocket() {
        return new Socket();
    }
}
