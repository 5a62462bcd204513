package org.winsock4j.port;

/**
 * No ws2_32 can be reached from this JVM: it does not run on Windows (or Wine), is not 64-bit,
 * or the library failed to load. Thrown by the first native use; loading classes never throws.
 */
public final class WinsockUnavailableException extends UnsupportedOperationException {
    private static final long serialVersionUID = 1L;

    public WinsockUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
