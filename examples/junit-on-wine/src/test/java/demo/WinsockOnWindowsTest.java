package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.winsock4j.AddressFamily;
import org.winsock4j.WinSocket;
import org.winsock4j.WinsockException;

/**
 * Tests a project of your own might write: what Winsock does, through winsock4j, on a Windows
 * JVM (natively, or on the lab's under Wine).
 */
class WinsockOnWindowsTest {
    static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @Test
    void runsOnAWindowsJvm() {
        // Under Wine too: Wine's JVM is a Windows one, its sockets are ws2_32's.
        assertTrue(System.getProperty("os.name").startsWith("Windows"), System.getProperty("os.name"));
    }

    @Test
    void aNewTcpSocketClosesInTheBackground() throws Exception {
        try (WinSocket s = WinSocket.openTcp(AddressFamily.INET)) {
            assertTrue(s.dontLinger(), "SO_DONTLINGER is Winsock's default: closesocket returns at once");
        }
    }

    @Test
    void aRefusedConnectCarriesTheWsaError() throws Exception {
        // A bound socket that does not listen: its port is taken, and a connect to it is refused.
        try (WinSocket bound = WinSocket.openTcp(AddressFamily.INET);
                WinSocket client = WinSocket.openTcp(AddressFamily.INET)) {
            bound.bind(ANY_LOOPBACK_PORT);
            WinsockException.ConnectionRefused e = assertThrows(WinsockException.ConnectionRefused.class,
                    () -> client.connect(bound.localAddress()));
            assertEquals(10061, e.code());
            assertEquals("WSAECONNREFUSED", e.sdkName());
            assertEquals("connect", e.operation());
        }
    }

    @Test
    void closeWithATimeoutIsGracefulWhenThePeerClosesToo() throws Exception {
        try (WinSocket listener = WinSocket.openTcp(AddressFamily.INET)) {
            listener.bind(ANY_LOOPBACK_PORT);
            listener.listen(1);
            // The peer reads to the end of the stream, then closes: its FIN answers ours.
            CompletableFuture<String> peer = CompletableFuture.supplyAsync(() -> {
                try (WinSocket accepted = listener.accept()) {
                    return new String(accepted.inputStream().readAllBytes(), StandardCharsets.US_ASCII);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            WinSocket client = WinSocket.openTcp(AddressFamily.INET);
            client.connect(listener.localAddress());
            client.send("bye".getBytes(StandardCharsets.US_ASCII), 0, 3);
            assertTrue(client.close(Duration.ofSeconds(5)), "the peer's FIN came: a graceful close, no reset");
            assertEquals("bye", peer.get(5, TimeUnit.SECONDS));
        }
    }
}
