package dev.dbpool.runtime.examples;

import dev.dbpool.runtime.BackpressureConfig;
import dev.dbpool.runtime.BackpressurePolicy;
import dev.dbpool.runtime.DbConfig;
import dev.dbpool.runtime.DbPool;
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

    static List<BackpressureConfig> admissionSettings() {
        // tag::policies[]
        BackpressureConfig admission = BackpressureConfig.fromEnv();  // codel unless DB_POOL_BACKPRESSURE_POLICY says otherwise
        BackpressureConfig threshold = BackpressureConfig.of(0.85);   // shed while more than 85% of the pool is in use
        BackpressureConfig custom = BackpressureConfig.custom()
                .policy(BackpressurePolicy.CODEL).codelTarget(Duration.ofMillis(10)).build();
        // end::policies[]
        return List.of(admission, threshold, custom);
    }

    static DbPool dataSourcePool(Map<String, String> env, MeterRegistry registry) {
        // tag::datasource[]
        DbPool pool = DbPool.builder(DbConfig.fromEnv("auth-service", env)) // env: System.getenv() in a service
                .meterRegistry(registry)
                .backpressure(BackpressureConfig.fromEnv(env))   // codel unless DB_POOL_BACKPRESSURE_POLICY says otherwise
                .build();
        DataSource ds = pool.dataSource();
        // end::datasource[]
        return pool;
    }
}
