package org.winsock4j.jna;

import com.sun.jna.Structure;
import org.winsock4j.port.Sdk;

/**
 * winsock2.h {@code fd_set}: a u_int {@code fd_count} and {@code fd_array}, FD_SETSIZE (64)
 * SOCKETs; 520 bytes on Win64 (the SOCKETs' alignment pads the count). {@link JnaWinsockPort}
 * copies the port's images ({@link org.winsock4j.port.SdkStructs#fdSet}) into native memory for
 * select; this class states the layout field by field for the checks against the SDK
 * (native-headers).
 *
 * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock/ns-winsock-fd_set">fd_set structure (winsock.h)</a>
 */
@Structure.FieldOrder({"fd_count", "fd_array"})
public class fd_set extends SdkStructure {
    /** How many of {@link #fd_array}'s SOCKETs are in the set. */
    public int fd_count;
    /** The SOCKETs of the set, the first {@link #fd_count} of them. */
    public long[] fd_array = new long[Sdk.FD_SETSIZE];
}
