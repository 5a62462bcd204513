package org.winsock4j.jna;

import com.sun.jna.Structure;

/**
 * winsock2.h {@code WSAPOLLFD}: a SOCKET {@code fd}, SHORT {@code events}, SHORT
 * {@code revents}; 16 bytes on Win64 (the SOCKET's alignment pads the end). {@link JnaWinsockPort}
 * lays an array of them out in native memory at the offsets of
 * {@link org.winsock4j.port.SdkStructs} (native-headers checks both against the SDK).
 *
 * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/ns-winsock2-wsapollfd">WSAPOLLFD structure (winsock2.h)</a>
 */
@Structure.FieldOrder({"fd", "events", "revents"})
public class WSAPOLLFD extends SdkStructure {
    /** The SOCKET to poll; a negative value (as a signed 64-bit number) is ignored by WSAPoll. */
    public long fd;
    /** The POLL* bits asked for (POLLRDNORM, POLLRDBAND, POLLWRNORM, POLLWRBAND). */
    public short events;
    /** The POLL* bits WSAPoll reports, including POLLERR, POLLHUP and POLLNVAL. */
    public short revents;
}
