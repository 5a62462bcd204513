/**
 * The shaded-jar check's program (tests/shaded-jar/src/main/java/demo/Main.java) as a module,
 * with winsock4j and JNA on the module path: scripts/check-native-access.sh runs it with the
 * README's module-path flags (no warning) and without them (the control, which must warn).
 */
module demo {
    requires org.winsock4j;
}
