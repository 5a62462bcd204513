package org.winsock4j.tcp;

import org.winsock4j.port.MibRows;

/** A TCP connection's state, as IP Helper's {@code MIB_TCP_STATE} reports it (tcpmib.h). */
public enum TcpState {
    CLOSED(MibRows.MIB_TCP_STATE_CLOSED, "CLOSED"),
    LISTEN(MibRows.MIB_TCP_STATE_LISTEN, "LISTENING"),
    SYN_SENT(MibRows.MIB_TCP_STATE_SYN_SENT, "SYN_SENT"),
    SYN_RCVD(MibRows.MIB_TCP_STATE_SYN_RCVD, "SYN_RECEIVED"),
    ESTABLISHED(MibRows.MIB_TCP_STATE_ESTAB, "ESTABLISHED"),
    FIN_WAIT1(MibRows.MIB_TCP_STATE_FIN_WAIT1, "FIN_WAIT_1"),
    FIN_WAIT2(MibRows.MIB_TCP_STATE_FIN_WAIT2, "FIN_WAIT_2"),
    CLOSE_WAIT(MibRows.MIB_TCP_STATE_CLOSE_WAIT, "CLOSE_WAIT"),
    CLOSING(MibRows.MIB_TCP_STATE_CLOSING, "CLOSING"),
    LAST_ACK(MibRows.MIB_TCP_STATE_LAST_ACK, "LAST_ACK"),
    TIME_WAIT(MibRows.MIB_TCP_STATE_TIME_WAIT, "TIME_WAIT"),
    DELETE_TCB(MibRows.MIB_TCP_STATE_DELETE_TCB, "DELETE_TCB");

    private final int mibValue;
    private final String netstatName;

    TcpState(int mibValue, String netstatName) {
        this.mibValue = mibValue;
        this.netstatName = netstatName;
    }

    /** The MIB_TCP_STATE number. */
    public int mibValue() {
        return mibValue;
    }

    /** How {@code netstat -ano} spells it (LISTENING, FIN_WAIT_2, ...). */
    public String netstatName() {
        return netstatName;
    }

    /**
     * The state for a MIB_TCP_STATE number.
     *
     * @throws IllegalArgumentException for a number outside 1..12
     */
    public static TcpState ofMib(int value) {
        for (TcpState s : values()) {
            if (s.mibValue == value) {
                return s;
            }
        }
        throw new IllegalArgumentException("not a MIB_TCP_STATE value: " + value);
    }

    /**
     * Parses a state name as a user types it: the enum name, netstat's spelling or the
     * Get-NetTCPConnection one, case-insensitively, with or without underscores
     * ({@code established}, {@code LISTENING}, {@code TimeWait}, {@code fin_wait_2}).
     *
     * @throws IllegalArgumentException naming the text when nothing matches
     */
    public static TcpState parse(String text) {
        java.util.Objects.requireNonNull(text, "text");
        String key = squash(text);
        for (TcpState s : values()) {
            if (squash(s.name()).equals(key) || squash(s.netstatName).equals(key)) {
                return s;
            }
        }
        if (key.equals("LISTENING") || key.equals("LISTEN")) {
            return LISTEN;
        }
        if (key.equals("ESTAB")) {
            return ESTABLISHED;
        }
        throw new IllegalArgumentException("unknown TCP state '" + text + "'; one of "
                + java.util.Arrays.stream(values()).map(TcpState::netstatName).toList());
    }

    private static String squash(String s) {
        return s.trim().toUpperCase(java.util.Locale.ROOT).replace("_", "").replace("-", "");
    }
}
