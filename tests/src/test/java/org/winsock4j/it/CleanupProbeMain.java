package org.winsock4j.it;

import org.winsock4j.AddressFamily;
import org.winsock4j.Backend;
import org.winsock4j.Protocol;
import org.winsock4j.SocketType;
import org.winsock4j.Winsock;
import org.winsock4j.WinsockException;
import org.winsock4j.port.Sdk;
import org.winsock4j.unguarded.UnguardedPorts;

/**
 * Run by StartupWineTest in a fresh JVM, where nothing else has started Winsock: two sessions, a
 * socket after each cleanup, on the selected backend. Prints "name result" lines.
 */
public final class CleanupProbeMain {
    private CleanupProbeMain() {}

    public static void main(String[] args) throws Exception {
        Winsock winsock = UnguardedPorts.winsockOver(UnguardedPorts.of(Backend.selected()));
        Winsock.Session first = winsock.startup();
        Winsock.Session second = winsock.startup();
        System.out.println("startup_version " + first.version() + " " + second.highVersion());
        System.out.println("open_with_two_sessions " + tryOpen(winsock));
        first.close();
        System.out.println("open_after_first_cleanup " + tryOpen(winsock));
        second.close();
        System.out.println("open_after_last_cleanup " + tryOpen(winsock));
        try {
            second.close();
            System.out.println("second_close_of_a_session ok");
        } catch (WinsockException e) {
            System.out.println("second_close_of_a_session " + e.code());
        }

        // ws2_32 itself: the JVM's net.dll holds WSAStartup references of its own. Drain them
        // (this is a throw-away JVM), see socket() fail natively, then give them back.
        org.winsock4j.port.WinsockPort port = UnguardedPorts.of(Backend.selected());
        int drained = 0;
        while (drained < 64 && port.wsaCleanup() == 0) {
            drained++;
        }
        System.out.println("cleanup_error_when_drained " + port.lastError());
        System.out.println("jvm_own_references " + drained);
        long raw = port.socket(Sdk.AF_INET, Sdk.SOCK_STREAM, Sdk.IPPROTO_TCP);
        System.out.println("raw_socket_after_all_cleanups " + (raw == Sdk.INVALID_SOCKET ? port.lastError() : "ok"));
        for (int i = 0; i < drained; i++) {
            port.wsaStartup(Sdk.WINSOCK_VERSION_2_2, new int[2]);
        }
    }

    private static String tryOpen(Winsock winsock) {
        try {
            winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP).close();
            return "ok";
        } catch (WinsockException e) {
            return e.code() + " " + e.getClass().getSimpleName();
        }
    }
}
