package org.winsock4j.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's example is this module's ReadmeExample.java, which the build compiles. */
class ReadmeExampleTest {
    @Test
    void theReadmeQuotesTheCompiledExampleWordForWord() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("\n## Example");
        assertTrue(section >= 0, "README has an Example section");
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        int end = readme.indexOf("```", start);
        String quoted = readme.substring(start, end);
        String source = Files.readString(
                Path.of("src/test/java/org/winsock4j/example/ReadmeExample.java"), StandardCharsets.UTF_8);
        String withoutPackage = source.substring(source.indexOf('\n') + 1).stripLeading();
        assertEquals(withoutPackage, quoted);
    }
}
