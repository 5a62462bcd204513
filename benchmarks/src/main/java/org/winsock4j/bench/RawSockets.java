package org.winsock4j.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import com.sun.jna.Native;
import org.winsock4j.jna.JnaWinsockPort;
import org.winsock4j.jna.WSADATA;
import org.winsock4j.jna.Ws2_32;
import org.winsock4j.port.Sdk;
import org.winsock4j.port.SdkStructs;

/**
 * Set-up and tear-down helpers on the real ws2_32 through the binding's raw mapping: never in
 * the measured time. Every failure throws, so a benchmark never measures a call that did not
 * do what it says.
 */
final class RawSockets {
    private RawSockets() {}

    static final InetAddress LOOPBACK;

    static {
        try {
            LOOPBACK = InetAddress.getByName("127.0.0.1");
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static boolean started;

    /** Checks the platform (clear error off Windows) and holds one WSAStartup for raw calls. */
    static synchronized void startup() {
        JnaWinsockPort.instance();
        if (!started) {
            int rc = Ws2_32.WSAStartup((short) Sdk.WINSOCK_VERSION_2_2, new WSADATA());
            if (rc != 0) {
                throw new IllegalStateException("WSAStartup failed: " + rc);
            }
            started = true;
        }
    }

    static long tcp() {
        long s = Ws2_32.socket(Sdk.AF_INET, Sdk.SOCK_STREAM, Sdk.IPPROTO_TCP);
        if (s == Sdk.INVALID_SOCKET) {
            throw fail("socket");
        }
        return s;
    }

    /** A listening socket on 127.0.0.1, an ephemeral port. */
    static long listener() {
        long s = tcp();
        byte[] any = SdkStructs.sockaddr(new InetSocketAddress(LOOPBACK, 0));
        check(Ws2_32.bind(s, any, any.length), "bind");
        check(Ws2_32.listen(s, Sdk.SOMAXCONN), "listen");
        return s;
    }

    static InetSocketAddress localAddress(long s) {
        byte[] name = new byte[SdkStructs.SOCKADDR_MAX];
        int[] len = {name.length};
        check(Ws2_32.getsockname(s, name, len), "getsockname");
        return SdkStructs.inetSocketAddress(name, len[0]);
    }

    static void connect(long s, InetSocketAddress to) {
        byte[] name = SdkStructs.sockaddr(to);
        check(Ws2_32.connect(s, name, name.length), "connect");
    }

    static long accept(long listener) {
        long s = Ws2_32.accept(listener, null, null);
        if (s == Sdk.INVALID_SOCKET) {
            throw fail("accept");
        }
        return s;
    }

    static void shutdownSend(long s) {
        check(Ws2_32.shutdown(s, Sdk.SD_SEND), "shutdown");
    }

    /** Linger {1,0}, closesocket: a reset, so neither end is left in TIME_WAIT (tear-down only). */
    static void closeAbortively(long s) {
        byte[] abortive = SdkStructs.linger(1, 0);
        Ws2_32.setsockopt(s, Sdk.SOL_SOCKET, Sdk.SO_LINGER, abortive, abortive.length);
        check(Ws2_32.closesocket(s), "closesocket");
    }

    static void check(int rc, String what) {
        if (rc == Sdk.SOCKET_ERROR) {
            throw fail(what);
        }
    }

    static IllegalStateException fail(String what) {
        return new IllegalStateException(what + " failed: WSA error " + Native.getLastError());
    }
}
