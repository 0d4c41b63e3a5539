package dev.dbpool.loadgen.netfault;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host and port of a credential-free {@code jdbc:postgresql://host:port/db?...} URL, and the same
 * URL pointed at a loopback port instead: how the pools are sent through a {@link FaultProxy} while
 * admin connections keep the real address.
 */
public record ProxiedUrl(String host, int port, String rest) {

    private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://(\\[[^\\]]+\\]|[^/:?,]*)(?::(\\d+))?([/?].*)?");
    public static final int DEFAULT_PORT = 5432;

    /**
     * @throws IllegalArgumentException for a URL that names several hosts, or none
     */
    public static ProxiedUrl parse(String jdbcUrl) {
        Matcher m = JDBC.matcher(jdbcUrl);
        if (!m.matches() || m.group(1).isEmpty()) {
            throw new IllegalArgumentException("network faults need a URL with one host (jdbc:postgresql://host:port/db), got '"
                    + jdbcUrl + "'");
        }
        String host = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
        return new ProxiedUrl(host, m.group(2) == null ? DEFAULT_PORT : Integer.parseInt(m.group(2)),
                m.group(3) == null ? "/" : m.group(3));
    }

    /** The same database, reached on {@code 127.0.0.1:proxyPort}. */
    public String through(int proxyPort) {
        return "jdbc:postgresql://127.0.0.1:" + proxyPort + rest;
    }
}
