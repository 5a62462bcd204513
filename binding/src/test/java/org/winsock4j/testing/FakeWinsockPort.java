package org.winsock4j.testing;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.winsock4j.WsaError;
import org.winsock4j.internal.PortArguments;
import org.winsock4j.port.Sdk;
import org.winsock4j.port.SdkStructs;
import org.winsock4j.port.WinsockPort;

/**
 * A scripted, in-memory Winsock for testing the safe layer on any OS. It models the parts of
 * ws2_32 the safe layer depends on (handles, WSAStartup counting, linger and the close rules of
 * the closesocket page, shutdown, blocking recv that CancelIoEx wakes) and it watches the
 * caller: every call on a handle that was already closed, and every closesocket issued while
 * another call on the same socket is in progress, is recorded as a {@linkplain #violations()
 * violation}. Failures can be scripted per function.
 */
public final class FakeWinsockPort implements WinsockPort {
    /** One call that reached this port. */
    /** The next port bind gives for port 0. */
    private final java.util.concurrent.atomic.AtomicInteger nextEphemeralPort = new java.util.concurrent.atomic.AtomicInteger(49152);

    public record Call(String function, long socket, long sequence) {}

    /** ERROR_NOT_FOUND: CancelIoEx found no pending I/O. */
    public static final int ERROR_NOT_FOUND = 1168;

    private final Queue<Call> calls = new ConcurrentLinkedQueue<>();
    private final Queue<String> violations = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Map<Long, Sock> sockets = new ConcurrentHashMap<>();
    private final Map<Long, Long> closedAt = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> perSocketCounts = new ConcurrentHashMap<>();
    private final Map<Long, AtomicLong> callsAfterClose = new ConcurrentHashMap<>();
    private final Map<String, Deque<Integer>> scriptedFailures = new HashMap<>();
    private final AtomicLong nextHandle = new AtomicLong(0x100);
    private final AtomicInteger startups = new AtomicInteger();
    private final ThreadLocal<int[]> lastError = ThreadLocal.withInitial(() -> new int[1]);
    private volatile boolean started;

    /** A fake that behaves as if WSAStartup had been called (most tests need nothing else). */
    public static FakeWinsockPort started() {
        FakeWinsockPort f = new FakeWinsockPort();
        f.started = true;
        return f;
    }

    /** The next call of {@code function} fails with {@code code} (queued, each used once). */
    private volatile int sendAtMost = Integer.MAX_VALUE;

    /** Each send takes at most {@code n} bytes (a send that takes fewer than asked). */
    public FakeWinsockPort sendAtMost(int n) {
        sendAtMost = n;
        return this;
    }

    public synchronized FakeWinsockPort failNext(String function, WsaError error) {
        return failNext(function, error.code());
    }

    /**
     * Scripts the next call of {@code function} (calls of it already scripted come first): it
     * fails with {@code code}, or, for code 0, runs normally (to script a failure of a later call).
     */
    public synchronized FakeWinsockPort failNext(String function, int code) {
        scriptedFailures.computeIfAbsent(function, k -> new ArrayDeque<>()).add(code);
        return this;
    }

    private synchronized Integer scripted(String function) {
        Deque<Integer> q = scriptedFailures.get(function);
        return q == null ? null : q.poll();
    }

    // ------------------------------------------------------------ what tests look at

    public List<Call> calls() {
        return new ArrayList<>(calls);
    }

    public long count(String function) {
        return calls.stream().filter(c -> c.function.equals(function)).count();
    }

    public long count(String function, long socket) {
        AtomicLong n = perSocketCounts.get(function + "@" + socket);
        return n == null ? 0 : n.get();
    }

    /** Calls on {@code socket} that reached the port after its successful closesocket. */
    public long callsAfterClose(long socket) {
        AtomicLong n = callsAfterClose.get(socket);
        return n == null ? 0 : n.get();
    }

    public List<String> violations() {
        return new ArrayList<>(violations);
    }

    public int startupCount() {
        return startups.get();
    }

    public boolean isOpen(long socket) {
        return sockets.containsKey(socket);
    }

    /** Linger of an open socket as {l_onoff, l_linger}. */
    public int[] linger(long socket) {
        Sock s = sock(socket);
        synchronized (s) {
            return new int[] {s.lingerOnoff, s.lingerSeconds};
        }
    }

    public boolean nonBlocking(long socket) {
        Sock s = sock(socket);
        synchronized (s) {
            return s.nonBlocking;
        }
    }

    /** The last SIO_KEEPALIVE_VALS of an open socket as {onoff, keepalivetime, keepaliveinterval}, or null. */
    public int[] keepAliveVals(long socket) {
        Sock s = sock(socket);
        synchronized (s) {
            return s.keepAliveVals == null ? null : s.keepAliveVals.clone();
        }
    }

    public Integer intOption(long socket, int level, int optname) {
        Sock s = sock(socket);
        synchronized (s) {
            return s.intOptions.get(((long) level << 32) | (optname & 0xffffffffL));
        }
    }

    public byte[] sent(long socket) {
        Sock s = sock(socket);
        synchronized (s) {
            return bytes(s.sent);
        }
    }

    /** The bytes sent with MSG_OOB (urgent data), apart from {@link #sent}. */
    public byte[] urgentSent(long socket) {
        Sock s = sock(socket);
        synchronized (s) {
            return bytes(s.urgent);
        }
    }

    private static byte[] bytes(List<Byte> list) {
        byte[] b = new byte[list.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = list.get(i);
        }
        return b;
    }

    // ------------------------------------------------------------ what tests drive

    /** Bytes the peer sent: the next recv on {@code socket} returns them. */
    public void deliver(long socket, byte[] data) {
        deliver(sock(socket), data);
    }

    private static void deliver(Sock s, byte[] data) {
        synchronized (s) {
            for (byte b : data) {
                s.inbound.add(b);
            }
            s.notifyAll();
        }
    }

    /** The peer's FIN: recv returns 0 once the delivered bytes are read. */
    public void peerCloses(long socket) {
        Sock s = sock(socket);
        synchronized (s) {
            s.peerClosed = true;
            s.notifyAll();
        }
    }

    /** Whether shutdown(SD_SEND or SD_BOTH) succeeded on {@code socket}: the peer has its FIN. */
    public boolean outputShutdown(long socket) {
        Sock s = sock(socket);
        synchronized (s) {
            return s.outputShut;
        }
    }

    /** Unsent data stays queued (the peer does not read): non-blocking sends would block. */
    public void peerStopsReading(long socket) {
        Sock s = sock(socket);
        synchronized (s) {
            s.sendBufferFull = true;
        }
    }

    /** Waits until a thread is blocked in recv on {@code socket}. */
    public void awaitBlockedRecv(long socket) throws InterruptedException {
        Sock s = sock(socket);
        synchronized (s) {
            while (s.blockedReceivers == 0) {
                s.wait(5); // polled: a receiver that notified on blocking would wake the others
            }
        }
    }

    /** A datagram sendto took: its bytes and destination. */
    public record SentDatagram(byte[] data, java.net.InetSocketAddress to) {}

    /** A datagram from {@code from} arrives: the next recvfrom on {@code socket} returns it. */
    public void deliverDatagram(long socket, byte[] data, java.net.InetSocketAddress from) {
        Sock s = sock(socket);
        synchronized (s) {
            s.datagrams.add(new Object[] {data.clone(), from});
            s.notifyAll();
        }
    }

    /** The datagrams sendto took on {@code socket}, in order. */
    public List<SentDatagram> sentDatagrams(long socket) {
        Sock s = sock(socket);
        synchronized (s) {
            return List.copyOf(s.sentDatagrams);
        }
    }

    // ------------------------------------------------------------ the port

    private long record(String function, long socket) {
        return record(function, socket, false);
    }

    /**
     * Records a call; one that reaches a closed number is a violation, unless it is
     * {@code harmlessAfterClose}: getsockopt(SO_TYPE), which Winsock#adopt and #borrow make to
     * learn whether a number they closed is a socket again (it only reads, whatever the number
     * names).
     */
    private long record(String function, long socket, boolean harmlessAfterClose) {
        long seq = sequence.incrementAndGet();
        calls.add(new Call(function, socket, seq));
        perSocketCounts.computeIfAbsent(function + "@" + socket, k -> new AtomicLong()).incrementAndGet();
        if (closedAt.containsKey(socket) && !sockets.containsKey(socket) && !harmlessAfterClose) {
            callsAfterClose.computeIfAbsent(socket, k -> new AtomicLong()).incrementAndGet();
            violations.add(function + " reached the port on SOCKET 0x" + Long.toHexString(socket) + " after its closesocket");
        }
        return seq;
    }

    private int fail(int code) {
        lastError.get()[0] = code;
        return Sdk.SOCKET_ERROR;
    }

    private Sock sock(long socket) {
        Sock s = sockets.get(socket);
        if (s == null) {
            throw new IllegalArgumentException("no open fake socket 0x" + Long.toHexString(socket));
        }
        return s;
    }

    /** Common entry of a socket call: scripted failure, WSANOTINITIALISED, WSAENOTSOCK. */
    private Sock enter(String function, long socket) {
        return enter(function, socket, false);
    }

    private Sock enter(String function, long socket, boolean harmlessAfterClose) {
        record(function, socket, harmlessAfterClose);
        Integer code = scripted(function);
        if (code != null && code != 0) {
            fail(code);
            return null;
        }
        if (!started) {
            fail(WsaError.WSANOTINITIALISED.code());
            return null;
        }
        Sock s = sockets.get(socket);
        if (s == null) {
            fail(WsaError.WSAENOTSOCK.code());
            return null;
        }
        s.inFlight.incrementAndGet();
        return s;
    }

    private static void leave(Sock s) {
        s.inFlight.decrementAndGet();
    }

    @Override
    public int wsaStartup(int wVersionRequested, int[] wVersionOut) {
        PortArguments.one("WSAStartup", "wVersionOut", wVersionOut, true);
        record("WSAStartup", 0);
        Integer code = scripted("WSAStartup");
        if (code != null) {
            return code;
        }
        if (wVersionRequested != Sdk.WINSOCK_VERSION_2_2) {
            return WsaError.WSAVERNOTSUPPORTED.code();
        }
        startups.incrementAndGet();
        started = true;
        wVersionOut[0] = Sdk.WINSOCK_VERSION_2_2;
        wVersionOut[1] = Sdk.WINSOCK_VERSION_2_2;
        return 0;
    }

    @Override
    public int wsaCleanup() {
        record("WSACleanup", 0);
        Integer code = scripted("WSACleanup");
        if (code != null) {
            return fail(code);
        }
        if (startups.get() == 0) {
            return fail(WsaError.WSANOTINITIALISED.code());
        }
        if (startups.decrementAndGet() == 0) {
            started = false;
        }
        return 0;
    }

    @Override
    public long socket(int af, int type, int protocol) {
        record("socket", 0);
        Integer code = scripted("socket");
        if (code != null) {
            fail(code);
            return Sdk.INVALID_SOCKET;
        }
        if (!started) {
            fail(WsaError.WSANOTINITIALISED.code());
            return Sdk.INVALID_SOCKET;
        }
        if (af != Sdk.AF_INET && af != Sdk.AF_INET6) {
            fail(WsaError.WSAEAFNOSUPPORT.code());
            return Sdk.INVALID_SOCKET;
        }
        long h = newSocket(af);
        sockets.get(h).type = type;
        return h;
    }

    private long newSocket(int af) {
        Long freed = reuseFreedHandles ? freedHandles.pollFirst() : null;
        long h = freed != null ? freed : nextHandle.getAndAdd(4);
        sockets.put(h, new Sock(af));
        return h;
    }

    /** Closed numbers, the latest first, for {@link #reuseFreedHandles()}. */
    private final java.util.concurrent.ConcurrentLinkedDeque<Long> freedHandles = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private volatile boolean reuseFreedHandles;

    /**
     * From now on a new socket (socket, accept, {@link #createForeignSocket}) gets the number
     * closed last, if any, as Windows hands freed handle values out again: an older holder of the
     * number then reaches the new socket. By default the fake never reuses a number.
     */
    public FakeWinsockPort reuseFreedHandles() {
        reuseFreedHandles = true;
        return this;
    }

    /**
     * What the process's last WSACleanup does to sockets still open (closesocket remarks on
     * WSACleanup: they are reset and deallocated): every socket is gone, with no call on it.
     */
    public void closeEverySocket() {
        for (Long h : new ArrayList<>(sockets.keySet())) {
            Sock k = sockets.remove(h);
            if (k != null) {
                synchronized (k) {
                    closedSockets.put(h, k);
                    freedHandles.addFirst(h);
                    k.notifyAll();
                }
            }
        }
    }

    /**
     * A new connected TCP socket at a handle value that was freed (Windows reuses handle values),
     * with {@code inbound} waiting to be read: who still holds the old handle now reaches it.
     */
    public void reuseHandleForConnectedSocket(long handle, byte[] inbound) {
        Sock k = new Sock(Sdk.AF_INET);
        k.connected = true;
        k.remote = new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 4000);
        for (byte b : inbound) {
            k.inbound.add(b);
        }
        if (sockets.putIfAbsent(handle, k) != null) {
            throw new IllegalStateException("SOCKET 0x" + Long.toHexString(handle) + " is open");
        }
    }

    /** The handles of sockets made by socket() with this type (SOCK_STREAM, SOCK_DGRAM), in order. */
    public List<Long> socketsOfType(int type) {
        List<Long> found = new ArrayList<>();
        for (Map.Entry<Long, Sock> e : new java.util.TreeMap<>(sockets).entrySet()) {
            if (e.getValue().type == type) {
                found.add(e.getKey());
            }
        }
        return found;
    }

    private final Map<Thread, Queue<Integer>> pollTimeouts = new ConcurrentHashMap<>();

    /** The timeouts of the WSAPoll calls {@code thread} made, in order. */
    public List<Integer> wsaPollTimeoutsOf(Thread thread) {
        Queue<Integer> q = pollTimeouts.get(thread);
        return q == null ? List.of() : List.copyOf(q);
    }

    /** The data still waiting to be read on an open socket. */
    public int unread(long socket) {
        Sock k = sockets.get(socket);
        if (k == null) {
            throw new IllegalArgumentException("SOCKET 0x" + Long.toHexString(socket) + " is not open");
        }
        synchronized (k) {
            return k.inbound.size();
        }
    }

    /** A socket created "by other code", for adoption tests. */
    public long createForeignSocket() {
        return newSocket(Sdk.AF_INET);
    }

    @Override
    public int bind(long s, byte[] name, int namelen) {
        PortArguments.in("bind", "name", "namelen", name, namelen);
        Sock k = enter("bind", s);
        if (k == null) {
            return Sdk.SOCKET_ERROR;
        }
        try {
            synchronized (k) {
                if (k.local != null) {
                    return fail(WsaError.WSAEINVAL.code());
                }
                java.net.InetSocketAddress asked = SdkStructs.inetSocketAddress(name, namelen);
                // Port 0 asks for an ephemeral port, as bind does (bind remarks).
                k.local = asked.getPort() != 0 ? asked
                        : new java.net.InetSocketAddress(asked.getAddress(), nextEphemeralPort.getAndIncrement());
                return 0;
            }
        } finally {
            leave(k);
        }
    }

    @Override
    public int listen(long s, int backlog) {
        Sock k = enter("listen", s);
        if (k == null) {
            return Sdk.SOCKET_ERROR;
        }
        try {
            synchronized (k) {
                if (k.local == null) {
                    return fail(WsaError.WSAEINVAL.code());
                }
                k.listening = true;
                return 0;
            }
        } finally {
            leave(k);
        }
    }

    @Override
    public long accept(long s, byte[] addr, int[] addrlen) {
        PortArguments.out("accept", "addr", "addrlen", addr, addrlen, true);
        Sock k = enter("accept", s);
        if (k == null) {
            return Sdk.INVALID_SOCKET;
        }
        try {
            synchronized (k) {
                if (!k.listening) {
                    fail(WsaError.WSAEINVAL.code());
                    return Sdk.INVALID_SOCKET;
                }
            }
            long h = newSocket(k.af);
            Sock peer = sockets.get(h);
            synchronized (k) {
                // accept remarks: the accepted socket has the listening socket's properties
                // (non-blocking mode, linger, options).
                peer.nonBlocking = k.nonBlocking;
                peer.lingerOnoff = k.lingerOnoff;
                peer.lingerSeconds = k.lingerSeconds;
                peer.intOptions.putAll(k.intOptions);
            }
            Sock client;
            synchronized (k) {
                client = k.pending.poll();
            }
            peer.connected = true;
            peer.local = k.local;
            peer.remote = new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 50000);
            if (client != null) { // a fake client connected to this listener: link the two
                synchronized (client) {
                    if (client.local == null) {
                        client.local = new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(),
                                nextEphemeralPort.getAndIncrement());
                    }
                    client.peer = peer;
                    peer.remote = client.local;
                }
                synchronized (peer) {
                    peer.peer = client;
                }
            }
            if (addr != null) {
                byte[] name = SdkStructs.sockaddr(peer.remote);
                System.arraycopy(name, 0, addr, 0, Math.min(name.length, addrlen[0]));
                addrlen[0] = name.length;
            }
            return h;
        } finally {
            leave(k);
        }
    }

    @Override
    public int connect(long s, byte[] name, int namelen) {
        PortArguments.in("connect", "name", "namelen", name, namelen);
        Sock k = enter("connect", s);
        if (k == null) {
            return Sdk.SOCKET_ERROR;
        }
        try {
            synchronized (k) {
                if (k.connected) {
                    return fail(WsaError.WSAEISCONN.code());
                }
                k.remote = SdkStructs.inetSocketAddress(name, namelen);
                if (k.local == null) {
                    // connect binds an unbound socket implicitly (connect remarks): an ephemeral port.
                    k.local = new java.net.InetSocketAddress(k.remote.getAddress(), nextEphemeralPort.getAndIncrement());
                }
                k.connected = true;
            }
            queueAtListener(k);
            return 0;
        } finally {
            leave(k);
        }
    }

    /**
     * Loopback: a connect to the address a fake listener is bound to queues the client there, so
     * that the listener's next accept links the two and each one's sends reach the other's recv.
     */
    private void queueAtListener(Sock client) {
        java.net.InetSocketAddress remote;
        synchronized (client) {
            remote = client.remote;
        }
        for (Sock listener : sockets.values()) {
            synchronized (listener) {
                if (listener.listening && remote.equals(listener.local)) {
                    listener.pending.add(client);
                    return;
                }
            }
        }
    }

    @Override
    public int send(long s, byte[] buf, int offset, int len, int flags) {
        PortArguments.slice("send", buf, offset, len);
        Sock k = enter("send", s);
        if (k == null) {
            return Sdk.SOCKET_ERROR;
        }
        Sock linked;
        byte[] data;
        try {
            synchronized (k) {
                int check = k.checkSend();
                if (check != 0) {
                    return fail(check);
                }
                if (k.sendBufferFull) {
                    k.unsent = true;
                    if (k.nonBlocking) {
                        return fail(WsaError.WSAEWOULDBLOCK.code());
                    }
                }
                int taken = Math.min(len, sendAtMost);
                // MSG_OOB: urgent data, which the peer reads apart from the stream (send remarks).
                List<Byte> into = (flags & Sdk.MSG_OOB) != 0 ? k.urgent : k.sent;
                for (int i = 0; i < taken; i++) {
                    into.add(buf[offset + i]);
                }
                linked = k.peer;
                if (linked == null) {
                    return taken;
                }
                data = java.util.Arrays.copyOfRange(buf, offset, offset + taken);
            }
        } finally {
            leave(k);
        }
        deliver(linked, data);
        return data.length;
    }

    @Override
    public int send(long s, ByteBuffer buffer, int offset, int len, int flags) {
        PortArguments.slice("send", buffer, offset, len);
        byte[] copy = new byte[len];
        buffer.get(offset, copy);
        return send(s, copy, 0, len, flags);
    }

    @Override
    public int recv(long s, byte[] buf, int offset, int len, int flags) {
        PortArguments.slice("recv", buf, offset, len);
        return receive("recv", s, buf, offset, len, flags);
    }

    /** recv, and recvfrom on a stream socket, recorded as {@code function}. */
    private int receive(String function, long s, byte[] buf, int offset, int len, int flags) {
        Sock k = enter(function, s);
        if (k == null) {
            return Sdk.SOCKET_ERROR;
        }
        try {
            synchronized (k) {
                if (k.inputShut) {
                    return fail(WsaError.WSAESHUTDOWN.code());
                }
                if (!k.connected) {
                    return fail(WsaError.WSAENOTCONN.code());
                }
                if (k.type == Sdk.SOCK_DGRAM) {
                    // A connected datagram socket: recv takes one datagram, an empty one as 0
                    // bytes (recv: "zero ... for message-oriented sockets"), and fails with
                    // WSAEMSGSIZE after filling the buffer from a longer one.
                    int code = awaitDatagram(k);
                    if (code != 0) {
                        return fail(code);
                    }
                    byte[] data = (byte[]) ((flags & Sdk.MSG_PEEK) != 0 ? k.datagrams.peek() : k.datagrams.poll())[0];
                    int n = Math.min(len, data.length);
                    System.arraycopy(data, 0, buf, offset, n);
                    return data.length > len ? fail(WsaError.WSAEMSGSIZE.code()) : n;
                }
                if (k.peerReset) {
                    // recv after the peer's reset: WSAECONNRESET (recv remarks).
                    return fail(WsaError.WSAECONNRESET.code());
                }
                long generation = k.cancelGeneration;
                // SO_RCVTIMEO in milliseconds, 0 for no limit (setsockopt SOL_SOCKET options).
                long timeoutMillis = k.intOptions.getOrDefault(((long) Sdk.SOL_SOCKET << 32) | Sdk.SO_RCVTIMEO, 0)
                        & 0xffffffffL;
                long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
                boolean interrupted = false;
                try {
                    if ((flags & Sdk.MSG_OOB) != 0) {
                        // The fake models no urgent data: it fails as recv does with SO_OOBINLINE on
                        // (recv remarks, WSAEINVAL).
                        return fail(WsaError.WSAEINVAL.code());
                    }
                    if ((flags & Sdk.MSG_WAITALL) != 0 && k.nonBlocking) {
                        // recv remarks: MSG_WAITALL on a non-blocking socket fails with WSAEOPNOTSUPP.
                        return fail(WsaError.WSAEOPNOTSUPP.code());
                    }
                    // MSG_WAITALL: wait for len bytes, fewer only when the peer closed.
                    int wanted = (flags & Sdk.MSG_WAITALL) != 0 ? len : 1;
                    while (k.inbound.size() < wanted && !k.peerClosed) {
                        if (k.nonBlocking) {
                            return fail(WsaError.WSAEWOULDBLOCK.code());
                        }
                        long waitMillis = 0;
                        if (timeoutMillis != 0) {
                            long left = deadline - System.nanoTime();
                            if (left <= 0) {
                                return fail(WsaError.WSAETIMEDOUT.code());
                            }
                            waitMillis = Math.max(1, left / 1_000_000);
                        }
                        k.blockedReceivers++;
                        try {
                            k.wait(waitMillis);
                        } catch (InterruptedException e) {
                            // A native recv knows nothing of Java interrupts: keep waiting.
                            interrupted = true;
                        } finally {
                            k.blockedReceivers--;
                        }
                        if (k.cancelGeneration != generation) {
                            // Windows completes a blocking recv canceled by CancelIoEx with WSAEINTR.
                            return fail(WsaError.WSAEINTR.code());
                        }
                    }
                } finally {
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
                int n = 0;
                if ((flags & Sdk.MSG_PEEK) != 0) {
                    for (Byte b : k.inbound) {
                        if (n == len) {
                            break;
                        }
                        buf[offset + n++] = b;
                    }
                    return n;
                }
                while (n < len && !k.inbound.isEmpty()) {
                    buf[offset + n++] = k.inbound.poll();
                }
                return n;
            }
        } finally {
            leave(k);
        }
    }

    @Override
    public int recv(long s, ByteBuffer buffer, int offset, int len, int flags) {
        PortArguments.slice("recv", buffer, offset, len);
        byte[] into = new byte[len];
        int n = recv(s, into, 0, len, flags);
        if (n > 0) {
            buffer.put(offset, into, 0, n);
        }
        return n;
    }

    @Override
    public int sendto(long s, ByteBuffer buffer, int offset, int len, int flags, byte[] to, int tolen) {
        PortArguments.slice("sendto", buffer, offset, len);
        PortArguments.in("sendto", "to", "tolen", to, tolen);
        Sock k = enter("sendto", s);
        if (k == null) {
            return Sdk.SOCKET_ERROR;
        }
        byte[] copy = new byte[len];
        java.net.InetSocketAddress destination = org.winsock4j.port.SdkStructs.inetSocketAddress(to, tolen);
        java.net.InetSocketAddress source;
        try {
            synchronized (k) {
                buffer.get(offset, copy);
                k.sentDatagrams.add(new SentDatagram(copy, destination));
                source = k.local;
            }
        } finally {
            leave(k);
        }
        // Loopback: a fake socket bound to the destination receives the datagram.
        for (Sock target : sockets.values()) {
            boolean bound;
            synchronized (target) {
                bound = destination.equals(target.local);
            }
            if (bound) {
                synchronized (target) {
                    target.datagrams.add(new Object[] {copy.clone(), source});
                    target.notifyAll();
                }
                break;
            }
        }
        return len;
    }

    /**
     * recvfrom as the recvfrom page says: blocks like recv (CancelIoEx ends it with WSAEINTR); a
     * datagram longer than {@code len} fills {@code len} bytes, is discarded (kept with MSG_PEEK)
     * and fails with WSAEMSGSIZE. On a stream socket it receives as recv and leaves {@code from}
     * and {@code fromlen} as they were (ignored for connection-oriented sockets; what ws2_32 does
     * under Wine, the contract suite checks).
     */
    @Override
    public int recvfrom(long s, ByteBuffer buffer, int offset, int len, int flags, byte[] from, int[] fromlen) {
        PortArguments.slice("recvfrom", buffer, offset, len);
        PortArguments.out("recvfrom", "from", "fromlen", from, fromlen, true);
        Sock stream = sockets.get(s);
        if (stream != null && stream.type == Sdk.SOCK_STREAM) {
            byte[] into = new byte[len];
            int n = receive("recvfrom", s, into, 0, len, flags);
            if (n > 0) {
                buffer.put(offset, into, 0, n);
            }
            return n;
        }
        Sock k = enter("recvfrom", s);
        if (k == null) {
            return Sdk.SOCKET_ERROR;
        }
        try {
            synchronized (k) {
                int code = awaitDatagram(k);
                if (code != 0) {
                    return fail(code);
                }
                Object[] d = (flags & Sdk.MSG_PEEK) != 0 ? k.datagrams.peek() : k.datagrams.poll();
                byte[] data = (byte[]) d[0];
                if (from != null) {
                    byte[] name = org.winsock4j.port.SdkStructs.sockaddr((java.net.InetSocketAddress) d[1]);
                    System.arraycopy(name, 0, from, 0, Math.min(name.length, fromlen[0]));
                    fromlen[0] = name.length;
                }
                int n = Math.min(len, data.length);
                buffer.put(offset, data, 0, n);
                return data.length > len ? fail(WsaError.WSAEMSGSIZE.code()) : n;
            }
        } finally {
            leave(k);
        }
    }

    /**
     * Waits, holding {@code k}'s monitor, until a datagram is queued: 0 then, else the error of
     * the receive (WSAEWOULDBLOCK on a non-blocking socket, WSAEINTR when CancelIoEx cancelled it).
     */
    private static int awaitDatagram(Sock k) {
        long generation = k.cancelGeneration;
        boolean interrupted = false;
        try {
            while (k.datagrams.isEmpty()) {
                if (k.nonBlocking) {
                    return WsaError.WSAEWOULDBLOCK.code();
                }
                k.blockedReceivers++;
                try {
                    k.wait();
                } catch (InterruptedException e) {
                    interrupted = true; // a native receive knows nothing of Java interrupts
                } finally {
                    k.blockedReceivers--;
                }
                if (k.cancelGeneration != generation) {
                    return WsaError.WSAEINTR.code();
                }
            }
            return 0;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public int setsockopt(long s, int level, int optname, byte[] optval, int optlen) {
        PortArguments.in("setsockopt", "optval", "optlen", optval, optlen);
        Sock k = enter("setsockopt", s);
        if (k == null) {
            return Sdk.SOCKET_ERROR;
        }
        try {
            synchronized (k) {
                if (level == Sdk.SOL_SOCKET && optname == Sdk.SO_LINGER) {
                    if (optlen < Sdk.SIZEOF_LINGER) {
                        return fail(WsaError.WSAEFAULT.code());
                    }
                    k.lingerOnoff = SdkStructs.lingerOnoff(optval);
                    k.lingerSeconds = SdkStructs.lingerSeconds(optval);
                    return 0;
                }
                if (optlen < 4) {
                    return fail(WsaError.WSAEFAULT.code());
                }
                int v = (optval[0] & 0xff) | (optval[1] & 0xff) << 8 | (optval[2] & 0xff) << 16 | (optval[3] & 0xff) << 24;
                if (level == Sdk.SOL_SOCKET && optname == Sdk.SO_DONTLINGER) {
                    // closesocket remarks: TRUE clears l_onoff and keeps the timeout; FALSE sets it.
                    k.lingerOnoff = v != 0 ? 0 : 1;
                    return 0;
                }
                if (level == Sdk.SOL_SOCKET && (optname == Sdk.SO_ERROR || optname == Sdk.SO_TYPE)) {
                    return fail(WsaError.WSAENOPROTOOPT.code());
                }
                k.intOptions.put(((long) level << 32) | (optname & 0xffffffffL), v);
                return 0;
            }
        } finally {
            leave(k);
        }
    }

    @Override
    public int getsockopt(long s, int level, int optname, byte[] optval, int[] optlen) {
        PortArguments.out("getsockopt", "optval", "optlen", optval, optlen, false);
        Sock k = enter("getsockopt", s, level == Sdk.SOL_SOCKET && optname == Sdk.SO_TYPE);
        if (k == null) {
            return Sdk.SOCKET_ERROR;
        }
        try {
            synchronized (k) {
                byte[] value;
                if (level == Sdk.SOL_SOCKET && optname == Sdk.SO_LINGER) {
                    value = SdkStructs.linger(k.lingerOnoff, k.lingerSeconds);
                } else {
                    int v;
                    if (level == Sdk.SOL_SOCKET && optname == Sdk.SO_DONTLINGER) {
                        v = k.lingerOnoff == 0 ? 1 : 0;
                    } else if (level == Sdk.SOL_SOCKET && optname == Sdk.SO_TYPE) {
                        v = k.type;
                    } else {
                        v = k.intOptions.getOrDefault(((long) level << 32) | (optname & 0xffffffffL), 0);
                    }
                    value = new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
                }
                if (optlen[0] < value.length) {
                    return fail(WsaError.WSAEFAULT.code());
                }
                System.arraycopy(value, 0, optval, 0, value.length);
                optlen[0] = value.length;
                return 0;
            }
        } finally {
            leave(k);
        }
    }

    @Override
    public int ioctlsocket(long s, int cmd, int[] argp) {
        PortArguments.one("ioctlsocket", "argp", argp, false);
        Sock k = enter("ioctlsocket", s);
        if (k == null) {
            return Sdk.SOCKET_ERROR;
        }
        try {
            synchronized (k) {
                if (cmd == Sdk.FIONBIO) {
                    k.nonBlocking = argp[0] != 0;
                    return 0;
                }
                if (cmd == Sdk.FIONREAD) {
                    argp[0] = k.inbound.size();
                    return 0;
                }
                return fail(WsaError.WSAEINVAL.code());
            }
        } finally {
            leave(k);
        }
    }

    @Override
    public int wsaIoctl(long s, int code, byte[] in, byte[] out, int[] bytesReturned) {
        PortArguments.one("WSAIoctl", "lpcbBytesReturned", bytesReturned, false);
        Sock k = enter("WSAIoctl", s);
        if (k == null) {
            return Sdk.SOCKET_ERROR;
        }
        try {
            synchronized (k) {
                if (code == Sdk.SIO_KEEPALIVE_VALS) {
                    // WSAIoctl: an input shorter than the structure fails with WSAEFAULT.
                    if (in == null || in.length < SdkStructs.tcpKeepalive(0, 0, 0).length) {
                        return fail(WsaError.WSAEFAULT.code());
                    }
                    k.keepAliveVals = SdkStructs.tcpKeepaliveFields(in);
                    bytesReturned[0] = 0;
                    return 0;
                }
                return fail(WsaError.WSAEINVAL.code());
            }
        } finally {
            leave(k);
        }
    }

    @Override
    public int shutdown(long s, int how) {
        Sock k = enter("shutdown", s);
        if (k == null) {
            return Sdk.SOCKET_ERROR;
        }
        try {
            synchronized (k) {
                if (how < Sdk.SD_RECEIVE || how > Sdk.SD_BOTH) {
                    return fail(WsaError.WSAEINVAL.code());
                }
                if (!k.connected) {
                    return fail(WsaError.WSAENOTCONN.code());
                }
                if (how != Sdk.SD_SEND) {
                    k.inputShut = true;
                }
                if (how != Sdk.SD_RECEIVE) {
                    k.outputShut = true;
                    k.unsent = false; // the FIN follows the data; nothing left for closesocket to wait on
                }
                return 0;
            }
        } finally {
            leave(k);
        }
    }

    @Override
    public int closesocket(long s) {
        long seq = record("closesocket", s);
        Integer code = scripted("closesocket");
        if (code != null) {
            return fail(code);
        }
        if (!started) {
            return fail(WsaError.WSANOTINITIALISED.code());
        }
        Sock k = sockets.get(s);
        if (k == null) {
            return fail(WsaError.WSAENOTSOCK.code());
        }
        synchronized (k) {
            if (k.inFlight.get() != 0) {
                violations.add("closesocket on SOCKET 0x" + Long.toHexString(s) + " while " + k.inFlight.get()
                        + " other call(s) on it were in progress");
            }
            // closesocket remarks: non-blocking, lingering with a timeout, data still queued.
            if (k.nonBlocking && k.lingerOnoff != 0 && k.lingerSeconds != 0 && k.unsent) {
                return fail(WsaError.WSAEWOULDBLOCK.code());
            }
            k.closedAbortively = k.lingerOnoff != 0 && k.lingerSeconds == 0;
            sockets.remove(s);
            closedAt.put(s, seq);
            closedSockets.put(s, k);
            closedOnThread.put(s, Thread.currentThread());
            freedHandles.addFirst(s);
            k.notifyAll();
        }
        return 0;
    }

    private final Map<Long, Sock> closedSockets = new ConcurrentHashMap<>();
    private final Map<Long, Thread> closedOnThread = new ConcurrentHashMap<>();

    /** The thread whose closesocket closed the socket (the latest, for a reused number). */
    public Thread closedOnThread(long socket) {
        Thread t = closedOnThread.get(socket);
        if (t == null) {
            throw new IllegalArgumentException("SOCKET 0x" + Long.toHexString(socket) + " was not closed");
        }
        return t;
    }

    /** Whether the socket's closesocket ran with linger on/0 (a reset). */
    public boolean closedAbortively(long socket) {
        Sock k = closedSockets.get(socket);
        if (k == null) {
            throw new IllegalArgumentException("SOCKET 0x" + Long.toHexString(socket) + " was not closed");
        }
        return k.closedAbortively;
    }

    @Override
    public int getsockname(long s, byte[] name, int[] namelen) {
        PortArguments.out("getsockname", "name", "namelen", name, namelen, false);
        Sock k = enter("getsockname", s);
        if (k == null) {
            return Sdk.SOCKET_ERROR;
        }
        try {
            synchronized (k) {
                if (k.local == null) {
                    return fail(WsaError.WSAEINVAL.code());
                }
                return copyName(SdkStructs.sockaddr(k.local), name, namelen);
            }
        } finally {
            leave(k);
        }
    }

    @Override
    public int getpeername(long s, byte[] name, int[] namelen) {
        PortArguments.out("getpeername", "name", "namelen", name, namelen, false);
        Sock k = enter("getpeername", s);
        if (k == null) {
            return Sdk.SOCKET_ERROR;
        }
        try {
            synchronized (k) {
                if (!k.connected || k.remote == null) {
                    return fail(WsaError.WSAENOTCONN.code());
                }
                return copyName(SdkStructs.sockaddr(k.remote), name, namelen);
            }
        } finally {
            leave(k);
        }
    }

    private int copyName(byte[] sockaddr, byte[] name, int[] namelen) {
        if (namelen[0] < sockaddr.length) {
            return fail(WsaError.WSAEFAULT.code());
        }
        System.arraycopy(sockaddr, 0, name, 0, sockaddr.length);
        namelen[0] = sockaddr.length;
        return 0;
    }

    /**
     * WSAPoll over the fake's state: readable (POLLRDNORM) with bytes delivered, after the peer's
     * FIN or on a listener; writable (POLLWRNORM) when connected, not shut for sending and the
     * peer reads; POLLHUP after the peer's FIN, POLLERR|POLLHUP after its reset (Windows' revents
     * per the WSAPoll page and Wine's tests); POLLNVAL for a handle that is not an open socket;
     * or what {@link #pollReports} scripted. Waits in 1 ms steps, as long as {@code timeout}.
     */
    @Override
    public int wsaPoll(long[] fds, short[] events, short[] revents, int timeout) {
        PortArguments.poll(fds, events, revents);
        pollTimeouts.computeIfAbsent(Thread.currentThread(), t -> new ConcurrentLinkedQueue<>()).add(timeout);
        Sock[] entered = new Sock[fds.length];
        try {
            for (int i = 0; i < fds.length; i++) {
                record("WSAPoll", fds[i]);
                Sock k = sockets.get(fds[i]);
                if (k != null) {
                    k.inFlight.incrementAndGet();
                    entered[i] = k;
                }
            }
            Integer code = scripted("WSAPoll");
            if (code != null) {
                return fail(code);
            }
            if (!started) {
                return fail(WsaError.WSANOTINITIALISED.code());
            }
            int[] ready = new int[1];
            waitNatively(timeout, () -> {
                ready[0] = 0;
                for (int i = 0; i < fds.length; i++) {
                    revents[i] = (short) readiness(fds[i], entered[i], events[i]);
                    if (revents[i] != 0) {
                        ready[0]++;
                    }
                }
                return ready[0] > 0;
            });
            return ready[0];
        } finally {
            for (Sock k : entered) {
                if (k != null) {
                    leave(k);
                }
            }
        }
    }

    private int readiness(long fd, Sock k, short events) {
        if (k == null || !sockets.containsKey(fd)) {
            return Sdk.POLLNVAL;
        }
        int ready;
        synchronized (k) {
            if (k.pollReports != null) {
                ready = k.pollReports;
            } else if (k.peerReset) {
                ready = Sdk.POLLERR | Sdk.POLLHUP | Sdk.POLLWRNORM;
            } else if (k.listening) {
                ready = Sdk.POLLRDNORM;
            } else {
                ready = 0;
                if (!k.inbound.isEmpty() || !k.datagrams.isEmpty()) {
                    ready |= Sdk.POLLRDNORM;
                }
                if (k.peerClosed) {
                    ready |= Sdk.POLLHUP;
                }
                if (k.connected && !k.outputShut && !k.sendBufferFull) {
                    ready |= Sdk.POLLWRNORM;
                }
            }
        }
        return ready & (events | Sdk.POLLERR | Sdk.POLLHUP | Sdk.POLLNVAL);
    }

    /** A pending (non-blocking) connect succeeds: the socket is connected, so WSAPoll reports it writable. */
    public void connectCompletes(long socket) {
        Sock s = sock(socket);
        synchronized (s) {
            s.connected = true;
        }
    }

    /**
     * A pending connect fails: SO_ERROR reads {@code code}, select reports the socket in
     * exceptfds, and WSAPoll reports POLLERR|POLLHUP, or nothing at all while
     * {@link #wsaPollNeverReportsAFailedConnect} holds.
     */
    public void connectFails(long socket, WsaError code) {
        Sock s = sock(socket);
        synchronized (s) {
            s.intOptions.put(((long) Sdk.SOL_SOCKET << 32) | Sdk.SO_ERROR, code.code());
            s.connectFailed = true;
            s.pollReports = wsaPollMissesFailedConnects ? 0 : Sdk.POLLERR | Sdk.POLLHUP;
        }
    }

    private volatile boolean wsaPollMissesFailedConnects;

    /**
     * From now on WSAPoll never reports a failed non-blocking connect, as on Windows before 10
     * version 2004 (build 19041), Windows Server 2019 included
     * (https://github.com/MicrosoftDocs/sdk-api/pull/764,
     * https://github.com/pocoproject/poco/issues/3248): a later {@link #connectFails} leaves
     * WSAPoll's revents 0; select still reports it in exceptfds.
     *
     * @return this fake
     */
    public FakeWinsockPort wsaPollNeverReportsAFailedConnect() {
        wsaPollMissesFailedConnects = true;
        return this;
    }

    /**
     * select over the fake's state, as {@link #wsaPoll} reads it: in readfds a socket with data
     * or a datagram queued, the peer's FIN or reset, or a listener; in writefds a connected socket
     * that is not shut for sending and whose peer reads; in exceptfds a pending connect that
     * failed ({@link #connectFails}). All sets empty: WSAEINVAL; a handle that is not an open
     * socket: WSAENOTSOCK. Waits in 1 ms steps up to the timeout (none: without limit).
     */
    @Override
    public int select(byte[] readfds, byte[] writefds, byte[] exceptfds, byte[] timeout) {
        SdkStructs.checkSelectArguments(readfds, writefds, exceptfds, timeout);
        byte[][] images = {readfds, writefds, exceptfds};
        long[][] sets = new long[3][];
        java.util.Set<Long> all = new java.util.LinkedHashSet<>();
        for (int i = 0; i < 3; i++) {
            sets[i] = images[i] == null ? new long[0] : SdkStructs.fdSetSockets(images[i]);
            for (long fd : sets[i]) {
                all.add(fd);
            }
        }
        List<Sock> entered = new ArrayList<>();
        try {
            for (long fd : all) {
                record("select", fd);
                Sock k = sockets.get(fd);
                if (k != null) {
                    k.inFlight.incrementAndGet();
                    entered.add(k);
                }
            }
            Integer code = scripted("select");
            if (code != null) {
                return fail(code);
            }
            if (!started) {
                return fail(WsaError.WSANOTINITIALISED.code());
            }
            if (all.isEmpty()) {
                return fail(WsaError.WSAEINVAL.code());
            }
            if (entered.size() != all.size()) {
                return fail(WsaError.WSAENOTSOCK.code());
            }
            ByteBuffer tv = timeout == null ? null : ByteBuffer.wrap(timeout).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            long waitMillis = tv == null ? -1
                    : (tv.getInt(SdkStructs.TIMEVAL_TV_SEC) & 0xffffffffL) * 1000
                            + (tv.getInt(SdkStructs.TIMEVAL_TV_USEC) & 0xffffffffL) / 1000;
            long[][] out = new long[3][];
            int[] ready = new int[1];
            waitNatively(waitMillis, () -> {
                ready[0] = 0;
                for (int i = 0; i < 3; i++) {
                    int kind = i;
                    out[i] = java.util.Arrays.stream(sets[i]).filter(fd -> selects(sockets.get(fd), kind)).toArray();
                    ready[0] += out[i].length;
                }
                return ready[0] > 0;
            });
            for (int i = 0; i < 3; i++) {
                if (images[i] != null) {
                    System.arraycopy(SdkStructs.fdSet(out[i]), 0, images[i], 0, Sdk.SIZEOF_FD_SET);
                }
            }
            return ready[0];
        } finally {
            for (Sock k : entered) {
                leave(k);
            }
        }
    }

    /**
     * A native wait (WSAPoll, select) in 1 ms steps: until {@code ready} holds or
     * {@code timeoutMillis} have passed (negative: no limit); {@code ready} is evaluated at least
     * once. It knows nothing of Java interrupts: an interrupt is kept for the caller, not acted on.
     */
    private static void waitNatively(long timeoutMillis, java.util.function.BooleanSupplier ready) {
        long deadline = System.nanoTime() + Math.max(0, timeoutMillis) * 1_000_000L;
        boolean interrupted = false;
        try {
            while (!ready.getAsBoolean() && (timeoutMillis < 0 || System.nanoTime() - deadline < 0)) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether select leaves the socket in its readfds (0), writefds (1) or exceptfds (2). */
    private static boolean selects(Sock k, int set) {
        if (k == null) {
            return false;
        }
        synchronized (k) {
            return switch (set) {
                case 0 -> k.listening || !k.inbound.isEmpty() || !k.datagrams.isEmpty() || k.peerClosed || k.peerReset;
                case 1 -> k.connected && !k.outputShut && !k.sendBufferFull;
                default -> k.connectFailed;
            };
        }
    }

    /** The peer's reset: WSAPoll reports POLLERR|POLLHUP|POLLWRNORM. */
    public void peerResets(long socket) {
        Sock s = sock(socket);
        synchronized (s) {
            s.peerReset = true;
            s.notifyAll();
        }
    }

    /** From now on WSAPoll reports these revents for {@code socket} (masked by the events asked). */
    public void pollReports(long socket, int revents) {
        Sock s = sock(socket);
        synchronized (s) {
            s.pollReports = revents;
        }
    }

    private volatile boolean cancelsFindNothing;

    /**
     * While on, CancelIoEx finds no pending I/O (ERROR_NOT_FOUND, as when it runs before a call
     * is pending), so blocked calls stay blocked: holds a close in its cancel loop.
     */
    public void cancelsFindNothing(boolean on) {
        cancelsFindNothing = on;
    }

    @Override
    public boolean cancelIoEx(long handle) {
        record("CancelIoEx", handle);
        if (cancelsFindNothing) {
            lastError.get()[0] = ERROR_NOT_FOUND;
            return false;
        }
        Sock k = sockets.get(handle);
        if (k == null) {
            lastError.get()[0] = 6; // ERROR_INVALID_HANDLE
            return false;
        }
        synchronized (k) {
            if (k.blockedReceivers == 0) {
                lastError.get()[0] = ERROR_NOT_FOUND;
                return false;
            }
            k.cancelGeneration++;
            k.notifyAll();
            return true;
        }
    }

    @Override
    public int lastError() {
        return lastError.get()[0];
    }

    private static final class Sock {
        final int af;
        /** SOCK_STREAM unless socket() said otherwise. */
        int type = Sdk.SOCK_STREAM;
        final AtomicInteger inFlight = new AtomicInteger();
        final Deque<Byte> inbound = new ArrayDeque<>();
        int[] keepAliveVals;
        final List<Byte> sent = new ArrayList<>();
        /** Bytes sent with MSG_OOB. */
        final List<Byte> urgent = new ArrayList<>();
        final Map<Long, Integer> intOptions = new HashMap<>();
        java.net.InetSocketAddress local;
        java.net.InetSocketAddress remote;
        boolean listening;
        boolean connected;
        boolean nonBlocking;
        boolean inputShut;
        boolean outputShut;
        boolean peerClosed;
        boolean peerReset;
        /** A pending connect failed ({@link #connectFails}): select reports it in exceptfds. */
        boolean connectFailed;
        Integer pollReports;
        boolean sendBufferFull;
        boolean unsent;
        boolean closedAbortively;
        int lingerOnoff;
        int lingerSeconds;
        int blockedReceivers;
        long cancelGeneration;
        final Deque<Object[]> datagrams = new ArrayDeque<>();
        /** A listener's connected fake clients, not accepted yet. */
        final Deque<Sock> pending = new ArrayDeque<>();
        /** The accepted or connecting fake socket at the other end, whose recv gets this one's sends. */
        Sock peer;
        final List<SentDatagram> sentDatagrams = new ArrayList<>();

        Sock(int af) {
            this.af = af;
        }

        int checkSend() {
            if (outputShut) {
                return WsaError.WSAESHUTDOWN.code();
            }
            if (!connected) {
                return WsaError.WSAENOTCONN.code();
            }
            if (peerReset) {
                return WsaError.WSAECONNRESET.code();
            }
            return 0;
        }
    }
}
