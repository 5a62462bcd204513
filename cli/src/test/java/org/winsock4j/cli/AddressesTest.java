package org.winsock4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** Strict address parsing (no legacy forms, no DNS) and netstat's way of printing addresses. */
class AddressesTest {

    @Test
    void acceptsDottedQuadsAndBracketedIpv6Literals() {
        InetSocketAddress a = Addresses.parseEndpoint("127.0.0.1:80");
        assertArrayEquals(new byte[] {127, 0, 0, 1}, a.getAddress().getAddress());
        assertEquals(80, a.getPort());
        assertEquals(0, Addresses.parseEndpoint("0.0.0.0:0").getPort());
        assertEquals(65535, Addresses.parseEndpoint("255.255.255.255:65535").getPort());
        InetSocketAddress v6 = Addresses.parseEndpoint("[::1]:443");
        assertInstanceOf(Inet6Address.class, v6.getAddress());
        assertEquals(1, v6.getAddress().getAddress()[15]);
        assertEquals(443, v6.getPort());
        assertEquals(12, ((Inet6Address) Addresses.parseEndpoint("[fe80::1%12]:80").getAddress()).getScopeId());
        InetSocketAddress mapped = Addresses.parseEndpoint("[::ffff:127.0.0.1]:80");
        assertInstanceOf(Inet6Address.class, mapped.getAddress(), "stays an IPv6 address");
        assertEquals("::ffff:127.0.0.1", Addresses.host(mapped.getAddress(), true));
        assertArrayEquals(Addresses.ipv6Bytes("2001:db8:0:0:0:0:2:1"), Addresses.ipv6Bytes("2001:DB8::2:1"));
        assertFalse(a.isUnresolved());
    }

    @Test
    void rejectsLegacyFormsHostNamesAndBadPortsNamingTheValue() {
        // InetAddress reads 1.2.3 as 1.2.0.3, 1 as 0.0.0.1, 010 as octal (inet_aton), and looks names up in the DNS.
        for (String bad : new String[] {"1.2.3:80", "1:80", "1.2.3.4.5:80", "010.0.0.1:80", "256.0.0.1:80", "1.2.3.-4:80",
            "0x7f.0.0.1:80", "localhost:80", "example.com:80", "127.0.0.1", "127.0.0.1:", "127.0.0.1:x", "127.0.0.1:65536",
            "127.0.0.1:-1", "127.0.0.1:+80", ":80", "::1:80", "[::1]", "[::1]80", "[::1:80", "[1::2::3]:80",
            "[1:2:3:4:5:6:7:8:9]:80", "[12345::]:80", "[::g]:80", "[fe80::1%eth0]:80", "[1.2.3.4]:80", "", " 127.0.0.1:80"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Addresses.parseEndpoint(bad), bad);
            if (!bad.isEmpty()) {
                assertTrue(e.getMessage().contains(bad.substring(0, Math.min(bad.length(), 5))), e.getMessage());
            }
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Addresses.parseEndpoint("1.2.3:80")).getMessage()
                .contains("'1.2.3'"));
    }

    @Test
    void printsAsNetstatDoes() throws Exception {
        InetAddress loop4 = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        assertEquals("127.0.0.1:80", Addresses.endpoint(new InetSocketAddress(loop4, 80), false));
        byte[] one = new byte[16];
        one[15] = 1;
        // Wine reports loopback with scope id 4096: netstat prints no zone except on link-local addresses.
        Inet6Address scoped = Inet6Address.getByAddress(null, one, 4096);
        assertEquals("[::1]:80", Addresses.endpoint(new InetSocketAddress(scoped, 80), true));
        byte[] ll = Addresses.ipv6Bytes("fe80::1");
        assertEquals("[fe80::1%12]:80", Addresses.endpoint(new InetSocketAddress(Inet6Address.getByAddress(null, ll, 12), 80), true));
        assertEquals("fe80::1", Addresses.host(InetAddress.getByAddress(ll), true));
        byte[] mapped = Addresses.ipv6Bytes("::ffff:7f00:1");
        assertEquals("[::ffff:127.0.0.1]:80",
                Addresses.endpoint(new InetSocketAddress(Inet6Address.getByAddress(null, mapped, 4096), 80), true));
        // Java turns an unscoped mapped address into an Inet4Address; a row of the IPv6 table still prints it mapped.
        InetAddress javaMapped = InetAddress.getByAddress(mapped);
        assertInstanceOf(Inet4Address.class, javaMapped);
        assertEquals("[::ffff:127.0.0.1]:80", Addresses.endpoint(new InetSocketAddress(javaMapped, 80), true));
        assertEquals("::", Addresses.ipv6Text(new byte[16]));
        // RFC 5952: longest run, the first of equal runs, no single-group ::, lower case, no leading zeros.
        assertEquals("2001:db8::1:0:0:1", Addresses.ipv6Text(Addresses.ipv6Bytes("2001:0db8:0:0:1:0:0:1")));
        assertEquals("2001:db8:0:1:1:1:1:1", Addresses.ipv6Text(Addresses.ipv6Bytes("2001:db8:0:1:1:1:1:1")));
        assertEquals("2001:db8::2:1", Addresses.ipv6Text(Addresses.ipv6Bytes("2001:DB8:0000:0000:0000:0000:2:1")));
        assertEquals("1::", Addresses.ipv6Text(Addresses.ipv6Bytes("1:0:0:0:0:0:0:0")));
        assertEquals("0:2:3:4:5:6:7:8", Addresses.ipv6Text(Addresses.ipv6Bytes("::2:3:4:5:6:7:8")));
    }
}
