package dev.dbpool.loadgen.analysis;

import dev.dbpool.loadgen.model.Mode;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The primary policy (the default when it ran) against the best of the peer libraries that ran with it,
 * by goodput: what a team would lose or gain by taking dbpool's admission instead of the library.
 *
 * @param policy   the primary policy
 * @param bestPeer the peer with the most goodput
 */
public record PeerComparison(Mode policy, long policyGoodput, Mode bestPeer, long peerGoodput) {

    /** Empty unless a policy and a peer both ran. */
    public static Optional<PeerComparison> of(List<RunAnalysis> runs) {
        Optional<RunAnalysis> policy = Comparison.primary(runs.stream().map(RunAnalysis::mode)
                        .filter(m -> m.gate().isEmpty()).toList())
                .flatMap(mode -> runs.stream().filter(r -> r.mode().equals(mode)).findFirst());
        Optional<RunAnalysis> peer = runs.stream().filter(r -> r.mode().gate().isPresent())
                .max(Comparator.comparingLong(RunAnalysis::goodput));
        if (policy.isEmpty() || peer.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PeerComparison(policy.get().mode(), policy.get().goodput(), peer.get().mode(),
                peer.get().goodput()));
    }

    /** policy's goodput / the best peer's; {@code null} when the peer had none. */
    public Double ratio() {
        return peerGoodput == 0 ? null : (double) policyGoodput / peerGoodput;
    }
}
