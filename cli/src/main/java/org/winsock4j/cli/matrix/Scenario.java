package org.winsock4j.cli.matrix;

import java.util.Objects;

/**
 * One close scenario, run on its own fresh loopback connection. The closer is the connecting
 * socket; the peer (in-process Winsock, or a Linux JVM on the wire) never sends.
 *
 * @param id stable identifier, also the key the Java and C matrices are compared by
 */
public record Scenario(String id, Mode mode, LingerSetting linger, Data data, Action action, Special special) {
    /** How long close(Duration) may wait for the peer's end of stream. */
    public static final int CLOSE_TIMEOUT_MILLIS = 500;
    /** The timed linger of the LINGER_2S rows. */
    public static final int LINGER_SECONDS = 2;

    public Scenario {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(linger, "linger");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(special, "special");
    }

    public enum Mode {
        BLOCKING("blocking"), NON_BLOCKING("nonblocking");
        public final String key;
        Mode(String key) { this.key = key; }
    }

    public enum LingerSetting {
        /** setsockopt SO_DONTLINGER TRUE (l_onoff 0), the default. */
        DONTLINGER("dontlinger"),
        /** SO_LINGER {1, 0}: abortive. */
        LINGER_0("linger0"),
        /** SO_LINGER {1, 2}. */
        LINGER_2S("linger2s");
        public final String key;
        LingerSetting(String key) { this.key = key; }
    }

    public enum Data {
        /** 1000 bytes sent and read by the peer before the close. */
        NONE("nothing-unsent"),
        /** The peer does not read: the closer fills its send path until WSAEWOULDBLOCK. */
        UNSENT("unsent");
        public final String key;
        Data(String key) { this.key = key; }
    }

    public enum Action {
        CLOSE("close"),
        SHUTDOWN_CLOSE("shutdown+close"),
        /** winsock4j's close(Duration) (shutdown SEND, drain to end of stream, else reset). */
        CLOSE_TIMEOUT("close(500ms)");
        public final String key;
        Action(String key) { this.key = key; }
    }

    public enum Special {
        NONE,
        /** close() while another thread is blocked in recv on the closer. */
        BLOCKED_RECV,
        /** SO_LINGER {1,2}, SO_DONTLINGER TRUE, SO_DONTLINGER FALSE: is the 2 s reinstated? */
        DONTLINGER_CLEARED,
        /** closesocket after the process's last WSACleanup. */
        AFTER_CLEANUP
    }

    /** A human title for the table. */
    public String title() {
        return switch (special) {
            case BLOCKED_RECV -> "close while another thread is blocked in recv";
            case DONTLINGER_CLEARED -> "SO_LINGER 2 s, SO_DONTLINGER set then cleared, unsent, close";
            case AFTER_CLEANUP -> "closesocket after the last WSACleanup";
            case NONE -> mode.key + ", " + linger.key + ", " + data.key + ", " + action.key;
        };
    }
}
