package org.winsock4j.cli.matrix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.winsock4j.cli.instrument.Wine;

/**
 * The Linux kernel's own TCP table, /proc/net/tcp and /proc/net/tcp6, read from inside Wine
 * through its Z: drive (the root of the Linux file system). A Wine socket is a Linux socket, so
 * this is the real TCP stack's view, whatever GetExtendedTcpTable shows (Wine 10 lists only
 * sockets that Wine processes own; a closed socket's TIME_WAIT is not among them).
 * Format: the kernel's Documentation/networking/proc_net_tcp.rst.
 */
final class KernelTcpTable {
    private static final List<Path> FILES = List.of(Path.of("Z:\\proc\\net\\tcp"), Path.of("Z:\\proc\\net\\tcp6"));
    /** The st column's values 1..11, in the names GetExtendedTcpTable's rows use. */
    private static final String[] STATES = {"?", "ESTABLISHED", "SYN_SENT", "SYN_RECEIVED", "FIN_WAIT_1", "FIN_WAIT_2",
        "TIME_WAIT", "CLOSED", "CLOSE_WAIT", "LAST_ACK", "LISTENING", "CLOSING"};

    /** One row: its state and the bytes in its send queue (tx_queue: sent but not acknowledged, or not sent). */
    record Row(String state, long txQueue) {}

    private KernelTcpTable() {}

    /** Whether there is a Linux kernel to ask: only under Wine, and only when its table is readable. */
    static boolean available() {
        return Wine.version().isPresent() && Files.isReadable(FILES.get(0));
    }

    /** The row with this local and remote port, if the kernel has one. */
    static Optional<Row> find(int localPort, int remotePort) throws IOException {
        for (Path file : FILES) {
            if (!Files.isReadable(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                Optional<Row> row = parse(line, localPort, remotePort);
                if (row.isPresent()) {
                    return row;
                }
            }
        }
        return Optional.empty();
    }

    /** "  sl  local_address rem_address   st tx_queue:rx_queue ...", addresses as HEX:PORTHEX. */
    static Optional<Row> parse(String line, int localPort, int remotePort) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 5 || !f[0].endsWith(":") || f[0].equals("sl")) {
            return Optional.empty();
        }
        if (port(f[1]) != localPort || port(f[2]) != remotePort) {
            return Optional.empty();
        }
        int st = Integer.parseInt(f[3], 16);
        long tx = Long.parseLong(f[4].substring(0, f[4].indexOf(':')), 16);
        return Optional.of(new Row(st > 0 && st < STATES.length ? STATES[st] : "?", tx));
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.indexOf(':') + 1), 16);
    }
}
