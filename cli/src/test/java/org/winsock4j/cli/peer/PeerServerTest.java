package org.winsock4j.cli.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The wire peer on this (any) JVM, driven over loopback as the probe under Wine drives it. */
@Timeout(60) // a wait in the peer is at most 20 s; anything longer is a hang
class PeerServerTest {
    private PeerServer server;
    private InetSocketAddress control;
    private Thread serving;

    @BeforeEach
    void start() throws Exception {
        server = new PeerServer(0);
        control = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
        serving = new Thread(() -> {
            try {
                server.serve(30);
            } catch (Exception e) {
                // closed by the test
            }
        });
        serving.setDaemon(true);
        serving.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        serving.join(5000);
    }

    @Test
    void reportsBytesThenEndOfStream() throws Exception {
        assertEquals("PONG", PeerServer.request(control, "PING"));
        String[] open = PeerServer.request(control, "OPEN READ").split(" ");
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(open[2]))) {
            s.getOutputStream().write(new byte[1000]);
            assertEquals("OK", PeerServer.request(control, "BYTES " + open[1] + " 1000"));
            s.shutdownOutput();
            assertEquals("OK", PeerServer.request(control, "GO " + open[1]));
            assertEquals("RESULT 1000 EOF", PeerServer.request(control, "RESULT " + open[1]));
        }
        assertEquals("OK", PeerServer.request(control, "RELEASE " + open[1]));
    }

    @Test
    void aResetIsEconnresetAndSilenceIsOpen() throws Exception {
        String[] held = PeerServer.request(control, "OPEN HOLD").split(" ");
        Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(held[2]));
        OutputStream out = s.getOutputStream();
        out.write(new byte[10]);
        out.flush();
        Thread.sleep(100);
        s.setSoLinger(true, 0);
        s.close(); // RST
        assertEquals("OK", PeerServer.request(control, "GO " + held[1]));
        String result = PeerServer.request(control, "RESULT " + held[1]);
        assertTrue(result.endsWith(" ECONNRESET"), result);

        String[] quiet = PeerServer.request(control, "OPEN READ").split(" ");
        try (Socket q = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(quiet[2]))) {
            assertEquals("OK", PeerServer.request(control, "GO " + quiet[1]));
            assertEquals("RESULT 0 OPEN", PeerServer.request(control, "RESULT " + quiet[1]));
            assertEquals("OK", PeerServer.request(control, "RELEASE " + quiet[1]));
        }
        assertTrue(PeerServer.request(control, "NONSENSE").startsWith("ERROR"));
    }

    @Test
    void connectsToTheProbesListenerAndThenWorksLikeOpen() throws Exception {
        try (ServerSocket probe = probeListener()) {
            String[] c = ask("CONNECT " + probe.getLocalPort() + " READ").split(" ");
            assertEquals("OK", c[0], String.join(" ", c));
            try (Socket s = probe.accept()) {
                assertEquals("127.0.0.1", s.getInetAddress().getHostAddress());
                assertEquals(Integer.parseInt(c[2]), s.getPort());
                s.getOutputStream().write(new byte[1000]);
                assertEquals("OK", ask("BYTES " + c[1] + " 1000"));
                s.shutdownOutput();
                assertEquals("OK", ask("GO " + c[1]));
                assertEquals("RESULT 1000 EOF", ask("RESULT " + c[1]));
            }
            assertEquals("OK", ask("RELEASE " + c[1]));
        }
    }

    @Test
    void sendArrivesAsThatManyZeros() throws Exception {
        try (ServerSocket probe = probeListener()) {
            String[] c = ask("CONNECT " + probe.getLocalPort() + " HOLD").split(" ");
            try (Socket s = probe.accept()) {
                s.setSoTimeout(5000);
                assertEquals("OK 1000", ask("SEND " + c[1] + " 1000"));
                assertArrayEquals(new byte[1000], s.getInputStream().readNBytes(1000));
                assertEquals("OK 0", ask("SEND " + c[1] + " 0"));
                s.setSoTimeout(300);
                assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read(), "nothing past the 1000 bytes");
            }
            assertEquals("OK", ask("RELEASE " + c[1]));
        }
        String[] open = ask("OPEN HOLD").split(" "); // the probe connected: SEND works the same
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(open[2]))) {
            s.setSoTimeout(5000);
            String sent = "";
            for (int i = 0; i < 100 && !sent.equals("OK 10"); i++) { // until the peer has accepted
                sent = ask("SEND " + open[1] + " 10");
                Thread.sleep(10);
            }
            assertEquals("OK 10", sent);
            assertArrayEquals(new byte[10], s.getInputStream().readNBytes(10));
        }
        assertEquals("OK", ask("RELEASE " + open[1]));
    }

    @Test
    void sendAfterTheProbesResetIsAnError() throws Exception {
        try (ServerSocket probe = probeListener()) {
            String[] c = ask("CONNECT " + probe.getLocalPort() + " HOLD").split(" ");
            Socket s = probe.accept();
            s.setSoLinger(true, 0);
            s.close(); // RST
            String sent = "";
            for (int i = 0; i < 5 && !sent.startsWith("ERROR"); i++) { // a send before the RST arrived succeeds
                sent = ask("SEND " + c[1] + " 1000");
                Thread.sleep(50);
            }
            assertTrue(sent.matches("ERROR (Connection reset|Broken pipe).*"), sent);
            assertEquals("OK", ask("RELEASE " + c[1]));
        }
    }

    @Test
    void connectToAClosedPortIsAnError() throws Exception {
        int port;
        try (ServerSocket gone = probeListener()) {
            port = gone.getLocalPort();
        }
        String answer = ask("CONNECT " + port + " READ");
        assertTrue(answer.startsWith("ERROR connect to 127.0.0.1:" + port + " failed: "), answer);
    }

    @Test
    void badRequestsAreAnsweredWithTheBadValue() throws Exception {
        assertNamed("CONNECT abc READ", "abc");
        assertNamed("CONNECT 0 READ", "0");
        assertNamed("CONNECT 65536 READ", "65536");
        assertNamed("CONNECT -1 READ", "-1");
        assertNamed("CONNECT 99999999999999999999 READ", "99999999999999999999");
        assertNamed("CONNECT 1234 SIDEWAYS", "SIDEWAYS");
        assertNamed("CONNECT 1234 READ LATER", "LATER");
        assertNamed("CONNECT 1234 READ EAGER NOW", "NOW");
        assertTrue(ask("CONNECT").startsWith("ERROR missing port"));
        assertTrue(ask("CONNECT 1234").startsWith("ERROR missing READ|HOLD"));

        String id = ask("OPEN HOLD").split(" ")[1]; // nobody connects to it
        assertNamed("SEND x 10", "x");
        assertNamed("SEND 999 10", "999");
        assertNamed("SEND " + id + " -1", "-1");
        assertNamed("SEND " + id + " 67108865", "67108865");
        assertNamed("SEND " + id + " ten", "ten");
        assertTrue(ask("SEND " + id).startsWith("ERROR missing n"));
        assertEquals("ERROR connection " + id + " not connected yet", ask("SEND " + id + " 10"));
        assertNamed("BYTES " + id + " many", "many");
        assertNamed("GO nope", "nope");
        assertNamed("RESULT 999", "999");
        assertNamed("RELEASE nope", "nope");
        assertEquals("OK", ask("RELEASE " + id));
        assertEquals("PONG", ask("PING")); // still serving
    }

    private String ask(String line) throws Exception {
        return PeerServer.request(control, line);
    }

    private void assertNamed(String request, String badValue) throws Exception {
        String answer = ask(request);
        assertTrue(answer.startsWith("ERROR ") && answer.endsWith(" " + badValue), request + " -> " + answer);
    }

    private static ServerSocket probeListener() throws Exception {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress("127.0.0.1", 0), 1);
        s.setSoTimeout(5000);
        return s;
    }
}
