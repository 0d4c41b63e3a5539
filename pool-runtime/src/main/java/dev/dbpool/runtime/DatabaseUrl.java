package dev.dbpool.runtime;

import dev.dbpool.runtime.config.InvalidConfigException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL address split into a credential-free JDBC URL, a user and a password, and the one
 * masking of passwords for any text that leaves the program.
 *
 * <p>Takes the libpq form {@code postgres://user:pass@host:port/db?sslmode=require} (also
 * {@code postgresql://}, several {@code host:port} separated by commas, {@code [IPv6]} hosts) and the
 * JDBC form {@code jdbc:postgresql://host:port/db?user=u&password=p} (user-info in the JDBC form is
 * taken as in the libpq form rather than handed to pgjdbc, which would read it as a host and echo it).
 * The user-info runs to the <em>last</em> {@code @} before the host, so a password may contain
 * {@code @}, {@code /}, {@code :} or a space; percent-encoding is decoded as RFC 3986 says ({@code +}
 * stays a plus). Ports must be 1-65535 and {@code sslmode} one of pgjdbc's, so that a URL that could
 * never connect is an invalid value (named, masked) rather than an unreachable server.
 *
 * <p>The password is kept out of {@link #jdbcUrl()} and out of {@link #toString()}; {@link #mask(String)}
 * is what every message, log line, report and quoted source line goes through.
 */
public final class DatabaseUrl {

    private static final String JDBC_PREFIX = "jdbc:postgresql://";
    private static final List<String> LIBPQ_PREFIXES = List.of("postgres://", "postgresql://");
    private static final List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require", "verify-ca",
            "verify-full");
    private static final String HIDDEN = "***";
    /** How a parse problem quotes the value it could not read. */
    private static final Pattern GOT_QUOTED = Pattern.compile("got '([^']*)'");

    /** Where an address starts in free text: a scheme and one or two slashes, or a scheme typed without its colon. */
    private static final Pattern URL_START =
            Pattern.compile("(?i)(?<![a-z0-9+.-])(?:jdbc:)?[a-z][a-z0-9+.-]*(?::/{1,2}|//)");
    /**
     * In text without a scheme, an {@code @} followed by a host name (and what may end one) or an IPv6
     * literal, even an unclosed one; not {@code kill@30s+5s} (a fault) or {@code latency:50ms@10s+5s}.
     */
    private static final String HOST_AHEAD = "(?=\\[|[A-Za-z0-9._-]+(?:[:/,?#\\s'\")\\]>;]|$))";
    /** After a scheme, any {@code @} ends a user-info: what follows may be a mistyped host, and more is hidden, not less. */
    private static final Pattern AT_HOST = Pattern.compile("@(?=[^\\s@])");
    /** A user name that may be shown: nothing a password could be hiding in. */
    private static final Pattern PLAIN_USER = Pattern.compile("[A-Za-z0-9._%+-]+");
    /**
     * {@code user:secret@host} without a scheme. The secret starts right after the colon; where the
     * user name starts a value (line start, after {@code ": "}, {@code =} or a quote) the secret may
     * hold spaces and runs to the last {@code @host} before a quote or the line's end.
     */
    private static final Pattern USERINFO_AT_VALUE_START = Pattern.compile(
            "(?m)(?:^[ \\t]*(?:-[ \\t]+)?|(?<=:[ \\t])[ \\t]*|(?<=[=\\[('\"]))([A-Za-z0-9._%+-]+):(?=\\S)([^'\"\\n]*)@"
                    + HOST_AHEAD);
    private static final Pattern USERINFO_IN_TOKEN = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])([A-Za-z0-9._%+-]+):([^\\s'\"]*)@" + HOST_AHEAD);
    /** A quoted value (to its closing quote), or an already masked one. */
    private static final String QUOTED_OR_MASKED =
            "'(?:[^'\\\\\\n]|\\\\.)*'?|\"(?:[^\"\\\\\\n]|\\\\.)*\"?|\\*\\*\\*(?=$|[&\\s'\")\\],;])";
    /** {@code password=...} in a URL's query: the value runs to {@code &} (a space in it is the user's typo, hidden too). */
    private static final Pattern PASSWORD_IN_QUERY = Pattern.compile(
            "(?i)(password[ \\t]*=[ \\t]*)(" + QUOTED_OR_MASKED + "|[^&'\"\\n]*)");
    /**
     * A password setting in other text: {@code password=...} (libpq keywords, pgbouncer.ini: a value with a
     * space is quoted there, so an unquoted one ends at a space), {@code password: ...} (YAML, JSON: to the
     * line's end), also at the end of a longer name ({@code DB_PASSWORD}, {@code spring.datasource.password}).
     */
    private static final Pattern PASSWORD_KEYWORD = Pattern.compile(
            "(?i)(password[\"']?[ \\t]*=[ \\t]*)(" + QUOTED_OR_MASKED + "|[^&\\s'\"]*)");
    private static final Pattern PASSWORD_FIELD = Pattern.compile(
            "(?i)(password[\"']?[ \\t]*:[ \\t]*)(" + QUOTED_OR_MASKED + "|[^'\"\\n]*)");

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
        String prefix = prefixOf(trimmed);
        if (prefix == null) {
            throw new InvalidConfigException(what + " must be a postgres:// or jdbc:postgresql:// URL, got '"
                    + mask(trimmed) + "'" + typoHint(trimmed));
        }
        try {
            return split(trimmed, prefix);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(what + " must be a valid PostgreSQL URL, got '" + mask(trimmed) + "': "
                    + withoutSecrets(e.getMessage(), trimmed.substring(prefix.length())));
        }
    }

    /** {@link #parse(String, String)} for the {@code DATABASE_URL} variable. */
    public static DatabaseUrl parse(String url) {
        return parse("DATABASE_URL", url);
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

    /**
     * Masks every password in free text, whatever the form of the address: the user-info of anything
     * that looks like a URL ({@code postgres://}, {@code jdbc:postgresql://}, mistyped schemes such as
     * {@code postgres:/} or {@code postgres//}, or none: {@code user:pass@host}) up to its last {@code @}
     * before the host, and every {@code password=}/{@code password:} value. A plain user name stays
     * ({@code postgres://app:***@db/app}); a user-info that is not plain is hidden whole ({@code ***@db}).
     * Masking masked text changes nothing. Where the extent of a value is ambiguous, more is hidden, not less.
     */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int lineStart = 0;
        while (lineStart <= text.length()) {
            int newline = text.indexOf('\n', lineStart);
            int lineEnd = newline < 0 ? text.length() : newline;
            out.append(maskLine(text.substring(lineStart, lineEnd)));
            if (newline < 0) {
                break;
            }
            out.append('\n');
            lineStart = newline + 1;
        }
        return out.toString();
    }

    /** One line: addresses with a scheme first (each to the next address), the text around them by the other rules. */
    private static String maskLine(String line) {
        List<Integer> starts = new ArrayList<>();
        List<Integer> authorities = new ArrayList<>();
        Matcher m = URL_START.matcher(line);
        while (m.find()) {
            starts.add(m.start());
            authorities.add(m.end());
        }
        StringBuilder out = new StringBuilder(line.length());
        out.append(maskWithoutScheme(line.substring(0, starts.isEmpty() ? line.length() : starts.get(0))));
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1) : line.length();
            out.append(line, starts.get(i), authorities.get(i));
            String region = line.substring(authorities.get(i), end);
            // "postgres:// or jdbc:postgresql:// URL" names schemes in prose: no address follows them.
            boolean prose = region.isEmpty() || Character.isWhitespace(region.charAt(0));
            out.append(prose ? maskWithoutScheme(region) : maskAuthorityAndRest(region));
        }
        return out.toString();
    }

    /** From just after {@code //} to the next address: the user-info up to the last {@code @host}, then the settings. */
    private static String maskAuthorityAndRest(String region) {
        int at = -1;
        Matcher m = AT_HOST.matcher(region);
        while (m.find()) {
            at = m.start();
        }
        if (at < 0) {
            return maskSettings(maskSettings(region, PASSWORD_IN_QUERY), PASSWORD_FIELD);
        }
        return maskUserInfo(region.substring(0, at))
                + maskSettings(maskSettings(region.substring(at), PASSWORD_IN_QUERY), PASSWORD_FIELD);
    }

    private static String maskWithoutScheme(String text) {
        String masked = replaceUserInfo(USERINFO_AT_VALUE_START, text);
        masked = replaceUserInfo(USERINFO_IN_TOKEN, masked);
        return maskSettings(maskSettings(masked, PASSWORD_KEYWORD), PASSWORD_FIELD);
    }

    private static String replaceUserInfo(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String userInfo = m.group(1) + ":" + m.group(2);
            String kept = text.substring(m.start(), m.start(1));
            m.appendReplacement(out, Matcher.quoteReplacement(kept + maskUserInfo(userInfo) + "@"));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** {@code user:secret} → {@code user:***}; a user alone stays; anything else → {@code ***}. */
    private static String maskUserInfo(String userInfo) {
        int colon = userInfo.indexOf(':');
        if (colon < 0) {
            return PLAIN_USER.matcher(userInfo).matches() ? userInfo : HIDDEN;
        }
        String name = userInfo.substring(0, colon);
        return PLAIN_USER.matcher(name).matches() ? name + ":" + HIDDEN : HIDDEN;
    }

    private static String maskSettings(String text, Pattern setting) {
        Matcher m = setting.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group(2);
            String shown = value.isEmpty() ? "" : value.startsWith("'") ? "'" + HIDDEN + "'"
                    : value.startsWith("\"") ? "\"" + HIDDEN + "\"" : HIDDEN;
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + shown));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * A parse problem quotes the part it could not read ({@code got '99999'}); when that part is inside what
     * could be the user-info (up to the last {@code @}: a password may hold {@code ?}, which ended the
     * authority early), it is not shown.
     */
    private static String withoutSecrets(String problem, String afterPrefix) {
        int lastAt = afterPrefix.lastIndexOf('@');
        if (lastAt < 0) {
            return problem;
        }
        String maybeSecret = afterPrefix.substring(0, lastAt);
        Matcher quoted = GOT_QUOTED.matcher(problem);
        StringBuilder out = new StringBuilder();
        while (quoted.find()) {
            boolean hidden = !quoted.group(1).isEmpty() && maybeSecret.contains(quoted.group(1));
            quoted.appendReplacement(out, Matcher.quoteReplacement(hidden
                    ? "got a part not shown (it may be the password's)" : quoted.group()));
        }
        quoted.appendTail(out);
        return out.toString();
    }

    private static String prefixOf(String url) {
        if (url.startsWith(JDBC_PREFIX)) {
            return JDBC_PREFIX;
        }
        return LIBPQ_PREFIXES.stream().filter(url::startsWith).findFirst().orElse(null);
    }

    /** {@code postgres:/...}, {@code postgres//...}, {@code jdbc:postgres://...}: say what was meant. */
    private static String typoHint(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:")) {
            return " (did you mean jdbc:postgresql:// before the host?)";
        }
        if (lower.startsWith("postgres")) {
            return " (did you mean postgres:// with its colon and two slashes?)";
        }
        return "";
    }

    /**
     * Splits {@code prefix[user-info@]hosts[/db][?params]}. The user-info ends at the last {@code @}
     * before the query (a {@code ?} inside a password must be percent-encoded, as RFC 3986 says).
     */
    private static DatabaseUrl split(String url, String prefix) {
        String rest = url.substring(prefix.length());
        int query = rest.indexOf('?');
        String beforeQuery = query < 0 ? rest : rest.substring(0, query);
        int at = beforeQuery.lastIndexOf('@');
        String user = null;
        String password = null;
        if (at >= 0) {
            String userInfo = beforeQuery.substring(0, at);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "the user");
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1), "the password");
            if (user.isEmpty()) {
                user = null;
            }
        }
        String afterUserInfo = beforeQuery.substring(at + 1);
        int slash = afterUserInfo.indexOf('/');
        String hosts = slash < 0 ? afterUserInfo : afterUserInfo.substring(0, slash);
        String path = slash < 0 ? "" : afterUserInfo.substring(slash + 1);
        String checkedHosts = hosts(hosts, prefix.equals(JDBC_PREFIX));
        String base;
        if (prefix.equals(JDBC_PREFIX)) {
            base = JDBC_PREFIX + checkedHosts + (slash < 0 ? "" : "/" + path);
        } else {
            String database = path.isEmpty() ? "postgres" : decode(path, "the database name");
            base = JDBC_PREFIX + checkedHosts + "/" + database;
        }
        return withQuery(base, query < 0 ? null : rest.substring(query + 1), user, password);
    }

    /** Comma-separated {@code host[:port]}; the libpq form gets the default port written out, as before. */
    private static String hosts(String hosts, boolean jdbc) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("no host");
        }
        List<String> checked = new ArrayList<>();
        for (String hostPort : hosts.split(",", -1)) {
            String host;
            String port = null;
            if (hostPort.startsWith("[")) {
                int close = hostPort.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("an IPv6 host needs its closing ']'");
                }
                host = hostPort.substring(0, close + 1);
                String after = hostPort.substring(close + 1);
                if (!after.isEmpty()) {
                    if (!after.startsWith(":")) {
                        throw new IllegalArgumentException("expected ':PORT' after the IPv6 host");
                    }
                    port = after.substring(1);
                }
                if (!host.substring(1, host.length() - 1).matches("[0-9A-Fa-f:.%a-zA-Z]+")) {
                    throw new IllegalArgumentException("not an IPv6 address: '" + host + "'");
                }
            } else {
                int colon = hostPort.lastIndexOf(':');
                host = colon < 0 ? hostPort : hostPort.substring(0, colon);
                port = colon < 0 ? null : hostPort.substring(colon + 1);
                if (host.isEmpty()) {
                    throw new IllegalArgumentException("no host");
                }
                if (!host.matches("[A-Za-z0-9._-]+")) {
                    throw new IllegalArgumentException("not a host name: '" + host + "'");
                }
            }
            if (port != null && !(port.matches("[0-9]{1,5}") && Integer.parseInt(port) >= 1
                    && Integer.parseInt(port) <= 65535)) {
                throw new IllegalArgumentException("the port must be 1-65535, got '" + port + "'");
            }
            checked.add(host + (port != null ? ":" + port : jdbc ? "" : ":5432"));
        }
        return String.join(",", checked);
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
                    user = user == null ? decode(valueOf(param), "the user") : user;
                } else if ("password".equalsIgnoreCase(key)) {
                    password = decode(valueOf(param), "the password");
                } else if (!param.isEmpty()) {
                    if ("sslmode".equalsIgnoreCase(key) && !SSL_MODES.contains(valueOf(param))) {
                        throw new IllegalArgumentException("sslmode must be one of " + String.join(", ", SSL_MODES)
                                + ", got '" + valueOf(param) + "'");
                    }
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

    /** Percent-decoding as in a URL's user-info and path: {@code +} is a plus, not a space. */
    private static String decode(String s, String what) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " has a '%' that is not followed by two hex digits "
                    + "(write a percent sign as %25)");
        }
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
                s.append(", password=").append(HIDDEN);
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
