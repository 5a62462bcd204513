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
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A test class's name says its tier (docs/ARCHITECTURE.md#test-design), in every module of the
 * repository: {@code *WineTest} runs against a real ws2_32 (the tests module: Wine in the lab,
 * Windows in CI); {@code *FakeTest} runs the code under test over a fake port or scripted native
 * functions, on any JVM; a plain {@code *Test} has neither beneath it (values, parsing, layouts,
 * sources, documents). Issue 23: VirtualThreadTest (fake) and VirtualThreadsTest (Wine) sat side
 * by side with names that did not say which was which.
 */
class TestNamesTest {
    /** The repository's root: the tests run in binding/. */
    private static final Path ROOT = Path.of("..");
    /** The modules with tests; the tests module's are the Wine tier. */
    private static final List<String> MODULES = List.of("binding", "cli", "native-headers", "tests");
    /**
     * Code that puts a fake beneath the code under test: the fake tier's fixture or fake ports,
     * or a scripted implementation of a port or of raw functions (a backend's NativeWinsock
     * included).
     */
    private static final Pattern USES_A_FAKE = Pattern.compile(
            "\\bFake\\w*(Port|Fixture)\\b|\\b(implements|extends)\\s+[\\w.]*(WinsockPort|IpHelperPort|NativeWinsock|JnaWinsock|Natives|DataIo)\\b"
            + "|\\bnew\\s+(NativeWinsock|JnaWinsock)\\(\\)\\s*\\{");
    private static final Pattern COMMENTS = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");

    @Test
    void everyTestClassNameSaysItsTier() throws IOException {
        Set<String> misnamed = new TreeSet<>();
        int classes = 0;
        for (String module : MODULES) {
            Path sources = ROOT.resolve(module).resolve("src/test/java");
            List<Path> tests;
            try (Stream<Path> s = Files.walk(sources)) {
                tests = s.filter(p -> p.getFileName().toString().endsWith("Test.java")).sorted().toList();
            }
            for (Path p : tests) {
                classes++;
                String name = p.getFileName().toString().replace(".java", "");
                String code = COMMENTS.matcher(Files.readString(p, StandardCharsets.UTF_8)).replaceAll("");
                boolean wine = module.equals("tests");
                boolean fake = USES_A_FAKE.matcher(code).find();
                String should = wine ? "WineTest" : fake ? "FakeTest" : "Test, neither FakeTest nor WineTest";
                boolean ok = wine ? name.endsWith("WineTest")
                        : fake ? name.endsWith("FakeTest")
                        : !name.endsWith("FakeTest") && !name.endsWith("WineTest");
                if (!ok) {
                    misnamed.add(module + ": " + name + " should end in " + should);
                }
            }
        }
        assertTrue(classes > 50, "the test classes were found: " + classes);
        assertEquals(Set.of(), misnamed);
    }
}
