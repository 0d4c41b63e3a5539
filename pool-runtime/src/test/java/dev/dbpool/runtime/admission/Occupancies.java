package dev.dbpool.runtime.admission;

/** A fixed occupancy for a policy's unit tests. */
final class Occupancies {

    private Occupancies() {
    }

    static AdmissionPolicy.Occupancy of(int inUse, int max) {
        return of(inUse, max, Math.max(0, inUse - max));
    }

    static AdmissionPolicy.Occupancy of(int inUse, int max, int waiting) {
        return new AdmissionPolicy.Occupancy() {
            @Override
            public int max() {
                return max;
            }

            @Override
            public int inUse() {
                return inUse;
            }

            @Override
            public int waiting() {
                return waiting;
            }
        };
    }
}
