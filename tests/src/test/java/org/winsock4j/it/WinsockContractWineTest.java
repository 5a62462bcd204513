package org.winsock4j.it;

import org.winsock4j.port.WinsockPort;
import org.winsock4j.testing.WinsockContract;

/** The Winsock contract against the real ws2_32 through the backend under test, CoveragePort.BACKEND (its twin runs on the fake). */
class WinsockContractWineTest extends WinsockContract {
    @Override
    protected WinsockPort port() {
        return Started.PORT;
    }

    /** WSAStartup once for these tests (ws2_32 counts it; the process exits without cleanup). */
    private static final class Started {
        static final WinsockPort PORT = start();

        private static WinsockPort start() {
            int rc = Lab.PORT.wsaStartup(org.winsock4j.port.Sdk.WINSOCK_VERSION_2_2, new int[2]);
            if (rc != 0) {
                throw new IllegalStateException("WSAStartup failed: " + rc);
            }
            return Lab.PORT;
        }
    }
}
