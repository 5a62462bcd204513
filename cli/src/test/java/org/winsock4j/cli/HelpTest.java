package org.winsock4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Help;

/** What --help shows, colours, and the exit-code table. */
class HelpTest {

    /** The Commands: section of the top-level help, one entry per command (continuation lines joined). */
    static List<String[]> commandList(String help) {
        List<String[]> entries = new ArrayList<>();
        boolean in = false;
        for (String line : help.lines().toList()) {
            if (line.equals("Commands:")) {
                in = true;
                continue;
            }
            if (!in) {
                continue;
            }
            if (line.isBlank() || !line.startsWith("  ")) {
                break;
            }
            if (line.startsWith("   ")) {
                String[] last = entries.get(entries.size() - 1);
                last[1] = last[1] + " " + line.strip();
            } else {
                String[] parts = line.strip().split("\\s+", 2);
                entries.add(new String[] {parts[0], parts.length > 1 ? parts[1] : ""});
            }
        }
        return entries;
    }

    @Test
    void helpListsThePublicCommandsOnlyEachWithACompleteSentence() {
        CliRun r = CliRun.run(Main.commandLine(), "--help");
        assertEquals(0, r.exit, r.toString());
        List<String[]> cmds = commandList(r.out);
        assertEquals(List.of("close-matrix", "connections", "kill"), cmds.stream().map(c -> c[0]).toList(), r.out);
        for (String[] c : cmds) {
            // was "... and reports what", "... process name, like": the first line of a multi-line description
            assertTrue(c[1].endsWith("."), c[0] + ": " + c[1]);
            String header = Main.commandLine().getSubcommands().get(c[0]).getCommandSpec().usageMessage().header()[0];
            assertEquals(header, c[1]);
        }
        assertFalse(r.out.contains("compare-matrix"), r.out);
        assertFalse(r.out.contains("peer"), r.out);
    }

    @Test
    void hiddenCommandsStillRun() {
        CliRun compare = CliRun.run(Main.commandLine(), "compare-matrix", "--help");
        assertEquals(0, compare.exit, compare.toString());
        assertTrue(compare.out.contains("Compares two close-matrix JSON files"), compare.out);
        assertEquals(0, CliRun.run(Main.commandLine(), "peer", "--help").exit);
        assertEquals(2, CliRun.run(Main.commandLine(), "peer", "--port", "70000").exit);
    }

    @Test
    void eachCommandsHelpHasItsWholeDescription() {
        for (String cmd : List.of("close-matrix", "connections", "kill", "compare-matrix", "peer")) {
            CliRun r = CliRun.run(Main.commandLine(), cmd, "--help");
            assertEquals(0, r.exit, r.toString());
            String[] description = Main.commandLine().getSubcommands().get(cmd).getCommandSpec().usageMessage().description();
            assertEquals(1, description.length, cmd + ": one paragraph, wrapped by picocli, not lines cut by hand");
            String flat = r.out.replaceAll("\\s+", " ");
            // picocli formats it (String.format): a stray % would print the raw text with a warning
            String text = String.format(description[0]);
            assertTrue(flat.contains(text.replaceAll("\\s+", " ").strip()), cmd + ":\n" + r.out);
        }
    }

    @Test
    void exitCodesAreDocumentedAndDistinct() {
        String top = CliRun.run(Main.commandLine(), "--help").out;
        String kill = CliRun.run(Main.commandLine(), "kill", "--help").out;
        for (String help : List.of(top, kill)) {
            assertTrue(help.contains("Exit codes:"), help);
            for (String code : List.of("0", "1", "2", "3", "4", "5")) {
                assertTrue(help.lines().anyMatch(l -> l.startsWith("  " + code + " ")), code + " in\n" + help);
            }
        }
        assertTrue(kill.lines().anyMatch(l -> l.matches("\\s+1\\s+not found.*")), kill);
        assertTrue(kill.lines().anyMatch(l -> l.matches("\\s+4\\s+refused by the platform.*")), kill);
        assertTrue(kill.lines().anyMatch(l -> l.matches("\\s+5\\s+accepted but ignored.*")), kill);
        assertTrue(CliRun.run(Main.commandLine(), "close-matrix", "--help").out.lines()
                .anyMatch(l -> l.matches("\\s+3\\s+the probe failed")));
        List<Integer> codes = List.of(ExitCodes.OK, ExitCodes.NOT_FOUND, ExitCodes.USAGE, ExitCodes.FAILED, ExitCodes.REFUSED,
                ExitCodes.IGNORED);
        assertEquals(List.of(0, 1, 2, 3, 4, 5), codes);
        assertEquals(ExitCodes.FAILED, Main.PROBE_FAILED, "close-matrix keeps 3 for a failed probe");
    }

    @Test
    void coloursOnlyOnATerminal() {
        // Wine passes the Linux shell's TERM and OSTYPE on to the Windows JVM; picocli's AUTO took them
        // for a Cygwin/MSYS terminal and coloured output redirected to a file.
        Map<String, String> wineEnv = Map.of("TERM", "xterm-256color", "OSTYPE", "linux-gnu", "COLORTERM", "truecolor");
        assertEquals(Help.Ansi.OFF, Main.ansi(false, wineEnv));
        assertEquals(Help.Ansi.OFF, Main.ansi(false, Map.of()));
        assertEquals(Help.Ansi.ON, Main.ansi(true, wineEnv));
        assertEquals(Help.Ansi.OFF, Main.ansi(true, Map.of("NO_COLOR", "1")));
        assertFalse(Main.stdoutAndStderrAreTerminals(), "the build's JVM writes to files and pipes");
        // The build's JVM has no terminal: the resolved scheme is OFF, not AUTO, in every command.
        CommandLine cl = Main.commandLine();
        assertEquals(Help.Ansi.OFF, cl.getColorScheme().ansi());
        for (CommandLine sub : cl.getSubcommands().values()) {
            assertEquals(Help.Ansi.OFF, sub.getColorScheme().ansi(), sub.getCommandName());
        }
        for (String[] args : new String[][] {{"--help"}, {"kill", "--help"}, {"kill", "--local", "1.2.3:80", "--remote",
            "127.0.0.1:1"}, {"nosuchcommand"}}) {
            CliRun r = CliRun.run(Main.commandLine(), args);
            assertFalse((r.out + r.err).contains("\u001b["), String.join(" ", args) + ":\n" + r);
        }
    }

    @Test
    void withoutASubcommandCloseMatrixRunsWithTheSameSettings() {
        // A close-matrix whose probe fails (a matrix file that is not there): exit 3, as when named.
        CommandLine.IFactory failing = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                K k = CommandLine.defaultFactory().create(cls);
                if (k instanceof CloseMatrixCommand c) {
                    c.from = java.nio.file.Path.of("/nonexistent/cli11/matrix.json");
                }
                return k;
            }
        };
        CliRun named = CliRun.run(Main.commandLine(failing), "close-matrix");
        assertEquals(ExitCodes.FAILED, named.exit, named.toString());
        // It ran in a fresh CommandLine without the exception handler, and exited 1.
        CliRun bare = CliRun.run(Main.commandLine(failing));
        assertEquals(ExitCodes.FAILED, bare.exit, bare.toString());
        assertTrue(bare.err.contains("close-matrix: failed: java.nio.file.NoSuchFileException"), bare.toString());
    }
}
