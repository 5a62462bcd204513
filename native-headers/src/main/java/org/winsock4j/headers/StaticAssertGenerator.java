package org.winsock4j.headers;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.platform.win32.IPHlpAPI;
import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.winsock4j.WsaError;
import org.winsock4j.cli.instrument.OverlappedSdk;
import org.winsock4j.cli.instrument.WSABUF;
import org.winsock4j.cli.instrument.WSAOVERLAPPED;
import org.winsock4j.cli.instrument.Ws2_32Overlapped;
import org.winsock4j.jna.Iphlpapi;
import org.winsock4j.jna.Kernel32Io;
import org.winsock4j.jna.LINGER;
import org.winsock4j.jna.MIB_TCPROW;
import org.winsock4j.jna.WSADATA;
import org.winsock4j.jna.WSAPOLLFD;
import org.winsock4j.jna.fd_set;
import org.winsock4j.jna.timeval;
import org.winsock4j.jna.Ws2_32;
import org.winsock4j.jna.sockaddr_in;
import org.winsock4j.jna.sockaddr_in6;
import org.winsock4j.port.MibRows;
import org.winsock4j.port.Sdk;
import org.winsock4j.port.SdkStructs;

/**
 * Writes {@code _Static_assert}s, read off the Java side by reflection, that tie the raw mapping
 * to the SDK headers: every constant of {@link Sdk} and offset of {@link SdkStructs}, every
 * {@link WsaError} number, sizeof/offsetof of every mapped structure, and the size, kind and
 * arity of every native method's parameters against {@code include/winsock4j_mapping.h}. The
 * raw mapping is the library's (org.winsock4j.jna) and the lab instruments' overlapped functions
 * with their constants and structures ({@link Ws2_32Overlapped}, {@link OverlappedSdk}, in the CLI).
 *
 * <p>Reading the mapping classes' methods does not initialise them, so this runs on any JVM.
 *
 * <p>Usage: {@code StaticAssertGenerator OUTPUT.c}; prints the counts.
 */
public final class StaticAssertGenerator {
    /** The raw layer's structures (the library's and the lab instruments') and their C type names. */
    static final Map<Class<? extends Structure>, String> STRUCTURES = new LinkedHashMap<>();

    static {
        STRUCTURES.put(LINGER.class, "LINGER");
        STRUCTURES.put(WSADATA.class, "WSADATA");
        STRUCTURES.put(sockaddr_in.class, "struct sockaddr_in");
        STRUCTURES.put(sockaddr_in6.class, "struct sockaddr_in6");
        STRUCTURES.put(MIB_TCPROW.class, "MIB_TCPROW");
        STRUCTURES.put(WSABUF.class, "WSABUF");
        STRUCTURES.put(WSAOVERLAPPED.class, "WSAOVERLAPPED");
        STRUCTURES.put(WSAPOLLFD.class, "WSAPOLLFD");
        STRUCTURES.put(fd_set.class, "fd_set");
        STRUCTURES.put(timeval.class, "struct timeval");
    }

    /**
     * What a {@link Pointer} parameter points to, by "function_pI": the size the Java side lays
     * out there (a structure's JNA size, 4 for a DWORD), asserted against the pointee of the C
     * parameter type. A Pointer parameter not named here is checked as a pointer only.
     */
    static final Map<String, Integer> POINTEE_SIZES = Map.ofEntries(
            Map.entry("WSARecv_p1", new WSABUF().size()),
            Map.entry("WSARecv_p3", 4),
            Map.entry("WSARecv_p4", 4),
            Map.entry("WSARecv_p5", new WSAOVERLAPPED().size()),
            Map.entry("WSAGetOverlappedResult_p1", new WSAOVERLAPPED().size()),
            Map.entry("CancelIoEx_p1", new WSAOVERLAPPED().size()),
            Map.entry("WSAPoll_p0", new WSAPOLLFD().size()),
            Map.entry("select_p1", new fd_set().size()),
            Map.entry("select_p2", new fd_set().size()),
            Map.entry("select_p3", new fd_set().size()),
            Map.entry("select_p4", new timeval().size()));

    /**
     * jna-platform's IP Helper structures that the JNA backend reads, their C type names, and the
     * Java fields jna-platform spells differently from the SDK.
     */
    static final Map<Class<? extends Structure>, String> PLATFORM_STRUCTURES = new LinkedHashMap<>();
    static final Map<String, String> PLATFORM_FIELD_NAMES = Map.of(
            "MIB_TCP6ROW_OWNER_PID.LocalAddr", "ucLocalAddr",
            "MIB_TCP6ROW_OWNER_PID.RemoteAddr", "ucRemoteAddr",
            "MIB_TCP6ROW_OWNER_PID.State", "dwState");

    static {
        PLATFORM_STRUCTURES.put(IPHlpAPI.MIB_TCPROW_OWNER_PID.class, "MIB_TCPROW_OWNER_PID");
        PLATFORM_STRUCTURES.put(IPHlpAPI.MIB_TCP6ROW_OWNER_PID.class, "MIB_TCP6ROW_OWNER_PID");
        PLATFORM_STRUCTURES.put(IPHlpAPI.MIB_UDPROW_OWNER_PID.class, "MIB_UDPROW_OWNER_PID");
        PLATFORM_STRUCTURES.put(IPHlpAPI.MIB_UDP6ROW_OWNER_PID.class, "MIB_UDP6ROW_OWNER_PID");
        PLATFORM_STRUCTURES.put(IPHlpAPI.MIB_TCPTABLE_OWNER_PID.class, "MIB_TCPTABLE_OWNER_PID");
        PLATFORM_STRUCTURES.put(IPHlpAPI.MIB_TCP6TABLE_OWNER_PID.class, "MIB_TCP6TABLE_OWNER_PID");
        PLATFORM_STRUCTURES.put(IPHlpAPI.MIB_UDPTABLE_OWNER_PID.class, "MIB_UDPTABLE_OWNER_PID");
        PLATFORM_STRUCTURES.put(IPHlpAPI.MIB_UDP6TABLE_OWNER_PID.class, "MIB_UDP6TABLE_OWNER_PID");
    }

    /** The jna-platform IPHlpAPI functions the JNA backend calls (an interface mapping). */
    static final List<String> PLATFORM_FUNCTIONS = List.of("GetExtendedTcpTable", "GetExtendedUdpTable");

    /** The classes whose public int and long constants are SDK values, asserted by name. */
    static final List<Class<?>> CONSTANTS = List.of(Sdk.class, OverlappedSdk.class);

    /** Constants of {@link #CONSTANTS} whose C spelling is not their Java name. */
    private static final Map<String, String> C_EXPRESSIONS = Map.ofEntries(
            Map.entry("WINSOCK_VERSION_2_2", "MAKEWORD(2, 2)"),
            Map.entry("INVALID_SOCKET", "(long long)INVALID_SOCKET"),
            Map.entry("SIZEOF_LINGER", "sizeof(LINGER)"),
            Map.entry("SIZEOF_SOCKADDR_IN", "sizeof(struct sockaddr_in)"),
            Map.entry("SIZEOF_SOCKADDR_IN6", "sizeof(struct sockaddr_in6)"),
            Map.entry("SIZEOF_WSADATA", "sizeof(WSADATA)"),
            Map.entry("SIZEOF_WSABUF", "sizeof(WSABUF)"),
            Map.entry("SIZEOF_WSAOVERLAPPED", "sizeof(WSAOVERLAPPED)"),
            Map.entry("SIZEOF_WSAPOLLFD", "sizeof(WSAPOLLFD)"),
            Map.entry("SIZEOF_FD_SET", "sizeof(fd_set)"),
            Map.entry("SIZEOF_TIMEVAL", "sizeof(struct timeval)"),
            Map.entry("WSA_INVALID_EVENT", "(long long)WSA_INVALID_EVENT"));

    /** Offsets of {@link SdkStructs}, as (C type, field) by the constant's prefix. */
    private static final Map<String, String> IMAGE_TYPES = Map.of(
            "LINGER_", "LINGER",
            "SOCKADDR_IN6_", "struct sockaddr_in6",
            "SOCKADDR_IN_", "struct sockaddr_in",
            "TCP_KEEPALIVE_", "struct tcp_keepalive",
            "WSAPOLLFD_", "WSAPOLLFD",
            "FD_SET_", "fd_set",
            "TIMEVAL_", "struct timeval");

    private final List<String> lines = new ArrayList<>();
    int constants;
    int errors;
    int structures;
    int fields;
    int functions;
    int parameters;
    /** IP Helper: functions (Iphlpapi's natives and jna-platform's IPHlpAPI methods) and jna-platform structures. */
    int ipHelperFunctions;
    int ipHelperStructures;

    public static void main(String[] args) throws IOException, ReflectiveOperationException {
        if (args.length != 1) {
            System.err.println("usage: StaticAssertGenerator OUTPUT.c");
            System.exit(2);
        }
        StaticAssertGenerator g = new StaticAssertGenerator();
        String c = g.generate();
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, c, StandardCharsets.UTF_8);
        System.out.println("native-headers: generated " + out + ": " + g.summary());
    }

    String summary() {
        return constants + " constants, " + errors + " WSA error numbers, " + (structures + ipHelperStructures)
                + " structures (" + fields + " field offsets), " + (functions + ipHelperFunctions) + " functions ("
                + parameters + " parameters)";
    }

    String generate() throws ReflectiveOperationException {
        lines.add("/* Generated by org.winsock4j.headers.StaticAssertGenerator from the Java mapping. Do not edit. */");
        lines.add("#include <stddef.h>");
        lines.add("#include \"winsock4j_mapping.h\"");
        lines.add("");
        lines.add("/* __builtin_classify_type: 1 integer, 5 pointer (GCC's type classes). */");
        lines.add("#define W4J_INTEGER 1");
        lines.add("#define W4J_POINTER 5");
        lines.add("#define W4J_ENUM 3");
        constants();
        errors();
        structures();
        functions(Ws2_32.class);
        functions(Kernel32Io.class);
        functions(Ws2_32Overlapped.class);
        int before = functions;
        functions(Iphlpapi.class);
        ipHelperConstants();
        platformStructures();
        platformFunctions();
        ipHelperFunctions = functions - before;
        functions = before; // functions counts ws2_32 and kernel32, ipHelperFunctions the rest
        lines.add("");
        return String.join("\n", lines);
    }

    private void check(String condition, String what) {
        lines.add("_Static_assert(" + condition + ", \"" + what.replace("\"", "'") + "\");");
    }

    private void constants() throws IllegalAccessException {
        for (Class<?> holder : CONSTANTS) {
            lines.add("");
            lines.add("/* " + holder.getName() + " */");
            for (Field f : holder.getDeclaredFields()) {
                if (!isConstant(f)) {
                    continue;
                }
                String name = f.getName();
                // As int: the 32 bits Java passes against the 32 bits C passes (FIONBIO is unsigned in C).
                String c = C_EXPRESSIONS.getOrDefault(name, f.getType() == int.class ? "(int)(" + name + ")" : name);
                String value = f.getType() == long.class ? f.getLong(null) + "LL" : literal(f.getInt(null));
                check(c + " == " + value, holder.getSimpleName() + "." + name + " = " + value);
                constants++;
            }
        }
        lines.add("");
        lines.add("/* org.winsock4j.port.SdkStructs: the byte images' field offsets */");
        for (Field f : SdkStructs.class.getDeclaredFields()) {
            if (!isConstant(f) || f.getName().equals("SOCKADDR_MAX")) {
                continue;
            }
            String name = f.getName();
            String type = IMAGE_TYPES.entrySet().stream()
                    .filter(e -> name.startsWith(e.getKey()))
                    .max(Comparator.comparingInt(e -> e.getKey().length()))
                    .orElseThrow(() -> new IllegalStateException("no C type for SdkStructs." + name))
                    .getValue();
            String prefix = IMAGE_TYPES.entrySet().stream().filter(e -> e.getValue().equals(type))
                    .findFirst().orElseThrow().getKey();
            String field = name.substring(prefix.length()).toLowerCase();
            check("offsetof(" + type + ", " + field + ") == " + f.getInt(null), "SdkStructs." + name);
            constants++;
        }
        check("sizeof(struct tcp_keepalive) == " + SdkStructs.tcpKeepalive(0, 0, 0).length,
                "SdkStructs.tcpKeepalive: the image's size");
        check("SOMAXCONN >= 0 && sizeof(SOCKET) == 8", "Win64 SOCKET is 64 bits");
    }

    private static boolean isConstant(Field f) {
        int m = f.getModifiers();
        return Modifier.isStatic(m) && Modifier.isFinal(m) && Modifier.isPublic(m)
                && (f.getType() == int.class || f.getType() == long.class);
    }

    private static String literal(int v) {
        // Hex for the large and the negative, so that 0x8004667e and ~SO_LINGER compare as int.
        return v < 0 || v > 0xffff ? "(int)0x" + Integer.toHexString(v) : Integer.toString(v);
    }

    private void errors() {
        lines.add("");
        lines.add("/* org.winsock4j.WsaError */");
        for (WsaError e : WsaError.values()) {
            check(e.name() + " == " + e.code(), "WsaError." + e.name() + " = " + e.code());
            errors++;
        }
    }

    private void structures() throws ReflectiveOperationException {
        lines.add("");
        lines.add("/* org.winsock4j.jna and org.winsock4j.cli.instrument structures: sizeof and offsetof of every field */");
        Method fieldOffset = fieldOffset();
        for (Map.Entry<Class<? extends Structure>, String> s : STRUCTURES.entrySet()) {
            Structure instance = s.getKey().getDeclaredConstructor().newInstance();
            String c = s.getValue();
            check("sizeof(" + c + ") == " + instance.size(), s.getKey().getSimpleName() + " size");
            for (String field : s.getKey().getAnnotation(Structure.FieldOrder.class).value()) {
                check("offsetof(" + c + ", " + field + ") == " + fieldOffset.invoke(instance, field),
                        s.getKey().getSimpleName() + "." + field);
                fields++;
            }
            structures++;
        }
    }

    private void functions(Class<?> mapping) {
        lines.add("");
        lines.add("/* " + mapping.getName() + ": every native method against winsock4j_mapping.h */");
        Method[] natives = Arrays.stream(mapping.getDeclaredMethods())
                .filter(m -> Modifier.isNative(m.getModifiers()))
                .sorted(Comparator.comparing(Method::getName).thenComparing(Method::toString))
                .toArray(Method[]::new);
        for (Method m : natives) {
            signature(m);
        }
    }

    private void signature(Method m) {
        String fn = m.getName();
        Class<?>[] params = m.getParameterTypes();
        check("w4j_" + fn + "_arity == " + params.length, m.toGenericString() + ": arity");
        type("w4j_" + fn + "_r", m.getReturnType(), m + ": return");
        for (int i = 0; i < params.length; i++) {
            type("w4j_" + fn + "_p" + i, params[i], m + ": parameter " + i);
            Integer pointee = POINTEE_SIZES.get(fn + "_p" + i);
            if (pointee != null) {
                if (params[i] != Pointer.class) {
                    throw new IllegalStateException(m + ": parameter " + i + " is not a Pointer");
                }
                check("sizeof(*(w4j_" + fn + "_p" + i + ")0) == " + pointee,
                        m + ": parameter " + i + " points to " + pointee + " bytes");
            }
            parameters++;
        }
        functions++;
    }

    /**
     * The IP Helper constants: {@link MibRows} (the port's SDK values) and the jna-platform
     * constants the JNA backend passes (TCP_TABLE_CLASS, UDP_TABLE_CLASS, MIB_TCP_STATE).
     */
    private void ipHelperConstants() throws IllegalAccessException {
        lines.add("");
        lines.add("/* org.winsock4j.port.MibRows */");
        for (Field f : MibRows.class.getDeclaredFields()) {
            if (!isConstant(f)) {
                continue;
            }
            String cExpr = f.getName().equals("SIZEOF_MIB_TCPROW") ? "(int)sizeof(MIB_TCPROW)"
                    : f.getName().equals("MIB_TCPTABLE_TABLE") ? "(int)offsetof(MIB_TCPTABLE, table)"
                    : "(int)(" + f.getName() + ")";
            check(cExpr + " == " + literal(f.getInt(null)), "MibRows." + f.getName() + " = " + f.getInt(null));
            constants++;
        }
        lines.add("");
        lines.add("/* com.sun.jna.platform.win32.IPHlpAPI constants used by org.winsock4j.jna.JnaIpHelperPort */");
        for (Class<?> c : List.of(IPHlpAPI.MIB_TCP_STATE.class, IPHlpAPI.TCP_TABLE_CLASS.class, IPHlpAPI.UDP_TABLE_CLASS.class)) {
            for (Field f : c.getDeclaredFields()) {
                if (!isConstant(f)) {
                    continue;
                }
                check("(int)(" + f.getName() + ") == " + literal(f.getInt(null)), "IPHlpAPI." + c.getSimpleName() + "."
                        + f.getName() + " = " + f.getInt(null));
                constants++;
            }
        }
    }

    /** sizeof/offsetof of jna-platform's OWNER_PID rows and tables, as JNA lays them out. */
    private void platformStructures() throws ReflectiveOperationException {
        lines.add("");
        lines.add("/* com.sun.jna.platform.win32.IPHlpAPI structures read by org.winsock4j.jna.JnaIpHelperPort */");
        Method fieldOffset = fieldOffset();
        // A jna-platform structure asks its enclosing library, IPHlpAPI, for its options, and
        // initialising IPHlpAPI loads iphlpapi.dll (impossible off Windows). Give JNA's option
        // cache the options IPHlpAPI loads with (W32APIOptions.DEFAULT_OPTIONS) for each
        // structure instead: the layout is then computed exactly as on Windows, without the DLL.
        Field typeOptionsField = com.sun.jna.Native.class.getDeclaredField("typeOptions");
        typeOptionsField.setAccessible(true);
        @SuppressWarnings("unchecked")
        Map<Class<?>, Map<String, Object>> typeOptions = (Map<Class<?>, Map<String, Object>>) typeOptionsField.get(null);
        synchronized (typeOptions) {
            for (Class<? extends Structure> c : PLATFORM_STRUCTURES.keySet()) {
                typeOptions.putIfAbsent(c, com.sun.jna.win32.W32APIOptions.DEFAULT_OPTIONS);
            }
            typeOptions.putIfAbsent(IPHlpAPI.MIB_TCP6ROW_OWNER_PID.class, com.sun.jna.win32.W32APIOptions.DEFAULT_OPTIONS);
        }
        for (Map.Entry<Class<? extends Structure>, String> s : PLATFORM_STRUCTURES.entrySet()) {
            Structure instance;
            boolean table;
            try {
                instance = s.getKey().getDeclaredConstructor().newInstance();
                table = false;
            } catch (NoSuchMethodException tableType) {
                // A table: constructed over memory holding dwNumEntries = 1, so table[] has one row.
                Memory m = new Memory(4096);
                m.clear();
                m.setInt(0, 1);
                instance = s.getKey().getDeclaredConstructor(Pointer.class).newInstance(m);
                table = true;
            }
            String c = s.getValue();
            String simple = s.getKey().getSimpleName();
            if (table) {
                // sizeof(table type) includes one row (ANY_SIZE = 1), as the instance over dwNumEntries = 1 does.
                check("sizeof(" + c + ") == " + instance.size(), simple + " size with one row");
            } else {
                check("sizeof(" + c + ") == " + instance.size(), simple + " size");
            }
            for (String field : s.getKey().getAnnotation(Structure.FieldOrder.class).value()) {
                String cField = PLATFORM_FIELD_NAMES.getOrDefault(simple + "." + field, field);
                check("offsetof(" + c + ", " + cField + ") == " + fieldOffset.invoke(instance, field),
                        "IPHlpAPI." + simple + "." + field + (cField.equals(field) ? "" : " (C " + cField + ")"));
                fields++;
            }
            ipHelperStructures++;
        }
    }

    /** JNA's offsetof ({@code Structure.fieldOffset}, protected), for a structure of any package. */
    private static Method fieldOffset() throws NoSuchMethodException {
        Method fieldOffset = Structure.class.getDeclaredMethod("fieldOffset", String.class);
        fieldOffset.setAccessible(true);
        return fieldOffset;
    }

    /** jna-platform's IPHlpAPI methods the backend calls, against winsock4j_mapping.h. */
    private void platformFunctions() {
        lines.add("");
        lines.add("/* com.sun.jna.platform.win32.IPHlpAPI: the functions org.winsock4j.jna.JnaIpHelperPort calls */");
        for (String name : PLATFORM_FUNCTIONS) {
            Method m = Arrays.stream(IPHlpAPI.class.getMethods()).filter(x -> x.getName().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("jna-platform IPHlpAPI has no " + name));
            signature(m);
        }
    }

    /** The C type named {@code typedefName} is what JNA passes for a Java {@code type}. */
    private void type(String typedefName, Class<?> type, String what) {
        String classify = "__builtin_classify_type(*(" + typedefName + " *)0)";
        if (type.isPrimitive()) {
            // boolean: JNA passes a 4-byte int (Win32 BOOL) for a boolean.
            int size = type == long.class ? 8 : type == int.class || type == boolean.class ? 4
                    : type == short.class ? 2 : type == byte.class ? 1 : -1;
            if (size < 0) {
                throw new IllegalStateException("unmapped primitive " + type + " in " + what);
            }
            String kind = type == long.class ? "(" + classify + " == W4J_INTEGER || " + classify + " == W4J_POINTER)"
                    : type == int.class ? "(" + classify + " == W4J_INTEGER || " + classify + " == W4J_ENUM)"
                    : classify + " == W4J_INTEGER";
            check("sizeof(" + typedefName + ") == " + size + " && " + kind, what + " is " + type);
            return;
        }
        check("sizeof(" + typedefName + ") == 8 && " + classify + " == W4J_POINTER", what + " is a pointer");
        if (type == int[].class || type == IntByReference.class) {
            check("sizeof(*(" + typedefName + ")0) == 4", what + " points to 4-byte integers");
        } else if (type == long[].class) {
            check("sizeof(*(" + typedefName + ")0) == 8", what + " points to 8-byte integers or handles");
        } else if (type == byte[].class) {
            return; // a byte image of anything: char buffers, sockaddr structures
        } else if (STRUCTURES.containsKey(type)) {
            check("sizeof(*(" + typedefName + ")0) == sizeof(" + STRUCTURES.get(type) + ")",
                    what + " points to " + STRUCTURES.get(type));
        } else if (type != Pointer.class) {
            throw new IllegalStateException("unmapped type " + type + " in " + what);
        }
    }
}
