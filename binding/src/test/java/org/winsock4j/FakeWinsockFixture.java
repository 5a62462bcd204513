package org.winsock4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.winsock4j.testing.FakeWinsockPort;

/**
 * The fake tier's one fixture (docs/ARCHITECTURE.md#test-design), which its test classes extend:
 * before each test a new {@link FakeWinsockPort}, started, and a {@link Winsock} over it, and the
 * socket the class asks for ({@link Opens}); after each test that socket closed, abortively if it
 * is still open (so that no linger setting a test left can make the close wait), and the fake's
 * {@link FakeWinsockPort#violations() violations} of the Winsock contract asserted empty: a call
 * on a closed number, a closesocket while a call is in progress, a second closesocket.
 *
 * <p>A class with more to set up adds its own {@code @BeforeEach} and {@code @AfterEach}: JUnit
 * runs this class's {@code @BeforeEach} before, and its {@code @AfterEach} after, those of the
 * class that extends it.
 */
abstract class FakeWinsockFixture {
    /** Where the fixture's TCP socket connects, and the peer the fake plays: 127.0.0.1:4000. */
    static final InetSocketAddress PEER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 4000);

    /** What the fixture opens before each test. */
    enum Opens {
        /** No socket: the test opens its own on {@link #winsock}. */
        NOTHING,
        /** A TCP socket over IPv4, not connected. */
        TCP,
        /** A TCP socket over IPv4, connected to {@link #PEER}. */
        CONNECTED_TCP,
        /** A UDP socket over IPv4, not connected. */
        UDP
    }

    private final Opens opens;
    /** The fake port, started (WSAStartup done), new for each test. */
    FakeWinsockPort fake;
    /** A Winsock over {@link #fake}. */
    Winsock winsock;
    /** The socket {@link Opens} asked for; null for {@link Opens#NOTHING} (a test may set it to null too). */
    WinSocket socket;
    /** {@link #socket}'s SOCKET number; 0 without one. */
    long raw;

    FakeWinsockFixture(Opens opens) {
        this.opens = opens;
    }

    @BeforeEach
    final void startTheFakeAndOpen() throws Exception {
        fake = FakeWinsockPort.started();
        winsock = Winsock.over(fake);
        socket = switch (opens) {
            case NOTHING -> null;
            case TCP, CONNECTED_TCP -> winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
            case UDP -> winsock.open(AddressFamily.INET, SocketType.DGRAM, Protocol.UDP);
        };
        raw = socket == null ? 0 : socket.rawHandle();
        if (opens == Opens.CONNECTED_TCP) {
            socket.connect(PEER);
        }
    }

    @AfterEach
    final void closeAndCheckNoViolations() throws Exception {
        if (socket != null && socket.isOpen()) {
            socket.closeAbortively();
        }
        assertEquals(List.of(), fake.violations());
    }

    /** The peer sends {@code s}, UTF-8, to the fixture's socket. */
    void deliver(String s) {
        fake.deliver(raw, s.getBytes(StandardCharsets.UTF_8));
    }
}
