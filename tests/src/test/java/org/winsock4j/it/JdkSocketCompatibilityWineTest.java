package org.winsock4j.it;

import java.net.Socket;

/** The compatibility suite against the Windows JVM's own Socket under Wine: the reference. */
class JdkSocketCompatibilityWineTest extends WineSocketCompatibility {
    @Override
    protected Socket newSocket() {
        return new Socket();
    }
}
