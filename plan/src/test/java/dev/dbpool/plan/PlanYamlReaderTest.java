package dev.dbpool.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PlanYamlReaderTest {

    @Test
    void aPresetNameTakesThePresetSizesAndOneReplica() {
        FleetPlan plan = parse("""
                database:
                  max_connections: 100
                services:
                  auth-service:
                """);

        ServicePlan auth = plan.service("auth-service").orElseThrow();
        assertThat(auth.preset()).isTrue();
        assertThat(auth.maxConnections()).isEqualTo(16);
        assertThat(auth.minConnections()).isEqualTo(5);
        assertThat(auth.replicas()).isEqualTo(1);
        assertThat(auth.maxReplicas()).isEqualTo(1);
        assertThat(plan.reservedConnections()).isEmpty();
    }

    @Test
    void everyKeyIsRead() {
        FleetPlan plan = parse("""
                database:
                  max_connections: 200
                  reserved_connections: 30
                services:
                  billing-service:
                    replicas: 2
                    max_replicas: 5
                    max_connections: 6
                    min_connections: 2
                    peak_qps: 400
                    hold_ms: 8.5
                    backpressure_threshold: 0.9
                """);

        assertThat(plan.maxConnections()).hasValue(200);
        assertThat(plan.reservedConnections()).hasValue(30);
        ServicePlan billing = plan.services().get(0);
        assertThat(billing.preset()).isFalse();
        assertThat(billing.replicas()).isEqualTo(2);
        assertThat(billing.maxReplicas()).isEqualTo(5);
        assertThat(billing.maxConnections()).isEqualTo(6);
        assertThat(billing.minConnections()).isEqualTo(2);
        assertThat(billing.traffic().orElseThrow().peakQps()).isEqualByComparingTo("400");
        assertThat(billing.traffic().orElseThrow().holdMs()).isEqualByComparingTo(new BigDecimal("8.5"));
        assertThat(billing.backpressureThreshold()).hasValue(0.9);
    }

    @Test
    void loweringAPresetMaxBelowItsMinTakesTheMinDownAsHikariCpDoes() {
        ServicePlan auth = parse("""
                database: {max_connections: 100}
                services:
                  auth-service: {max_connections: 3}
                """).services().get(0);

        assertThat(auth.maxConnections()).isEqualTo(3);
        assertThat(auth.minConnections()).isEqualTo(3);
    }

    @Test
    void extensionKeysHoldAnchorsThatServicesMerge() {
        FleetPlan plan = parse("""
                x-web: &web
                  replicas: 3
                  max_replicas: 6
                database: {max_connections: 100}
                services:
                  auth-service:
                    <<: *web
                  user-service:
                    <<: *web
                    replicas: 4
                """);

        assertThat(plan.service("auth-service").orElseThrow().replicas()).isEqualTo(3);
        assertThat(plan.service("user-service").orElseThrow().replicas()).isEqualTo(4);
        assertThat(plan.service("user-service").orElseThrow().maxReplicas()).isEqualTo(6);
    }

    @Test
    void aByteOrderMarkIsIgnored() {
        assertThat(parse("\uFEFFdatabase: {max_connections: 10}\nservices: {cdn-service: }\n").services()).hasSize(1);
    }

    @Test
    void unknownKeyIsReportedAtItsPositionWithTheClosestValidKey() {
        PlanException e = error("""
                database:
                  max_connections: 100
                services:
                  auth-service:
                    replics: 3
                """);

        assertThat(e.getMessage())
                .isEqualTo("services.yaml:5:5: unknown key 'replics' in service 'auth-service'; did you mean 'replicas'?");
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.column()).isEqualTo(5);
        assertThat(e.excerpt()).contains("replics: 3").contains("^");
    }

    @Test
    void unknownTopLevelKeyListsTheValidOnesWhenNothingIsClose() {
        PlanException e = error("""
                database: {max_connections: 100}
                pools: {}
                services: {cdn-service: }
                """);

        assertThat(e.getMessage()).isEqualTo(
                "services.yaml:2:1: unknown key 'pools' at the top level; valid keys are database, databases, services");
    }

    @Test
    void syntaxErrorCarriesTheParserPosition() {
        PlanException e = error("""
                database:
                  max_connections: 100
                services:
                  auth-service: {replicas: 3
                  user-service: {}
                """);

        assertThat(e.getMessage()).startsWith("services.yaml:5:15: invalid YAML: ");
    }

    @Test
    void duplicateServiceNamesPointAtTheSecondAndNameTheFirstLine() {
        PlanException e = error("""
                database: {max_connections: 100}
                services:
                  auth-service: {replicas: 2}
                  user-service: {}
                  auth-service: {replicas: 3}
                """);

        assertThat(e.getMessage())
                .isEqualTo("services.yaml:5:3: duplicate service 'auth-service' in 'services' (first at line 3)");
    }

    @Test
    void duplicateSettingIsAnErrorToo() {
        PlanException e = error("""
                database: {max_connections: 100}
                services:
                  auth-service:
                    replicas: 2
                    replicas: 3
                """);

        assertThat(e.getMessage()).startsWith("services.yaml:5:5: duplicate key 'replicas'");
    }

    @Test
    void wrongTypesNameTheFieldAndTheValue() {
        assertThat(error(service("replicas: three")).getMessage())
                .isEqualTo("services.yaml:4:28: auth-service.replicas must be a positive whole number, got the string 'three'");
        assertThat(error(service("replicas: 2.5")).getMessage())
                .endsWith("auth-service.replicas must be a positive whole number, got '2.5'");
        assertThat(error(service("replicas: \"3\"")).getMessage())
                .endsWith("got the string '3' (remove the quotes)");
        assertThat(error(service("replicas: [1, 2]")).getMessage())
                .endsWith("auth-service.replicas must be a positive whole number, got a list");
        assertThat(error(service("peak_qps: lots, hold_ms: 5")).getMessage())
                .endsWith("auth-service.peak_qps must be a positive number, got the string 'lots'");
        assertThat(error(service("replicas: true")).getMessage())
                .endsWith("got the boolean 'true'");
        assertThat(error(service("replicas: ")).getMessage())
                .endsWith("auth-service.replicas has no value: give a positive whole number");
    }

    @Test
    void zeroAndNegativeSizesAreRefused() {
        assertThat(error(service("replicas: 0")).getMessage()).endsWith("replicas must be a positive whole number, got 0");
        assertThat(error(service("max_connections: -4")).getMessage())
                .endsWith("max_connections must be a positive whole number, got -4");
        assertThat(error(service("min_connections: -1")).getMessage())
                .endsWith("min_connections must be a whole number, 0 or more, got -1");
        assertThat(error(service("peak_qps: 0, hold_ms: 3")).getMessage())
                .endsWith("peak_qps must be a positive number, got 0");
        assertThat(error("database: {max_connections: 0}\nservices: {cdn-service: }\n").getMessage())
                .isEqualTo("services.yaml:1:29: database.max_connections must be a positive whole number, got 0");
    }

    @Test
    void minAboveMaxIsReportedAtTheMin() {
        PlanException e = error(service("max_connections: 4, min_connections: 8"));

        assertThat(e.getMessage()).endsWith("auth-service.min_connections (8) is greater than max_connections (4)");
        assertThat(e.column()).isEqualTo(55);
    }

    @Test
    void minAboveThePresetMaxSaysTheMaxIsThePresets() {
        assertThat(error(service("min_connections: 17")).getMessage())
                .endsWith("min_connections (17) is greater than max_connections (16, the preset's)");
    }

    @Test
    void maxReplicasBelowReplicasIsRefused() {
        assertThat(error(service("replicas: 3, max_replicas: 2")).getMessage())
                .endsWith("auth-service.max_replicas (2) is less than replicas (3): "
                        + "the autoscaler's ceiling cannot be below the normal count");
    }

    @Test
    void peakQpsWithoutHoldMsIsRefused() {
        assertThat(error(service("peak_qps: 100")).getMessage())
                .endsWith("auth-service.peak_qps needs hold_ms as well: the Little's-law size is peak_qps x hold_ms");
    }

    @Test
    void thresholdAboveOneIsRefused() {
        assertThat(error(service("backpressure_threshold: 1.5")).getMessage())
                .contains("backpressure_threshold must be above 0 and at most 1");
    }

    @Test
    void aNameThatIsNeitherAPresetNorSizedIsRefusedWithTheClosestPreset() {
        assertThat(error("database: {max_connections: 100}\nservices:\n  auth-servce: {replicas: 2}\n").getMessage())
                .isEqualTo("services.yaml:3:3: 'auth-servce' is not a preset and has no max_connections; "
                        + "did you mean the preset 'auth-service'?");
        assertThat(error("database: {max_connections: 100}\nservices:\n  billing-service: {replicas: 2}\n").getMessage())
                .startsWith("services.yaml:3:3: 'billing-service' is not a preset and has no max_connections; give it");
    }

    @Test
    void reservedMustLeaveSomethingForTheServices() {
        assertThat(error("database: {max_connections: 50, reserved_connections: 50}\nservices: {cdn-service: }\n")
                .getMessage()).contains("reserved_connections (50) must be less than max_connections (50)");
    }

    @Test
    void servicesAsAListGetsAHint() {
        assertThat(error("database: {max_connections: 10}\nservices:\n  - name: auth-service\n").getMessage())
                .isEqualTo("services.yaml:3:3: 'services' must map each service's name to its settings, got a list "
                        + "(write 'auth-service:' rather than '- name: auth-service')");
    }

    @Test
    void missingOrEmptyServicesIsRefused() {
        assertThat(error("database: {max_connections: 10}\n").getMessage())
                .isEqualTo("services.yaml:1:1: missing 'services': list the fleet's services under it");
        assertThat(error("database: {max_connections: 10}\nservices:\n").getMessage())
                .isEqualTo("services.yaml:2:1: 'services' is empty: list at least one service");
    }

    @Test
    void anEmptyOrCommentOnlyFileHasNoPosition() {
        PlanException e = error("# nothing here\n");

        assertThat(e.getMessage()).isEqualTo("services.yaml: the file is empty: expected 'database' and 'services'");
        assertThat(e.hasPosition()).isFalse();
        assertThat(e.excerpt()).isEmpty();
    }

    @Test
    void plainTextIsNotAServicesFile() {
        assertThat(error("Just some notes.\nNot YAML at all.\n").getMessage())
                .startsWith("services.yaml:1:1: not a services file: expected a mapping with 'database' and 'services'");
    }

    @Test
    void aControlCharacterIsReportedWhereItIs() {
        assertThat(error("database: {max_connections: 10}\nservices:\u0001\n").getMessage())
                .isEqualTo("services.yaml:2:10: not a YAML text file: character U+0001 is not allowed in YAML");
    }

    @Test
    void aBinaryFileIsRefusedAtItsFirstBadByte(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("logo.png");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0});

        PlanException e = catchThrowableOfType(PlanException.class, () -> FleetPlan.load(png));

        assertThat(e.getMessage()).isEqualTo(png + ":1:1: not a YAML text file: byte 0x89 is not UTF-8");
    }

    @Test
    void aMissingFileOrAnEmptyDirectoryIsAPlanExceptionWithoutPosition(@TempDir Path dir) {
        PlanException missing = catchThrowableOfType(PlanException.class, () -> FleetPlan.load(dir.resolve("nope.yaml")));
        PlanException directory = catchThrowableOfType(PlanException.class, () -> FleetPlan.load(dir));

        assertThat(missing.getMessage()).isEqualTo(dir.resolve("nope.yaml") + ": no such file");
        // A directory is read as Kubernetes manifests; an empty one has none.
        assertThat(directory.getMessage()).isEqualTo(dir + ": is a directory with no .yaml, .yml or .json files");
    }

    private static String service(String settings) {
        return "database: {max_connections: 100}\nservices:\n  cdn-service:\n  auth-service: {" + settings + "}\n";
    }

    private static FleetPlan parse(String yaml) {
        return FleetPlan.parse("services.yaml", yaml);
    }

    private static PlanException error(String yaml) {
        return catchThrowableOfType(PlanException.class, () -> parse(yaml));
    }
}
