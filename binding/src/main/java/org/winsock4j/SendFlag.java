package org.winsock4j;

import org.winsock4j.port.Sdk;

/**
 * Flags of send, for {@link WinSocket#send(byte[], int, int, java.util.Set)}. See
 * <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-send">send function (winsock2.h)</a>.
 */
public enum SendFlag {
    /**
     * MSG_OOB: send out-of-band (urgent) data, as {@code java.net.Socket.sendUrgentData} does;
     * the peer reads it with {@link RecvFlag#OOB}, or in the stream when it has
     * {@link IntOption#SO_OOBINLINE} on.
     */
    OOB(Sdk.MSG_OOB);

    final int bit;

    SendFlag(int bit) {
        this.bit = bit;
    }
}
