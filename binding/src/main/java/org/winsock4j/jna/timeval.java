package org.winsock4j.jna;

import com.sun.jna.Structure;

/**
 * {@code struct timeval}: select's timeout, two {@code long}s, which are 32 bits on Windows; 8
 * bytes. Laid out for the checks against the SDK (native-headers); {@link JnaWinsockPort} copies
 * the port's image ({@link org.winsock4j.port.SdkStructs#timeval}).
 *
 * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock/ns-winsock-timeval">timeval structure (winsock.h)</a>
 */
@Structure.FieldOrder({"tv_sec", "tv_usec"})
public class timeval extends SdkStructure {
    /** Whole seconds. */
    public int tv_sec;
    /** Microseconds beyond {@link #tv_sec}. */
    public int tv_usec;
}
