package org.winsock4j.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.winsock4j.cli.matrix.Comparison;
import org.winsock4j.cli.matrix.Observation;
import org.winsock4j.cli.matrix.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare-matrix", mixinStandardHelpOptions = true, hidden = true,
        header = "Internal (scripts/check-close-matrix.sh): compares two close-matrix JSON files.",
        description = "Compares two close-matrix JSON files (Java through winsock4j and C): every observation must be"
                + " equal, durations within the tolerance.",
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {
            "0:the matrices agree",
            "1:they differ",
            "2:usage error, or a file that is not a close-matrix JSON",
            "3:the command failed (e.g. a file cannot be read)"})
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "A.json")
    Path a;

    @Parameters(index = "1", paramLabel = "B.json")
    Path b;

    @Option(names = "--tolerance-ms", description = "allowed difference of durations (default ${DEFAULT-VALUE})")
    long toleranceMillis = 300;

    @Override
    public Integer call() throws Exception {
        Observation.Matrix ma = Report.parse(Files.readString(a, StandardCharsets.UTF_8));
        Observation.Matrix mb = Report.parse(Files.readString(b, StandardCharsets.UTF_8));
        List<String> d = Comparison.differences(ma, mb, toleranceMillis);
        int runs = 0;
        long maxDelta = 0;
        java.util.Map<String, Observation.ScenarioResult> byId = new java.util.HashMap<>();
        mb.scenarios().forEach(r -> byId.put(r.id(), r));
        for (Observation.ScenarioResult r : ma.scenarios()) {
            Observation.ScenarioResult o = byId.get(r.id());
            if (o == null) {
                continue;
            }
            for (Observation.Run[] pair : new Observation.Run[][] {{r.winsock(), o.winsock()}, {r.wire(), o.wire()}}) {
                if (pair[0] != null && pair[1] != null) {
                    runs++;
                    maxDelta = Math.max(maxDelta, Math.abs(pair[0].closeMillis() - pair[1].closeMillis()));
                }
            }
        }
        System.out.printf("compare-matrix: %s (%s, %d scenarios) vs %s (%s, %d scenarios): %d runs compared, largest"
                + " duration difference %d ms (tolerance %d ms)%n", ma.implementation(), ma.platform(), ma.scenarios().size(),
                mb.implementation(), mb.platform(), mb.scenarios().size(), runs, maxDelta, toleranceMillis);
        if (d.isEmpty()) {
            System.out.println("compare-matrix: identical observations");
            return 0;
        }
        System.out.println("compare-matrix: " + d.size() + " difference(s):");
        d.forEach(line -> System.out.println("  " + line));
        return 1;
    }
}
