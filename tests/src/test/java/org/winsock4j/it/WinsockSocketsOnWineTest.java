package org.winsock4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.winsock4j.AddressFamily;
import org.winsock4j.WinSocket;
import org.winsock4j.WinsockError;
import org.winsock4j.WsaError;
import org.winsock4j.net.WinsockSocket;
import org.winsock4j.net.WinsockSocketFactory;
import org.winsock4j.net.WinsockSslSocketFactory;

/**
 * winsock4j's java.net sockets on Wine's ws2_32, where the compatibility suite's peers cannot go:
 * urgent data, refused and unanswered connects, TLS end to end, and what a close puts on the wire.
 * Each case runs the JDK's Socket beside winsock4j's and expects the same outcome; what winsock4j
 * adds (the WinsockError behind each failure) is asserted on its side only.
 */
class WinsockSocketsOnWineTest {
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        threads.shutdownNow();
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private static ServerSocket loopbackListener() throws IOException {
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        s.setSoTimeout(10_000);
        return s;
    }

    private static InetSocketAddress addressOf(ServerSocket s) {
        return new InetSocketAddress(s.getInetAddress(), s.getLocalPort());
    }

    private Socket socketOf(boolean winsock4j) throws IOException {
        Socket s = winsock4j ? new WinsockSocket(Lab.WINSOCK) : new Socket();
        toClose.add(s);
        return s;
    }

    /** "a", the urgent byte, "b": a receiver with SO_OOBINLINE reads "a!b" from either sender. */
    @Test
    void urgentDataReachesAnInlineReceiver() throws Exception {
        for (boolean winsock4j : new boolean[] {false, true}) {
            try (ServerSocket listener = loopbackListener()) {
                Socket sender = socketOf(winsock4j);
                sender.connect(addressOf(listener));
                try (Socket receiver = listener.accept()) {
                    receiver.setOOBInline(true);
                    receiver.setSoTimeout(10_000);
                    sender.setTcpNoDelay(true);
                    sender.getOutputStream().write('a');
                    sender.sendUrgentData('!');
                    sender.getOutputStream().write('b');
                    sender.shutdownOutput();
                    assertEquals("a!b", new String(receiver.getInputStream().readAllBytes(), StandardCharsets.US_ASCII),
                            winsock4j ? "winsock4j" : "JDK");
                }
            }
        }
    }

    /** A refused connect: ConnectException from both; winsock4j's is the WSAECONNREFUSED WinsockError. */
    @Test
    void aRefusedConnectIsAConnectException() throws Exception {
        InetSocketAddress nobody;
        try (ServerSocket gone = loopbackListener()) {
            nobody = addressOf(gone);
        }
        for (boolean winsock4j : new boolean[] {false, true}) {
            Socket s = socketOf(winsock4j);
            ConnectException e = assertThrows(ConnectException.class, () -> s.connect(nobody, 5000));
            // A failed connect closes the socket. The JDK's Socket says so from Java 25 on (Java 17
            // and 21 close it underneath but keep isClosed() false); winsock4j's always does.
            assertEquals(winsock4j || Runtime.version().feature() >= 25, s.isClosed(), "closed after the failed connect");
            if (winsock4j) {
                assertEquals(WsaError.WSAECONNREFUSED.code(), ((WinsockError) e).code());
                assertEquals(WsaError.WSAECONNREFUSED.code(), ((WinsockSocket) s).lastFailure().orElseThrow().code());
            }
        }
    }

    /**
     * A connect nobody answers (a full backlog: Linux drops the SYN) ends at its timeout with a
     * SocketTimeoutException, from both.
     */
    @Test
    void anUnansweredConnectTimesOut() throws Exception {
        try (WinSocket listener = Lab.tcp(AddressFamily.INET)) {
            listener.bind(new InetSocketAddress(Lab.loopback(AddressFamily.INET), 0));
            listener.listen(1);
            InetSocketAddress full = null;
            for (int i = 0; i < 16 && full == null; i++) {
                WinSocket c = Lab.tcp(AddressFamily.INET);
                toClose.add(c);
                try {
                    c.connect(listener.localAddress(), Duration.ofMillis(300));
                } catch (SocketTimeoutException backlogFull) {
                    full = listener.localAddress();
                }
            }
            assertTrue(full != null, "the backlog filled");
            for (boolean winsock4j : new boolean[] {false, true}) {
                Socket s = socketOf(winsock4j);
                long start = System.nanoTime();
                InetSocketAddress target = full;
                SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> s.connect(target, 400));
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(millis >= 350 && millis < 5000, "about the 400 ms: " + millis);
                if (winsock4j) {
                    assertEquals(WsaError.WSAETIMEDOUT.code(), ((WinsockError) e).code());
                }
            }
        }
    }

    /**
     * TLS end to end: the JDK's TLS layered over a WinsockSocket with
     * {@code SSLSocketFactory.createSocket(socket, host, port, true)}, and through
     * {@link WinsockSslSocketFactory}, against the JDK's TLS server; closing the TLS socket
     * closes the WinsockSocket under it.
     */
    @Test
    void tlsOverAWinsockSocket() throws Exception {
        SSLContext tls = TlsOverChannelWineTest.context();
        try (SSLServerSocket server = (SSLServerSocket) tls.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Future<String> echo = threads.submit(() -> {
                StringBuilder got = new StringBuilder();
                for (int i = 0; i < 2; i++) {
                    try (Socket c = server.accept()) {
                        String line = new String(c.getInputStream().readNBytes(5), StandardCharsets.US_ASCII);
                        c.getOutputStream().write(("echo " + line).getBytes(StandardCharsets.US_ASCII));
                        got.append(line);
                    }
                }
                return got.toString();
            });
            WinsockSocket plain = new WinsockSocket(Lab.WINSOCK);
            plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
            try (SSLSocket layered = (SSLSocket) tls.getSocketFactory()
                    .createSocket(plain, "localhost", server.getLocalPort(), true)) {
                layered.getOutputStream().write("first".getBytes(StandardCharsets.US_ASCII));
                assertEquals("echo first", new String(layered.getInputStream().readNBytes(10), StandardCharsets.US_ASCII));
                assertTrue(layered.getSession().isValid());
            }
            assertTrue(plain.isClosed(), "autoClose: the TLS socket's close closed the WinsockSocket");
            WinsockSslSocketFactory factory = new WinsockSslSocketFactory(tls);
            try (SSLSocket s = (SSLSocket) factory.createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                s.getOutputStream().write("again".getBytes(StandardCharsets.US_ASCII));
                assertEquals("echo again", new String(s.getInputStream().readNBytes(10), StandardCharsets.US_ASCII));
            }
            assertEquals("firstagain", echo.get(30, TimeUnit.SECONDS));
        }
    }

    /** How the peer's read ends: "EOF" (a FIN) or "reset". */
    private static String endSeenBy(Socket peer) throws IOException {
        InputStream in = peer.getInputStream();
        try {
            while (in.read() >= 0) {
                // drain
            }
            return "EOF";
        } catch (SocketException e) {
            return "reset";
        }
    }

    /**
     * A close while another thread reads: the reader is blocked in recv, and the close shuts the
     * output down before it cancels that receive, so the peer sees a FIN, not the reset Windows
     * sends for a cancelled receive (JDK-8358764; the package documentation); the reader gets
     * "Socket closed". Wine closes gracefully even without the shutdown, so only the Windows job
     * can tell the two apart.
     */
    @Test
    void aCloseWhileAnotherThreadReadsEndsWithAFin() throws Exception {
        try (ServerSocket listener = loopbackListener()) {
            Socket s = socketOf(true);
            s.connect(addressOf(listener));
            try (Socket peer = listener.accept()) {
                peer.setSoTimeout(10_000);
                Future<Integer> reader = threads.submit(() -> s.getInputStream().read());
                Thread.sleep(200);
                s.close();
                Exception e = assertThrows(java.util.concurrent.ExecutionException.class, () -> reader.get(10, TimeUnit.SECONDS));
                assertEquals("Socket closed", e.getCause().getMessage());
                assertEquals("EOF", endSeenBy(peer));
            }
        }
    }

    /**
     * The WinSocket behind the Socket decides what ends the connection: closeAbortively() a reset
     * (Wine 8 gives its Winsock peer the end of the stream instead), close() a FIN.
     */
    @Test
    void theWinSocketsAbortiveCloseResetsAndItsGracefulCloseSendsAFin() throws Exception {
        for (boolean abortive : new boolean[] {true, false}) {
            try (ServerSocket listener = loopbackListener()) {
                Socket s = new WinsockSocketFactory(Lab.WINSOCK).createSocket(listener.getInetAddress(), listener.getLocalPort());
                toClose.add(s);
                try (Socket peer = listener.accept()) {
                    peer.setSoTimeout(10_000);
                    WinSocket w = ((WinsockSocket) s).winSocket();
                    if (abortive) {
                        w.closeAbortively();
                    } else {
                        w.close();
                    }
                    assertTrue(s.isClosed());
                    String expected = abortive && Lab.WINE_MAJOR != 8 ? "reset" : "EOF";
                    assertEquals(expected, endSeenBy(peer), (abortive ? "abortive" : "graceful") + " on " + Lab.platform());
                }
            }
        }
    }

    /** A reader on a virtual thread parks (its carrier is free) and a close from another thread ends it. */
    @Test
    void aVirtualThreadReadsAndIsEndedByAClose() throws Exception {
        ExecutorService virtual = org.winsock4j.net.SocketCompatibilitySuite.virtualThreads();
        if (virtual == null) {
            assertTrue(Runtime.version().feature() < 21, "Java " + Runtime.version() + " has virtual threads");
            return;
        }
        try (ServerSocket listener = loopbackListener()) {
            Socket s = socketOf(true);
            s.connect(addressOf(listener));
            try (Socket peer = listener.accept()) {
                peer.getOutputStream().write('x');
                assertEquals('x', (int) virtual.submit(() -> s.getInputStream().read()).get(10, TimeUnit.SECONDS));
                Future<Integer> reader = virtual.submit(() -> s.getInputStream().read());
                Thread.sleep(200);
                assertFalse(reader.isDone());
                s.close();
                Exception e = assertThrows(java.util.concurrent.ExecutionException.class, () -> reader.get(10, TimeUnit.SECONDS));
                assertInstanceOf(SocketException.class, e.getCause());
            }
        } finally {
            virtual.shutdownNow();
        }
    }
}
