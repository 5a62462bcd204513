package org.winsock4j.tcp;

import java.io.IOException;
import org.winsock4j.port.MibRows;

/**
 * An IP Helper call failed with a Win32 error code: carries the code, its SDK name and the
 * function, and reads like {@code SetTcpEntry failed: ERROR_ACCESS_DENIED (5): Access is denied.}
 * {@link #of} picks a typed subclass for the codes callers act on; any other code is a plain
 * {@code IpHelperException} that keeps its number.
 */
public class IpHelperException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The Win32 error code the function returned. */
    private final int code;
    /** The name of the IP Helper function that failed. */
    private final String function;

    /**
     * The exception for a code that no subclass names; {@link #of} picks the class.
     *
     * @param function the IP Helper function that failed, e.g. {@code SetTcpEntry}
     * @param code the Win32 error code it returned
     * @param note a sentence added to the message, or {@code null}
     */
    protected IpHelperException(String function, int code, String note) {
        super(function + " failed: " + name(code) + " (" + code + "): " + meaning(code) + (note != null ? " " + note : ""));
        this.code = code;
        this.function = function;
    }

    /**
     * The exception for Win32 error {@code code} returned by {@code function}.
     *
     * @param function the IP Helper function that failed, e.g. {@code SetTcpEntry}
     * @param code the Win32 error code it returned
     * @param note a sentence added to the message, or {@code null}
     * @return the typed subclass for the code ({@link AccessDenied}, {@link NotSupported},
     *     {@link InvalidParameter}, {@link NotFound}), or a plain {@code IpHelperException}
     */
    public static IpHelperException of(String function, int code, String note) {
        return switch (code) {
            case MibRows.ERROR_ACCESS_DENIED -> new AccessDenied(function, code, note);
            // What SetTcpEntry returns on Windows to a process that is not elevated.
            case MibRows.ERROR_MR_MID_NOT_FOUND -> new AccessDenied(function, code, note != null ? note
                    : "(SetTcpEntry reports this to a process that is not elevated: run as administrator.)");
            case MibRows.ERROR_NOT_SUPPORTED -> new NotSupported(function, code, note);
            case MibRows.ERROR_INVALID_PARAMETER -> new InvalidParameter(function, code, note);
            case MibRows.ERROR_NOT_FOUND -> new NotFound(function, code, note);
            default -> new IpHelperException(function, code, note);
        };
    }

    /**
     * The Win32 error number, as the function returned it.
     *
     * @return the code, such as 5 for ERROR_ACCESS_DENIED
     */
    public int code() {
        return code;
    }

    /**
     * The SDK name of the code ({@code ERROR_ACCESS_DENIED}), or {@code error N}.
     *
     * @return the name for the message and for callers that log it
     */
    public String win32Name() {
        return name(code);
    }

    /**
     * The failed IP Helper function, e.g. {@code SetTcpEntry}.
     *
     * @return the function's name
     */
    public String function() {
        return function;
    }

    static String name(int code) {
        return switch (code) {
            case MibRows.NO_ERROR -> "NO_ERROR";
            case MibRows.ERROR_ACCESS_DENIED -> "ERROR_ACCESS_DENIED";
            case MibRows.ERROR_NOT_SUPPORTED -> "ERROR_NOT_SUPPORTED";
            case MibRows.ERROR_INVALID_PARAMETER -> "ERROR_INVALID_PARAMETER";
            case MibRows.ERROR_INSUFFICIENT_BUFFER -> "ERROR_INSUFFICIENT_BUFFER";
            case MibRows.ERROR_MR_MID_NOT_FOUND -> "ERROR_MR_MID_NOT_FOUND";
            case MibRows.ERROR_NOT_FOUND -> "ERROR_NOT_FOUND";
            default -> "error " + code;
        };
    }

    private static String meaning(int code) {
        return switch (code) {
            case MibRows.ERROR_ACCESS_DENIED -> "Access is denied.";
            case MibRows.ERROR_NOT_SUPPORTED -> "The request is not supported.";
            case MibRows.ERROR_INVALID_PARAMETER -> "The parameter is incorrect.";
            case MibRows.ERROR_INSUFFICIENT_BUFFER -> "The data area passed to a system call is too small.";
            case MibRows.ERROR_MR_MID_NOT_FOUND -> "The system cannot find message text for message number 0x%1.";
            case MibRows.ERROR_NOT_FOUND -> "Element not found.";
            default -> "Win32 error.";
        };
    }

    /** ERROR_ACCESS_DENIED (5), or ERROR_MR_MID_NOT_FOUND (317) from SetTcpEntry when not elevated. */
    public static final class AccessDenied extends IpHelperException {
        private static final long serialVersionUID = 1L;
        AccessDenied(String f, int code, String note) { super(f, code, note); }
    }

    /** ERROR_NOT_SUPPORTED (50): the platform does not implement the request. */
    public static final class NotSupported extends IpHelperException {
        private static final long serialVersionUID = 1L;
        NotSupported(String f, int code, String note) { super(f, code, note); }
    }

    /** ERROR_INVALID_PARAMETER (87). */
    public static final class InvalidParameter extends IpHelperException {
        private static final long serialVersionUID = 1L;
        InvalidParameter(String f, int code, String note) { super(f, code, note); }
    }

    /** ERROR_NOT_FOUND (1168), or no such connection in the TCP table. */
    public static final class NotFound extends IpHelperException {
        private static final long serialVersionUID = 1L;
        NotFound(String f, int code, String note) { super(f, code, note); }
    }
}
