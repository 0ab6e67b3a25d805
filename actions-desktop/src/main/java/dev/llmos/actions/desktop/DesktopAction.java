package dev.llmos.actions.desktop;

import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.actions.desktop.backend.DesktopBackend;
import dev.llmos.actions.desktop.backend.SessionDetector;
import dev.llmos.actions.desktop.backend.WindowInfo;
import java.util.OptionalLong;

/**
 * what every desktop action shares: the backend for the caller's session, found anew for each run
 * from {@link ActionContext#session()}, and a preview that names the window input would reach.
 *
 * @param <P> the params record
 */
abstract class DesktopAction<P extends Record> implements Action<P> {
    /** the lease kind of keyboard and mouse actions. */
    static final String INPUT_LEASE = "input";

    private final SessionDetector detector;

    DesktopAction(SessionDetector detector) {
        this.detector = detector;
    }

    /** the backend of the caller's graphical session, or an error saying why there is none. */
    final DesktopBackend backend(ActionContext context) throws ActionException {
        return detector.open(context.session());
    }

    /**
     * what a mutating action would do, and which window has the keyboard focus now when the
     * session can be reached (a preview never fails because the display cannot).
     *
     * @param summary what would happen, without any sensitive value
     * @param focusedWindow the window with the focus now, or null when unknown
     * @param focusedTitle its title, or null
     */
    record Preview(String summary, Long focusedWindow, String focusedTitle) {
    }

    final Preview preview(String summary, ActionContext context) {
        try {
            DesktopBackend backend = backend(context);
            OptionalLong focused = backend.focusedWindow();
            if (focused.isEmpty()) {
                return new Preview(summary, null, null);
            }
            WindowInfo window = backend.window(focused.getAsLong());
            return new Preview(summary, focused.getAsLong(), window.title());
        } catch (ActionException | RuntimeException e) {
            return new Preview(summary, null, null);
        }
    }

    /** a window id for a result: the id, or null (json null) when there is none. */
    static Long boxed(OptionalLong window) {
        return window.isPresent() ? window.getAsLong() : null;
    }

    /** {@code n} with a noun, plural when needed: {@code 1 character}, {@code 3 characters}. */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
