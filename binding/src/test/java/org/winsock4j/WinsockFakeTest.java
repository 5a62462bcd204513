package org.winsock4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.winsock4j.port.Sdk;
import org.winsock4j.testing.FakeWinsockPort;

class WinsockFakeTest {

    @Test
    void theFirstOpenStartsWinsockImplicitlyOnce() throws Exception {
        FakeWinsockPort fake = new FakeWinsockPort();
        Winsock winsock = Winsock.over(fake);
        assertEquals(0, fake.count("WSAStartup"), "nothing happens before first use");
        winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP).close();
        winsock.open(AddressFamily.INET6, SocketType.STREAM, Protocol.TCP).close();
        assertEquals(1, fake.count("WSAStartup"));
        assertEquals(1, fake.startupCount());
    }

    @Test
    void implicitStartupIsThreadSafe() throws Exception {
        FakeWinsockPort fake = new FakeWinsockPort();
        Winsock winsock = Winsock.over(fake);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP).close();
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), failures);
        assertEquals(1, fake.count("WSAStartup"));
    }

    @Test
    void explicitSessionsCountAndTheLastCleanupEndsWinsock() throws Exception {
        FakeWinsockPort fake = new FakeWinsockPort();
        Winsock winsock = Winsock.over(fake);
        Winsock.Session first = winsock.startup();
        Winsock.Session second = winsock.startup();
        assertEquals(Sdk.WINSOCK_VERSION_2_2, first.version());
        assertEquals(Sdk.WINSOCK_VERSION_2_2, first.highVersion());
        assertEquals(2, fake.startupCount());
        first.close();
        first.close(); // once only
        assertEquals(1, fake.count("WSACleanup"));
        winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP).close();
        second.close();
        assertEquals(0, fake.startupCount());
        WinsockException e = assertThrows(WinsockException.NotInitialised.class,
                () -> winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP));
        assertEquals("socket", e.operation());
        assertTrue(e.getMessage().endsWith("(The application's last Winsock session is closed.)"), e.getMessage());
        assertThrows(WinsockException.NotInitialised.class, () -> winsock.adopt(fake.createForeignSocket()));
        assertEquals(2, fake.count("WSAStartup"), "no implicit start-up once the application manages it");
        assertEquals(1, fake.count("socket"), "refused before reaching ws2_32");
    }

    @Test
    void startupFailureIsTyped() {
        FakeWinsockPort fake = new FakeWinsockPort();
        fake.failNext("WSAStartup", WsaError.WSASYSNOTREADY);
        WinsockException e = assertThrows(WinsockException.class, () -> Winsock.over(fake).startup());
        assertEquals("WSAStartup", e.operation());
        assertEquals(WsaError.WSASYSNOTREADY, e.error().orElseThrow());
    }

    @Test
    void implicitStartupFailureIsTypedAndRetried() throws Exception {
        FakeWinsockPort fake = new FakeWinsockPort();
        fake.failNext("WSAStartup", WsaError.WSAEPROCLIM);
        Winsock winsock = Winsock.over(fake);
        assertThrows(WinsockException.class, () -> winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP));
        winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP).close();
        assertEquals(2, fake.count("WSAStartup"));
    }

    @Test
    void cleanupFailureIsTyped() throws Exception {
        FakeWinsockPort fake = new FakeWinsockPort();
        Winsock.Session session = Winsock.over(fake).startup();
        fake.failNext("WSACleanup", WsaError.WSAEINPROGRESS);
        assertThrows(WinsockException.InProgress.class, session::close);
    }

    @Test
    void eachOverIsIndependent() {
        FakeWinsockPort fake = FakeWinsockPort.started();
        assertNotSame(Winsock.over(fake), Winsock.over(fake));
        assertThrows(NullPointerException.class, () -> Winsock.over(null));
        assertSame(Winsock.system(), Winsock.system());
    }

    @Test
    void theSystemWinsockNamesTheOsWhenItCannotWork() throws Exception {
        if (Platform.isWindows()) {
            // On Windows (or Wine) the same call must simply work.
            WinSocket s = WinSocket.openTcp(AddressFamily.INET);
            assertTrue(s.isOpen());
            s.close();
            return;
        }
        WinsockUnavailableException e = assertThrows(WinsockUnavailableException.class,
                () -> WinSocket.openTcp(AddressFamily.INET));
        assertTrue(e.getMessage().contains(System.getProperty("os.name")), e.getMessage());
        assertTrue(e.getMessage().contains("ws2_32.dll"), e.getMessage());
        // The same clear exception every time, not a NoClassDefFoundError on the second try.
        assertThrows(WinsockUnavailableException.class, () -> Winsock.system().startup());
        assertFalse(Winsock.system().toString().isEmpty());
    }
}
