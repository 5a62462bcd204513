package org.winsock4j.it;

import org.winsock4j.net.SocketCompatibilitySuite;

/** The compatibility suite under Wine: its peers are the Windows JVM's own sockets. */
abstract class WineSocketCompatibility extends SocketCompatibilitySuite {
    /** Wine 8 gives a Winsock peer of an abortive close the end of the stream (README, Wine table). */
    @Override
    protected boolean peerSeesAReset() {
        return Lab.WINE_MAJOR != 8;
    }
}
