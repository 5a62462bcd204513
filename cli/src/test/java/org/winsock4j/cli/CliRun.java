package org.winsock4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import org.winsock4j.tcp.IpHelper;
import picocli.CommandLine;
import org.winsock4j.unguarded.UnguardedPorts;

/** Runs the configured command line over a fake IP Helper and captures what it prints. */
final class CliRun {
    final int exit;
    final String out;
    final String err;

    private CliRun(int exit, String out, String err) {
        this.exit = exit;
        this.out = out;
        this.err = err;
    }

    static CliRun run(FakeIpHelperPort port, String... args) {
        IpHelper ip = UnguardedPorts.ipHelperOver(port);
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == KillCommand.class) {
                    return cls.cast(new KillCommand(() -> ip, () -> Optional.of("8.0")));
                }
                if (cls == ConnectionsCommand.class) {
                    return cls.cast(new ConnectionsCommand(() -> ip, p -> p == 10 ? "java.exe" : null));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        };
        return run(Main.commandLine(factory), args);
    }

    static CliRun run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exit + "\nout:\n" + out + "\nerr:\n" + err;
    }
}
