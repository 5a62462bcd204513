package org.winsock4j.it;

import org.winsock4j.AddressFamily;
import org.winsock4j.Protocol;
import org.winsock4j.SocketType;
import org.winsock4j.WinSocket;
import org.winsock4j.Winsock;

/**
 * Run by InterruptHookLoadingWineTest in a fresh JVM with -verbose:class: opens one socket and
 * prints "opened", before any call or interrupt.
 */
public final class OpenProbeMain {
    private OpenProbeMain() {}

    public static void main(String[] args) throws Exception {
        try (WinSocket s = Winsock.system().open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP)) {
            System.out.println("opened " + s.isOpen());
        }
        System.exit(0); // under Wine 10 an uncaught exception may exit 0 (lab/README-lab.md): say it here
    }
}
