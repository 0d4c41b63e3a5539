package dev.dbpool.spring;

import dev.dbpool.runtime.BackpressureConfig;
import dev.dbpool.runtime.admission.AdmissionSettings;
import dev.dbpool.runtime.admission.CoDelSettings;
import dev.dbpool.runtime.admission.ThresholdSettings;
import dev.dbpool.runtime.DbConfig;
import dev.dbpool.runtime.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DbpoolSettingsTest {

    private final Map<String, String> env = new HashMap<>(Map.of("spring.application.name", "auth-service"));
    private final DbpoolProperties properties = new DbpoolProperties();

    private DbConfig config() {
        return DbpoolSettings.dbConfig(properties, env::get);
    }

    private AdmissionSettings backpressure() {
        return DbpoolSettings.admission(properties.getBackpressure(), env::get);
    }

    @Test
    void serviceIsTheApplicationNameAndPicksThePreset() {
        assertThat(config().serviceName()).isEqualTo("auth-service");
        assertThat(config().maxConnections()).isEqualTo(16);
        assertThat(config().minConnections()).isEqualTo(5);
    }

    @Test
    void dbpoolServiceWinsOverTheApplicationName() {
        properties.setService("video-service");
        assertThat(config().serviceName()).isEqualTo("video-service");
        assertThat(config().maxConnections()).isEqualTo(4);
    }

    @Test
    void aMissingServiceNameSaysWhatToSet() {
        env.remove("spring.application.name");
        assertThatThrownBy(this::config).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("spring.application.name").hasMessageContaining("dbpool.service");
    }

    @Test
    void springDatasourceWinsOverDatabaseUrlWhichIsThenNotEvenRead() {
        env.put("DATABASE_URL", "not a url");
        env.put("spring.datasource.url", "jdbc:postgresql://db.internal:5432/auth?sslmode=require");
        env.put("spring.datasource.username", "auth");
        env.put("spring.datasource.password", "s3cret");

        DbConfig config = config();
        assertThat(config.parsedDatabaseUrl().jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/auth?sslmode=require");
        assertThat(config.parsedDatabaseUrl().user()).isEqualTo("auth");
        assertThat(config.parsedDatabaseUrl().password()).isEqualTo("s3cret");
        assertThat(config.toString()).doesNotContain("s3cret");
        assertThat(config.databaseUrl()).doesNotContain("s3cret");
    }

    @Test
    void databaseUrlWhenNoSpringUrl() {
        env.put("DATABASE_URL", "postgres://app:pw@db:6543/app");
        DbConfig config = config();
        assertThat(config.parsedDatabaseUrl().jdbcUrl()).isEqualTo("jdbc:postgresql://db:6543/app");
        assertThat(config.parsedDatabaseUrl().user()).isEqualTo("app");
        assertThat(config.databaseUrl()).isEqualTo("postgres://app:***@db:6543/app");
    }

    @Test
    void springCredentialsApplyToDatabaseUrlToo() {
        env.put("DATABASE_URL", "postgres://app:pw@db:6543/app");
        env.put("spring.datasource.password", "other");
        assertThat(config().parsedDatabaseUrl().user()).isEqualTo("app");
        assertThat(config().parsedDatabaseUrl().password()).isEqualTo("other");
    }

    @Test
    void aSpringUrlThatIsNotPostgresNamesTheProperty() {
        env.put("spring.datasource.url", "jdbc:h2:mem:test;PASSWORD=hunter2");
        assertThatThrownBy(this::config).isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("spring.datasource.url must be");
    }

    @Test
    void dbVariablesApplyAsInFromEnv() {
        env.put("DB_MAX_CONNECTIONS", "4");
        env.put("DB_MIN_CONNECTIONS", "1");
        env.put("DB_ACQUIRE_TIMEOUT_SECS", "3");
        DbConfig config = config();
        assertThat(config.maxConnections()).isEqualTo(4);
        assertThat(config.minConnections()).isEqualTo(1);
        assertThat(config.acquireTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aBadDbVariableNamesItAndItsValue() {
        env.put("DB_MAX_CONNECTIONS", "abc");
        assertThatThrownBy(this::config).isInstanceOf(InvalidConfigException.class)
                .hasMessage("DB_MAX_CONNECTIONS must be a positive integer, got 'abc'");
    }

    @Test
    void backpressureDefaultsToTheRuntimeDefault() {
        assertThat(backpressure()).isEqualTo(BackpressureConfig.ofDefaults());
    }

    @Test
    void backpressurePropertiesWinOverVariables() {
        env.put("DB_POOL_BACKPRESSURE_POLICY", "threshold");
        env.put("DB_POOL_BACKPRESSURE_THRESHOLD", "0.9");
        assertThat(backpressure()).isEqualTo(new ThresholdSettings(0.9));

        properties.getBackpressure().setPolicy("codel");
        properties.getBackpressure().setCodelInterval(Duration.ofMillis(50));
        assertThat(backpressure()).isEqualTo(new CoDelSettings(Duration.ofMillis(5), Duration.ofMillis(50)));
    }

    @Test
    void aThresholdAloneMeansTheThresholdRule() {
        properties.getBackpressure().setThreshold(0.9);
        assertThat(backpressure()).isEqualTo(new ThresholdSettings(0.9));
    }

    @Test
    void badBackpressurePropertiesNameTheProperty() {
        properties.getBackpressure().setThreshold(1.5);
        assertThatThrownBy(this::backpressure).isInstanceOf(InvalidConfigException.class)
                .hasMessage("dbpool.backpressure.threshold must be a number from 0.0 to 1.0, got '1.5'");

        properties.getBackpressure().setThreshold(null);
        properties.getBackpressure().setCodelTarget(Duration.ofMillis(200));
        assertThatThrownBy(this::backpressure).isInstanceOf(InvalidConfigException.class)
                .hasMessage("dbpool.backpressure.codel-target (200ms) must be shorter than dbpool.backpressure.codel-interval (100ms)");

        properties.getBackpressure().setCodelTarget(Duration.ZERO);
        assertThatThrownBy(this::backpressure).isInstanceOf(InvalidConfigException.class)
                .hasMessage("dbpool.backpressure.codel-target must be a positive integer (milliseconds), got '0'");

        properties.getBackpressure().setCodelTarget(null);
        properties.getBackpressure().setPolicy("deadline");
        assertThatThrownBy(this::backpressure).isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("dbpool.backpressure.policy='deadline': the deadline policy was retired");
    }

    @Test
    void aBadPolicyVariableNamesIt() {
        env.put("DB_POOL_BACKPRESSURE_POLICY", "fifo");
        assertThatThrownBy(this::backpressure).isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("DB_POOL_BACKPRESSURE_POLICY must be one of");
    }
}
