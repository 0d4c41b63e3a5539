package dev.dbpool.testdb;

import java.util.List;

/**
 * No PostgreSQL could be had for the tests. The message lists every place looked at, in order, and why
 * each did not answer, with what to do about it.
 */
public final class PostgresNotFoundException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final List<String> lookedAt;

    /** @param lookedAt each place looked at, in order, and what was found there (the last one failed) */
    public PostgresNotFoundException(List<String> lookedAt, Throwable cause) {
        super(message(lookedAt), cause);
        this.lookedAt = List.copyOf(lookedAt);
    }

    /** Each place looked at, in order, and what was found there. */
    public List<String> lookedAt() {
        return lookedAt;
    }

    private static String message(List<String> lookedAt) {
        StringBuilder s = new StringBuilder("no PostgreSQL for the tests; looked, in order, at:");
        for (int i = 0; i < lookedAt.size(); i++) {
            s.append("\n  ").append(i + 1).append(". ").append(lookedAt.get(i));
        }
        s.append("\nSet ").append(TestPostgres.ENV).append(" to a server you run (postgres://user:pass@host:5432/db), ")
                .append("start a Docker engine, or let the embedded PostgreSQL start (it needs a writable temp directory ")
                .append("and the zonky binaries for this platform).");
        return s.toString();
    }
}
