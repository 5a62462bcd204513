package org.winsock4j.cli.matrix;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;

/**
 * One close scenario, as the scenario data file (scenarios.json beside this class) states it: run
 * on its own fresh loopback connection (or socket), and the Windows expectation with its basis.
 * The closer is the connecting socket unless the special says otherwise; the peer (in-process
 * Winsock, or a Linux JVM on the wire) sends only where the special says so.
 *
 * @param id stable identifier, also the key the Java and C matrices are compared by
 * @param title a human title for the table
 * @param wirePeer whether the scenario also runs against the wire peer (false: no connection to a peer)
 * @param expect what Windows does, as far as the basis shows
 * @param basis the keys of the bases (in the data file's {@code bases}) the expectation rests on, strongest first
 * @param docsSay where evidence overrides the documentation: what the documentation claims; else null
 */
public record Scenario(String id, String title, Mode mode, LingerSetting linger, Data data, Action action, Special special,
        Boolean wirePeer, Expectation expect, List<String> basis, String docsSay) {

    public Scenario {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title of " + id);
        Objects.requireNonNull(mode, "mode of " + id);
        Objects.requireNonNull(linger, "linger of " + id);
        Objects.requireNonNull(data, "data of " + id);
        Objects.requireNonNull(action, "action of " + id);
        Objects.requireNonNull(special, "special of " + id);
        Objects.requireNonNull(wirePeer, "wirePeer of " + id);
        Objects.requireNonNull(expect, "expect of " + id);
        basis = List.copyOf(Objects.requireNonNull(basis, "basis of " + id));
        if (basis.isEmpty()) {
            throw new IllegalArgumentException("scenario " + id + " has no basis");
        }
    }

    public enum Mode {
        BLOCKING("blocking"), NON_BLOCKING("nonblocking");
        @JsonValue public final String key;
        Mode(String key) { this.key = key; }
    }

    public enum LingerSetting {
        /** setsockopt SO_DONTLINGER TRUE (l_onoff 0), the default. */
        DONTLINGER("dontlinger"),
        /** SO_LINGER {1, 0}: abortive. */
        LINGER_0("linger0"),
        /** SO_LINGER {1, lingerSeconds}. */
        LINGER_2S("linger2s");
        @JsonValue public final String key;
        LingerSetting(String key) { this.key = key; }
    }

    public enum Data {
        /** payloadBytes sent and read by the peer before the close. */
        NONE("nothing-unsent"),
        /** The peer does not read: the closer fills its send path until WSAEWOULDBLOCK. */
        UNSENT("unsent");
        @JsonValue public final String key;
        Data(String key) { this.key = key; }
    }

    public enum Action {
        CLOSE("close"),
        SHUTDOWN_CLOSE("shutdown+close"),
        /** winsock4j's close(Duration) (shutdown SEND, drain to end of stream, else reset). */
        CLOSE_TIMEOUT("close(500ms)");
        @JsonValue public final String key;
        Action(String key) { this.key = key; }
    }

    /** What a scenario does besides its axes; the data file names it by key. */
    public enum Special {
        NONE("none"),
        /** close() (or shutdown+close) while another thread is blocked in recv on the closer. */
        BLOCKED_RECV("blocked-recv"),
        /** close() while another thread is blocked in send on the closer (the peer is not reading). */
        BLOCKED_SEND("blocked-send"),
        /** close() of a listener while another thread is blocked in accept on it. */
        BLOCKED_ACCEPT("blocked-accept"),
        /** Raw closesocket from another thread, without CancelIoEx, while a recv is blocked. */
        RAW_CLOSE_DURING_BLOCKED_RECV("raw-closesocket-during-blocked-recv"),
        /** SO_LINGER {1,2}, SO_DONTLINGER TRUE, SO_DONTLINGER FALSE: is the timeout reinstated? */
        DONTLINGER_CLEARED("dontlinger-cleared"),
        /** The linger setting is made on the listener; the closer is the accepted socket. */
        LISTENER_LINGER("listener-linger"),
        /** The listener is non-blocking; the closer is the accepted socket. */
        NONBLOCKING_LISTENER("nonblocking-listener"),
        /** shutdown(SD_RECEIVE) on the closer, then the peer sends. */
        SHUTDOWN_RECEIVE_PEER_SENDS("shutdown-receive-then-peer-sends"),
        /** setsockopt SO_LINGER {0x100, 0} and read it back. */
        LINGER_ONOFF_0X100("linger-onoff-0x100"),
        /** setsockopt SO_LINGER with optlen 2. */
        LINGER_OPTLEN_2("linger-optlen-2"),
        /** setsockopt SO_LINGER on a UDP socket. */
        LINGER_ON_UDP("linger-on-udp"),
        /** An overlapped WSARecv pending when closesocket is called. */
        OVERLAPPED_RECV("overlapped-recv-pending"),
        /** The process's last WSACleanup with the connected socket still open, then WSAStartup again. */
        CLEANUP_WITH_OPEN_SOCKET("wsacleanup-with-open-socket"),
        /** closesocket after the process's last WSACleanup. */
        AFTER_CLEANUP("after-cleanup");
        @JsonValue public final String key;
        Special(String key) { this.key = key; }
    }
}
