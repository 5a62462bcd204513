package org.winsock4j;

import org.winsock4j.port.Sdk;

/**
 * Flags of recv, for {@link WinSocket#recv(byte[], int, int, java.util.Set)}. See
 * <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-recv">recv function (winsock2.h)</a>.
 */
public enum RecvFlag {
    /** MSG_PEEK: copy the data without removing it; the next recv returns the same bytes. */
    PEEK(Sdk.MSG_PEEK),
    /**
     * MSG_WAITALL: complete only when the buffer is full, the peer closed gracefully, or the call
     * fails; a blocking socket only (on a non-blocking one Windows fails with WSAEOPNOTSUPP).
     * Wine 8.0 and Wine 10.0 do not honour it on a stream socket: the call returns what has
     * arrived, as without the flag, so a caller that needs the full count still loops.
     */
    WAITALL(Sdk.MSG_WAITALL),
    /** MSG_OOB: read out-of-band (urgent) data; fails with the platform's WSA error where unsupported. */
    OOB(Sdk.MSG_OOB);

    final int bit;

    RecvFlag(int bit) {
        this.bit = bit;
    }
}
