package org.winsock4j.cli.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wire peer on this (any) JVM, driven over loopback as the probe under Wine drives it. */
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
    @org.junit.jupiter.api.Timeout(value = 30, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void connectsToTheProbesListenerAndSendsWhenAsked() throws Exception {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String[] ok = PeerServer.request(control, "CONNECT " + probe.getLocalPort() + " READ").split(" ");
            assertEquals("OK", ok[0]);
            try (Socket accepted = probe.accept()) {
                assertEquals(Integer.parseInt(ok[2]), accepted.getPort(), "OK names the peer's own port");
                assertEquals("OK 1000", PeerServer.request(control, "SEND " + ok[1] + " 1000"));
                byte[] got = accepted.getInputStream().readNBytes(1000);
                assertEquals(1000, got.length);
                accepted.getOutputStream().write(new byte[7]);
                assertEquals("OK", PeerServer.request(control, "BYTES " + ok[1] + " 7"));
                accepted.setSoLinger(true, 0);
            }
            String after = "";
            for (int i = 0; i < 50 && !after.startsWith("ERROR"); i++) {
                after = PeerServer.request(control, "SEND " + ok[1] + " 65536");
            }
            assertTrue(after.startsWith("ERROR"), "sending into a reset connection fails at last: " + after);
            assertEquals("OK", PeerServer.request(control, "RELEASE " + ok[1]));
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 30, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void badRequestsAreAnsweredWithAnErrorNamingTheValue() throws Exception {
        int closedPort;
        try (java.net.ServerSocket gone = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = gone.getLocalPort();
        }
        String refused = PeerServer.request(control, "CONNECT " + closedPort + " READ");
        assertTrue(refused.startsWith("ERROR connect to 127.0.0.1:" + closedPort), refused);
        assertTrue(PeerServer.request(control, "CONNECT 70000 READ").contains("'70000'"));
        assertTrue(PeerServer.request(control, "CONNECT x READ").contains("'x'"));
        assertTrue(PeerServer.request(control, "CONNECT 80").startsWith("ERROR usage"));
        assertTrue(PeerServer.request(control, "SEND 999 10").contains("no connection 999"));
        String[] open = PeerServer.request(control, "OPEN HOLD").split(" ");
        assertTrue(PeerServer.request(control, "SEND " + open[1] + " -1").contains("'-1'"));
        assertTrue(PeerServer.request(control, "SEND " + open[1] + " 999999999").contains("'999999999'"));
        assertTrue(PeerServer.request(control, "SEND " + open[1] + " 1").contains("no socket yet"));
        assertEquals("OK", PeerServer.request(control, "RELEASE " + open[1]));
    }
}
