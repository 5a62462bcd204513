package org.winsock4j;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/**
 * A Winsock call failed: carries the WSA error number, its SDK name and the operation, and reads
 * like {@code closesocket failed: WSAEWOULDBLOCK (10035): A non-blocking socket operation could
 * not be completed immediately.}
 *
 * <p>{@link #of} picks the typed class for the error (one per code of docs/ARCHITECTURE.md#contract, and
 * {@link MessageSize} for the datagram calls, so
 * callers catch {@link WouldBlock} rather than compare numbers); every other code, named by the
 * SDK or not, is a plain {@code WinsockException} that keeps its number.
 *
 * <p><b>JDK shapes.</b> Five codes get the exception the JDK throws for them, so that existing
 * catch blocks work: {@link ConnectionRefused} is a {@link ConnectException}, {@link AddressInUse}
 * a {@link BindException}, {@link TimedOut} a {@link SocketTimeoutException},
 * {@link HostUnreachable} and {@link NetworkUnreachable} are {@link NoRouteToHostException}s.
 * These five are nested here but do <em>not</em> extend {@code WinsockException}; what every
 * exception for a WSA failure shares is the interface {@link WinsockError} (code, SDK name,
 * operation), which {@code WinsockException} implements too. Its table lists the hierarchy.
 *
 * <p>Stack traces are captured unless the system property {@code winsock4j.stackTraces} is
 * {@code false}: the error path of a non-blocking loop is then as cheap as an allocation.
 */
public non-sealed class WinsockException extends SocketException implements WinsockError {
    private static final long serialVersionUID = 1L;
    static final boolean STACK_TRACES =
            !"false".equalsIgnoreCase(System.getProperty("winsock4j.stackTraces", "true"));

    /** The error number the function left. */
    private final int code;
    /** The SDK function that failed. */
    private final String operation;

    /**
     * The exception for a code that no subclass names; {@link #of} picks the class.
     *
     * @param operation the SDK function that failed, e.g. {@code closesocket}
     * @param code the error number it left, as WSAGetLastError reports it
     * @param note a sentence added to the message, or {@code null}
     */
    protected WinsockException(String operation, int code, String note) {
        super(message(operation, code, note));
        this.code = code;
        this.operation = operation;
        if (!STACK_TRACES) {
            setStackTrace(new StackTraceElement[0]);
        }
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return STACK_TRACES ? super.fillInStackTrace() : this;
    }

    /**
     * The exception for {@code code} returned by {@code operation} (an SDK function name).
     *
     * @param operation the SDK function that failed, e.g. {@code closesocket}
     * @param code the error number it left, as WSAGetLastError reports it
     * @return the JDK-shaped exception for the code (such as {@link ConnectionRefused}, a
     *     {@link ConnectException}), its typed subclass (such as {@link ConnectionReset}), or a
     *     plain {@code WinsockException}; always a {@link WinsockError}
     */
    public static IOException of(String operation, int code) {
        return of(operation, code, null);
    }

    /**
     * As {@link #of(String, int)}, with a note appended to the message (what state the socket
     * is left in, for example).
     *
     * @param operation the SDK function that failed, e.g. {@code closesocket}
     * @param code the error number it left, as WSAGetLastError reports it
     * @param note a sentence added to the message, or {@code null}
     * @return the JDK-shaped exception for the code (such as {@link ConnectionRefused}, a
     *     {@link ConnectException}), its typed subclass (such as {@link ConnectionReset}), or a
     *     plain {@code WinsockException}; always a {@link WinsockError}
     */
    public static IOException of(String operation, int code, String note) {
        WsaError error = WsaError.forCode(code);
        if (error != null) {
            switch (error) {
                case WSAECONNREFUSED: return new ConnectionRefused(operation, code, note);
                case WSAEADDRINUSE: return new AddressInUse(operation, code, note);
                case WSAETIMEDOUT: return new TimedOut(operation, code, note);
                case WSAEHOSTUNREACH: return new HostUnreachable(operation, code, note);
                case WSAENETUNREACH: return new NetworkUnreachable(operation, code, note);
                default: break;
            }
        }
        return unshaped(operation, code, note);
    }

    /**
     * As {@link #of(String, int, String)}, but always a {@code WinsockException}: for the
     * functions whose documentation lists none of the five JDK-shaped codes (closesocket,
     * WSAStartup, WSACleanup, socket, setsockopt SO_LINGER), whose methods declare
     * {@code WinsockException}. Should one of those codes come all the same, it is a plain
     * {@code WinsockException} with that number.
     */
    static WinsockException unshaped(String operation, int code, String note) {
        WsaError error = WsaError.forCode(code);
        if (error == null) {
            return new WinsockException(operation, code, note);
        }
        switch (error) {
            case WSANOTINITIALISED: return new NotInitialised(operation, code, note);
            case WSAENETDOWN: return new NetworkDown(operation, code, note);
            case WSAENOTSOCK: return new NotSocket(operation, code, note);
            case WSAEINPROGRESS: return new InProgress(operation, code, note);
            case WSAEINTR: return new Interrupted(operation, code, note);
            case WSAEWOULDBLOCK: return new WouldBlock(operation, code, note);
            case WSA_OPERATION_ABORTED: return new OperationAborted(operation, code, note);
            case WSAECONNRESET: return new ConnectionReset(operation, code, note);
            case WSAECONNABORTED: return new ConnectionAborted(operation, code, note);
            case WSAESHUTDOWN: return new Shutdown(operation, code, note);
            case WSAEINVAL: return new InvalidArgument(operation, code, note);
            case WSAEFAULT: return new Fault(operation, code, note);
            case WSAENOTCONN: return new NotConnected(operation, code, note);
            case WSAEMSGSIZE: return new MessageSize(operation, code, note);
            default: return new WinsockException(operation, code, note);
        }
    }

    static String message(String operation, int code, String note) {
        WsaError e = WsaError.forCode(code);
        String what = e != null ? e.name() + " (" + code + "): " + e.meaning()
                : "unknown Winsock error (" + code + ")";
        return operation + " failed: " + what + (note != null ? " " + note : "");
    }

    /**
     * The error number, exactly as WSAGetLastError reported it.
     *
     * @return the code, such as 10054 for WSAECONNRESET
     */
    @Override
    public int code() {
        return code;
    }

    /**
     * The failed SDK function, e.g. {@code closesocket}.
     *
     * @return the function's name
     */
    @Override
    public String operation() {
        return operation;
    }

    /** WSANOTINITIALISED (10093): no successful WSAStartup, or after the last WSACleanup. */
    public static final class NotInitialised extends WinsockException {
        private static final long serialVersionUID = 1L;
        NotInitialised(String op, int code, String note) { super(op, code, note); }
    }

    /** WSAENETDOWN (10050): the network subsystem has failed. */
    public static final class NetworkDown extends WinsockException {
        private static final long serialVersionUID = 1L;
        NetworkDown(String op, int code, String note) { super(op, code, note); }
    }

    /** WSAENOTSOCK (10038): the descriptor is not a socket. */
    public static final class NotSocket extends WinsockException {
        private static final long serialVersionUID = 1L;
        NotSocket(String op, int code, String note) { super(op, code, note); }
    }

    /** WSAEINPROGRESS (10036): a blocking Winsock 1.1 call is in progress. */
    public static final class InProgress extends WinsockException {
        private static final long serialVersionUID = 1L;
        InProgress(String op, int code, String note) { super(op, code, note); }
    }

    /** WSAEINTR (10004): a blocking call was interrupted (canceled). */
    public static final class Interrupted extends WinsockException {
        private static final long serialVersionUID = 1L;
        Interrupted(String op, int code, String note) { super(op, code, note); }
    }

    /** WSAEWOULDBLOCK (10035): a non-blocking operation could not complete at once. */
    public static final class WouldBlock extends WinsockException {
        private static final long serialVersionUID = 1L;
        WouldBlock(String op, int code, String note) { super(op, code, note); }
    }

    /** WSA_OPERATION_ABORTED (995): the operation was canceled (socket closed or CancelIoEx). */
    public static final class OperationAborted extends WinsockException {
        private static final long serialVersionUID = 1L;
        OperationAborted(String op, int code, String note) { super(op, code, note); }
    }

    /** WSAECONNRESET (10054): the peer reset the connection (hard close). */
    public static final class ConnectionReset extends WinsockException {
        private static final long serialVersionUID = 1L;
        ConnectionReset(String op, int code, String note) { super(op, code, note); }
    }

    /** WSAECONNABORTED (10053): the connection was aborted by this host. */
    public static final class ConnectionAborted extends WinsockException {
        private static final long serialVersionUID = 1L;
        ConnectionAborted(String op, int code, String note) { super(op, code, note); }
    }

    /** WSAESHUTDOWN (10058): that direction was already shut down. */
    public static final class Shutdown extends WinsockException {
        private static final long serialVersionUID = 1L;
        Shutdown(String op, int code, String note) { super(op, code, note); }
    }

    /** WSAEINVAL (10022): an invalid argument, or a call in the wrong socket state. */
    public static final class InvalidArgument extends WinsockException {
        private static final long serialVersionUID = 1L;
        InvalidArgument(String op, int code, String note) { super(op, code, note); }
    }

    /** WSAEFAULT (10014): a bad pointer or a buffer too small. */
    public static final class Fault extends WinsockException {
        private static final long serialVersionUID = 1L;
        Fault(String op, int code, String note) { super(op, code, note); }
    }

    /** WSAENOTCONN (10057): the socket is not connected. */
    public static final class NotConnected extends WinsockException {
        private static final long serialVersionUID = 1L;
        NotConnected(String op, int code, String note) { super(op, code, note); }
    }

    /**
     * WSAEMSGSIZE (10040): a datagram was longer than the receive buffer (which holds its first
     * bytes; the rest is discarded), or longer than the protocol allows on send.
     */
    public static final class MessageSize extends WinsockException {
        private static final long serialVersionUID = 1L;
        MessageSize(String op, int code, String note) { super(op, code, note); }
    }

    // ------------------------------------------------------------ the JDK-shaped five

    /**
     * WSAECONNREFUSED (10061): nothing listens at the target address. A
     * {@link ConnectException}, as java.net throws for a refused connect; not a
     * {@code WinsockException} (see the class comment), a {@link WinsockError}.
     */
    public static final class ConnectionRefused extends ConnectException implements WinsockError {
        private static final long serialVersionUID = 1L;
        /** The error number. */
        private final int code;
        /** The SDK function that failed. */
        private final String operation;

        ConnectionRefused(String op, int code, String note) {
            super(message(op, code, note));
            this.code = code;
            this.operation = op;
            if (!STACK_TRACES) {
                setStackTrace(new StackTraceElement[0]);
            }
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return STACK_TRACES ? super.fillInStackTrace() : this;
        }

        @Override
        public int code() {
            return code;
        }

        @Override
        public String operation() {
            return operation;
        }
    }


    /**
     * WSAEADDRINUSE (10048): the local address is already in use. A
     * {@link BindException}, as java.net throws for an address in use; not a
     * {@code WinsockException} (see the class comment), a {@link WinsockError}.
     */
    public static final class AddressInUse extends BindException implements WinsockError {
        private static final long serialVersionUID = 1L;
        /** The error number. */
        private final int code;
        /** The SDK function that failed. */
        private final String operation;

        AddressInUse(String op, int code, String note) {
            super(message(op, code, note));
            this.code = code;
            this.operation = op;
            if (!STACK_TRACES) {
                setStackTrace(new StackTraceElement[0]);
            }
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return STACK_TRACES ? super.fillInStackTrace() : this;
        }

        @Override
        public int code() {
            return code;
        }

        @Override
        public String operation() {
            return operation;
        }
    }


    /**
     * WSAETIMEDOUT (10060): the connection attempt or a timed receive or send (SO_RCVTIMEO,
     * SO_SNDTIMEO) timed out, or an established connection failed. A
     * {@link SocketTimeoutException}, as java.net throws for a read or connect timeout (so an
     * {@link java.io.InterruptedIOException}, not a {@link SocketException}); not a
     * {@code WinsockException} (see the class comment), a {@link WinsockError}.
     */
    public static final class TimedOut extends SocketTimeoutException implements WinsockError {
        private static final long serialVersionUID = 1L;
        /** The error number. */
        private final int code;
        /** The SDK function that failed. */
        private final String operation;

        TimedOut(String op, int code, String note) {
            super(message(op, code, note));
            this.code = code;
            this.operation = op;
            if (!STACK_TRACES) {
                setStackTrace(new StackTraceElement[0]);
            }
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return STACK_TRACES ? super.fillInStackTrace() : this;
        }

        @Override
        public int code() {
            return code;
        }

        @Override
        public String operation() {
            return operation;
        }
    }


    /**
     * WSAEHOSTUNREACH (10065): no route to the host. A
     * {@link NoRouteToHostException}, as java.net throws for it; not a
     * {@code WinsockException} (see the class comment), a {@link WinsockError}.
     */
    public static final class HostUnreachable extends NoRouteToHostException implements WinsockError {
        private static final long serialVersionUID = 1L;
        /** The error number. */
        private final int code;
        /** The SDK function that failed. */
        private final String operation;

        HostUnreachable(String op, int code, String note) {
            super(message(op, code, note));
            this.code = code;
            this.operation = op;
            if (!STACK_TRACES) {
                setStackTrace(new StackTraceElement[0]);
            }
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return STACK_TRACES ? super.fillInStackTrace() : this;
        }

        @Override
        public int code() {
            return code;
        }

        @Override
        public String operation() {
            return operation;
        }
    }


    /**
     * WSAENETUNREACH (10051): no route to the network. A
     * {@link NoRouteToHostException}, as java.net throws for it; not a
     * {@code WinsockException} (see the class comment), a {@link WinsockError}.
     */
    public static final class NetworkUnreachable extends NoRouteToHostException implements WinsockError {
        private static final long serialVersionUID = 1L;
        /** The error number. */
        private final int code;
        /** The SDK function that failed. */
        private final String operation;

        NetworkUnreachable(String op, int code, String note) {
            super(message(op, code, note));
            this.code = code;
            this.operation = op;
            if (!STACK_TRACES) {
                setStackTrace(new StackTraceElement[0]);
            }
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return STACK_TRACES ? super.fillInStackTrace() : this;
        }

        @Override
        public int code() {
            return code;
        }

        @Override
        public String operation() {
            return operation;
        }
    }
}
