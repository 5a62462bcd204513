package org.winsock4j.cli;

import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.Wincon;
import com.sun.jna.ptr.IntByReference;
import java.io.Console;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.winsock4j.WinsockUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code winsock4j}: with no arguments it runs {@code close-matrix}, the main job. Exit codes:
 * {@link ExitCodes}. {@code compare-matrix} and {@code peer} are internal (scripts use them):
 * runnable, not listed.
 */
@Command(name = "winsock4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Exact Winsock close semantics, measured; TCP connections viewed and ended.",
            "Without a subcommand: close-matrix."},
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {
            "0:done (close-matrix: even when the platform deviates from the docs; kill: the connection is gone)",
            "1:not found: kill found no such connection in the TCP table",
            "2:usage error: unknown option or bad value (address, port, state, protocol)",
            "3:the command failed: the close-matrix probe, no Winsock on this JVM, an unexpected error",
            "4:refused by the platform: a Win32 error, e.g. ERROR_ACCESS_DENIED (kill needs an elevated process)",
            "5:accepted but ignored by the platform: SetTcpEntry returned NO_ERROR and the connection is still there (Wine)"},
        subcommands = {CloseMatrixCommand.class, ConnectionsCommand.class, KillCommand.class, CompareCommand.class,
            PeerCommand.class})
public final class Main implements Callable<Integer> {
    /**
     * {@code --version}: the release, and the native backend this JVM selects (issue 13: the
     * backend is reported by the API, {@link org.winsock4j.Backend#selected()}, and the CLI).
     */
    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String backend;
            try {
                backend = org.winsock4j.Backend.selected().toString();
            } catch (IllegalArgumentException e) {
                backend = "none: " + e.getMessage();
            }
            return new String[] {"winsock4j 0.1.0-SNAPSHOT",
                "backend: " + backend + " (Java " + Runtime.version() + "; -D" + org.winsock4j.Backend.PROPERTY
                        + "=jna|ffm overrides)"};
        }
    }

    public static final int PROBE_FAILED = ExitCodes.FAILED;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // The configured subcommand (exception handler, colours), not a fresh CommandLine.
        return spec.commandLine().getSubcommands().get("close-matrix").execute();
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return commandLine(CommandLine.defaultFactory());
    }

    /** The command line with its settings; {@code factory} creates the commands (tests pass fakes). */
    static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine cl = new CommandLine(new Main(), factory);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setColorScheme(Help.defaultColorScheme(ansi(stdoutAndStderrAreTerminals(), System.getenv())));
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            if (ex instanceof IllegalArgumentException) {
                cmd.getErr().println(cmd.getCommandName() + ": " + ex.getMessage());
                return ExitCodes.USAGE;
            }
            if (ex instanceof WinsockUnavailableException) {
                cmd.getErr().println(cmd.getCommandName() + ": " + ex.getMessage());
                return ExitCodes.FAILED;
            }
            cmd.getErr().println(cmd.getCommandName() + ": failed: " + ex);
            ex.printStackTrace(cmd.getErr());
            return ExitCodes.FAILED;
        });
        return cl;
    }

    /**
     * Colours only when both stdout and stderr are terminals. Unlike picocli's AUTO, TERM, OSTYPE
     * and the like (which Wine passes on from the Linux shell) never turn colours on for a file or
     * a pipe; NO_COLOR turns them off.
     */
    static Help.Ansi ansi(boolean stdoutAndStderrAreTerminals, Map<String, String> env) {
        return stdoutAndStderrAreTerminals && !env.containsKey("NO_COLOR") ? Help.Ansi.ON : Help.Ansi.OFF;
    }

    /**
     * {@link System#console()} is null unless stdin and stdout are a terminal (JDK 22+ returns one
     * anyway; then {@code isTerminal()} tells), but a character device such as NUL or /dev/null
     * passes the JDK's Windows test, and stderr is not looked at: on Windows (and Wine) stdout and
     * stderr must also be console handles (GetConsoleMode), on Linux ttys.
     */
    static boolean stdoutAndStderrAreTerminals() {
        Console console = System.console();
        if (console == null || !isTerminal(console)) {
            return false;
        }
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            return windowsConsole(Wincon.STD_OUTPUT_HANDLE) && windowsConsole(Wincon.STD_ERROR_HANDLE);
        }
        Path fds = Path.of("/proc/self/fd");
        if (Files.isDirectory(fds)) {
            return tty(fds.resolve("1")) && tty(fds.resolve("2"));
        }
        return true;
    }

    private static boolean isTerminal(Console console) {
        try {
            Method m = Console.class.getMethod("isTerminal"); // JDK 22+
            return Boolean.TRUE.equals(m.invoke(console));
        } catch (NoSuchMethodException e) {
            return true; // up to JDK 21 a Console exists only for a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    private static boolean windowsConsole(int stdHandle) {
        try {
            WinNT.HANDLE h = Kernel32.INSTANCE.GetStdHandle(stdHandle);
            return h != null && !WinBase.INVALID_HANDLE_VALUE.equals(h)
                    && Kernel32.INSTANCE.GetConsoleMode(h, new IntByReference());
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static boolean tty(Path fd) {
        try {
            String target = Files.readSymbolicLink(fd).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
