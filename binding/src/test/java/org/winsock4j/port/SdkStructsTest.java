package org.winsock4j.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SdkStructsTest {

    @Test
    void lingerIsTwoLittleEndianUShorts() {
        assertArrayEquals(new byte[] {1, 0, 2, 0}, SdkStructs.linger(1, 2));
        assertArrayEquals(new byte[] {0, 0, (byte) 0xff, (byte) 0xff}, SdkStructs.linger(0, 65535));
    }

    @Property
    void lingerRoundTrips(@ForAll @IntRange(min = 0, max = 65535) int onoff,
                          @ForAll @IntRange(min = 0, max = 65535) int seconds) {
        byte[] b = SdkStructs.linger(onoff, seconds);
        assertEquals(onoff, SdkStructs.lingerOnoff(b));
        assertEquals(seconds, SdkStructs.lingerSeconds(b));
    }

    @Test
    void sockaddrInHasTheSdkLayout() throws Exception {
        byte[] b = SdkStructs.sockaddr(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0x1234));
        assertArrayEquals(new byte[] {2, 0, 0x12, 0x34, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0}, b);
    }

    @Test
    void sockaddrIn6HasTheSdkLayout() throws Exception {
        byte[] b = SdkStructs.sockaddr(new InetSocketAddress(InetAddress.getByName("::1"), 443));
        assertEquals(28, b.length);
        assertEquals(23, b[0]);
        assertEquals(0, b[1]);
        assertEquals(1, b[2]);
        assertEquals((byte) 0xbb, b[3]);
        assertEquals(1, b[8 + 15]);
    }

    @Property
    void ipv4RoundTrips(@ForAll @Size(4) byte[] ip, @ForAll @IntRange(min = 0, max = 65535) int port) throws Exception {
        InetSocketAddress a = new InetSocketAddress(InetAddress.getByAddress(ip), port);
        byte[] b = SdkStructs.sockaddr(a);
        assertEquals(a, SdkStructs.inetSocketAddress(b, b.length));
    }

    @Property
    void ipv6RoundTrips(@ForAll @Size(16) byte[] ip, @ForAll @IntRange(min = 0, max = 65535) int port,
                        @ForAll @IntRange(min = 0, max = 1000) int scope) throws Exception {
        InetAddress address = scope == 0 ? InetAddress.getByAddress(ip) : Inet6Address.getByAddress(null, ip, scope);
        if (!(address instanceof Inet6Address)) {
            return; // an IPv4-mapped address: Java folds it to IPv4, which is the other property
        }
        InetSocketAddress a = new InetSocketAddress(address, port);
        byte[] b = SdkStructs.sockaddr(a);
        assertEquals(a, SdkStructs.inetSocketAddress(b, b.length));
    }

    @Test
    void badSockaddrsAreRejectedNamingWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SdkStructs.inetSocketAddress(new byte[16], 16));
        assertEquals("unsupported sockaddr: family 0, 16 bytes", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SdkStructs.inetSocketAddress(new byte[] {2, 0}, 2));
        assertThrows(IllegalArgumentException.class, () -> SdkStructs.inetSocketAddress(new byte[1], 1));
        assertThrows(IllegalArgumentException.class,
                () -> SdkStructs.sockaddr(InetSocketAddress.createUnresolved("example.invalid", 1)));
        assertThrows(NullPointerException.class, () -> SdkStructs.sockaddr(null));
    }
}
