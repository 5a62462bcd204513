package org.winsock4j.cli;

/**
 * The exit codes of every {@code winsock4j} command: one table, each number one meaning (also in
 * {@code --help}: each command's exitCodeList, and the README).
 */
final class ExitCodes {
    private ExitCodes() {}

    /** Done: close-matrix ran (even when the platform deviates from the docs), connections listed, kill ended it. */
    static final int OK = 0;
    /** Not found: kill found no such connection in the table (compare-matrix: the matrices differ). */
    static final int NOT_FOUND = 1;
    /** Usage error: unknown option or a bad value (picocli's default). */
    static final int USAGE = 2;
    /** The command itself failed: the close-matrix probe, no Winsock on this JVM, an unexpected error. */
    static final int FAILED = 3;
    /** Refused by the platform: a Win32 error (access denied, not supported, table unreadable). */
    static final int REFUSED = 4;
    /** Accepted but ignored by the platform: SetTcpEntry returned NO_ERROR and the connection is still there. */
    static final int IGNORED = 5;

    static final String HEADING = "%nExit codes:%n";
}
