package dev.dbpool.loadgen;

import dev.dbpool.loadgen.db.SoakDatabaseException;
import dev.dbpool.loadgen.fleet.FleetResult;
import dev.dbpool.loadgen.fleet.FleetRun;
import dev.dbpool.loadgen.fleet.FleetScenario;
import dev.dbpool.loadgen.fleet.FleetService;
import dev.dbpool.loadgen.fleet.FleetTarget;
import dev.dbpool.loadgen.fleet.PgBouncer;
import dev.dbpool.loadgen.fleet.PoolerSettings;
import dev.dbpool.loadgen.model.Workload;
import dev.dbpool.runtime.DatabaseUrl;

import io.micrometer.core.instrument.MeterRegistry;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Runs a {@link FleetScenario} on a {@link SoakDatabase}: sets up the shared table, gives the pools a
 * role without superuser rights (on the embedded server; with {@code --database-url} the URL's role),
 * starts PgBouncer in front when the scenario has one, runs the load and stops PgBouncer again.
 *
 * <pre>{@code
 * try (SoakDatabase db = SoakDatabase.embedded(FleetSoakRunner.serverConfig(scenario))) {
 *     FleetResult result = FleetSoakRunner.run(scenario, db, null, registry, SoakListener.NONE);
 * }
 * }</pre>
 */
public final class FleetSoakRunner {

    /** The role the pools connect as on the embedded server: no superuser rights, so the server's limit applies to it. */
    public static final String FLEET_ROLE = "dbpool_fleet";

    private FleetSoakRunner() {
    }

    /** The embedded server's settings for {@code scenario}: the plan's {@code max_connections}, PostgreSQL's reserve. */
    public static Map<String, String> serverConfig(FleetScenario scenario) {
        return Map.of("max_connections", Integer.toString(scenario.maxConnections()),
                "superuser_reserved_connections", Integer.toString(scenario.superuserReserved()),
                "reserved_connections", "0");
    }

    /**
     * @param pgbouncer the PgBouncer binary, when the scenario has a pooler
     * @throws SoakDatabaseException when the database cannot be set up
     * @throws IllegalStateException when PgBouncer does not start
     */
    public static FleetResult run(FleetScenario scenario, SoakDatabase database, Path pgbouncer, MeterRegistry registry,
                                  SoakListener listener) throws InterruptedException {
        listener.step("setting up schema " + database.schema() + " (" + scenario.rows() + " rows, shared by every service)");
        database.setUp(new Workload(scenario.rows(), scenario.writePercent(), Workload.DEFAULT_HOLD));
        DatabaseUrl url = DatabaseUrl.parse("databaseUrl", database.databaseUrl());
        Properties where = org.postgresql.Driver.parseURL(url.jdbcUrl(), null);
        if (where == null) {
            throw SoakDatabaseException.failed("cannot read host and port of " + url.jdbcUrl(), null);
        }
        String host = where.getProperty("PGHOST", "localhost").split(",")[0];
        int port = Integer.parseInt(where.getProperty("PGPORT", "5432").split(",")[0]);
        String dbName = where.getProperty("PGDBNAME", "postgres");

        FleetScenario run = scenario;
        String defaultUser;
        String password;
        if (database.isEmbedded()) {
            defaultUser = FLEET_ROLE;
            password = null;
            Set<String> roles = new LinkedHashSet<>();
            roles.add(FLEET_ROLE);
            scenario.services().forEach(s -> s.user().ifPresent(roles::add));
            createRoles(database, roles);
        } else {
            defaultUser = url.user() == null ? System.getProperty("user.name") : url.user();
            password = url.password();
            if (scenario.services().stream().anyMatch(s -> s.user().isPresent())) {
                listener.step("note: on a server of your own every pool connects as " + defaultUser
                        + "; the fleet's own users are not used");
                List<FleetService> same = new ArrayList<>();
                for (FleetService s : scenario.services()) {
                    same.add(new FleetService(s.name(), s.replicas(), s.maxConnections(), s.plannedMax(),
                            s.minConnections(), s.ratePerSecond(), s.rateSource(), s.hold(), Optional.empty()));
                }
                run = new FleetScenario(scenario.source(), same, scenario.maxConnections(), scenario.reservedConnections(),
                        scenario.fitted(), scenario.pooler(), scenario.duration(), scenario.warmup(), scenario.faults(),
                        scenario.seed(), scenario.rows(), scenario.writePercent(), scenario.acquireTimeout(),
                        scenario.deadline(), scenario.threadsPerReplica());
            }
        }
        int[] limits = serverLimits(database);

        PgBouncer bouncer = null;
        try {
            FleetTarget target;
            if (run.pooler().isPresent()) {
                PoolerSettings settings = run.pooler().get();
                Set<String> users = new LinkedHashSet<>();
                users.add(defaultUser);
                run.services().forEach(s -> s.user().ifPresent(users::add));
                listener.step("starting PgBouncer (" + settings.poolMode() + " pooling, server side at most "
                        + settings.plannedServerConnections() + ")");
                bouncer = PgBouncer.start(pgbouncer, settings, host, port, dbName, users, password);
                target = new FleetTarget("127.0.0.1", bouncer.port(), dbName, defaultUser, password, true,
                        database::adminConnection, database.schema(), database.restarter());
            } else {
                target = new FleetTarget(host, port, dbName, defaultUser, password, false, database::adminConnection,
                        database.schema(), database.restarter());
            }
            PgBouncer running = bouncer;
            FleetScenario ran = run;
            return new FleetRun(ran, target, registry, listener::step).run(database.description(),
                    limits[0], limits[1], () -> running == null ? Optional.empty()
                            : Optional.of(new FleetResult.PoolerOutcome(ran.pooler().get(), running.version(),
                            running.serverRefusals())));
        } finally {
            if (bouncer != null) {
                bouncer.close();
            }
        }
    }

    private static void createRoles(SoakDatabase database, Set<String> roles) {
        try (Connection c = database.adminConnection(); Statement s = c.createStatement()) {
            for (String role : roles) {
                String literal = "'" + role.replace("'", "''") + "'";
                String ident = "\"" + role.replace("\"", "\"\"") + "\"";
                s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = " + literal
                        + ") THEN CREATE ROLE " + ident + " LOGIN; END IF; END $$");
                s.execute("GRANT USAGE ON SCHEMA " + database.schema() + " TO " + ident);
                s.execute("GRANT SELECT, UPDATE ON " + database.schema() + "." + SoakDatabase.TABLE + " TO " + ident);
            }
        } catch (SQLException e) {
            throw SoakDatabaseException.failed("cannot create the fleet's roles", e);
        }
    }

    /** {max_connections, superuser_reserved_connections} as the server has them. */
    private static int[] serverLimits(SoakDatabase database) {
        try (Connection c = database.adminConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('max_connections')::int, "
                     + "current_setting('superuser_reserved_connections')::int")) {
            rs.next();
            return new int[] {rs.getInt(1), rs.getInt(2)};
        } catch (SQLException e) {
            throw SoakDatabaseException.failed("cannot read max_connections", e);
        }
    }
}
