package org.winsock4j;

/**
 * No ws2_32 can be reached from this JVM: it does not run on Windows (or Wine), is not 64-bit,
 * or the library failed to load. Thrown by the first native use; loading classes never throws.
 */
public final class WinsockUnavailableException extends UnsupportedOperationException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception saying why ws2_32 cannot be reached.
     *
     * @param message what is missing: the platform, the 64-bit JVM or the library
     * @param cause the failure to load the library, or {@code null}
     */
    public WinsockUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
