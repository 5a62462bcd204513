package org.winsock4j.jna;

import com.sun.jna.Structure;

/** winsock.h {@code struct linger}: two u_short, 4 bytes. */
@Structure.FieldOrder({"l_onoff", "l_linger"})
public class LINGER extends SdkStructure {
    public short l_onoff;
    public short l_linger;
}
