package org.winsock4j.cli.matrix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The scenarios of the shipped data file, by id and by glob. */
public final class Scenarios {
    private Scenarios() {}

    private static final ScenarioCatalog CATALOG = ScenarioCatalog.shipped();
    private static final Map<String, Scenario> BY_ID = new LinkedHashMap<>();

    static {
        for (Scenario s : CATALOG.scenarios()) {
            BY_ID.put(s.id(), s);
        }
    }

    /** The whole data file. */
    public static ScenarioCatalog catalog() {
        return CATALOG;
    }

    /** The constants every scenario uses. */
    public static ScenarioCatalog.Constants constants() {
        return CATALOG.constants();
    }

    /** Every scenario, in run order (the WSACleanup ones last). */
    public static List<Scenario> all() {
        return CATALOG.scenarios();
    }

    public static Optional<Scenario> byId(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    /**
     * The scenarios whose id matches any of the globs ({@code *} any run of characters, everything
     * else literal, the whole id must match); all of them for no glob. The C reference implements
     * the same rule (close_matrix.c {@code glob_match}).
     */
    public static List<Scenario> matching(List<String> globs) {
        if (globs == null || globs.isEmpty()) {
            return all();
        }
        List<Scenario> out = new ArrayList<>();
        for (Scenario s : all()) {
            for (String g : globs) {
                if (globMatches(g, s.id())) {
                    out.add(s);
                    break;
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no scenario matches " + globs + "; ids look like " + all().get(0).id());
        }
        return out;
    }

    /** Whole-string glob match, '*' being any run of characters. */
    static boolean globMatches(String glob, String text) {
        int g = 0, t = 0, star = -1, mark = 0;
        while (t < text.length()) {
            if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                mark = t;
            } else if (g < glob.length() && glob.charAt(g) == text.charAt(t)) {
                g++;
                t++;
            } else if (star >= 0) {
                g = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }
}
