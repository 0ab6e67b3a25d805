package dev.llmos.actions.desktop;

import dev.llmos.action.Risk;
import dev.llmos.actions.desktop.backend.SessionDetector;
import java.util.Optional;

/**
 * a keyboard or mouse action: it changes what the session does, and runs without asking only
 * under a live input lease.
 *
 * @param <P> the params record
 */
abstract class InputAction<P extends Record> extends DesktopAction<P> {
    InputAction(SessionDetector detector) {
        super(detector);
    }

    @Override
    public final Risk risk() {
        return Risk.WRITE;
    }

    @Override
    public final Optional<String> lease() {
        return Optional.of(INPUT_LEASE);
    }
}
