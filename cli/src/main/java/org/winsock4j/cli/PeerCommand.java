package org.winsock4j.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.winsock4j.cli.peer.PeerServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "peer", mixinStandardHelpOptions = true, hidden = true,
        header = "Internal (scripts/wire-peer.sh): the wire peer for close-matrix.",
        description = "The wire peer for close-matrix: run it on the host's (Linux) JVM; it listens on loopback and"
                + " reports what really arrived over TCP. Uses java.net only, never Winsock.")
final class PeerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", description = "control port on 127.0.0.1 (0: any; default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--port-file", paramLabel = "FILE", description = "write the control port here once listening")
    Path portFile;

    @Option(names = "--idle-seconds", description = "exit after this long without a request (default ${DEFAULT-VALUE})")
    long idleSeconds = 300;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port " + port + ": not a port 0-65535");
        }
        if (idleSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--idle-seconds " + idleSeconds + ": not a positive number");
        }
        try (PeerServer server = new PeerServer(port)) {
            if (portFile != null) {
                Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
                Files.writeString(tmp, server.port() + "\n", StandardCharsets.US_ASCII);
                Files.move(tmp, portFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            System.err.println("peer: listening on 127.0.0.1:" + server.port());
            server.serve(idleSeconds);
        }
        return 0;
    }
}
