package dev.llmos.actions.desktop;

import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.Risk;
import dev.llmos.actions.desktop.backend.Pointer;
import dev.llmos.actions.desktop.backend.SessionDetector;
import java.util.List;

/** {@code input.cursor}: where the mouse pointer is (read-only: needs no input lease). */
public final class InputCursorAction extends DesktopAction<InputCursorAction.Params> {
    /** params of {@code input.cursor}: none. */
    public record Params() {
    }

    public InputCursorAction() {
        this(new SessionDetector());
    }

    public InputCursorAction(SessionDetector detector) {
        super(detector);
    }

    @Override
    public String name() {
        return "input.cursor";
    }

    @Override
    public String description() {
        return "tell where the mouse pointer is: its screen position and the window under it";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "where is the mouse",
                "what are the current mouse coordinates",
                "get the pointer position",
                "where is my cursor on the screen",
                "which window is under the mouse",
                "tell me the x and y of the mouse pointer",
                "report the mouse location",
                "what position is the mouse at right now");
    }

    @Override
    public Risk risk() {
        return Risk.READ;
    }

    @Override
    public Pointer execute(Params params, ActionContext context) throws ActionException {
        return backend(context).pointer();
    }
}
