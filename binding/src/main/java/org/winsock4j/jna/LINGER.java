package org.winsock4j.jna;

import com.sun.jna.Structure;

/** winsock.h {@code struct linger}: two u_short, 4 bytes. */
@Structure.FieldOrder({"l_onoff", "l_linger"})
public class LINGER extends SdkStructure {
    /** Zero for off (SO_DONTLINGER), non-zero for on. */
    public short l_onoff;
    /** The timeout in seconds, a u_short. */
    public short l_linger;
}
