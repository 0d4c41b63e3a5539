package dev.dbpool.cli.plan;

import dev.dbpool.plan.DatabaseResult;
import dev.dbpool.plan.PoolerResult;

/** The verdict, PgBouncer and fit lines of one database, worded once for the text and Markdown reports. */
final class PlanVerdict {

    private PlanVerdict() {
    }

    /**
     * {@code FITS: 263 of 320 allocated, headroom 57}, {@code OVER BUDGET: 111 allocated, 80 available, 31 over},
     * or for a database behind PgBouncer {@code FITS BEHIND PGBOUNCER: ...}; with the services whose pool is
     * too small for their peak counted after the first word ({@code FITS, 1 service too small at peak: ...}).
     */
    static String headline(DatabaseResult database) {
        String headline = budgetHeadline(database);
        int undersized = database.undersized().size();
        if (undersized == 0) {
            return headline;
        }
        // "FITS, 1 service too small at peak: ...": the word a reader stops at must not hide it.
        int colon = headline.indexOf(':');
        return headline.substring(0, colon) + ", " + undersizedPhrase(undersized) + headline.substring(colon);
    }

    /** {@code 1 service too small at peak}, {@code 2 services too small at peak}. */
    static String undersizedPhrase(int count) {
        return count + (count == 1 ? " service" : " services") + " too small at peak";
    }

    private static String budgetHeadline(DatabaseResult database) {
        long available = database.budget().available();
        if (available <= 0) {
            return "NO BUDGET: nothing is left for the services after the reserved connections";
        }
        if (database.pooler().isPresent()) {
            return poolerHeadline(database, database.pooler().get());
        }
        if (database.fits()) {
            return "FITS: " + database.totalAllocated() + " of " + available + " allocated, headroom " + database.headroom();
        }
        return "OVER BUDGET: " + database.totalAllocated() + " allocated, " + available + " available, "
                + (-database.headroom()) + " over";
    }

    private static String poolerHeadline(DatabaseResult database, PoolerResult p) {
        long available = database.budget().available();
        if (p.fits() && !database.fitsDirectly()) {
            return "FITS BEHIND PGBOUNCER: over budget directly (" + database.totalAllocated() + " allocated, "
                    + available + " available, " + (-database.headroom()) + " over), but PgBouncer opens at most "
                    + p.serverConnections() + " of the " + available + " server connections";
        }
        if (p.fits()) {
            return "FITS: " + database.totalAllocated() + " of " + available + " allocated, headroom "
                    + database.headroom() + "; PgBouncer opens at most " + p.serverConnections();
        }
        return "DOES NOT FIT BEHIND PGBOUNCER: " + (!p.clientSideFits() ? "client side " + p.clientConnections()
                + " > max_client_conn " + p.maxClientConn() : "") + (!p.clientSideFits() && !p.serverSideFits() ? "; " : "")
                + (!p.serverSideFits() ? "server side " + p.serverConnections() + " > " + available + " available" : "");
    }

    /** {@code client side 492 of max_client_conn 1000; server side 40 of 320 (2 users x 20 (pool + reserve))}. */
    static String poolerLine(PoolerResult p) {
        return "client side " + p.clientConnections() + " of max_client_conn " + p.maxClientConn()
                + (p.clientSideFits() ? "" : " (OVER)") + "; server side " + p.serverConnections() + " of "
                + p.available() + " (" + p.users().size() + (p.users().size() == 1 ? " user" : " users") + " x "
                + p.perUser() + " pool + reserve" + (p.maxDbConnections() > 0 ? ", max_db_connections "
                + p.maxDbConnections() : "") + ")" + (p.serverSideFits() ? "" : " (OVER)") + ", pool_mode "
                + p.config().poolMode() + " (" + p.config().source() + ")";
    }

    /** What the proportional fit came to. */
    static String fitLine(DatabaseResult database) {
        long fitted = database.fittedTotalAllocated().getAsLong();
        long available = database.budget().available();
        if (database.totalAllocated() <= available) {
            return "nothing to do: the pools already fit (a fit only scales down)";
        }
        if (!database.fitSucceeded()) {
            return "impossible: even at their minimums the pools take " + fitted + " of " + available;
        }
        return "every max scaled down in proportion, none below its min (or 1): " + fitted + " of " + available
                + " allocated, headroom " + (available - fitted);
    }
}
