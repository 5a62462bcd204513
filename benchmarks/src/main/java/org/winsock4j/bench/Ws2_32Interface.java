package org.winsock4j.bench;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The same ws2_32 prototypes as the binding's {@code org.winsock4j.jna.Ws2_32}, by JNA
 * <em>interface</em> mapping (a proxy that converts arguments per call) instead of direct
 * mapping (registered native methods). Only for {@link MappingBench}.
 */
public interface Ws2_32Interface extends Library {
    Ws2_32Interface INSTANCE = Native.load("ws2_32", Ws2_32Interface.class);

    int closesocket(long s);

    int setsockopt(long s, int level, int optname, byte[] optval, int optlen);

    int getsockopt(long s, int level, int optname, byte[] optval, int[] optlen);
}
