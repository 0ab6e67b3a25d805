package dev.llmos.fuzz;

import dev.llmos.protocol.RpcException;

/** what every fuzz target asserts: a broken invariant is a finding, reported with what broke. */
final class Invariants {
    private Invariants() {
    }

    /** a finding: the property the code promises does not hold for this input. */
    static final class Broken extends AssertionError {
        Broken(String message) {
            super(message);
        }
    }

    static void require(boolean holds, String what) {
        if (!holds) {
            throw new Broken(what);
        }
    }

    /** hostile input may only ever end in the protocol error named for it. */
    static void requireCode(RpcException e, int... allowed) {
        for (int code : allowed) {
            if (e.error().code() == code) {
                return;
            }
        }
        throw new Broken("unexpected error " + e.error().code() + ": " + e.getMessage());
    }
}
