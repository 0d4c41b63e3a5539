package dev.dbpool.loadgen.peers;

import dev.dbpool.loadgen.model.Outcome;
import dev.dbpool.loadgen.model.RequestGate;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The real libraries behind the peer modes: what each admits, and that a request's way out frees its place. */
class PeerGatesTest {

    @Test
    void vegasAdmitsItsInitialLimitAndRejectsTheNextAtOnce() {
        RequestGate gate = new VegasSettings(5, 1000).newGate(16);

        List<RequestGate.Permit> admitted = enterUntilRefused(gate);

        assertThat(admitted).hasSize(5);
        admitted.get(0).exit(Outcome.SUCCEEDED);
        assertThat(gate.enter()).as("a place freed by a success").isPresent();
    }

    @Test
    void gradient2AdmitsItsInitialLimitAndATimeoutFreesItsPlace() {
        RequestGate gate = new Gradient2Settings(3, 1, 200, 4).newGate(16);

        List<RequestGate.Permit> admitted = enterUntilRefused(gate);

        assertThat(admitted).hasSize(3);
        admitted.get(0).exit(Outcome.TIMED_OUT);
        assertThat(gate.enter()).as("a place freed by a drop").isPresent();
    }

    @Test
    void theBulkheadAdmitsThePoolsSizeByDefaultAndAnErrorFreesItsPlace() {
        RequestGate gate = BulkheadSettings.DEFAULTS.newGate(4);

        List<RequestGate.Permit> admitted = enterUntilRefused(gate);

        assertThat(admitted).hasSize(4);
        admitted.get(0).exit(Outcome.ERROR);
        assertThat(gate.enter()).isPresent();
    }

    @Test
    void eachRunGetsAGateOfItsOwn() {
        PeerSettings settings = new VegasSettings(2, 1000);
        RequestGate first = settings.newGate(16);
        enterUntilRefused(first);

        assertThat(settings.newGate(16).enter()).isPresent();
    }

    private static List<RequestGate.Permit> enterUntilRefused(RequestGate gate) {
        List<RequestGate.Permit> admitted = new ArrayList<>();
        for (Optional<RequestGate.Permit> p = gate.enter(); p.isPresent() && admitted.size() < 10_000; p = gate.enter()) {
            admitted.add(p.get());
        }
        return admitted;
    }
}
