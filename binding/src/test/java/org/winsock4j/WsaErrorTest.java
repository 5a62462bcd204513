package org.winsock4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WsaErrorTest {

    /** The codes of docs/ARCHITECTURE.md#contract and WSAEMSGSIZE (datagrams), and the type each must raise. */
    private static final Map<WsaError, Class<? extends IOException>> TYPED = Map.ofEntries(
            Map.entry(WsaError.WSANOTINITIALISED, WinsockException.NotInitialised.class),
            Map.entry(WsaError.WSAENETDOWN, WinsockException.NetworkDown.class),
            Map.entry(WsaError.WSAENOTSOCK, WinsockException.NotSocket.class),
            Map.entry(WsaError.WSAEINPROGRESS, WinsockException.InProgress.class),
            Map.entry(WsaError.WSAEINTR, WinsockException.Interrupted.class),
            Map.entry(WsaError.WSAEWOULDBLOCK, WinsockException.WouldBlock.class),
            Map.entry(WsaError.WSA_OPERATION_ABORTED, WinsockException.OperationAborted.class),
            Map.entry(WsaError.WSAECONNRESET, WinsockException.ConnectionReset.class),
            Map.entry(WsaError.WSAECONNABORTED, WinsockException.ConnectionAborted.class),
            Map.entry(WsaError.WSAECONNREFUSED, WinsockException.ConnectionRefused.class),
            Map.entry(WsaError.WSAEADDRINUSE, WinsockException.AddressInUse.class),
            Map.entry(WsaError.WSAESHUTDOWN, WinsockException.Shutdown.class),
            Map.entry(WsaError.WSAEINVAL, WinsockException.InvalidArgument.class),
            Map.entry(WsaError.WSAEFAULT, WinsockException.Fault.class),
            Map.entry(WsaError.WSAETIMEDOUT, WinsockException.TimedOut.class),
            Map.entry(WsaError.WSAENOTCONN, WinsockException.NotConnected.class),
            Map.entry(WsaError.WSAEHOSTUNREACH, WinsockException.HostUnreachable.class),
            Map.entry(WsaError.WSAENETUNREACH, WinsockException.NetworkUnreachable.class),
            Map.entry(WsaError.WSAEMSGSIZE, WinsockException.MessageSize.class));

    /** The five codes that take the JDK's shape, and that shape (the README's table). */
    private static final Map<WsaError, Class<? extends IOException>> JDK_SHAPED = Map.of(
            WsaError.WSAECONNREFUSED, ConnectException.class,
            WsaError.WSAEADDRINUSE, BindException.class,
            WsaError.WSAETIMEDOUT, SocketTimeoutException.class,
            WsaError.WSAEHOSTUNREACH, NoRouteToHostException.class,
            WsaError.WSAENETUNREACH, NoRouteToHostException.class);

    @ParameterizedTest
    @EnumSource(WsaError.class)
    void everyCodeMapsToItsTypeAndMessage(WsaError error) {
        IOException raised = WinsockException.of("recv", error.code());
        Class<? extends IOException> expected = TYPED.getOrDefault(error, WinsockException.class);
        assertSame(expected, raised.getClass(), error + " raised " + raised.getClass());
        WinsockError e = assertInstanceOf(WinsockError.class, raised);
        assertEquals(error.code(), e.code());
        assertEquals(error, e.error().orElseThrow());
        assertEquals(error.name(), e.sdkName());
        assertEquals("recv", e.operation());
        assertEquals("recv failed: " + error.name() + " (" + error.code() + "): " + error.meaning(),
                raised.getMessage());
        assertSame(error, WsaError.forCode(error.code()));
        Class<? extends IOException> jdk = JDK_SHAPED.get(error);
        if (jdk != null) {
            assertInstanceOf(jdk, raised);
            assertFalse(raised instanceof WinsockException, error + " must not also be a WinsockException");
        } else {
            assertInstanceOf(WinsockException.class, raised);
            assertInstanceOf(SocketException.class, raised);
        }
    }

    @ParameterizedTest
    @EnumSource(value = WsaError.class, names = {"WSAECONNREFUSED", "WSAEADDRINUSE", "WSAETIMEDOUT",
        "WSAEHOSTUNREACH", "WSAENETUNREACH"})
    void theFunctionsThatDeclareWinsockExceptionGetAPlainOneForJdkShapedCodes(WsaError error) {
        WinsockException e = WinsockException.unshaped("closesocket", error.code(), null);
        assertSame(WinsockException.class, e.getClass());
        assertEquals(error.code(), e.code());
        assertEquals("closesocket", e.operation());
    }

    @Test
    void jdkShapedExceptionsObeyTheStackTraceSwitch() {
        assertTrue(WinsockException.of("connect", 10061).getStackTrace().length > 0);
    }

    @Test
    void anExistingJdkCatchBlockCatchesARefusedConnect() {
        try {
            throw WinsockException.of("connect", WsaError.WSAECONNREFUSED.code());
        } catch (ConnectException expected) {
            WinsockError w = assertInstanceOf(WinsockError.class, expected);
            assertEquals("WSAECONNREFUSED", w.sdkName());
            assertEquals("connect", w.operation());
        } catch (IOException other) {
            throw new AssertionError("wrong type " + other.getClass(), other);
        }
    }

    @Test
    void theMessageReadsAsTheIssueSays() {
        assertEquals("closesocket failed: WSAEWOULDBLOCK (10035): A non-blocking socket operation could not be"
                + " completed immediately.", WinsockException.of("closesocket", 10035).getMessage());
    }

    @Test
    void aNoteIsAppended() {
        IOException e = WinsockException.of("closesocket", 10035, "The socket is still open.");
        assertTrue(e.getMessage().endsWith("immediately. The socket is still open."), e.getMessage());
    }

    @Test
    void anUnknownNumberKeepsItsValue() {
        WinsockException e = assertInstanceOf(WinsockException.class, WinsockException.of("send", 12345));
        assertSame(WinsockException.class, e.getClass());
        assertEquals(12345, e.code());
        assertTrue(e.error().isEmpty());
        assertEquals("error 12345", e.sdkName());
        assertEquals("send failed: unknown Winsock error (12345)", e.getMessage());
        assertNull(WsaError.forCode(12345));
    }

    @Test
    void theWsaRangeIsComplete() {
        Set<Integer> codes = Arrays.stream(WsaError.values()).map(WsaError::code).collect(Collectors.toSet());
        int[] wsaRange = {
            10004, 10009, 10013, 10014, 10022, 10024,
            10035, 10036, 10037, 10038, 10039, 10040, 10041, 10042, 10043, 10044, 10045, 10046, 10047, 10048,
            10049, 10050, 10051, 10052, 10053, 10054, 10055, 10056, 10057, 10058, 10059, 10060, 10061, 10062,
            10063, 10064, 10065, 10066, 10067, 10068, 10069, 10070, 10071, 10091, 10092, 10093,
            10101, 10102, 10103, 10104, 10105, 10106, 10107, 10108, 10109, 10110, 10111, 10112};
        for (int code : wsaRange) {
            assertTrue(codes.contains(code), "missing " + code);
        }
        for (int code = 11001; code <= 11031; code++) {
            assertTrue(codes.contains(code), "missing " + code);
        }
        for (int code : new int[] {6, 8, 87, 995, 996, 997}) {
            assertTrue(codes.contains(code), "missing " + code);
        }
        assertEquals(wsaRange.length + 31 + 6, WsaError.values().length, "no code beyond the SDK's");
    }

    @Test
    void namesAreSdkNamesAndMeaningsOneLine() {
        for (WsaError e : WsaError.values()) {
            assertTrue(e.name().startsWith("WSA"), e.name());
            assertFalse(e.meaning().isBlank(), e.name());
            assertFalse(e.meaning().contains("\n"), e.name());
            assertTrue(e.meaning().endsWith("."), e.name());
        }
    }

    @Test
    void typedExceptionsCanBeCaughtByType() {
        try {
            throw WinsockException.of("closesocket", WsaError.WSAEWOULDBLOCK.code());
        } catch (WinsockException.WouldBlock expected) {
            assertEquals(10035, expected.code());
        } catch (IOException other) {
            throw new AssertionError("wrong type " + other.getClass(), other);
        }
    }

    @Test
    void stackTracesAreCapturedByDefault() {
        assertTrue(WinsockException.STACK_TRACES);
        assertTrue(WinsockException.of("send", 10054).getStackTrace().length > 0);
    }
}
