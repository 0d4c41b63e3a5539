package dev.dbpool.examples.boot;

import com.zaxxer.hikari.HikariDataSource;
import dev.dbpool.runtime.testing.ChildJvm;
import dev.dbpool.runtime.testing.Jdk21;
import dev.dbpool.runtime.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HikariCP floor for virtual threads, as the service's log shows it: started on a JDK 21+ with
 * {@code spring.threads.virtual.enabled=true}, the service logs exactly one warning naming its HikariCP
 * when that is older than 7.1.0 (Boot 3.5.7's 6.3.3 in examples/spring-boot3-service), and none on
 * 7.1.0 (this module's).
 */
class HikariFloorWarningTest {

    private static final TestDatabase DB = TestDatabase.get();
    private static final Pattern WARNING = Pattern.compile(
            "spring\\.threads\\.virtual\\.enabled=true with HikariCP (\\S+): before 7\\.1\\.0");

    @Test
    void onVirtualThreadsAnOlderHikariIsWarnedOfOnceAtStartUp() throws Exception {
        Jdk21.Jdk jdk = Jdk21.require();
        String hikari = hikariVersion();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (ChildJvm service = ChildJvm.start(jdk, List.of("-Xmx384m"), ContentServiceApplication.class.getName(), List.of(
                "--server.port=" + port, "--spring.threads.virtual.enabled=true",
                "--spring.datasource.url=" + DB.parsed().jdbcUrl(),
                "--spring.datasource.username=" + (DB.parsed().user() == null ? "" : DB.parsed().user()),
                "--spring.datasource.password=" + (DB.parsed().password() == null ? "" : DB.parsed().password()),
                "--DB_MIN_CONNECTIONS=1"))) {
            assertThat(service.awaitOutput("Started ContentServiceApplication", Duration.ofSeconds(90)))
                    .as(service.output()).isTrue();
            Matcher warnings = WARNING.matcher(service.output());
            int count = 0;
            while (warnings.find()) {
                count++;
                assertThat(warnings.group(1)).isEqualTo(hikari);
            }
            boolean belowFloor = Integer.parseInt(hikari.split("\\.")[0]) < 7
                    || hikari.startsWith("7.0.");
            System.out.println("HikariCP " + hikari + " on Java " + jdk.feature() + " with virtual threads: "
                    + count + " warning(s)");
            assertThat(count).as("warnings about HikariCP " + hikari).isEqualTo(belowFloor ? 1 : 0);
        }
    }

    private static String hikariVersion() throws IOException {
        try (InputStream in = HikariDataSource.class.getResourceAsStream("/META-INF/maven/com.zaxxer/HikariCP/pom.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        }
    }
}
