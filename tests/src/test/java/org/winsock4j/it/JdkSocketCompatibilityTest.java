package org.winsock4j.it;

import java.io.IOException;
import java.net.Socket;
import org.winsock4j.net.JdkPeer;
import org.winsock4j.net.SocketCompatibilitySuite;

/** The compatibility suite against the Windows JVM's own Socket under Wine: the reference. */
class JdkSocketCompatibilityTest extends SocketCompatibilitySuite {
    @Override
    protected Socket newSocket() {
        return new Socket();
    }

    @Override
    protected Peer listen() throws IOException {
        return new JdkPeer();
    }

    /** Wine 8 gives a Winsock peer of an abortive close the end of the stream (README, Wine table). */
    @Override
    protected boolean peerSeesAReset() {
        return Lab.WINE_MAJOR != 8;
    }
}
