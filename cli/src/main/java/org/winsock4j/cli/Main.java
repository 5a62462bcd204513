package org.winsock4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code winsock4j}: with no arguments it runs {@code close-matrix}, the main job.
 * Exit codes: 0 done (even when the platform deviates from the docs), 1 a typed failure the
 * command reports (kill refused, tables unreadable, matrices differ), 2 usage, 3 the probe itself
 * failed.
 */
@Command(name = "winsock4j", mixinStandardHelpOptions = true, version = "winsock4j 0.1.0-SNAPSHOT",
        description = "Exact Winsock close semantics, measured; TCP connections viewed and ended.%n"
                + "Without a subcommand: close-matrix.",
        subcommands = {CloseMatrixCommand.class, ConnectionsCommand.class, KillCommand.class, CompareCommand.class,
            PeerCommand.class})
public final class Main implements Callable<Integer> {
    public static final int PROBE_FAILED = 3;

    @Override
    public Integer call() {
        return new CommandLine(new CloseMatrixCommand()).execute();
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            if (ex instanceof IllegalArgumentException) {
                cmd.getErr().println(cmd.getCommandName() + ": " + ex.getMessage());
                return 2;
            }
            cmd.getErr().println(cmd.getCommandName() + ": the probe failed: " + ex);
            ex.printStackTrace(cmd.getErr());
            return PROBE_FAILED;
        });
        return cl;
    }
}
