package dev.dbpool.runtime.admission;

/** A fixed occupancy for a policy's unit tests. */
final class Occupancies {

    private Occupancies() {
    }

    static AdmissionPolicy.Occupancy of(int inUse, int max) {
        return new AdmissionPolicy.Occupancy() {
            @Override
            public int max() {
                return max;
            }

            @Override
            public int inUse() {
                return inUse;
            }
        };
    }
}
