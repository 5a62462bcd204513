package org.winsock4j.tcp;

import org.winsock4j.port.MibRows;

/** A TCP connection's state, as IP Helper's {@code MIB_TCP_STATE} reports it (tcpmib.h). */
public enum TcpState {
    /** MIB_TCP_STATE_CLOSED, netstat CLOSED: closed. */
    CLOSED(MibRows.MIB_TCP_STATE_CLOSED, "CLOSED"),
    /** MIB_TCP_STATE_LISTEN, netstat LISTENING: listening for connections. */
    LISTEN(MibRows.MIB_TCP_STATE_LISTEN, "LISTENING"),
    /** MIB_TCP_STATE_SYN_SENT, netstat SYN_SENT: SYN sent, waiting for the SYN-ACK. */
    SYN_SENT(MibRows.MIB_TCP_STATE_SYN_SENT, "SYN_SENT"),
    /** MIB_TCP_STATE_SYN_RCVD, netstat SYN_RECEIVED: SYN received, waiting for the final ACK. */
    SYN_RCVD(MibRows.MIB_TCP_STATE_SYN_RCVD, "SYN_RECEIVED"),
    /** MIB_TCP_STATE_ESTAB, netstat ESTABLISHED: open: data flows both ways. */
    ESTABLISHED(MibRows.MIB_TCP_STATE_ESTAB, "ESTABLISHED"),
    /** MIB_TCP_STATE_FIN_WAIT1, netstat FIN_WAIT_1: closed locally, FIN sent. */
    FIN_WAIT1(MibRows.MIB_TCP_STATE_FIN_WAIT1, "FIN_WAIT_1"),
    /** MIB_TCP_STATE_FIN_WAIT2, netstat FIN_WAIT_2: our FIN acknowledged, waiting for the peer's FIN. */
    FIN_WAIT2(MibRows.MIB_TCP_STATE_FIN_WAIT2, "FIN_WAIT_2"),
    /** MIB_TCP_STATE_CLOSE_WAIT, netstat CLOSE_WAIT: the peer closed, waiting for the local close. */
    CLOSE_WAIT(MibRows.MIB_TCP_STATE_CLOSE_WAIT, "CLOSE_WAIT"),
    /** MIB_TCP_STATE_CLOSING, netstat CLOSING: both sides closed at once, waiting for the ACK of our FIN. */
    CLOSING(MibRows.MIB_TCP_STATE_CLOSING, "CLOSING"),
    /** MIB_TCP_STATE_LAST_ACK, netstat LAST_ACK: the peer closed first, then we did; waiting for the last ACK. */
    LAST_ACK(MibRows.MIB_TCP_STATE_LAST_ACK, "LAST_ACK"),
    /** MIB_TCP_STATE_TIME_WAIT, netstat TIME_WAIT: closed; waiting 2 MSL so that late segments die. */
    TIME_WAIT(MibRows.MIB_TCP_STATE_TIME_WAIT, "TIME_WAIT"),
    /** MIB_TCP_STATE_DELETE_TCB, netstat DELETE_TCB: not a state a row shows: what SetTcpEntry takes to end a connection. */
    DELETE_TCB(MibRows.MIB_TCP_STATE_DELETE_TCB, "DELETE_TCB");

    private final int mibValue;
    private final String netstatName;

    TcpState(int mibValue, String netstatName) {
        this.mibValue = mibValue;
        this.netstatName = netstatName;
    }

    /**
     * The MIB_TCP_STATE number.
     *
     * @return 1 (CLOSED) to 12 (DELETE_TCB)
     */
    public int mibValue() {
        return mibValue;
    }

    /**
     * How {@code netstat -ano} spells it (LISTENING, FIN_WAIT_2, ...).
     *
     * @return the netstat name, in capitals
     */
    public String netstatName() {
        return netstatName;
    }

    /**
     * The state for a MIB_TCP_STATE number.
     *
     * @param value a MIB_TCP_STATE number, as a row's {@code dwState} holds it
     * @return the state with that number
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
     * @param text the name as typed
     * @return the state it names
     * @throws NullPointerException if {@code text} is null
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
