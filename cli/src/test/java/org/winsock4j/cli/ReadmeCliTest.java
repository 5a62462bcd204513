package org.winsock4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.winsock4j.cli.matrix.Observation;

/**
 * The README's command-line section says what the CLI does (issue 21: it said schemaVersion 1
 * for close-matrix, whose JSON is version 2, and listed exit codes --help did not).
 */
class ReadmeCliTest {
    static String readme() throws Exception {
        return Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    }

    @Test
    void theSchemaVersionsAreTheCodes() throws Exception {
        Matcher m = Pattern.compile("`--format json` output starts with `\"schemaVersion\"`: `(\\d+)` for connections and"
                + "\\s+kill, `(\\d+)` for\\s+close-matrix").matcher(readme());
        assertTrue(m.find(), "the README states the schema versions");
        assertEquals(ConnectionsView.SCHEMA_VERSION, Integer.parseInt(m.group(1)));
        assertEquals(Observation.SCHEMA_VERSION, Integer.parseInt(m.group(2)));
        // --help says the same (the descriptions are built from the same constants).
        for (String[] cmd : new String[][] {{"connections", "1"}, {"kill", "1"}, {"close-matrix", "2"}}) {
            String help = CliRun.run(Main.commandLine(), cmd[0], "--help").out.replaceAll("\\s+", " ");
            assertTrue(help.contains("{\"schemaVersion\": " + cmd[1] + ","), cmd[0] + ": " + help);
        }
    }

    @Test
    void theExitCodeTableIsTheHelpsList() throws Exception {
        List<String[]> readmeRows = new ArrayList<>();
        Matcher row = Pattern.compile("(?m)^\\| (\\d) \\| ([^|]+) \\|$").matcher(readme());
        while (row.find()) {
            readmeRows.add(new String[] {row.group(1), row.group(2)});
        }
        String[] help = Main.class.getAnnotation(picocli.CommandLine.Command.class).exitCodeList();
        assertEquals(help.length, readmeRows.size(), "one README row per code of winsock4j --help");
        for (int i = 0; i < help.length; i++) {
            String code = help[i].substring(0, help[i].indexOf(':'));
            String meaning = help[i].substring(help[i].indexOf(':') + 1);
            assertEquals(code, readmeRows.get(i)[0]);
            // The same meaning: the words before the first ':' or '(' agree ("usage error", "done").
            assertEquals(lead(meaning), lead(readmeRows.get(i)[1]), code);
        }
    }

    private static String lead(String meaning) {
        return meaning.split("[:(]", 2)[0].strip();
    }
}
