package dev.dbpool.runtime;

import dev.dbpool.runtime.config.InvalidConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL address split into a credential-free JDBC URL, a user and a password.
 *
 * <p>Takes the libpq form {@code postgres://user:pass@host:port/db?sslmode=require} (also
 * {@code postgresql://}) and the JDBC form {@code jdbc:postgresql://host:port/db?user=u&password=p}.
 * The password is kept out of {@link #jdbcUrl()} and out of {@link #toString()}, so that neither can
 * leak it into a log line, an exception message, a report or a metric label.
 */
public final class DatabaseUrl {

    private static final String JDBC_PREFIX = "jdbc:postgresql://";
    private static final Pattern PASSWORD_IN_TEXT =
            Pattern.compile("(?i)(://[^:/@\\s]*:)[^@\\s]*(@)|(password=)[^&\\s]*");

    private final String jdbcUrl;
    private final String user;
    private final String password;

    private DatabaseUrl(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /**
     * Parses either form.
     *
     * @throws InvalidConfigException naming {@code what} (a field or variable) and the masked value
     */
    public static DatabaseUrl parse(String what, String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidConfigException(what + " must be a postgres:// or jdbc:postgresql:// URL, got ''");
        }
        String trimmed = url.strip();
        try {
            if (trimmed.startsWith(JDBC_PREFIX)) {
                return fromJdbc(trimmed);
            }
            if (trimmed.startsWith("postgres://") || trimmed.startsWith("postgresql://")) {
                return fromLibpq(trimmed);
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw InvalidConfigException.mustBe(what, "a valid PostgreSQL URL", mask(trimmed));
        }
        throw InvalidConfigException.mustBe(what, "a postgres:// or jdbc:postgresql:// URL", mask(trimmed));
    }

    /**
     * A credential-free JDBC URL ({@code jdbc:postgresql://host:port/db?sslmode=require}) with a user
     * and a password (each may be {@code null}); user or password parameters in {@code jdbcUrl} are
     * replaced by these.
     */
    public static DatabaseUrl of(String jdbcUrl, String user, String password) {
        DatabaseUrl parsed = parse("jdbcUrl", jdbcUrl);
        return new DatabaseUrl(parsed.jdbcUrl, user, password);
    }

    /** {@link #parse(String, String)} for the {@code DATABASE_URL} variable. */
    public static DatabaseUrl parse(String url) {
        return parse("DATABASE_URL", url);
    }

    /** Masks anything that looks like a password in free text (URLs with user:pass@, password=...). */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = PASSWORD_IN_TEXT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(1) != null ? m.group(1) + "***" + m.group(2) : m.group(3) + "***";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static DatabaseUrl fromLibpq(String url) throws URISyntaxException {
        URI uri = new URI(url);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host");
        }
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        String path = uri.getRawPath();
        String database = path == null || path.length() <= 1 ? "postgres" : decode(path.substring(1));
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String host = uri.getHost();
        String jdbc = JDBC_PREFIX + host + ":" + port + "/" + database;
        return withQuery(jdbc, uri.getRawQuery(), user, password);
    }

    private static DatabaseUrl fromJdbc(String url) {
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        if (base.length() <= JDBC_PREFIX.length()) {
            throw new IllegalArgumentException("no host");
        }
        return withQuery(base, q < 0 ? null : url.substring(q + 1), null, null);
    }

    /**
     * Moves {@code user} and {@code password} out of the query string (a user in the authority wins
     * over one in the query, as in libpq) and keeps every other parameter on the JDBC URL.
     */
    private static DatabaseUrl withQuery(String base, String query, String user, String password) {
        List<String> params = new ArrayList<>();
        if (query != null) {
            for (String param : query.split("&")) {
                String key = param.contains("=") ? param.substring(0, param.indexOf('=')) : param;
                if ("user".equalsIgnoreCase(key)) {
                    user = user == null ? decode(valueOf(param)) : user;
                } else if ("password".equalsIgnoreCase(key)) {
                    password = decode(valueOf(param));
                } else if (!param.isEmpty()) {
                    params.add(param);
                }
            }
        }
        return new DatabaseUrl(params.isEmpty() ? base : base + "?" + String.join("&", params), user, password);
    }

    private static String valueOf(String param) {
        int eq = param.indexOf('=');
        return eq < 0 ? "" : param.substring(eq + 1);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The JDBC URL without user or password. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The user, or {@code null} to let the driver choose. */
    public String user() {
        return user;
    }

    /** The password, or {@code null}. Never log it. */
    public String password() {
        return password;
    }

    /** A form safe to print: the JDBC URL, the user, and {@code ***} where a password is set. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(jdbcUrl);
        if (user != null || password != null) {
            s.append(" (user=").append(user == null ? "" : user);
            if (password != null) {
                s.append(", password=***");
            }
            s.append(')');
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatabaseUrl other && jdbcUrl.equals(other.jdbcUrl)
                && Objects.equals(user, other.user) && Objects.equals(password, other.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jdbcUrl, user, password);
    }
}
