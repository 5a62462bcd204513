package org.winsock4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.winsock4j.AddressFamily;
import org.winsock4j.Protocol;
import org.winsock4j.ShutdownHow;
import org.winsock4j.SocketType;
import org.winsock4j.WinSocket;
import org.winsock4j.WinsockError;
import org.winsock4j.WinsockException;

/**
 * The number each exception carries equals what the same call reports to C on the same machine:
 * native-headers/probes/errors_probe.c makes the same failing calls and prints WSAGetLastError;
 * its output file is named by the system property {@code winsock4j.errorsProbe}.
 */
class ErrorNumbersWineTest {
    private static Map<String, String> fromC;

    @BeforeAll
    static void readTheCProbe() throws IOException {
        String path = System.getProperty("winsock4j.errorsProbe");
        if (path == null) {
            throw new IllegalStateException("system property winsock4j.errorsProbe is not set: run errors_probe.exe"
                    + " (native-headers/probes) and pass its output file; the test command does this");
        }
        fromC = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(path), StandardCharsets.UTF_8)) {
            String[] f = line.trim().split(" ");
            if (f.length == 2) {
                fromC.put(f[0], f[1]);
            }
        }
    }

    interface Scenario {
        void run() throws IOException;
    }

    private static final Map<String, Scenario> JAVA = new LinkedHashMap<>();

    static {
        JAVA.put("closesocket_bogus_handle", () -> Lab.WINSOCK.adopt(0x7777).close());
        JAVA.put("send_unconnected", () -> {
            try (WinSocket s = Lab.tcp(AddressFamily.INET)) {
                s.send(new byte[] {'x'}, 0, 1);
            }
        });
        JAVA.put("getpeername_unconnected", () -> {
            try (WinSocket s = Lab.tcp(AddressFamily.INET)) {
                s.remoteAddress();
            }
        });
        JAVA.put("listen_unbound", () -> {
            try (WinSocket s = Lab.tcp(AddressFamily.INET)) {
                s.listen(1);
            }
        });
        JAVA.put("accept_not_listening", () -> {
            try (WinSocket s = Lab.tcp(AddressFamily.INET)) {
                s.accept();
            }
        });
        JAVA.put("getsockname_unbound", () -> {
            try (WinSocket s = Lab.tcp(AddressFamily.INET)) {
                s.localAddress();
            }
        });
        JAVA.put("shutdown_unconnected", () -> {
            try (WinSocket s = Lab.tcp(AddressFamily.INET)) {
                s.shutdown(ShutdownHow.SEND);
            }
        });
        JAVA.put("bind_twice", () -> {
            try (WinSocket s = Lab.tcp(AddressFamily.INET)) {
                InetSocketAddress any = new InetSocketAddress(Lab.loopback(AddressFamily.INET), 0);
                s.bind(any);
                s.bind(any);
            }
        });
        JAVA.put("socket_dgram_with_tcp", () -> Lab.WINSOCK.open(AddressFamily.INET, SocketType.DGRAM, Protocol.TCP).close());
        JAVA.put("bind_address_in_use", () -> {
            try (WinSocket listener = Lab.listener(AddressFamily.INET); WinSocket second = Lab.tcp(AddressFamily.INET)) {
                second.bind(listener.localAddress());
            }
        });
        JAVA.put("connect_refused", () -> {
            InetSocketAddress closedPort;
            try (WinSocket gone = Lab.tcp(AddressFamily.INET)) {
                gone.bind(new InetSocketAddress(Lab.loopback(AddressFamily.INET), 0));
                closedPort = gone.localAddress();
            }
            try (WinSocket s = Lab.tcp(AddressFamily.INET)) {
                s.connect(closedPort);
            }
        });
        JAVA.put("recv_nonblocking_empty", () -> {
            try (Lab.Pair p = Lab.pair(AddressFamily.INET)) {
                p.client().setBlocking(false);
                p.client().recv(new byte[1], 0, 1);
            }
        });
        JAVA.put("connect_nonblocking", () -> {
            try (WinSocket listener = Lab.listener(AddressFamily.INET); WinSocket s = Lab.tcp(AddressFamily.INET)) {
                s.setBlocking(false);
                s.connect(listener.localAddress());
            }
        });
        JAVA.put("send_after_shutdown_send", () -> {
            try (Lab.Pair p = Lab.pair(AddressFamily.INET)) {
                p.client().shutdown(ShutdownHow.SEND);
                p.client().send(new byte[] {'x'}, 0, 1);
            }
        });
    }

    static Stream<String> scenarios() {
        return JAVA.keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void javaSeesTheNumberCSees(String scenario) throws Exception {
        String c = fromC.get(scenario);
        assertTrue(c != null, "the C probe has no line for " + scenario + "; it printed " + fromC);
        String java;
        try {
            JAVA.get(scenario).run();
            java = "ok";
        } catch (IOException e) {
            // Every Winsock failure is a WinsockError, the JDK-shaped ones too (connect_refused
            // is a ConnectException, bind_address_in_use a BindException).
            if (!(e instanceof WinsockError w)) {
                throw e;
            }
            java = Integer.toString(w.code());
            assertFalse(w.sdkName().isEmpty());
        }
        assertEquals(c, java, scenario + " on " + Lab.platform() + ": C saw " + c + ", winsock4j " + java);
    }

    @Test
    void everyCScenarioHasAJavaTwin() {
        List<String> onlyInC = fromC.keySet().stream()
                .filter(k -> !JAVA.containsKey(k) && !k.equals("socket_after_cleanup")).toList();
        assertEquals(List.of(), onlyInC);
        assertTrue(fromC.containsKey("socket_after_cleanup"), "StartupWineTest compares this one in a fresh JVM");
    }

    @Test
    void sendOnAnUnconnectedSocketIsPlatformSpecific() throws Exception {
        try (WinSocket s = Lab.tcp(AddressFamily.INET)) {
            WinsockException e = org.junit.jupiter.api.Assertions.assertThrows(WinsockException.class,
                    () -> s.send(new byte[] {'x'}, 0, 1));
            if (Lab.WINE) {
                assertEquals(10054, e.code(), "Wine-vs-Windows difference: send on a never-connected TCP socket is"
                        + " WSAECONNRESET under Wine, WSAENOTCONN on Windows");
            } else {
                assertEquals(10057, e.code(), "send on a never-connected TCP socket is WSAENOTCONN on Windows");
            }
        }
    }
}
