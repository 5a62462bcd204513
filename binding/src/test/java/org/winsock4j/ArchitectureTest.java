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
 * The layers of docs/ARCHITECTURE.md#layers, checked on the sources: the safe layer and the
 * port reach the backends (JNA, and FFM in src/main/java22) only where the backend is picked, the
 * port never reaches the safe layer or a backend, and the backends reach only the port and the
 * internal helpers below the safe layer (and the API's WinsockUnavailableException, which they
 * throw). And the public API: the module exports only org.winsock4j, org.winsock4j.tcp and org.winsock4j.net, and
 * nothing public there hands out or takes a port (issue 22 item 5). The library ships no lab instrument, and inside the
 * safe layer and below it, each concern stays in its one place (issue 23, docs/ARCHITECTURE.md#class-map).
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/org/winsock4j");
    /** The FFM backend's real classes, compiled for Java 22 into the jar's multi-release part. */
    private static final Path MAIN_22 = Path.of("src/main/java22/org/winsock4j");
    /** Where the backend is picked: Backend (for Winsock.system()) and IpHelper.system(). */
    private static final Set<String> PICKS_THE_BACKEND = Set.of("Backend.java", "tcp/IpHelper.java");
    /** The backends' packages and the helpers they share, below the port. */
    private static final List<String> BELOW_THE_PORT = List.of("jna/", "ffm/", "internal/");
    private static List<Path> sources(Path under) throws IOException {
        try (Stream<Path> s = Files.walk(under)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    /** Code lines that name a backend package (imports or qualified names), comments left out. */
    private static boolean namesJnaInCode(Path file) throws IOException {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String t = line.trim();
            if (t.startsWith("*") || t.startsWith("/*") || t.startsWith("//")) {
                continue;
            }
            if (t.contains("org.winsock4j.jna") || t.contains("org.winsock4j.ffm")) {
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
            if (BELOW_THE_PORT.stream().anyMatch(rel::startsWith) || PICKS_THE_BACKEND.contains(rel)) {
                continue;
            }
            if (namesJnaInCode(p)) {
                offenders.add(rel);
            }
        }
        assertEquals(Set.of(), offenders, "safe-layer or port sources that use org.winsock4j.jna or .ffm");
        for (String picker : PICKS_THE_BACKEND) {
            assertTrue(namesJnaInCode(MAIN.resolve(picker)), picker + " picks the backend (else update this test)");
        }
    }

    @Test
    void theBackendsReachOnlyThePortAndTheInternalHelpers() throws IOException {
        Set<String> offenders = new TreeSet<>();
        List<Path> below = new java.util.ArrayList<>();
        for (String pkg : BELOW_THE_PORT) {
            for (Path root : List.of(MAIN, MAIN_22)) {
                if (Files.isDirectory(root.resolve(pkg))) {
                    below.addAll(sources(root.resolve(pkg)));
                }
            }
        }
        assertTrue(below.stream().anyMatch(p -> p.startsWith(MAIN_22)), "the Java 22 sources were found");
        // The one API class a backend names: the exception it throws when ws2_32 is out of reach.
        Pattern safeLayer = Pattern.compile(
                "^import (static )?(org\\.winsock4j\\.(?!port\\.|internal\\.|jna\\.|ffm\\.|WinsockUnavailableException;)[\\w.]+);");
        for (Path p : below) {
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                Matcher m = safeLayer.matcher(line.trim());
                if (m.find()) {
                    offenders.add(p + " imports " + m.group(2));
                }
            }
        }
        assertEquals(Set.of(), offenders, "backend sources that reach above the port");
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

    /**
     * The library ships no lab-only code (issue 23): every native function its JNA mapping
     * declares is called by the library itself, outside the mapping. The overlapped receive the
     * lab observes closesocket with (WSARecv, the WSAEVENT functions) is the CLI's
     * (org.winsock4j.cli.instrument), and so is Wine detection.
     */
    @Test
    void everyRawFunctionTheLibraryMapsIsCalledByTheLibrary() throws IOException {
        Set<String> uncalled = new TreeSet<>();
        int natives = 0;
        List<Path> all = sources(MAIN);
        for (String mapping : List.of("Ws2_32", "Kernel32Io", "Iphlpapi")) {
            Path file = MAIN.resolve("jna/" + mapping + ".java");
            Matcher m = Pattern.compile("\\bnative\\s+[\\w\\[\\]]+\\s+(\\w+)\\s*\\(").matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (m.find()) {
                natives++;
                Pattern call = Pattern.compile("\\b" + mapping + "(\\.|::)" + m.group(1) + "\\b");
                boolean called = false;
                for (Path p : all) {
                    if (!p.equals(file) && call.matcher(Files.readString(p, StandardCharsets.UTF_8)).find()) {
                        called = true;
                        break;
                    }
                }
                if (!called) {
                    uncalled.add(mapping + "." + m.group(1));
                }
            }
        }
        assertTrue(natives > 20, "the mapping's natives were found: " + natives);
        assertEquals(Set.of(), uncalled, "natives the library maps but never calls (lab-only code belongs in the CLI)");
        for (Path p : all) {
            String rel = MAIN.relativize(p).toString().replace('\\', '/');
            assertTrue(!rel.endsWith("/Wine.java") && !rel.contains("Overlapped"), "a lab instrument in the library: " + rel);
        }
    }

    /** The packages of the API: what module-info exports, and nothing else. */
    private static final Set<String> API = Set.of("org.winsock4j", "org.winsock4j.tcp", "org.winsock4j.net");

    @Test
    void theModuleExportsOnlyTheApi() throws Exception {
        Set<String> exported = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\s*exports\\s+([\\w.]+)\\s*(to\\s+[^;]+)?;")
                .matcher(Files.readString(Path.of("src/main/java/module-info.java"), StandardCharsets.UTF_8));
        while (m.find()) {
            assertEquals(null, m.group(2), "a qualified export: " + m.group(0));
            exported.add(m.group(1));
        }
        assertEquals(new TreeSet<>(API), exported, "module-info's exports");
        assertEquals("org.winsock4j", Class.forName("org.winsock4j.WinsockUnavailableException").getPackageName(),
                "WinsockUnavailableException, which every user off Windows meets, is API");
    }

    /**
     * No public or protected member of a public class of the API names a type of a package the
     * module does not export: no port (unguarded native calls on a bare SOCKET: Backend.port(),
     * Winsock.over(WinsockPort) and IpHelper.over(IpHelperPort) did), no backend, no internal
     * helper. UnguardedPorts, outside the API, is the tests' door to the ports.
     */
    @Test
    void nothingPublicInTheApiNamesAPortABackendOrAnInternalType() throws Exception {
        Set<String> offenders = new TreeSet<>();
        int classes = 0;
        for (String pkg : API) {
            Path dir = Path.of("target/classes").resolve(pkg.replace('.', '/'));
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                    String name = f.getFileName().toString();
                    Class<?> c = Class.forName(pkg + "." + name.substring(0, name.length() - ".class".length()));
                    if (!visible(c)) {
                        continue;
                    }
                    classes++;
                    for (java.lang.reflect.Method method : c.getDeclaredMethods()) {
                        if (visible(method.getModifiers()) && !method.isSynthetic()) {
                            check(offenders, method.toGenericString(), method.getGenericReturnType());
                            check(offenders, method.toGenericString(), method.getGenericParameterTypes());
                            check(offenders, method.toGenericString(), method.getGenericExceptionTypes());
                        }
                    }
                    for (java.lang.reflect.Constructor<?> ctor : c.getDeclaredConstructors()) {
                        if (visible(ctor.getModifiers()) && !ctor.isSynthetic()) {
                            check(offenders, ctor.toGenericString(), ctor.getGenericParameterTypes());
                        }
                    }
                    for (java.lang.reflect.Field field : c.getDeclaredFields()) {
                        if (visible(field.getModifiers()) && !field.isSynthetic()) {
                            check(offenders, field.toGenericString(), field.getGenericType());
                        }
                    }
                    if (c.getSuperclass() != null) {
                        check(offenders, c.getName() + " extends", c.getGenericSuperclass());
                    }
                    check(offenders, c.getName() + " implements", c.getGenericInterfaces());
                }
            }
        }
        assertTrue(classes > 30, "the API's classes were found: " + classes);
        assertEquals(Set.of(), offenders, "public API members naming types the module does not export");
    }

    /** The safe layer's sources (its package only) whose code lines match {@code call}. */
    private static Set<String> safeLayerFilesCalling(Pattern call) throws IOException {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> s = Files.list(MAIN)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                    String t = line.trim();
                    if (!t.startsWith("*") && !t.startsWith("/*") && !t.startsWith("//") && call.matcher(t).find()) {
                        files.add(p.getFileName().toString());
                    }
                }
            }
        }
        return files;
    }

    /**
     * One await (docs/ARCHITECTURE.md#readiness-waits): only Await waits for readiness, in
     * WSAPoll or select or parked for the pollers; the pollers' own threads wait in WSAPoll for
     * the parked ones (Poller).
     */
    @Test
    void everyWaitForReadinessIsAwaits() throws IOException {
        assertEquals(Set.of("Await.java", "Poller.java"),
                safeLayerFilesCalling(Pattern.compile("\\.(wsaPoll|select)\\(|\\bparkUntil\\(")));
    }

    /**
     * One closer (docs/ARCHITECTURE.md#lifetime): a WinSocket's number reaches closesocket only
     * through SocketCloser; the other closesocket calls close what no WinSocket holds: a
     * poller's doorbell, and a socket accept returned that could not be given its mode (SocketIo).
     */
    @Test
    void onlyTheCloserClosesAWinSocketsNumber() throws IOException {
        assertEquals(Set.of("SocketCloser.java", "Poller.java", "SocketIo.java"),
                safeLayerFilesCalling(Pattern.compile("\\.closesocket\\(")));
    }

    /**
     * The buffer layer checks the arguments of both real backends in one place
     * (docs/ARCHITECTURE.md#port-arguments): no backend and no other main source calls
     * PortArguments.
     */
    @Test
    void onlyTheBufferLayerChecksPortArguments() throws IOException {
        Set<String> callers = new TreeSet<>();
        for (Path root : List.of(MAIN, MAIN_22)) {
            for (Path p : sources(root)) {
                if (Files.readString(p, StandardCharsets.UTF_8).contains("PortArguments.")) {
                    callers.add(root.relativize(p).toString().replace('\\', '/'));
                }
            }
        }
        assertEquals(Set.of("internal/NativeWinsockPort.java"), callers);
    }

    private static boolean visible(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!java.lang.reflect.Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(int modifiers) {
        return java.lang.reflect.Modifier.isPublic(modifiers) || java.lang.reflect.Modifier.isProtected(modifiers);
    }

    private static void check(Set<String> offenders, String member, java.lang.reflect.Type... types) {
        for (java.lang.reflect.Type t : types) {
            if (t instanceof Class<?> c) {
                Class<?> k = c;
                while (k.isArray()) {
                    k = k.getComponentType();
                }
                String pkg = k.getPackageName();
                if (pkg.startsWith("org.winsock4j") && !API.contains(pkg)) {
                    offenders.add(member + " names " + k.getName());
                }
            } else if (t instanceof java.lang.reflect.ParameterizedType p) {
                check(offenders, member, p.getRawType());
                check(offenders, member, p.getActualTypeArguments());
            } else if (t instanceof java.lang.reflect.GenericArrayType a) {
                check(offenders, member, a.getGenericComponentType());
            } else if (t instanceof java.lang.reflect.WildcardType w) {
                check(offenders, member, w.getUpperBounds());
                check(offenders, member, w.getLowerBounds());
            }
        }
    }

    /**
     * org.winsock4j.net (java.net sockets over WinSocket) is built on the public API only: it
     * names no port, backend or internal package, so it sees what any user of WinSocket sees.
     */
    @Test
    void theJavaNetSocketsUseOnlyThePublicApi() throws IOException {
        Set<String> offenders = new TreeSet<>();
        Pattern below = Pattern.compile("org\\.winsock4j\\.(port|internal|jna|ffm|unguarded)\\b");
        List<Path> net = sources(MAIN.resolve("net"));
        assertTrue(net.size() > 3, "the org.winsock4j.net sources were found");
        for (Path p : net) {
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                String t = line.trim();
                if (!t.startsWith("*") && !t.startsWith("/*") && !t.startsWith("//") && below.matcher(t).find()) {
                    offenders.add(p.getFileName() + ": " + t);
                }
            }
        }
        assertEquals(Set.of(), offenders, "org.winsock4j.net reaching below the public API");
    }
}
