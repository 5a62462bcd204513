package org.winsock4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.winsock4j.AddressFamily;
import org.winsock4j.IntOption;
import org.winsock4j.WinSocket;
import org.winsock4j.WinsockError;
import org.winsock4j.WinsockException;

/**
 * Real failures take the JDK's shapes (README, "Errors: one interface, the JDK's shapes") and keep
 * their WSA number, SDK name and operation: a refused connect, a SO_RCVTIMEO expiry, an address in
 * use.
 */
class JdkShapedErrorsWineTest {

    @ParameterizedTest
    @EnumSource(AddressFamily.class)
    void aRefusedConnectIsAConnectException(AddressFamily family) throws Exception {
        InetSocketAddress closedPort;
        try (WinSocket gone = Lab.tcp(family)) {
            gone.bind(new InetSocketAddress(Lab.loopback(family), 0));
            closedPort = gone.localAddress();
        }
        try (WinSocket s = Lab.tcp(family)) {
            ConnectException e = assertThrows(ConnectException.class, () -> s.connect(closedPort),
                    "connect to the closed port " + closedPort + " on " + Lab.platform());
            WinsockError w = assertInstanceOf(WinsockError.class, e);
            assertInstanceOf(WinsockException.ConnectionRefused.class, e);
            assertEquals(10061, w.code());
            assertEquals("WSAECONNREFUSED", w.sdkName());
            assertEquals("connect", w.operation());
            assertFalse(WinsockException.class.isInstance(e), "a ConnectException, not a WinsockException");
        }
    }

    @ParameterizedTest
    @EnumSource(AddressFamily.class)
    void aReceiveTimeoutIsASocketTimeoutException(AddressFamily family) throws Exception {
        try (Lab.Pair p = Lab.pair(family)) {
            p.client().setOption(IntOption.SO_RCVTIMEO, 200);
            long t0 = System.nanoTime();
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
                    () -> p.client().recv(new byte[8], 0, 8), "SO_RCVTIMEO 200 ms on " + Lab.platform());
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(ms >= 150, "waited the timeout: " + ms + " ms");
            WinsockError w = assertInstanceOf(WinsockError.class, e);
            assertEquals(10060, w.code());
            assertEquals("WSAETIMEDOUT", w.sdkName());
            assertEquals("recv", w.operation());
            // The socket stays usable after the timeout.
            p.server().send(new byte[] {7}, 0, 1);
            byte[] b = new byte[1];
            assertEquals(1, p.client().recv(b, 0, 1));
            assertEquals(7, b[0]);
        }
    }

    @ParameterizedTest
    @EnumSource(AddressFamily.class)
    void anAddressInUseIsABindException(AddressFamily family) throws Exception {
        try (WinSocket listener = Lab.listener(family); WinSocket second = Lab.tcp(family)) {
            BindException e = assertThrows(BindException.class, () -> second.bind(listener.localAddress()),
                    "bind to a listening address on " + Lab.platform());
            WinsockError w = assertInstanceOf(WinsockError.class, e);
            assertEquals(10048, w.code());
            assertEquals("WSAEADDRINUSE", w.sdkName());
            assertEquals("bind", w.operation());
        }
    }

    /**
     * A TCP connect to a multicast group has no route: Linux refuses it at once with
     * ENETUNREACH (a TCP connect whose route is multicast or broadcast), which Wine reports as
     * WSAENETUNREACH, a {@link NoRouteToHostException}. Windows is not in the lab: there the test
     * accepts the codes connect documents for an address it cannot reach (WSAENETUNREACH,
     * WSAEHOSTUNREACH) or cannot use (WSAEADDRNOTAVAIL,
     * https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-connect), and checks
     * the shape each one takes.
     */
    @ParameterizedTest
    @EnumSource(AddressFamily.class)
    void anUnreachableNetworkIsANoRouteToHostException(AddressFamily family) throws Exception {
        InetAddress group = InetAddress.getByName(family == AddressFamily.INET ? "224.0.0.1" : "ff0e::1");
        try (WinSocket s = Lab.tcp(family)) {
            IOException e = assertThrows(IOException.class, () -> s.connect(new InetSocketAddress(group, 9)),
                    "TCP connect to the multicast group " + group + " on " + Lab.platform());
            WinsockError w = assertInstanceOf(WinsockError.class, e, "a WinsockError: " + e);
            assertEquals("connect", w.operation());
            if (Lab.WINE) {
                assertInstanceOf(WinsockException.NetworkUnreachable.class, e);
                assertEquals(10051, w.code());
                assertEquals("WSAENETUNREACH", w.sdkName());
            } else {
                assertTrue(Set.of(10049, 10051, 10065).contains(w.code()), w.sdkName() + " on " + Lab.platform());
            }
            assertEquals(w.code() == 10051 || w.code() == 10065, e instanceof NoRouteToHostException,
                    "unreachable codes are NoRouteToHostExceptions, others not: " + e.getClass().getName());
        }
    }
}
