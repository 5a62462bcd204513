package org.winsock4j.jna;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Native;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.winsock4j.port.Sdk;
import org.winsock4j.port.SdkStructs;

/**
 * The JNA structures of the raw layer and the byte images the port passes describe the same
 * Win64 layouts. (JNA lays structures out the same way on any x86-64 JVM; native-headers checks
 * the same sizes and offsets against the SDK headers.)
 */
class RawLayoutTest {

    @Test
    void sizesAreTheWin64Sizes() {
        assertEquals(8, Native.POINTER_SIZE, "these layouts are for 64-bit JVMs");
        assertEquals(Sdk.SIZEOF_LINGER, new LINGER().size());
        assertEquals(Sdk.SIZEOF_SOCKADDR_IN, new sockaddr_in().size());
        assertEquals(Sdk.SIZEOF_SOCKADDR_IN6, new sockaddr_in6().size());
        assertEquals(Sdk.SIZEOF_WSADATA, new WSADATA().size());
        WSAPOLLFD pollfd = new WSAPOLLFD();
        assertEquals(Sdk.SIZEOF_WSAPOLLFD, pollfd.size());
        assertEquals(org.winsock4j.port.SdkStructs.WSAPOLLFD_FD, pollfd.offsetOf("fd"));
        assertEquals(org.winsock4j.port.SdkStructs.WSAPOLLFD_EVENTS, pollfd.offsetOf("events"));
        assertEquals(org.winsock4j.port.SdkStructs.WSAPOLLFD_REVENTS, pollfd.offsetOf("revents"));
        fd_set set = new fd_set();
        assertEquals(Sdk.SIZEOF_FD_SET, set.size());
        assertEquals(org.winsock4j.port.SdkStructs.FD_SET_FD_COUNT, set.offsetOf("fd_count"));
        assertEquals(org.winsock4j.port.SdkStructs.FD_SET_FD_ARRAY, set.offsetOf("fd_array"));
        timeval t = new timeval();
        assertEquals(Sdk.SIZEOF_TIMEVAL, t.size());
        assertEquals(org.winsock4j.port.SdkStructs.TIMEVAL_TV_SEC, t.offsetOf("tv_sec"));
        assertEquals(org.winsock4j.port.SdkStructs.TIMEVAL_TV_USEC, t.offsetOf("tv_usec"));
    }

    @Test
    void wsadataHasTheWin64FieldOrder() {
        WSADATA d = new WSADATA();
        assertEquals(0, d.offsetOf("wVersion"));
        assertEquals(2, d.offsetOf("wHighVersion"));
        assertEquals(4, d.offsetOf("iMaxSockets"));
        assertEquals(6, d.offsetOf("iMaxUdpDg"));
        assertEquals(8, d.offsetOf("lpVendorInfo"));
        assertEquals(16, d.offsetOf("szDescription"));
        assertEquals(16 + 257, d.offsetOf("szSystemStatus"));
    }

    @Test
    void lingerStructureMatchesThePortImage() {
        LINGER l = new LINGER();
        l.l_onoff = 1;
        l.l_linger = (short) 65535;
        l.write();
        assertArrayEquals(SdkStructs.linger(1, 65535), l.getPointer().getByteArray(0, l.size()));
        assertEquals(SdkStructs.LINGER_L_LINGER, l.offsetOf("l_linger"));
    }

    @Test
    void sockaddrInStructureMatchesThePortImage() throws Exception {
        sockaddr_in s = new sockaddr_in();
        s.sin_family = (short) Sdk.AF_INET;
        s.sin_port = Short.reverseBytes((short) 8080);
        s.sin_addr = new byte[] {127, 0, 0, 1};
        s.write();
        byte[] image = SdkStructs.sockaddr(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8080));
        assertArrayEquals(image, s.getPointer().getByteArray(0, s.size()));
        assertEquals(SdkStructs.SOCKADDR_IN_SIN_ADDR, s.offsetOf("sin_addr"));
        assertEquals(SdkStructs.SOCKADDR_IN_SIN_ZERO, s.offsetOf("sin_zero"));
    }

    @Test
    void sockaddrIn6StructureMatchesThePortImage() throws Exception {
        InetAddress ip = InetAddress.getByName("fe80::1%7");
        sockaddr_in6 s = new sockaddr_in6();
        s.sin6_family = (short) Sdk.AF_INET6;
        s.sin6_port = Short.reverseBytes((short) 443);
        s.sin6_addr = ip.getAddress();
        s.sin6_scope_id = 7;
        s.write();
        byte[] image = SdkStructs.sockaddr(new InetSocketAddress(ip, 443));
        assertArrayEquals(image, s.getPointer().getByteArray(0, s.size()));
        assertEquals(SdkStructs.SOCKADDR_IN6_SIN6_FLOWINFO, s.offsetOf("sin6_flowinfo"));
        assertEquals(SdkStructs.SOCKADDR_IN6_SIN6_ADDR, s.offsetOf("sin6_addr"));
        assertEquals(SdkStructs.SOCKADDR_IN6_SIN6_SCOPE_ID, s.offsetOf("sin6_scope_id"));
    }

    @Test
    void sdkConstantsKeepTheirDerivations() {
        assertEquals(-1L, Sdk.INVALID_SOCKET, "INVALID_SOCKET is ~0 as a 64-bit SOCKET");
        assertEquals(~0x0080, Sdk.SO_DONTLINGER);
        assertEquals(0xffffff7f, Sdk.SO_DONTLINGER);
        assertEquals(~Sdk.SO_REUSEADDR, Sdk.SO_EXCLUSIVEADDRUSE);
        assertEquals(0x80000000 | (4 << 16) | ('f' << 8) | 126, Sdk.FIONBIO, "_IOW('f', 126, u_long)");
        assertEquals(0x40000000 | (4 << 16) | ('f' << 8) | 127, Sdk.FIONREAD, "_IOR('f', 127, u_long)");
    }
}
