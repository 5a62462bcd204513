package org.winsock4j.net;

/** Closing what a failed set-up leaves open, the close's own failure kept with the first. */
final class Closing {
    private Closing() {}

    /**
     * Closes {@code resource} after {@code failure}; a failure of the close is added to it as
     * suppressed. Returns {@code failure}, for {@code throw Closing.after(...)}.
     */
    static <E extends Exception> E after(AutoCloseable resource, E failure) {
        try {
            resource.close();
        } catch (Exception closeFailure) {
            failure.addSuppressed(closeFailure);
        }
        return failure;
    }
}
