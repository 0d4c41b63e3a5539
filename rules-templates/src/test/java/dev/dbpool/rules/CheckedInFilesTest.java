package dev.dbpool.rules;

import dev.dbpool.rules.model.Fleet;
import dev.dbpool.rules.model.EmitOptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** prometheus/ at the repository root holds exactly what `dbpool emit` writes today. */
class CheckedInFilesTest {

    /** Surefire runs in the module's directory; the checked-in files are one level up. */
    static final Path CHECKED_IN = Path.of("..", "prometheus");

    @Test
    void checkedInFilesAreWhatEmitWritesWithoutAPlan() throws Exception {
        GeneratedFiles files = Emitter.emit(Fleet.defaults(), EmitOptions.ofDefaults());

        for (var file : files.files().entrySet()) {
            Path checkedIn = CHECKED_IN.resolve(file.getKey());
            assertThat(checkedIn).as("run ./dbpool emit and commit prometheus/").exists();
            assertThat(Files.readString(checkedIn))
                    .as(checkedIn + " is stale: run `DBPOOL_REBUILD=1 ./dbpool emit` and commit prometheus/")
                    .isEqualTo(file.getValue());
        }
        assertThat(files.differencesFrom(CHECKED_IN)).isEmpty();
    }

    @Test
    void aHandEditIsADifference() throws Exception {
        Path copy = Files.createTempDirectory("emit-copy");
        GeneratedFiles files = Emitter.emit(Fleet.defaults(), EmitOptions.ofDefaults());
        files.writeTo(copy);
        Path dashboard = copy.resolve(Emitter.DASHBOARD);
        Files.writeString(dashboard, Files.readString(dashboard).replace("\"refresh\": \"30s\"", "\"refresh\": \"1m\""));
        Files.delete(copy.resolve(Emitter.TESTS));

        assertThat(files.differencesFrom(copy)).containsExactly(
                new GeneratedFiles.Difference(Emitter.TESTS, true),
                new GeneratedFiles.Difference(Emitter.DASHBOARD, false));
    }

    @Test
    void emitIsDeterministic() {
        Fleet plan = Fleets.plan();
        assertThat(Emitter.emit(plan, EmitOptions.ofDefaults()).files())
                .isEqualTo(Emitter.emit(plan, EmitOptions.ofDefaults()).files());
    }
}
