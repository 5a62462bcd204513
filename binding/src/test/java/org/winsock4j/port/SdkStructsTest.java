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

    @Test
    void fdSetIsACountAndEightAlignedSockets() {
        byte[] b = SdkStructs.fdSet(0x1c4L, 0x1_0000_0008L);
        assertEquals(Sdk.SIZEOF_FD_SET, b.length);
        assertArrayEquals(new byte[] {2, 0, 0, 0, 0, 0, 0, 0, (byte) 0xc4, 1, 0, 0, 0, 0, 0, 0, 8, 0, 0, 0, 1, 0, 0, 0},
                java.util.Arrays.copyOf(b, 24));
        assertArrayEquals(new long[] {0x1c4L, 0x1_0000_0008L}, SdkStructs.fdSetSockets(b));
        assertEquals(true, SdkStructs.fdIsSet(b, 0x1c4L));
        assertEquals(false, SdkStructs.fdIsSet(b, 0x1c8L));
        assertArrayEquals(new long[0], SdkStructs.fdSetSockets(SdkStructs.fdSet()));
    }

    @Property
    void fdSetRoundTrips(@ForAll @Size(max = 64) java.util.List<Long> sockets) {
        long[] s = sockets.stream().mapToLong(Long::longValue).toArray();
        assertArrayEquals(s, SdkStructs.fdSetSockets(SdkStructs.fdSet(s)));
    }

    @Test
    void anFdSetHoldsAtMostFdSetSizeSockets() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SdkStructs.fdSet(new long[65]));
        assertEquals("an fd_set holds at most 64 sockets, got 65", e.getMessage());
        byte[] tooMany = SdkStructs.fdSet();
        tooMany[0] = 65;
        assertThrows(IllegalArgumentException.class, () -> SdkStructs.fdSetSockets(tooMany));
        assertThrows(IllegalArgumentException.class, () -> SdkStructs.fdSetSockets(new byte[16]));
    }

    @Test
    void timevalIsSecondsAndMicroseconds() {
        assertArrayEquals(new byte[] {1, 0, 0, 0, 0x20, (byte) 0xa1, 7, 0}, SdkStructs.timeval(1500), "1 s, 500000 us");
        assertArrayEquals(new byte[8], SdkStructs.timeval(0));
        assertThrows(IllegalArgumentException.class, () -> SdkStructs.timeval(-1));
    }

    @Test
    void selectArgumentsOfTheWrongSizeAreRefused() {
        SdkStructs.checkSelectArguments(null, SdkStructs.fdSet(1), null, SdkStructs.timeval(0));
        SdkStructs.checkSelectArguments(null, null, null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SdkStructs.checkSelectArguments(null, new byte[8], null, null));
        assertEquals("select: writefds must be an fd_set image of 520 bytes, got 8", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SdkStructs.checkSelectArguments(null, null, null, new byte[4]));
        assertEquals("select: timeout must be a timeval image of 8 bytes, got 4", e.getMessage());
    }
}
