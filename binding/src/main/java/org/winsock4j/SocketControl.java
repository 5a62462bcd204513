package org.winsock4j;

import java.io.IOException;
import java.lang.ref.Reference;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.winsock4j.port.Sdk;
import org.winsock4j.port.SdkStructs;

/**
 * The calls of one socket that return at once: bind, listen, the addresses, FIONREAD, the
 * options (with the timeouts they keep, {@link SocketTimeouts}, and the exclusive bind),
 * WSAIoctl and shutdown. Each is one native call under the guard (docs/ARCHITECTURE.md#lifetime,
 * rule 1): counted in, refused with {@link SocketClosedException} once the socket is closing,
 * counted out; a failure is ws2_32's error read right after the call (a close waits for such a
 * call to return, so it cannot have been cancelled). The calls that may block are
 * {@link SocketIo}'s.
 */
final class SocketControl {
    /** The WinSocket, kept reachable by every call (its Cleaner must not close under a call). */
    private final WinSocket socket;
    private final SocketHandle handle;
    private final SocketTimeouts timeouts;
    /**
     * Whether {@link #bind} sets SO_EXCLUSIVEADDRUSE first: a socket winsock4j opened, until the
     * application sets SO_REUSEADDR or SO_EXCLUSIVEADDRUSE itself (or the bind has set it).
     */
    private volatile boolean exclusiveBindPending;

    SocketControl(WinSocket socket, SocketHandle handle, SocketTimeouts timeouts) {
        this.socket = socket;
        this.handle = handle;
        this.timeouts = timeouts;
    }

    /** A socket winsock4j opened: its bind is exclusive unless the application chooses otherwise. */
    void exclusiveBindByDefault() {
        exclusiveBindPending = true;
    }

    private void enter(String operation) throws SocketClosedException {
        handle.enter(operation);
    }

    private void exit() {
        handle.release();
        Reference.reachabilityFence(socket);
    }

    private IOException failure(String operation) {
        return WinsockException.of(operation, handle.port.lastError());
    }

    /** bind, after setting SO_EXCLUSIVEADDRUSE when it is pending (see {@link WinSocket#bind}). */
    void bind(byte[] name) throws IOException {
        enter("bind");
        try {
            if (exclusiveBindPending) {
                byte[] on = SdkStructs.optionInt(1);
                if (handle.port.setsockopt(handle.raw, Sdk.SOL_SOCKET, Sdk.SO_EXCLUSIVEADDRUSE, on, on.length)
                        == Sdk.SOCKET_ERROR) {
                    throw WinsockException.of("setsockopt", handle.port.lastError(), "(SO_EXCLUSIVEADDRUSE, which"
                            + " winsock4j sets before a bind; set SO_EXCLUSIVEADDRUSE 0 first to bind without it)");
                }
                exclusiveBindPending = false;
            }
            if (handle.port.bind(handle.raw, name, name.length) == Sdk.SOCKET_ERROR) {
                throw failure("bind");
            }
        } finally {
            exit();
        }
    }

    void listen(int backlog) throws IOException {
        enter("listen");
        try {
            if (handle.port.listen(handle.raw, backlog) == Sdk.SOCKET_ERROR) {
                throw failure("listen");
            }
        } finally {
            exit();
        }
    }

    /** getpeername ({@code peer}) or getsockname. */
    InetSocketAddress address(boolean peer) throws IOException {
        String operation = peer ? "getpeername" : "getsockname";
        byte[] name = new byte[SdkStructs.SOCKADDR_MAX];
        int[] namelen = {name.length};
        enter(operation);
        try {
            int rc = peer ? handle.port.getpeername(handle.raw, name, namelen)
                    : handle.port.getsockname(handle.raw, name, namelen);
            if (rc == Sdk.SOCKET_ERROR) {
                throw failure(operation);
            }
        } finally {
            exit();
        }
        return SdkStructs.inetSocketAddress(name, namelen[0]);
    }

    /** ioctlsocket FIONREAD. */
    int available() throws IOException {
        int[] argp = {0};
        enter("ioctlsocket");
        try {
            if (handle.port.ioctlsocket(handle.raw, Sdk.FIONREAD, argp) == Sdk.SOCKET_ERROR) {
                throw failure("ioctlsocket");
            }
        } finally {
            exit();
        }
        return argp[0];
    }

    /**
     * setsockopt; SO_RCVTIMEO and SO_SNDTIMEO through {@link SocketTimeouts}, which keeps them;
     * SO_REUSEADDR and SO_EXCLUSIVEADDRUSE, once set, leave the bind as the application chose.
     */
    void set(String operation, int level, int optname, byte[] optval) throws IOException {
        enter(operation);
        try {
            boolean set = SocketTimeouts.isTimeout(level, optname) ? timeouts.set(optname, optval)
                    : handle.port.setsockopt(handle.raw, level, optname, optval, optval.length) != Sdk.SOCKET_ERROR;
            if (!set) {
                throw failure(operation);
            }
        } finally {
            exit();
        }
        if (level == Sdk.SOL_SOCKET && (optname == Sdk.SO_REUSEADDR || optname == Sdk.SO_EXCLUSIVEADDRUSE)) {
            exclusiveBindPending = false; // the application chose how the address is shared (see WinSocket#bind)
        }
    }

    /** getsockopt: the option's {@code size} bytes. */
    byte[] get(int level, int optname, int size) throws IOException {
        try {
            return handle.getsockopt(level, optname, size);
        } finally {
            Reference.reachabilityFence(socket);
        }
    }

    /**
     * WSAIoctl(SIO_KEEPALIVE_VALS) with these times, each sent as a ULONG of milliseconds: 1 ms
     * to 4294967295 ms, checked before any native call.
     */
    void keepAlive(Duration idle, Duration interval) throws IOException {
        byte[] in = SdkStructs.tcpKeepalive(1, ulongMillis(idle, "idle"), ulongMillis(interval, "interval"));
        int[] bytesReturned = {0};
        enter("WSAIoctl");
        try {
            if (handle.port.wsaIoctl(handle.raw, Sdk.SIO_KEEPALIVE_VALS, in, null, bytesReturned) == Sdk.SOCKET_ERROR) {
                throw failure("WSAIoctl");
            }
        } finally {
            exit();
        }
    }

    /** A duration as a ULONG of milliseconds (its 32 bits in an int), 1 to 0xffffffff. */
    private static int ulongMillis(Duration d, String name) {
        if (d.isNegative() || d.compareTo(Duration.ofMillis(1)) < 0 || d.compareTo(Duration.ofMillis(0xffffffffL)) > 0) {
            throw new IllegalArgumentException(name + " must be 1 ms to 4294967295 ms: " + d);
        }
        return (int) d.toMillis();
    }

    /** shutdown, and the word's shutdown bits after it succeeded. */
    void shutdown(ShutdownHow how) throws IOException {
        enter("shutdown");
        try {
            if (handle.port.shutdown(handle.raw, how.how) == Sdk.SOCKET_ERROR) {
                throw failure("shutdown");
            }
            handle.word.markShutdown(how == ShutdownHow.SEND ? LifetimeWord.OUTPUT_SHUT
                    : how == ShutdownHow.RECEIVE ? LifetimeWord.INPUT_SHUT
                    : LifetimeWord.INPUT_SHUT | LifetimeWord.OUTPUT_SHUT);
        } finally {
            exit();
        }
    }
}
