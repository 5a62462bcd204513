package org.winsock4j.cli.matrix;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The matrix: {blocking, non-blocking} x {SO_DONTLINGER, linger 0, linger 2 s} x {nothing unsent, unsent} x {close, shutdown+close, close(Duration)}, then the special rows. */
public final class Scenarios {
    private Scenarios() {}

    private static final List<Scenario> ALL;
    private static final Map<String, Scenario> BY_ID = new LinkedHashMap<>();

    static {
        List<Scenario> all = new ArrayList<>();
        for (Scenario.Mode m : Scenario.Mode.values()) {
            for (Scenario.LingerSetting l : Scenario.LingerSetting.values()) {
                for (Scenario.Data d : Scenario.Data.values()) {
                    for (Scenario.Action a : Scenario.Action.values()) {
                        all.add(new Scenario(m.key + "/" + l.key + "/" + d.key + "/" + a.key, m, l, d, a, Scenario.Special.NONE));
                    }
                }
            }
        }
        all.add(new Scenario("special/close-during-blocked-recv", Scenario.Mode.BLOCKING, Scenario.LingerSetting.DONTLINGER,
                Scenario.Data.NONE, Scenario.Action.CLOSE, Scenario.Special.BLOCKED_RECV));
        all.add(new Scenario("special/dontlinger-cleared-after-linger2s", Scenario.Mode.BLOCKING, Scenario.LingerSetting.LINGER_2S,
                Scenario.Data.UNSENT, Scenario.Action.CLOSE, Scenario.Special.DONTLINGER_CLEARED));
        all.add(new Scenario("special/close-after-last-wsacleanup", Scenario.Mode.BLOCKING, Scenario.LingerSetting.DONTLINGER,
                Scenario.Data.NONE, Scenario.Action.CLOSE, Scenario.Special.AFTER_CLEANUP));
        ALL = Collections.unmodifiableList(all);
        for (Scenario s : ALL) {
            BY_ID.put(s.id(), s);
        }
    }

    /** Every scenario, in run order (the WSACleanup one last). */
    public static List<Scenario> all() {
        return ALL;
    }

    public static Optional<Scenario> byId(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    /**
     * The scenarios whose id matches any of the globs ({@code *} any run of characters); all of
     * them for no glob.
     */
    public static List<Scenario> matching(List<String> globs) {
        if (globs == null || globs.isEmpty()) {
            return ALL;
        }
        List<Scenario> out = new ArrayList<>();
        for (Scenario s : ALL) {
            for (String g : globs) {
                if (s.id().matches(toRegex(g))) {
                    out.add(s);
                    break;
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no scenario matches " + globs + "; ids look like " + ALL.get(0).id());
        }
        return out;
    }

    static String toRegex(String glob) {
        StringBuilder b = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (b.length() > 0 || glob.startsWith("*")) {
                b.append(".*");
            }
            b.append(java.util.regex.Pattern.quote(part));
        }
        return b.toString().replace("\\Q\\E", "");
    }
}
