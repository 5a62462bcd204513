package org.winsock4j.testing;

import org.winsock4j.port.WinsockPort;

/** The Winsock contract against the scripted fake (its twin runs on ws2_32 in the Wine tier). */
class WinsockContractFakeTest extends WinsockContract {
    private final FakeWinsockPort fake = FakeWinsockPort.started();

    @Override
    protected WinsockPort port() {
        return fake;
    }
}
