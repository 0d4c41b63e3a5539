package dev.dbpool.runtime.examples;

import dev.dbpool.runtime.BackpressureConfig;
import dev.dbpool.runtime.DbConfig;
import dev.dbpool.runtime.DbPool;
import dev.dbpool.runtime.admission.Admission;
import dev.dbpool.runtime.admission.AdmissionPolicy;
import dev.dbpool.runtime.admission.AdmissionSettings;
import dev.dbpool.runtime.admission.CoDelSettings;
import dev.dbpool.runtime.admission.ThresholdSettings;
import io.micrometer.core.instrument.MeterRegistry;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The examples of docs/runtime.md beyond the quick start; the tagged regions are copied into the page
 * and kept equal by {@link DocSnippetsTest}, and {@code RuntimePageExamplesTest} runs them.
 */
final class RuntimePageExamples {

    private RuntimePageExamples() {
    }

    static List<AdmissionSettings> admissionSettings() {
        // tag::policies[]
        AdmissionSettings fromEnv = BackpressureConfig.fromEnv();      // codel unless DB_POOL_BACKPRESSURE_POLICY says otherwise
        AdmissionSettings threshold = new ThresholdSettings(0.85);     // shed while more than 85% of the pool is in use
        AdmissionSettings codel = new CoDelSettings(Duration.ofMillis(10), Duration.ofMillis(200));
        AdmissionSettings none = Admission.none();                     // wait up to the acquire timeout, as HikariCP does
        // end::policies[]
        return List.of(fromEnv, threshold, codel, none);
    }

    static DbPool dataSourcePool(Map<String, String> env, MeterRegistry registry) {
        // tag::datasource[]
        DbPool pool = DbPool.builder(DbConfig.fromEnv("auth-service", env)) // env: System.getenv() in a service
                .meterRegistry(registry)
                .admission(BackpressureConfig.fromEnv(env))   // the builder's default, from the same environment
                .build();
        DataSource ds = pool.dataSource();                     // every getConnection() is a pool.acquire()
        // end::datasource[]
        return pool;
    }

    // tag::own-policy[]
    /** Sheds at once when more than {@code maxWaiting} threads already wait; otherwise waits up to 50 ms. */
    record QueueCap(int maxWaiting) implements AdmissionPolicy {
        @Override
        public long admit(Occupancy pool, long timeoutNanos) {
            return pool.waiting() > maxWaiting ? REJECT : Math.min(timeoutNanos, 50_000_000L);
        }

        @Override
        public boolean overloaded() {
            return false;
        }

        @Override
        public String shedReason(int inUse, int max, boolean waited, boolean overloaded) {
            return waited ? "no connection within 50ms" : "more than " + maxWaiting + " waiting";
        }
    }
    // end::own-policy[]

    static DbPool ownPolicyPool(DbConfig config, MeterRegistry registry) {
        // tag::own-policy-pool[]
        DbPool pool = DbPool.builder(config).meterRegistry(registry)
                .admission(new QueueCap(8))   // one instance per pool: a policy keeps its pool's state
                .build();
        // end::own-policy-pool[]
        return pool;
    }
}
