package org.winsock4j.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import org.winsock4j.port.Sdk;
import org.winsock4j.port.SdkStructs;

/**
 * ws2_32.dll (and kernel32's CancelIoEx) through the FFM API: one downcall handle per function,
 * named as in the SDK, with its Win64 prototype (winsock2.h): {@code SOCKET} is {@code UINT_PTR},
 * a {@code JAVA_LONG}; {@code int}, {@code u_long}, {@code DWORD} and {@code BOOL} are
 * {@code JAVA_INT}; {@code WORD} is {@code JAVA_SHORT}; pointers are {@code ADDRESS}. The
 * prototypes are the ones native-headers/include/winsock4j_mapping.h restates for the JNA mapping.
 *
 * <p>The data functions (send, recv, sendto, recvfrom) take their buffer pointers as 64-bit
 * address values ({@code JAVA_LONG}): in the Win64 calling convention a pointer and a 64-bit
 * integer are passed alike, and a {@code long} needs no MemorySegment object per call (passing
 * {@code MemorySegment.ofBuffer(direct)} allocated 72 bytes a call, measured under Wine). The
 * buffer layer (org.winsock4j.internal.NativeWinsockPort) keeps the memory behind each address
 * reachable until the call returns.
 *
 * <p>Every handle captures the thread's last error as part of the call
 * ({@code Linker.Option.captureCallState}, the same slot a WSAGetLastError call would read), so
 * the first argument of every handle is the capture segment ({@link #CAPTURE_LAYOUT}); no
 * separate downcall ever fetches the error (docs/ARCHITECTURE.md#error-capture).
 *
 * <p>{@code Linker.Option.critical(true)} (heap segments passed in place, no thread-state
 * transition) is used only where the call cannot block: its javadoc asks for functions "with an
 * extremely short running time in all cases", which a blocking accept, connect, send, recv,
 * WSAPoll, select or a lingering closesocket are not. So bind, setsockopt, getsockopt, ioctlsocket,
 * getsockname and getpeername take the caller's arrays in place; the rest take native memory.
 *
 * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/">winsock2.h</a>
 */
final class Ws2_32 {
    private Ws2_32() {}

    /** The call state a downcall captures: on Windows, GetLastError (= WSAGetLastError). */
    static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    /** Reads the captured error: {@code (int) LAST_ERROR.get(captureSegment, 0L)}. */
    static final VarHandle LAST_ERROR = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("WSAGetLastError"));
    private static final Linker.Option CAPTURE = Linker.Option.captureCallState("WSAGetLastError");
    private static final Linker.Option CRITICAL = Linker.Option.critical(true);

    /**
     * WSAPOLLFD (winsock2.h): {@code SOCKET fd; SHORT events; SHORT revents;}, 16 bytes on Win64,
     * at the offsets {@link SdkStructs} states (checked against the SDK by the header check).
     */
    static final StructLayout WSAPOLLFD = MemoryLayout.structLayout(
            JAVA_LONG.withName("fd"), JAVA_SHORT.withName("events"), JAVA_SHORT.withName("revents"),
            MemoryLayout.paddingLayout(4));

    /**
     * fd_set (winsock2.h): {@code u_int fd_count; SOCKET fd_array[FD_SETSIZE];}, 520 bytes on
     * Win64, at the offsets {@link SdkStructs} states.
     */
    static final StructLayout FD_SET = MemoryLayout.structLayout(
            JAVA_INT.withName("fd_count"), MemoryLayout.paddingLayout(4),
            MemoryLayout.sequenceLayout(Sdk.FD_SETSIZE, JAVA_LONG).withName("fd_array"));

    /** struct timeval: {@code long tv_sec; long tv_usec;}, 32-bit longs on Windows. */
    static final StructLayout TIMEVAL = MemoryLayout.structLayout(
            JAVA_INT.withName("tv_sec"), JAVA_INT.withName("tv_usec"));

    static {
        check(FD_SET.byteSize() == Sdk.SIZEOF_FD_SET
                && FD_SET.byteOffset(MemoryLayout.PathElement.groupElement("fd_count")) == SdkStructs.FD_SET_FD_COUNT
                && FD_SET.byteOffset(MemoryLayout.PathElement.groupElement("fd_array")) == SdkStructs.FD_SET_FD_ARRAY,
                "fd_set layout " + FD_SET);
        check(TIMEVAL.byteSize() == Sdk.SIZEOF_TIMEVAL
                && TIMEVAL.byteOffset(MemoryLayout.PathElement.groupElement("tv_sec")) == SdkStructs.TIMEVAL_TV_SEC
                && TIMEVAL.byteOffset(MemoryLayout.PathElement.groupElement("tv_usec")) == SdkStructs.TIMEVAL_TV_USEC,
                "timeval layout " + TIMEVAL);
        check(WSAPOLLFD.byteSize() == Sdk.SIZEOF_WSAPOLLFD
                && WSAPOLLFD.byteOffset(MemoryLayout.PathElement.groupElement("fd")) == SdkStructs.WSAPOLLFD_FD
                && WSAPOLLFD.byteOffset(MemoryLayout.PathElement.groupElement("events")) == SdkStructs.WSAPOLLFD_EVENTS
                && WSAPOLLFD.byteOffset(MemoryLayout.PathElement.groupElement("revents")) == SdkStructs.WSAPOLLFD_REVENTS,
                "WSAPOLLFD layout " + WSAPOLLFD);
    }

    /**
     * The library every handle below is looked up in. ws2_32 itself has every function; another
     * DLL with ws2_32's exports (the benchmarks' no-op one) may have only some: then
     * {@code partial} is true and a missing function's handle throws
     * UnsupportedOperationException when called.
     */
    static final class Library {
        final String name;
        final SymbolLookup ws2_32;
        final SymbolLookup kernel32;
        final boolean partial;

        Library(String name, SymbolLookup ws2_32, SymbolLookup kernel32, boolean partial) {
            this.name = name;
            this.ws2_32 = ws2_32;
            this.kernel32 = kernel32;
            this.partial = partial;
        }

        static Library system() {
            Arena global = Arena.global();
            return new Library("ws2_32", SymbolLookup.libraryLookup("ws2_32", global),
                    SymbolLookup.libraryLookup("kernel32", global), false);
        }
    }

    /** The downcall handles of one library (ws2_32 itself, or a DLL with the same exports). */
    static final class Handles {
        /** {@code int WSAStartup(WORD wVersionRequested, LPWSADATA lpWSAData)}. */
        final MethodHandle WSAStartup;
        /** {@code int WSACleanup(void)}. */
        final MethodHandle WSACleanup;
        /** {@code SOCKET socket(int af, int type, int protocol)}. */
        final MethodHandle socket;
        /** {@code int bind(SOCKET s, const struct sockaddr *name, int namelen)}; critical. */
        final MethodHandle bind;
        /** {@code int listen(SOCKET s, int backlog)}. */
        final MethodHandle listen;
        /** {@code SOCKET accept(SOCKET s, struct sockaddr *addr, int *addrlen)}. */
        final MethodHandle accept;
        /** {@code int connect(SOCKET s, const struct sockaddr *name, int namelen)}. */
        final MethodHandle connect;
        /** {@code int send(SOCKET s, const char *buf, int len, int flags)}. */
        final MethodHandle send;
        /** {@code int recv(SOCKET s, char *buf, int len, int flags)}. */
        final MethodHandle recv;
        /** {@code int setsockopt(SOCKET s, int level, int optname, const char *optval, int optlen)}; critical. */
        final MethodHandle setsockopt;
        /** {@code int getsockopt(SOCKET s, int level, int optname, char *optval, int *optlen)}; critical. */
        final MethodHandle getsockopt;
        /** {@code int ioctlsocket(SOCKET s, long cmd, u_long *argp)}; critical. */
        final MethodHandle ioctlsocket;
        /**
         * {@code int WSAIoctl(SOCKET s, DWORD dwIoControlCode, LPVOID lpvInBuffer, DWORD cbInBuffer,
         * LPVOID lpvOutBuffer, DWORD cbOutBuffer, LPDWORD lpcbBytesReturned, LPWSAOVERLAPPED
         * lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)}: some codes wait
         * (SIO_ADDRESS_LIST_CHANGE), so not critical.
         */
        final MethodHandle WSAIoctl;
        /** {@code int WSAPoll(LPWSAPOLLFD fdArray, ULONG fds, INT timeout)}. */
        final MethodHandle WSAPoll;
        /**
         * {@code int select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds, const
         * timeval *timeout)}: waits, so not critical.
         */
        final MethodHandle select;
        /** {@code int shutdown(SOCKET s, int how)}. */
        final MethodHandle shutdown;
        /** {@code int closesocket(SOCKET s)}: waits when lingering, so not critical. */
        final MethodHandle closesocket;
        /** {@code int getsockname(SOCKET s, struct sockaddr *name, int *namelen)}; critical. */
        final MethodHandle getsockname;
        /** {@code int getpeername(SOCKET s, struct sockaddr *name, int *namelen)}; critical. */
        final MethodHandle getpeername;
        /** {@code int sendto(SOCKET s, const char *buf, int len, int flags, const struct sockaddr *to, int tolen)}. */
        final MethodHandle sendto;
        /** {@code int recvfrom(SOCKET s, char *buf, int len, int flags, struct sockaddr *from, int *fromlen)}. */
        final MethodHandle recvfrom;
        /** kernel32 {@code BOOL CancelIoEx(HANDLE hFile, LPOVERLAPPED lpOverlapped)}. */
        final MethodHandle CancelIoEx;

        Handles(Library library) {
            Library ws = library;
            WSAStartup = plain(ws, "WSAStartup", JAVA_INT, JAVA_SHORT, ADDRESS);
            WSACleanup = plain(ws, "WSACleanup", JAVA_INT);
            socket = plain(ws, "socket", JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT);
            bind = critical(ws, "bind", JAVA_INT, JAVA_LONG, ADDRESS, JAVA_INT);
            listen = plain(ws, "listen", JAVA_INT, JAVA_LONG, JAVA_INT);
            accept = plain(ws, "accept", JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS);
            connect = plain(ws, "connect", JAVA_INT, JAVA_LONG, ADDRESS, JAVA_INT);
            send = plain(ws, "send", JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT);
            recv = plain(ws, "recv", JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT);
            setsockopt = critical(ws, "setsockopt", JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
            getsockopt = critical(ws, "getsockopt", JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
            ioctlsocket = critical(ws, "ioctlsocket", JAVA_INT, JAVA_LONG, JAVA_INT, ADDRESS);
            WSAIoctl = plain(ws, "WSAIoctl", JAVA_INT, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT,
                    ADDRESS, ADDRESS, ADDRESS);
            WSAPoll = plain(ws, "WSAPoll", JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
            select = plain(ws, "select", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
            shutdown = plain(ws, "shutdown", JAVA_INT, JAVA_LONG, JAVA_INT);
            closesocket = plain(ws, "closesocket", JAVA_INT, JAVA_LONG);
            getsockname = critical(ws, "getsockname", JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS);
            getpeername = critical(ws, "getpeername", JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS);
            sendto = plain(ws, "sendto", JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT);
            recvfrom = plain(ws, "recvfrom", JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG);
            CancelIoEx = plain(new Library("kernel32", library.kernel32, library.kernel32, false), "CancelIoEx", JAVA_INT,
                    JAVA_LONG, ADDRESS);
        }
    }

    /** A handle that may block: native memory only, the thread leaves Java for the call. */
    private static MethodHandle plain(Library lookup, String name, MemoryLayout result, MemoryLayout... args) {
        return link(lookup, name, FunctionDescriptor.of(result, args), CAPTURE);
    }

    /** A handle that cannot block: heap arrays in place (critical with heap access). */
    private static MethodHandle critical(Library lookup, String name, MemoryLayout result, MemoryLayout... args) {
        return link(lookup, name, FunctionDescriptor.of(result, args), CAPTURE, CRITICAL);
    }

    private static MethodHandle link(Library library, String name, FunctionDescriptor descriptor,
            Linker.Option... options) {
        var symbol = library.ws2_32.find(name);
        if (symbol.isPresent()) {
            return Linker.nativeLinker().downcallHandle(symbol.get(), descriptor, options);
        }
        if (!library.partial) {
            throw new UnsatisfiedLinkError("no function " + name + " in " + library.name);
        }
        // The handle's type with the capture segment first, as the linked ones have it.
        MethodType type = descriptor.toMethodType().insertParameterTypes(0, MemorySegment.class);
        MethodHandle thrower = MethodHandles.throwException(type.returnType(), UnsupportedOperationException.class)
                .bindTo(new UnsupportedOperationException(name + " is not exported by " + library.name));
        return MethodHandles.dropArguments(thrower, 0, type.parameterList());
    }

    private static void check(boolean holds, String what) {
        if (!holds) {
            throw new AssertionError(what + " does not match SdkStructs (the SDK's layout)");
        }
    }
}
