package org.winsock4j.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's example is this module's ReadmeExample.java, which the build compiles, quoted whole:
 * its package line too, since the README runs it by its full name (issue 21: the quote left the
 * package out and the run command named another one).
 */
class ReadmeExampleTest {
    static String readme() throws Exception {
        return Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    }

    /** The first fenced block of {@code language} after the heading line {@code heading}, without its fences. */
    static String firstBlockAfter(String readme, String heading, String language) {
        int section = readme.indexOf("\n" + heading + "\n");
        assertTrue(section >= 0, "README has the section " + heading);
        String fence = "```" + language + "\n";
        int start = readme.indexOf(fence, section) + fence.length();
        return readme.substring(start, readme.indexOf("```", start));
    }

    @Test
    void theReadmeQuotesTheCompiledExampleWordForWord() throws Exception {
        String readme = readme();
        String quoted = firstBlockAfter(readme, "## Example", "java");
        String source = Files.readString(
                Path.of("src/test/java/org/winsock4j/example/ReadmeExample.java"), StandardCharsets.UTF_8);
        assertEquals(source, quoted);
        // ... and every command that runs it names the class by that package.
        String name = source.substring("package ".length(), source.indexOf(';')) + ".ReadmeExample";
        assertTrue(readme.contains(" " + name + "\n"), "the README runs " + name);
        Matcher other = Pattern.compile("[\\w.]+\\.ReadmeExample\\b").matcher(readme);
        while (other.find()) {
            assertEquals(name, other.group(), "a command runs the example by another name");
        }
    }

    /** The README's profile for running a user's JUnit tests on the lab is the example project's. */
    @Test
    void theReadmeQuotesTheExampleProjectsLabProfile() throws Exception {
        String quoted = firstBlockAfter(readme(), "### Your own JUnit tests on the lab", "xml");
        String pom = Files.readString(Path.of("..", "examples", "junit-on-wine", "pom.xml"), StandardCharsets.UTF_8);
        String begin = "    <!-- winsock4j: the tests on the lab's Windows JVM under Wine -->\n";
        String profile = pom.substring(pom.indexOf(begin), pom.indexOf("    <!-- /winsock4j -->"));
        assertEquals(profile.replaceAll("(?m)^    ", ""), quoted);
    }
}
