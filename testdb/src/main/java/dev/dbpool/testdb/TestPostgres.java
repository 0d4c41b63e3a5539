package dev.dbpool.testdb;

import dev.dbpool.embedded.EmbeddedPostgresServer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real PostgreSQL that tests talk to, chosen in this order (DESIGN §6):
 * <ol>
 *   <li>{@value #ENV} when set (either URL form): used as it is, nothing else is tried;</li>
 *   <li>Testcontainers ({@value #IMAGE}) when a Docker engine answers;</li>
 *   <li>an embedded PostgreSQL 17 (zonky, {@code dbpool-embedded-pg}), which needs nothing installed and
 *       also starts when the JVM runs as root.</li>
 * </ol>
 * {@link #shared()} chooses once per JVM and stops what it started when the JVM exits. When nothing can
 * be had, {@link PostgresNotFoundException} says where it looked and why each place failed.
 *
 * <p>This class only chooses; it does not parse URLs or open connections (it sits below
 * {@code dbpool-runtime}, whose {@code DatabaseUrl} does that, so that the runtime's own tests can use it).
 */
public final class TestPostgres {

    public static final String ENV = "DBPOOL_TEST_DATABASE_URL";
    public static final String IMAGE = "postgres:17";

    /** Where a database came from. */
    public enum Source {
        ENV("env " + TestPostgres.ENV),
        TESTCONTAINERS("testcontainers"),
        EMBEDDED("embedded");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        /** {@code env DBPOOL_TEST_DATABASE_URL}, {@code testcontainers} or {@code embedded}. */
        public String label() {
            return label;
        }
    }

    private static TestPostgres shared;
    private static PostgresNotFoundException sharedFailure;

    private final Source source;
    private final String url;
    private final EmbeddedPostgresServer embedded;
    private final List<String> lookedAt;

    private TestPostgres(Source source, String url, EmbeddedPostgresServer embedded, List<String> lookedAt) {
        this.source = source;
        this.url = url;
        this.embedded = embedded;
        this.lookedAt = List.copyOf(lookedAt);
    }

    /**
     * The database of this JVM, chosen on first use from this machine's places and stopped when the JVM
     * exits. A failure is remembered: later callers get the same explanation at once instead of another
     * minute of trying.
     *
     * @throws PostgresNotFoundException where it looked and why nothing answered
     */
    public static synchronized TestPostgres shared() {
        if (shared == null) {
            if (sharedFailure != null) {
                throw sharedFailure;
            }
            try {
                shared = choose(Places.ofThisMachine());
            } catch (PostgresNotFoundException e) {
                sharedFailure = e;
                throw e;
            }
            System.err.println("dbpool tests: PostgreSQL from " + shared.source.label() + " ("
                    + String.join("; ", shared.lookedAt) + ")");
        }
        return shared;
    }

    /**
     * Chooses from {@code places}; what it starts is stopped when the JVM exits.
     *
     * @throws PostgresNotFoundException where it looked and why nothing answered
     */
    public static TestPostgres choose(Places places) {
        Objects.requireNonNull(places, "places");
        List<String> looked = new ArrayList<>();
        String fromEnv = places.env().apply(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            looked.add("env " + ENV + ": set (" + mask(fromEnv.strip()) + ")");
            return new TestPostgres(Source.ENV, fromEnv.strip(), null, looked);
        }
        looked.add("env " + ENV + ": not set");
        String dockerAbsent = places.docker().whyUnavailable(places.env());
        if (dockerAbsent == null) {
            try {
                String url = places.docker().startPostgres(IMAGE);
                looked.add("Docker: an engine answers, Testcontainers started " + IMAGE);
                return new TestPostgres(Source.TESTCONTAINERS, url, null, looked);
            } catch (RuntimeException | LinkageError e) {
                looked.add("Docker: an engine answers, but Testcontainers could not start " + IMAGE + ": " + reason(e));
                looked.add("embedded PostgreSQL 17: not tried (a Docker engine answered; fix it or stop it, "
                        + "or set " + ENV + ")");
                throw new PostgresNotFoundException(looked, e);
            }
        }
        looked.add("Docker: " + dockerAbsent);
        EmbeddedPostgresServer server;
        try {
            server = places.embedded().start();
        } catch (RuntimeException | LinkageError e) {
            looked.add("embedded PostgreSQL 17 (zonky): could not start: " + reason(e));
            throw new PostgresNotFoundException(looked, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "dbpool-testdb-stop"));
        looked.add("embedded PostgreSQL 17: started on 127.0.0.1:" + server.port());
        return new TestPostgres(Source.EMBEDDED, server.postgresUrl("postgres"), server, looked);
    }

    public Source source() {
        return source;
    }

    /**
     * A URL for {@code DATABASE_URL} or {@code --database-url}: the libpq form, or the variable's value as
     * it was given. It may carry a password: print {@link #toString()} instead.
     */
    public String url() {
        return url;
    }

    /** The embedded server, when that is what the tests run on (it can be stopped and started), else {@code null}. */
    public EmbeddedPostgresServer embedded() {
        return embedded;
    }

    /** Each place looked at, in order, and what was found there. */
    public List<String> lookedAt() {
        return lookedAt;
    }

    /** The source and the URL with any password masked. */
    @Override
    public String toString() {
        return source.label() + " " + mask(url);
    }

    private static final Pattern PASSWORD = Pattern.compile("(?i)(://[^:/@\\s]*:)[^@\\s]*(@)|(password=)[^&\\s]*");

    /** Hides a password in {@code user:pass@} or {@code password=} form. */
    static String mask(String text) {
        Matcher m = PASSWORD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(1) != null ? m.group(1) + "***" + m.group(2) : m.group(3) + "***";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String reason(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null && s.length() < 600; t = t.getCause()) {
            if (s.length() > 0) {
                s.append(" <- ");
            }
            s.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                s.append(": ").append(mask(t.getMessage().strip()));
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return s.toString();
    }
}
