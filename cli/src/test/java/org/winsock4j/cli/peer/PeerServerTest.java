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
}
