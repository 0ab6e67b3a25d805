package dev.llmos.planner;

import dev.llmos.action.Caller;
import dev.llmos.catalog.ActionCatalog;
import java.nio.file.Path;
import java.util.List;

/** the context the eval sets are written for: alice in /home/alice/project. */
final class Fixtures {
    static final Caller ALICE = new Caller(1000, 1000, 0, "alice", List.of(1000));
    static final Path HOME = Path.of("/home/alice");
    static final Path CWD = Path.of("/home/alice/project");

    private Fixtures() {
    }

    /** alice on the machine the eval sets describe ({@link FixtureMachine}). */
    static PlanContext alice(ActionCatalog catalog) {
        return new PlanContext(catalog, ALICE, HOME, CWD).on(FixtureMachine.INSTANCE);
    }
}
