package org.winsock4j.it;

import com.sun.jna.Pointer;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.winsock4j.Backend;
import org.winsock4j.cli.instrument.OverlappedReceive;
import org.winsock4j.cli.instrument.Ws2_32Overlapped;
import org.winsock4j.jna.Kernel32Io;
import org.winsock4j.jna.Ws2_32;
import org.winsock4j.port.WinsockPort;
import org.winsock4j.unguarded.UnguardedPorts;

/**
 * The real port of the selected {@link Backend} (-Dwinsock4j.backend, else the JVM's default),
 * noting which native function of the raw mapping each call went through
 * ({@link CoverageIpHelperPort} notes the IP Helper ones here too), so the Wine tier can prove
 * every function of the mapping was called (lab/run-wine-tests.sh reads
 * the report this writes when the JVM exits). The raw functions outside the port, the lab
 * instrument's overlapped ones ({@link Ws2_32Overlapped}, mapped by the CLI, not the library),
 * are noted by {@link #overlappedNatives()}, the functions the Wine tier hands
 * {@link OverlappedReceive}.
 *
 * <p>On the FFM backend the report lists the FFM downcall handles (org.winsock4j.ffm.Ws2_32's
 * Handles, read by reflection: the class is in the jar's Java 22 part) in place of the JNA
 * natives the port reaches on JNA; the overlapped functions and the IP Helper ones are JNA's on
 * both backends (they are not in the port).
 */
final class CoveragePort implements WinsockPort {
    /** The IP Helper functions reached through jna-platform's IPHlpAPI mapping. */
    static final String GET_EXTENDED_TCP_TABLE = "GetExtendedTcpTable (jna-platform IPHlpAPI)";
    static final String GET_EXTENDED_UDP_TABLE = "GetExtendedUdpTable (jna-platform IPHlpAPI)";
    static final String SET_TCP_ENTRY = signature("SetTcpEntry", org.winsock4j.jna.MIB_TCPROW.class);

    /** The backend under test. */
    static final Backend BACKEND = Backend.selected();
    private static final String FFM = "ffm ";

    private final WinsockPort real = UnguardedPorts.of(BACKEND);
    private final Set<String> called = ConcurrentHashMap.newKeySet();
    private final java.util.Map<Long, Thread> closedOnThread = new ConcurrentHashMap<>();

    /** The thread whose closesocket last closed {@code socket}, or null. */
    Thread closedOnThread(long socket) {
        return closedOnThread.get(socket);
    }

    CoveragePort(Path report) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> write(report), "winsock4j-coverage-report"));
    }

    /**
     * Every native function of the raw mapping the backend under test reaches, as "name(param
     * types)" (JNA natives) or "ffm name" (FFM downcall handles).
     */
    static Set<String> nativeMethods() {
        Set<String> all = jnaNativeMethods();
        if (BACKEND == Backend.FFM) {
            Set<String> ffm = ffmHandles();
            all.removeIf(m -> ffm.contains(FFM + m.substring(0, m.indexOf('('))));
            all.addAll(ffm);
        }
        return all;
    }

    /** The FFM backend's downcall handles, "ffm " and the SDK name of each. */
    static Set<String> ffmHandles() {
        Set<String> names = new TreeSet<>();
        try {
            for (var f : Class.forName("org.winsock4j.ffm.Ws2_32$Handles").getDeclaredFields()) {
                if (f.getType() == java.lang.invoke.MethodHandle.class) {
                    names.add(FFM + f.getName());
                }
            }
        } catch (ClassNotFoundException e) {
            throw new AssertionError("the FFM backend is selected but its classes are missing", e);
        }
        if (names.size() < 20) {
            throw new AssertionError("too few FFM downcall handles found: " + names);
        }
        return names;
    }

    /**
     * Every native method of the JNA mapping, the library's and the lab instrument's overlapped
     * functions, as "name(param types)".
     */
    static Set<String> jnaNativeMethods() {
        Set<String> all = new TreeSet<>();
        all.add(GET_EXTENDED_TCP_TABLE);
        all.add(GET_EXTENDED_UDP_TABLE);
        for (Class<?> c : List.of(Ws2_32.class, Kernel32Io.class, org.winsock4j.jna.Iphlpapi.class,
                Ws2_32Overlapped.class)) {
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isNative(m.getModifiers())) {
                    all.add(signature(m.getName(), m.getParameterTypes()));
                }
            }
        }
        return all;
    }

    private static String signature(String name, Class<?>... params) {
        return name + "(" + String.join(",", Arrays.stream(params).map(Class::getSimpleName).toList()) + ")";
    }

    private void note(String name, Class<?>... params) {
        called.add(BACKEND == Backend.FFM ? FFM + name : signature(name, params));
    }

    /** A function the JNA mapping reaches on either backend (the overlapped ones). */
    private void noteJna(String name, Class<?>... params) {
        called.add(signature(name, params));
    }

    /** For {@link CoverageIpHelperPort}: a raw function reached outside this port. */
    void noteRaw(String function) {
        called.add(function);
    }

    private void write(Path report) {
        Set<String> all = nativeMethods();
        List<String> missing = new ArrayList<>();
        for (String m : all) {
            if (!called.contains(m)) {
                missing.add(m);
            }
        }
        StringBuilder b = new StringBuilder();
        b.append("backend: ").append(BACKEND).append(" (").append(real).append(")\n");
        b.append("raw mapping functions called: ").append(all.size() - missing.size()).append(" of ").append(all.size()).append('\n');
        for (String m : all) {
            b.append(called.contains(m) ? "  called  " : "  MISSING ").append(m).append('\n');
        }
        try {
            Files.createDirectories(report.toAbsolutePath().getParent());
            Files.writeString(report, b.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("cannot write " + report + ": " + e);
        }
    }

    @Override
    public int wsaStartup(int wVersionRequested, int[] wVersionOut) {
        note("WSAStartup", short.class, org.winsock4j.jna.WSADATA.class);
        return real.wsaStartup(wVersionRequested, wVersionOut);
    }

    @Override
    public int wsaCleanup() {
        note("WSACleanup");
        return real.wsaCleanup();
    }

    @Override
    public long socket(int af, int type, int protocol) {
        note("socket", int.class, int.class, int.class);
        return real.socket(af, type, protocol);
    }

    @Override
    public int bind(long s, byte[] name, int namelen) {
        note("bind", long.class, byte[].class, int.class);
        return real.bind(s, name, namelen);
    }

    @Override
    public int listen(long s, int backlog) {
        note("listen", long.class, int.class);
        return real.listen(s, backlog);
    }

    @Override
    public long accept(long s, byte[] addr, int[] addrlen) {
        note("accept", long.class, byte[].class, int[].class);
        return real.accept(s, addr, addrlen);
    }

    @Override
    public int connect(long s, byte[] name, int namelen) {
        note("connect", long.class, byte[].class, int.class);
        return real.connect(s, name, namelen);
    }

    @Override
    public int send(long s, byte[] buf, int offset, int len, int flags) {
        // Heap data goes through native scratch memory, by address, as direct buffers do.
        note("send", long.class, long.class, int.class, int.class);
        return real.send(s, buf, offset, len, flags);
    }

    @Override
    public int send(long s, ByteBuffer buffer, int offset, int len, int flags) {
        note("send", long.class, long.class, int.class, int.class);
        return real.send(s, buffer, offset, len, flags);
    }

    @Override
    public int recv(long s, byte[] buf, int offset, int len, int flags) {
        note("recv", long.class, long.class, int.class, int.class);
        return real.recv(s, buf, offset, len, flags);
    }

    @Override
    public int recv(long s, ByteBuffer buffer, int offset, int len, int flags) {
        note("recv", long.class, long.class, int.class, int.class);
        return real.recv(s, buffer, offset, len, flags);
    }

    @Override
    public int setsockopt(long s, int level, int optname, byte[] optval, int optlen) {
        note("setsockopt", long.class, int.class, int.class, byte[].class, int.class);
        return real.setsockopt(s, level, optname, optval, optlen);
    }

    @Override
    public int getsockopt(long s, int level, int optname, byte[] optval, int[] optlen) {
        note("getsockopt", long.class, int.class, int.class, byte[].class, int[].class);
        return real.getsockopt(s, level, optname, optval, optlen);
    }

    @Override
    public int ioctlsocket(long s, int cmd, int[] argp) {
        note("ioctlsocket", long.class, int.class, int[].class);
        return real.ioctlsocket(s, cmd, argp);
    }

    @Override
    public int shutdown(long s, int how) {
        note("shutdown", long.class, int.class);
        return real.shutdown(s, how);
    }

    @Override
    public int closesocket(long s) {
        note("closesocket", long.class);
        int rc = real.closesocket(s);
        if (rc == 0) {
            closedOnThread.put(s, Thread.currentThread());
        }
        return rc;
    }

    @Override
    public int getsockname(long s, byte[] name, int[] namelen) {
        note("getsockname", long.class, byte[].class, int[].class);
        return real.getsockname(s, name, namelen);
    }

    @Override
    public int getpeername(long s, byte[] name, int[] namelen) {
        note("getpeername", long.class, byte[].class, int[].class);
        return real.getpeername(s, name, namelen);
    }

    @Override
    public int wsaIoctl(long s, int code, byte[] in, byte[] out, int[] bytesReturned) {
        note("WSAIoctl", long.class, int.class, byte[].class, int.class, byte[].class, int.class, int[].class,
                Pointer.class, Pointer.class);
        return real.wsaIoctl(s, code, in, out, bytesReturned);
    }

    @Override
    public int wsaPoll(long[] fds, short[] events, short[] revents, int timeout) {
        note("WSAPoll", Pointer.class, int.class, int.class);
        return real.wsaPoll(fds, events, revents, timeout);
    }

    @Override
    public int select(byte[] readfds, byte[] writefds, byte[] exceptfds, byte[] timeout) {
        note("select", int.class, Pointer.class, Pointer.class, Pointer.class, Pointer.class);
        return real.select(readfds, writefds, exceptfds, timeout);
    }

    @Override
    public boolean cancelIoEx(long handle) {
        note("CancelIoEx", long.class, Pointer.class);
        return real.cancelIoEx(handle);
    }

    @Override
    public int lastError() {
        return real.lastError();
    }

    /**
     * ws2_32's overlapped functions for {@link OverlappedReceive#post(long, int, OverlappedReceive.Natives)},
     * noting each call as the port methods do: they are raw-only (not in {@link WinsockPort}).
     */
    OverlappedReceive.Natives overlappedNatives() {
        OverlappedReceive.Natives ws2 = OverlappedReceive.Natives.WS2_32;
        return new OverlappedReceive.Natives() {
            @Override
            public int WSARecv(long s, Pointer lpBuffers, int dwBufferCount, Pointer lpNumberOfBytesRecvd,
                    Pointer lpFlags, Pointer lpOverlapped, Pointer lpCompletionRoutine) {
                noteJna("WSARecv", long.class, Pointer.class, int.class, Pointer.class, Pointer.class, Pointer.class,
                        Pointer.class);
                return ws2.WSARecv(s, lpBuffers, dwBufferCount, lpNumberOfBytesRecvd, lpFlags, lpOverlapped,
                        lpCompletionRoutine);
            }

            @Override
            public int WSAGetOverlappedResult(long s, Pointer lpOverlapped, int[] lpcbTransfer, int fWait,
                    int[] lpdwFlags) {
                noteJna("WSAGetOverlappedResult", long.class, Pointer.class, int[].class, int.class, int[].class);
                return ws2.WSAGetOverlappedResult(s, lpOverlapped, lpcbTransfer, fWait, lpdwFlags);
            }

            @Override
            public long WSACreateEvent() {
                noteJna("WSACreateEvent");
                return ws2.WSACreateEvent();
            }

            @Override
            public int WSACloseEvent(long hEvent) {
                noteJna("WSACloseEvent", long.class);
                return ws2.WSACloseEvent(hEvent);
            }

            @Override
            public int WSAWaitForMultipleEvents(int cEvents, long[] lphEvents, int fWaitAll, int dwTimeout,
                    int fAlertable) {
                noteJna("WSAWaitForMultipleEvents", int.class, long[].class, int.class, int.class, int.class);
                return ws2.WSAWaitForMultipleEvents(cEvents, lphEvents, fWaitAll, dwTimeout, fAlertable);
            }

            @Override
            public int lastError() {
                return ws2.lastError();
            }
        };
    }

    @Override
    public int sendto(long s, ByteBuffer buffer, int offset, int len, int flags, byte[] to, int tolen) {
        note("sendto", long.class, long.class, int.class, int.class, byte[].class, int.class);
        return real.sendto(s, buffer, offset, len, flags, to, tolen);
    }

    @Override
    public int recvfrom(long s, ByteBuffer buffer, int offset, int len, int flags, byte[] from, int[] fromlen) {
        note("recvfrom", long.class, long.class, int.class, int.class, byte[].class, int[].class);
        return real.recvfrom(s, buffer, offset, len, flags, from, fromlen);
    }
}
