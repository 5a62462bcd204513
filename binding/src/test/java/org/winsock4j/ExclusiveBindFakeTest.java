package org.winsock4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.winsock4j.port.Sdk;
import org.winsock4j.testing.FakeWinsockPort;

/**
 * Issue 22 item 6 against the fake: the bind of a socket winsock4j opened is exclusive
 * (SO_EXCLUSIVEADDRUSE set right before it), unless the application set SO_REUSEADDR or
 * SO_EXCLUSIVEADDRUSE itself; adopted and borrowed sockets are bound as they are.
 */
class ExclusiveBindFakeTest extends FakeWinsockFixture {
    private static final InetSocketAddress LOCAL = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    ExclusiveBindFakeTest() {
        super(Opens.NOTHING);
    }

    /** The calls on {@code raw} after socket(), by function name. */
    private List<String> calls(long raw) {
        return fake.calls().stream().filter(c -> c.socket() == raw).map(FakeWinsockPort.Call::function).toList();
    }

    private Integer exclusive(long raw) {
        return fake.intOption(raw, Sdk.SOL_SOCKET, Sdk.SO_EXCLUSIVEADDRUSE);
    }

    @Test
    void aSocketWinsock4jOpenedBindsExclusivelyTcpAndUdp() throws Exception {
        for (SocketType type : SocketType.values()) {
            try (WinSocket s = winsock.open(AddressFamily.INET, type, Protocol.DEFAULT)) {
                long raw = s.rawHandle();
                s.bind(LOCAL);
                assertEquals(List.of("setsockopt", "bind"), calls(raw), type.toString());
                assertEquals(1, exclusive(raw), type + ": SO_EXCLUSIVEADDRUSE set before the bind");
                assertNull(fake.intOption(raw, Sdk.SOL_SOCKET, Sdk.SO_REUSEADDR));
            }
        }
    }

    @Test
    void setting0IsTheOptOut() throws Exception {
        try (WinSocket s = winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP)) {
            long raw = s.rawHandle();
            s.setOption(IntOption.SO_EXCLUSIVEADDRUSE, 0);
            s.bind(LOCAL);
            assertEquals(List.of("setsockopt", "bind"), calls(raw), "only the application's setsockopt");
            assertEquals(0, exclusive(raw));
        }
    }

    @Test
    void anExplicitReuseAddrIsHonouredAndNotMadeExclusive() throws Exception {
        try (WinSocket s = winsock.open(AddressFamily.INET, SocketType.DGRAM, Protocol.UDP)) {
            long raw = s.rawHandle();
            s.setOption(IntOption.SO_REUSEADDR, 1);
            s.bind(LOCAL);
            assertEquals(1, fake.intOption(raw, Sdk.SOL_SOCKET, Sdk.SO_REUSEADDR));
            assertNull(exclusive(raw), "SO_EXCLUSIVEADDRUSE with SO_REUSEADDR would fail (WSAEINVAL) and share nothing");
            assertEquals(1, fake.count("setsockopt", raw));
        }
    }

    @Test
    void anExplicitExclusiveAddrUseIsSetOnce() throws Exception {
        try (WinSocket s = winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP)) {
            long raw = s.rawHandle();
            s.setOption(IntOption.SO_EXCLUSIVEADDRUSE, 1);
            s.bind(LOCAL);
            assertEquals(1, fake.count("setsockopt", raw));
            assertEquals(1, exclusive(raw));
        }
    }

    @Test
    void aSecondBindDoesNotSetItAgain() throws Exception {
        try (WinSocket s = winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP)) {
            long raw = s.rawHandle();
            s.bind(LOCAL);
            WinsockException e = assertThrows(WinsockException.InvalidArgument.class, () -> s.bind(LOCAL));
            assertEquals("bind", e.operation());
            assertEquals(List.of("setsockopt", "bind", "bind"), calls(raw));
        }
    }

    @Test
    void adoptedAndBorrowedSocketsAreBoundAsTheyAre() throws Exception {
        long foreign = fake.createForeignSocket();
        try (WinSocket adopted = winsock.adopt(foreign)) {
            adopted.bind(LOCAL);
            assertEquals(List.of("bind"), calls(foreign));
        }
        long other = fake.createForeignSocket();
        WinSocket view = winsock.borrow(other);
        view.bind(LOCAL);
        assertEquals(List.of("bind"), calls(other));
        view.close();
    }

    @Test
    void aFailedExclusiveSetsockoptFailsTheBindBeforeItIsMade() throws Exception {
        try (WinSocket s = winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP)) {
            long raw = s.rawHandle();
            fake.failNext("setsockopt", WsaError.WSAENOPROTOOPT);
            WinsockException e = assertThrows(WinsockException.class, () -> s.bind(LOCAL));
            assertEquals("setsockopt", e.operation());
            assertEquals(WsaError.WSAENOPROTOOPT.code(), e.code());
            assertTrue(e.getMessage().contains("SO_EXCLUSIVEADDRUSE 0"), e.getMessage());
            assertEquals(0, fake.count("bind", raw), "no bind without the exclusive option");
            s.setOption(IntOption.SO_EXCLUSIVEADDRUSE, 0); // the opt-out the message names
            s.bind(LOCAL);
            assertFalse(fake.count("bind", raw) == 0);
        }
    }
}
