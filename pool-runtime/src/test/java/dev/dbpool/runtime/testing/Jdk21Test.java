package dev.dbpool.runtime.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Jdk21Test {

    @TempDir
    Path jvms;

    private Path jdk(String name, String version) throws IOException {
        Path home = Files.createDirectories(jvms.resolve(name));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        java.toFile().setExecutable(true);
        return home;
    }

    @Test
    void takesTheNewestInstalledJdkOf21OrLater() throws IOException {
        jdk("java-17-openjdk-amd64", "17.0.15");
        jdk("temurin-21-jdk-amd64", "21.0.8");
        Path newest = jdk("temurin-25-jdk-amd64", "25.0.1");
        Files.createDirectories(jvms.resolve("openjdk-17")); // a link farm without a release file
        assertThat(Jdk21.find(Map.<String, String>of()::get, jvms, jvms.resolve("none")))
                .contains(new Jdk21.Jdk(newest, 25));
    }

    @Test
    void theVariableWinsAndAWrongOneIsNamed() throws IOException {
        jdk("temurin-25-jdk-amd64", "25.0.1");
        Path chosen = jdk("temurin-21-jdk-amd64", "21.0.8");
        assertThat(Jdk21.find(Map.of(Jdk21.HOME_VARIABLE, chosen.toString())::get, jvms, jvms))
                .contains(new Jdk21.Jdk(chosen, 21));

        Path old = jdk("java-17", "17.0.15");
        assertThatThrownBy(() -> Jdk21.find(Map.of(Jdk21.HOME_VARIABLE, old.toString())::get, jvms, jvms))
                .hasMessage("DBPOOL_JDK21_HOME must be a JDK 21 or later, got '" + old + "' (Java 17)");
        assertThatThrownBy(() -> Jdk21.find(Map.of(Jdk21.HOME_VARIABLE, "/nowhere")::get, jvms, jvms))
                .hasMessage("DBPOOL_JDK21_HOME must be the home of a JDK (with a release file and bin/java), got '/nowhere'");
    }

    @Test
    void nothingWhenOnlyOlderJdksAreThere() throws IOException {
        Path old = jdk("java-17", "17.0.15");
        assertThat(Jdk21.find(Map.<String, String>of()::get, jvms, old)).isEmpty();
    }
}
