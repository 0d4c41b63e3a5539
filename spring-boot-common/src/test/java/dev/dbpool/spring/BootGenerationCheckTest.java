package dev.dbpool.spring;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BootGenerationCheckTest {

    private static BootGenerationCheck builtFor(int generation) {
        return new BootGenerationCheck(generation) {
        };
    }

    @Test
    void theBoot4StarterOnBoot35SaysBothVersionsAndWhatToUse() {
        assertThatThrownBy(() -> builtFor(4).check("3.5.7")).isInstanceOf(WrongStarterException.class)
                .hasMessage("dev.dbpool:dbpool-spring-boot-starter is built for Spring Boot 4.0 and 4.1, but this service "
                        + "runs Spring Boot 3.5.7: depend on dev.dbpool:dbpool-spring-boot3-starter instead.");
    }

    @Test
    void theBoot3StarterOnBoot4SaysBothVersionsAndWhatToUse() {
        assertThatThrownBy(() -> builtFor(3).check("4.1.2")).isInstanceOf(WrongStarterException.class)
                .hasMessage("dev.dbpool:dbpool-spring-boot3-starter is built for Spring Boot 3.5, but this service "
                        + "runs Spring Boot 4.1.2: depend on dev.dbpool:dbpool-spring-boot-starter instead.");
    }

    @Test
    void eachStarterPassesOnItsOwnGeneration() {
        assertThatCode(() -> builtFor(4).check("4.0.7")).doesNotThrowAnyException();
        assertThatCode(() -> builtFor(4).check("4.1.2")).doesNotThrowAnyException();
        assertThatCode(() -> builtFor(3).check("3.5.7")).doesNotThrowAnyException();
    }

    @Test
    void aVersionTheJarDoesNotStateComesFromBootsClasses() {
        // This module's tests run on Boot 3.5, which has no org.springframework.boot.EnvironmentPostProcessor.
        assertThat(BootGenerationCheck.runningVersion(getClass().getClassLoader())).startsWith("3.");
        assertThat(BootGenerationCheck.major("4.x")).isEqualTo(4);
        assertThat(BootGenerationCheck.major("nonsense")).isEqualTo(-1);
    }

    @Test
    void theFailureAnalyzerReportsTheSentence() {
        WrongStarterException wrong = new WrongStarterException(BootGenerationCheck.mismatch(3, "4.0.7"));
        var analysis = new WrongStarterFailureAnalyzer().analyze(new IllegalStateException("wrapped", wrong));
        assertThat(analysis.getDescription()).isEqualTo(wrong.getMessage());
        assertThat(analysis.getAction()).contains("dbpool-spring-boot-starter on Spring Boot 4.0 and 4.1",
                "dbpool-spring-boot3-starter on Spring Boot 3.5");
    }
}
