package org.winsock4j.cli;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.winsock4j.cli.matrix.MatrixRunner;
import org.winsock4j.cli.matrix.Observation;
import org.winsock4j.cli.matrix.Report;
import org.winsock4j.cli.matrix.Scenarios;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "close-matrix", mixinStandardHelpOptions = true,
        header = "Closes sockets every documented way and reports what happened beside what Windows documents.",
        description = "Closes sockets every documented way, each on a fresh loopback connection, and reports what"
                + " closesocket returned, how long it took, whether the handle survived, what the peer saw (in-process"
                + " Winsock and, with --wire-peer, a Linux JVM outside Wine) and the closer's TCP state afterwards,"
                + " beside what Windows documents. The main job (scripts/main-job.sh) runs it. --format json"
                + " writes {\"schemaVersion\": " + Observation.SCHEMA_VERSION + ", ...}, every object with the same keys"
                + " (null when unknown). The scenarios, their Windows expectations and the basis of each come from one"
                + " data file (scenarios.json in the jar), which the C reference reads too.",
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {
            "0:done, even when the platform deviates from the docs (the deviations are the finding)",
            "2:usage error: unknown option or bad value",
            "3:the probe failed"})
final class CloseMatrixCommand implements Callable<Integer> {
    enum Format { table, json }

    @Spec
    CommandSpec spec;

    @Option(names = "--format", description = "table or json (default: ${DEFAULT-VALUE})")
    Format format = Format.table;

    @Option(names = "--wire-peer", paramLabel = "IP:PORT", defaultValue = "${env:WINSOCK4J_WIRE_PEER}",
            description = "control address of a wire peer (`winsock4j peer` on the host Linux JVM), e.g. 127.0.0.1:40000;"
                    + " default: the WINSOCK4J_WIRE_PEER environment variable (scripts/main-job.sh sets it)")
    String wirePeer;

    @Option(names = "--only", paramLabel = "GLOB", split = ",", description = "run only the scenarios whose whole id matches"
            + " one of these globs, * being any run of characters (e.g. 'nonblocking/*'); the C reference reads --only the same way")
    List<String> only;

    @Option(names = "--list", description = "do not run: print the ids of the scenarios --only selects, one a line")
    boolean list;

    @Option(names = "--from", paramLabel = "FILE", description = "do not run: judge and render a matrix JSON (e.g. the C probe's)")
    Path from;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the judged JSON here")
    Path out;

    @Option(names = "--virtual-threads", description = "run every scenario's threads as virtual threads (Java 21+):"
            + " the observations must equal a run on platform threads")
    boolean virtualThreads;

    @Option(names = "--quiet", description = "no progress lines on stderr")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (list) {
            Scenarios.matching(only).forEach(s -> System.out.println(s.id()));
            System.out.flush();
            return 0;
        }
        Observation.Matrix m;
        if (from != null) {
            m = Report.parse(Files.readString(from, StandardCharsets.UTF_8));
        } else {
            InetSocketAddress wire = wirePeer();
            PrintStream err = System.err;
            if (virtualThreads && Runtime.version().feature() < 21) {
                throw new ParameterException(spec.commandLine(), "--virtual-threads: needs Java 21 or later; this is Java "
                        + Runtime.version());
            }
            m = new MatrixRunner(wire, virtualThreads).run(Scenarios.matching(only), line -> {
                if (!quiet) {
                    err.println(line);
                }
            });
        }
        Observation.Matrix judged = Report.judged(m);
        String json = Report.json(judged);
        if (out != null) {
            Files.writeString(out, json, StandardCharsets.UTF_8);
        }
        System.out.print(format == Format.json ? json : Report.table(judged));
        System.out.flush();
        return 0;
    }

    /** --wire-peer (or WINSOCK4J_WIRE_PEER), or null; a bad value is a usage error naming it. */
    private InetSocketAddress wirePeer() {
        if (wirePeer == null || wirePeer.isBlank()) {
            return null;
        }
        try {
            return parseHostPort(wirePeer);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--wire-peer: " + e.getMessage(), e);
        }
    }

    /** The wire peer's control address: strict IPV4:PORT or [IPV6]:PORT (no DNS), port 1-65535. */
    static InetSocketAddress parseHostPort(String text) {
        InetSocketAddress a = Addresses.parseEndpoint(text);
        if (a.getPort() == 0) {
            throw new IllegalArgumentException("port 0 in '" + text + "': the wire peer listens on a port 1-65535");
        }
        return a;
    }
}
