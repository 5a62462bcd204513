package org.winsock4j.example;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.winsock4j.AddressFamily;
import org.winsock4j.WinSocket;
import org.winsock4j.WinsockException;

public final class ReadmeExample {
    public static void main(String[] args) throws IOException {
        try (WinSocket s = WinSocket.openTcp(AddressFamily.INET)) { // WSAStartup(2.2) on first use
            s.connect(new InetSocketAddress("127.0.0.1", 8080));
            s.send("bye".getBytes(StandardCharsets.US_ASCII), 0, 3);
            // shutdown(SEND), wait up to 5 s for the peer's FIN, then close gracefully (true),
            // or reset the connection (false). close() alone would close in the background
            // (SO_DONTLINGER); closeAbortively() resets at once.
            boolean graceful = s.close(Duration.ofSeconds(5));
            System.out.println(graceful ? "closed gracefully" : "reset");
        } catch (WinsockException.ConnectionRefused e) {
            System.err.println(e.sdkName() + " " + e.code()); // WSAECONNREFUSED 10061
        }
    }
}
