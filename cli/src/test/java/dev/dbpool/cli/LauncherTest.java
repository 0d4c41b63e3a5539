package dev.dbpool.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code ./dbpool} launcher's start-up choice, with a stand-in {@code java} (DBPOOL_JAVA) in a JDK
 * home whose {@code release} file names its version: the stand-in logs its arguments, prints what
 * the command would, and writes the files a real JVM would write when asked to record or create.
 */
class LauncherTest {

    private static final Path LAUNCHER = Path.of("..", "dbpool");

    @TempDir
    Path dir;

    /** A copy of the launcher beside a (never read) jar, and a stand-in java of {@code version}. */
    private Path install(String version) throws IOException {
        Path root = Files.createDirectories(dir.resolve("checkout"));
        Files.copy(LAUNCHER, root.resolve("dbpool"), StandardCopyOption.REPLACE_EXISTING);
        Files.createDirectories(root.resolve("cli/target"));
        Files.writeString(root.resolve("cli/target/dbpool.jar"), "");
        Path home = Files.createDirectories(dir.resolve("jdk-" + version));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, """
                #!/usr/bin/env bash
                echo "$*" >> "%s"
                for a in "$@"; do
                  case $a in
                    -XX:AOTMode=record) record=1 ;;
                    -XX:AOTMode=create) create=1 ;;
                    -XX:AOTConfiguration=*) conf=${a#*=} ;;
                    -XX:AOTCache=*) cache=${a#*=} ;;
                    -XX:ArchiveClassesAtExit=*) echo archive > "${a#*=}" ;;
                  esac
                done
                if [[ -n ${create:-} ]]; then echo cache > "$cache"; echo "AOTCache creation is complete"; exit 0; fi
                echo "the command's output"
                if [[ -n ${record:-} ]]; then echo config > "$conf"; echo " AOTConfiguration recorded: $conf"; fi
                """.formatted(dir.resolve("java.log")));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return root;
    }

    private String run(Path root, String version, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", root.resolve("dbpool").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("DBPOOL_JAVA", dir.resolve("jdk-" + version).resolve("bin/java").toString());
        env.remove("DBPOOL_CDS");
        env.remove("DBPOOL_JAVA_OPTS");
        env.remove("DBPOOL_REBUILD");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private List<String> javaCalls() throws IOException {
        List<String> calls = Files.readAllLines(dir.resolve("java.log"));
        Files.delete(dir.resolve("java.log"));
        return calls;
    }

    @Test
    void onJava24AndLaterPlanRecordsAnAotCacheOnceThenStartsFromIt() throws Exception {
        Path root = install("25.0.3");
        Path cache = root.resolve("cli/target/dbpool-cli-25.0.3.aot");

        assertThat(run(root, "25.0.3", "plan", "services.yaml")).isEqualTo("the command's output\n");
        List<String> first = javaCalls();
        assertThat(first).hasSize(2);
        assertThat(first.get(0)).contains("-XX:AOTMode=record").endsWith("plan services.yaml");
        assertThat(first.get(1)).contains("-XX:AOTMode=create", "-XX:AOTCache=" + cache + ".");
        assertThat(cache).exists();
        assertThat(root.resolve("cli/target")).isDirectoryNotContaining("glob:**.tmp*");

        assertThat(run(root, "25.0.3", "plan", "services.yaml")).isEqualTo("the command's output\n");
        assertThat(javaCalls()).singleElement().asString()
                .contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:AOTCache=" + cache)
                .doesNotContain("-Xshare", "SharedArchiveFile");
    }

    @Test
    void onJava17PlanKeepsTheClassDataSharingArchive() throws Exception {
        Path root = install("17.0.15");
        Path archive = root.resolve("cli/target/dbpool-cli.jsa");

        run(root, "17.0.15", "plan", "services.yaml");
        assertThat(javaCalls()).singleElement().asString().contains("-XX:ArchiveClassesAtExit=" + archive + ".");
        assertThat(archive).exists();

        run(root, "17.0.15", "plan", "services.yaml");
        assertThat(javaCalls()).singleElement().asString()
                .contains("-Xshare:auto", "-XX:SharedArchiveFile=" + archive).doesNotContain("AOT");
    }

    @Test
    void longRunningCommandsKeepTheJvmDefaults() throws Exception {
        Path root = install("25.0.3");

        run(root, "25.0.3", "soak", "--service", "auth-service");
        assertThat(javaCalls()).singleElement().asString()
                .isEqualTo("-jar " + root.resolve("cli/target/dbpool.jar") + " soak --service auth-service");
    }
}
