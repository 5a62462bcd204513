package demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.winsock4j.AddressFamily;
import org.winsock4j.Backend;
import org.winsock4j.WinSocket;

/**
 * A small program using winsock4j, repackaged into one jar with the README's maven-shade-plugin
 * and maven-assembly-plugin settings (scripts/check-shaded-jar.sh runs it under Wine on Java 25):
 * the backend it selects, twice (a JNA fallback is logged once), then a loopback round trip
 * through ws2_32. A failure is printed and ends the program with exit status 1 through
 * System.exit: under Wine 10 a Java program ended by an uncaught exception sometimes exits 0
 * (lab/README-lab.md, "Exit status of a Java program"), and the check judges the control by it.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        try {
            run();
        } catch (IOException | RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run() throws IOException {
        System.out.println("backend: " + Backend.selected());
        System.out.println("backend again: " + Backend.selected());
        try (WinSocket listener = WinSocket.openTcp(AddressFamily.INET)) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            listener.listen(1);
            try (WinSocket client = WinSocket.openTcp(AddressFamily.INET)) {
                client.connect(listener.localAddress());
                try (WinSocket accepted = listener.accept()) {
                    byte[] ping = "ping".getBytes(StandardCharsets.US_ASCII);
                    client.send(ping, 0, ping.length);
                    byte[] got = new byte[ping.length];
                    int n = 0;
                    while (n < got.length) {
                        int r = accepted.recv(got, n, got.length - n);
                        if (r <= 0) {
                            throw new IOException("the connection ended after " + n + " bytes");
                        }
                        n += r;
                    }
                    System.out.println("round trip: " + new String(got, StandardCharsets.US_ASCII));
                }
            }
        }
    }
}
