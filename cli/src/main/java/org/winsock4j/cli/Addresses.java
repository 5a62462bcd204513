package org.winsock4j.cli;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Addresses on the command line, both ways, without DNS and without {@link InetAddress}'s legacy
 * forms ({@code 1.2.3} as 1.2.0.3, octal, host names):
 * <ul>
 * <li>parsing accepts exactly {@code A.B.C.D:PORT} (four decimal parts 0-255, no leading zeros)
 * and {@code [IPV6]:PORT} (an RFC 4291 literal, optionally with a numeric zone {@code %12}),
 * port 0-65535; anything else is an {@link IllegalArgumentException} naming the value;
 * <li>printing follows netstat: {@code 127.0.0.1:80}, {@code [::1]:80} (RFC 5952: lower case,
 * the longest run of two or more zero groups compressed), {@code [::ffff:127.0.0.1]:80} for
 * IPv4-mapped addresses, and a zone id only on link-local addresses ({@code [fe80::1%12]:80}).
 * </ul>
 */
final class Addresses {
    private Addresses() {}

    static final String FORMS = "expected IPV4:PORT (four decimal parts 0-255, e.g. 127.0.0.1:8080) or [IPV6]:PORT"
            + " (e.g. [::1]:8080), port 0-65535; host names are not looked up";

    /** {@code text} as an address and port; never a DNS lookup. */
    static InetSocketAddress parseEndpoint(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty address: " + FORMS);
        }
        String host;
        String portText;
        InetAddress ip;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("'" + text + "' is not an address: " + FORMS);
            }
            host = text.substring(1, close);
            portText = text.substring(close + 2);
            ip = parseIpv6(host, text);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("'" + text + "' has no port: " + FORMS);
            }
            host = text.substring(0, colon);
            portText = text.substring(colon + 1);
            if (host.indexOf(':') >= 0) {
                throw new IllegalArgumentException("'" + text + "': an IPv6 address needs brackets, e.g. [::1]:8080");
            }
            ip = parseIpv4(host, text);
        }
        return new InetSocketAddress(ip, parsePort(portText, text));
    }

    private static int parsePort(String p, String text) {
        if (p.isEmpty() || p.length() > 5 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("port '" + p + "' in '" + text + "' is not a number 0-65535");
        }
        int port = Integer.parseInt(p);
        if (port > 65535) {
            throw new IllegalArgumentException("port " + port + " in '" + text + "' is not in 0-65535");
        }
        return port;
    }

    private static InetAddress parseIpv4(String host, String text) {
        byte[] b = ipv4Bytes(host);
        if (b == null) {
            throw new IllegalArgumentException("'" + host + "' in '" + text + "' is not an IPv4 address: " + FORMS);
        }
        return byAddress(b);
    }

    /** Four decimal parts 0-255 without leading zeros, or null. */
    private static byte[] ipv4Bytes(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')
                    || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            b[i] = (byte) v;
        }
        return b;
    }

    private static InetAddress parseIpv6(String literal, String text) {
        String addr = literal;
        Integer zone = null;
        int pct = literal.indexOf('%');
        if (pct >= 0) {
            String z = literal.substring(pct + 1);
            if (z.isEmpty() || z.length() > 9 || !z.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("zone '" + z + "' in '" + text + "' is not a number (e.g. [fe80::1%12])");
            }
            zone = Integer.parseInt(z);
            addr = literal.substring(0, pct);
        }
        byte[] b = ipv6Bytes(addr);
        if (b == null) {
            throw new IllegalArgumentException("'" + literal + "' in '" + text + "' is not an IPv6 address: " + FORMS);
        }
        try {
            // getByAddress(byte[]) would turn ::ffff:a.b.c.d into an IPv4 address; keep it IPv6.
            return Inet6Address.getByAddress(null, b, zone == null ? -1 : zone);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** An RFC 4291 text form (hex groups, one {@code ::}, optional trailing dotted quad), or null. */
    static byte[] ipv6Bytes(String s) {
        if (s.isEmpty()) {
            return null;
        }
        int dc = s.indexOf("::");
        if (dc >= 0 && s.indexOf("::", dc + 1) >= 0) {
            return null;
        }
        String head = dc >= 0 ? s.substring(0, dc) : s;
        String tail = dc >= 0 ? s.substring(dc + 2) : "";
        int[] h = groups(head, dc < 0);
        int[] t = dc >= 0 ? groups(tail, true) : new int[0];
        if (h == null || t == null) {
            return null;
        }
        int n = h.length + t.length;
        if (dc < 0 ? n != 8 : n > 7) {
            return null;
        }
        byte[] b = new byte[16];
        for (int i = 0; i < h.length; i++) {
            b[2 * i] = (byte) (h[i] >> 8);
            b[2 * i + 1] = (byte) h[i];
        }
        for (int i = 0; i < t.length; i++) {
            int g = 8 - t.length + i;
            b[2 * g] = (byte) (t[i] >> 8);
            b[2 * g + 1] = (byte) t[i];
        }
        return b;
    }

    /** Colon-separated hex groups (the last may be a dotted quad when {@code last}); empty text is none. */
    private static int[] groups(String s, boolean last) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int extra = 0;
        byte[] v4 = null;
        if (last && parts[parts.length - 1].indexOf('.') >= 0) {
            v4 = ipv4Bytes(parts[parts.length - 1]);
            if (v4 == null) {
                return null;
            }
            extra = 1;
        }
        int[] out = new int[parts.length + extra];
        for (int i = 0; i < parts.length - (v4 != null ? 1 : 0); i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int v = 0;
            for (char c : p.toCharArray()) {
                int d = Character.digit(c, 16);
                if (d < 0) {
                    return null;
                }
                v = v * 16 + d;
            }
            out[i] = v;
        }
        if (v4 != null) {
            out[parts.length - 1] = (v4[0] & 0xff) << 8 | (v4[1] & 0xff);
            out[parts.length] = (v4[2] & 0xff) << 8 | (v4[3] & 0xff);
        }
        return out;
    }

    private static InetAddress byAddress(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** picocli's converter: a bad value is a usage error (exit 2) naming the value. */
    static final class EndpointConverter implements CommandLine.ITypeConverter<InetSocketAddress> {
        @Override
        public InetSocketAddress convert(String value) {
            try {
                return parseEndpoint(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    // ---------------------------------------------------------------- printing

    /**
     * The address without brackets or port, as netstat and Get-NetTCPConnection show it:
     * {@code 127.0.0.1}, {@code ::1}, {@code ::ffff:127.0.0.1}, {@code fe80::1%12}.
     *
     * @param ipv6Row whether the row comes from an IPv6 table: Java turns an IPv4-mapped
     *     address into an {@link Inet4Address}, which such a row still prints as {@code ::ffff:a.b.c.d}
     */
    static String host(InetAddress a, boolean ipv6Row) {
        byte[] b = a.getAddress();
        if (b.length == 4) {
            String quad = dotted(b, 0);
            return ipv6Row ? "::ffff:" + quad : quad;
        }
        String text = ipv6Text(b);
        int scope = ((Inet6Address) a).getScopeId();
        boolean linkLocal = (b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80;
        return linkLocal && scope != 0 ? text + "%" + Integer.toUnsignedString(scope) : text;
    }

    /** {@code 127.0.0.1:80}, {@code [::1]:80}, as netstat prints an endpoint. */
    static String endpoint(InetSocketAddress a, boolean ipv6Row) {
        String h = host(a.getAddress(), ipv6Row);
        return (ipv6Row || a.getAddress() instanceof Inet6Address ? "[" + h + "]" : h) + ":" + a.getPort();
    }

    private static String dotted(byte[] b, int from) {
        return (b[from] & 0xff) + "." + (b[from + 1] & 0xff) + "." + (b[from + 2] & 0xff) + "." + (b[from + 3] & 0xff);
    }

    /** RFC 5952: lower-case hex without leading zeros, the longest (first) run of 2+ zero groups as ::. */
    static String ipv6Text(byte[] b) {
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= b[i] == 0;
        }
        if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return "::ffff:" + dotted(b, 12);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] == 0) {
                int j = i;
                while (j < 8 && g[j] == 0) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestLen < 2) {
            bestStart = -1;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLen - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(g[i]).toLowerCase(Locale.ROOT));
        }
        return s.toString();
    }
}
