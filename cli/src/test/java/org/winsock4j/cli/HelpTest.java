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
        // An IPv6 connection is the platform's limit (4), not the user's error (2), since issue 21.
        String killFlat = kill.replaceAll("\\s+", " ");
        assertTrue(killFlat.contains(" 4 refused by the platform: ERROR_ACCESS_DENIED (run elevated), ERROR_NOT_SUPPORTED,"
                + " another Win32 error, or an IPv6 connection (SetTcpEntry ends IPv4 connections only)"), kill);
        assertTrue(killFlat.contains(" 2 usage error: unknown option or bad value (e.g. --local 1.2.3:80, a host name, port 0,"
                + " an IPv4 and an IPv6 address)"), kill);
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
    void withoutACommandTheUsageGoesToStderrWithExit2AndNothingRuns() {
        // It used to run close-matrix (52 scenarios, 50-150 s, sockets opened). A factory that
        // fails any close-matrix it is asked to make proves nothing is even constructed to run.
        CommandLine.IFactory noMatrix = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                K k = CommandLine.defaultFactory().create(cls);
                if (k instanceof CloseMatrixCommand c) {
                    c.from = java.nio.file.Path.of("/nonexistent/issue21/matrix.json"); // a run would exit 3
                }
                return k;
            }
        };
        CliRun bare = CliRun.run(Main.commandLine(noMatrix));
        assertEquals(ExitCodes.USAGE, bare.exit, bare.toString());
        assertEquals("", bare.out, "usage goes to stderr: stdout stays clean for a pipe");
        assertTrue(bare.err.startsWith("Usage: winsock4j [-hV] [COMMAND]"), bare.err);
        assertEquals(List.of("close-matrix", "connections", "kill"), commandList(bare.err).stream().map(c -> c[0]).toList());
        assertFalse(bare.err.contains("NoSuchFileException"), bare.err);
        // The same text --help prints on stdout; the convention is stated in it.
        CliRun help = CliRun.run(Main.commandLine(), "--help");
        assertEquals(help.out, bare.err);
        assertTrue(help.out.replaceAll("\\s+", " ").contains("A command is required: without one, this help goes to stderr"
                + " and the exit code is 2"), help.out);
    }
}
