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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.winsock4j.WinsockUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code winsock4j}: a command is required; without one it prints its usage on stderr and exits 2
 * (a usage error, so that a script that leaves the command out fails instead of doing nothing).
 * Exit codes: {@link ExitCodes}. Every usage error prints two lines on stderr, the same way in
 * every command ({@link #usageError}). {@code compare-matrix} and {@code peer} are internal
 * (scripts use them): runnable, not listed.
 */
@Command(name = "winsock4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Exact Winsock close semantics, measured; TCP connections viewed and ended.",
            "A command is required: without one, this help goes to stderr and the exit code is 2 (a usage"
                    + " error, so that a script that leaves the command out fails instead of doing nothing)."},
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {
            "0:done (close-matrix: even when the platform deviates from the docs; kill: the connection is gone)",
            "1:not found: kill found no such connection in the TCP table",
            "2:usage error: no command, an unknown option or a bad value (address, port, state, protocol): one line"
                + " naming it, one line pointing to --help, on stderr",
            "3:the command failed: the close-matrix probe, no Winsock on this JVM, an unexpected error",
            "4:refused by the platform: a Win32 error, e.g. ERROR_ACCESS_DENIED (kill needs an elevated process), or"
                + " what it cannot do (kill: an IPv6 connection)",
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
            } catch (IllegalArgumentException | org.winsock4j.WinsockUnavailableException e) {
                // A bad -Dwinsock4j.backend, or =ffm where this JVM has no FFM classes (issue 21).
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

    /** No command: the usage on stderr, exit 2 (see the class comment). */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
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
        cl.setParameterExceptionHandler((ex, args) -> usageError(ex.getCommandLine(), describe(ex)));
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            if (ex instanceof IllegalArgumentException) {
                // A value that only the command could judge (e.g. a file that is not a close-matrix JSON).
                return usageError(cmd, ex.getMessage());
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
     * A usage error, the same in every command: one line {@code winsock4j CMD: WHAT}, naming the
     * bad value, then one line pointing to the command's {@code --help} (the GNU tools' form), on
     * stderr; exit 2.
     */
    static int usageError(CommandLine cmd, String message) {
        String name = cmd.getCommandSpec().qualifiedName();
        cmd.getErr().println(name + ": " + message.strip().replaceAll("\\s*\\R\\s*", " "));
        cmd.getErr().println("Try '" + name + " --help' for more information.");
        cmd.getErr().flush();
        return ExitCodes.USAGE;
    }

    /**
     * What a picocli parse error says, with the option and its value in front when a converter
     * refused it ("--proto: expected one of [tcp, udp, all] ... but was 'foo'"; the value once).
     * An unknown option is named before missing ones: picocli checks the required options first,
     * and "kill --lcoal ..." would otherwise only say that --local is missing.
     */
    static String describe(CommandLine.ParameterException ex) {
        List<String> unmatched = ex.getCommandLine().getUnmatchedArguments();
        if (!(ex instanceof CommandLine.UnmatchedArgumentException) && !unmatched.isEmpty()) {
            return new CommandLine.UnmatchedArgumentException(ex.getCommandLine(), unmatched).getMessage();
        }
        if (ex.getCause() instanceof CommandLine.TypeConversionException conversion
                && ex.getArgSpec() instanceof CommandLine.Model.OptionSpec option && ex.getValue() != null) {
            String reason = conversion.getMessage();
            return option.longestName() + (reason.contains(ex.getValue()) ? "" : " " + ex.getValue()) + ": " + reason;
        }
        return ex.getMessage();
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
