package org.winsock4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers of docs/ARCHITECTURE.md section 2, checked on the sources: the safe layer and the
 * port reach the JNA backend only where the default backend is picked, and the port never
 * reaches the safe layer or the backend.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/org/winsock4j");
    /** Where the default backend is picked: Winsock.system() and IpHelper.system(). */
    private static final Set<String> PICKS_THE_BACKEND = Set.of("Winsock.java", "tcp/IpHelper.java");
    private static List<Path> sources(Path under) throws IOException {
        try (Stream<Path> s = Files.walk(under)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    /** Code lines that name the JNA package (imports or qualified names), comments left out. */
    private static boolean namesJnaInCode(Path file) throws IOException {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String t = line.trim();
            if (t.startsWith("*") || t.startsWith("/*") || t.startsWith("//")) {
                continue;
            }
            if (t.contains("org.winsock4j.jna")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theSafeLayerReachesTheJnaBackendOnlyWhereTheDefaultBackendIsPicked() throws IOException {
        Set<String> offenders = new TreeSet<>();
        for (Path p : sources(MAIN)) {
            String rel = MAIN.relativize(p).toString().replace('\\', '/');
            if (rel.startsWith("jna/") || PICKS_THE_BACKEND.contains(rel)) {
                continue;
            }
            if (namesJnaInCode(p)) {
                offenders.add(rel);
            }
        }
        assertEquals(Set.of(), offenders, "safe-layer or port sources that use org.winsock4j.jna");
        for (String picker : PICKS_THE_BACKEND) {
            assertTrue(namesJnaInCode(MAIN.resolve(picker)), picker + " picks the JNA backend (else update this test)");
        }
    }

    @Test
    void thePortDependsOnNothingAboveOrBelowIt() throws IOException {
        Set<String> offenders = new TreeSet<>();
        for (Path p : sources(MAIN.resolve("port"))) {
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                Matcher m = Pattern.compile("^import (org\\.winsock4j\\.(?!port\\.)[\\w.]+);").matcher(line.trim());
                if (m.find()) {
                    offenders.add(p.getFileName() + " imports " + m.group(1));
                }
            }
        }
        assertEquals(Set.of(), offenders);
    }
}
