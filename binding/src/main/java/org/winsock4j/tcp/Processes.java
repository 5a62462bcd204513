package org.winsock4j.tcp;

import java.nio.file.Path;
import java.util.Optional;

/** Process names for the PIDs IP Helper reports (as netstat -b and TCPView show them). */
public final class Processes {
    private Processes() {}

    /**
     * The executable's file name for this process id ({@code java.exe}), when the platform tells
     * it (ProcessHandle, i.e. QueryFullProcessImageName on Windows). Empty for PID 0 (System Idle
     * / no owner), for a process that is gone, or when access is denied.
     *
     * @param pid a process id, as a TCP or UDP row reports it
     * @return the executable's file name without its directory, or empty
     */
    public static Optional<String> name(long pid) {
        if (pid <= 0) {
            return Optional.empty();
        }
        try {
            return ProcessHandle.of(pid).flatMap(p -> p.info().command())
                    .map(c -> Path.of(c).getFileName())
                    .map(Path::toString);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
