package dev.llmos.actions.desktop;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.Risk;
import dev.llmos.actions.desktop.backend.DesktopBackend;
import dev.llmos.actions.desktop.backend.SessionDetector;
import dev.llmos.actions.desktop.backend.WindowInfo;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Optional;

/**
 * {@code display.focus}: gives a window the keyboard focus (activating and raising it). the
 * inverse focuses the window that had it before, unless the focus moved again since.
 */
public final class DisplayFocusAction extends DesktopAction<DisplayFocusAction.Params> {
    /** x resource ids have 29 bits. */
    static final long MAX_WINDOW_ID = 0x1fffffffL;

    /**
     * params of {@code display.focus}.
     *
     * @param window the window to focus
     * @param expectFocused when set, refuse unless this window has the focus now (the inverse's guard)
     */
    public record Params(
            @NotNull @Min(1) @Max(MAX_WINDOW_ID)
            @JsonPropertyDescription("id of the window to focus, as display.windows lists it") Long window,
            @Min(1) @Max(MAX_WINDOW_ID)
            @JsonPropertyDescription("refuse unless this window has the focus now (set by undo)") Long expectFocused) {
    }

    /**
     * the window focused.
     *
     * @param window its id
     * @param title its title
     * @param previous the window that had the focus before, or null
     */
    public record Focused(long window, String title, Long previous) {
    }

    public DisplayFocusAction() {
        this(new SessionDetector());
    }

    public DisplayFocusAction(SessionDetector detector) {
        super(detector);
    }

    @Override
    public String name() {
        return "display.focus";
    }

    @Override
    public String description() {
        return "give a window the keyboard focus and bring it to the front (undo focuses the previous window)";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "focus the terminal window",
                "switch to the firefox window",
                "bring the editor window to the front",
                "activate window 0x3a00007",
                "make the calculator the active window",
                "go to the window titled Inbox",
                "raise the file manager",
                "give focus to window 62914572",
                "put the chat window in front");
    }

    /** undoable: the previously focused window gets the focus back. */
    @Override
    public boolean undoable(Params params) {
        return true;
    }

    @Override
    public Risk risk() {
        return Risk.WRITE;
    }

    @Override
    public Optional<Preview> preview(Params params, ActionContext context) {
        return Optional.of(preview("focus window " + params.window(), context));
    }

    @Override
    public Focused execute(Params params, ActionContext context) throws ActionException {
        DesktopBackend backend = backend(context);
        long id = params.window();
        Long previous = boxed(backend.focusedWindow());
        if (params.expectFocused() != null && !params.expectFocused().equals(previous)) {
            throw new ActionException("refused: the focus moved since (window " + params.expectFocused()
                    + " was expected to have it, " + (previous == null ? "no window" : "window " + previous)
                    + " has it now)");
        }
        WindowInfo window = backend.window(id);
        if (previous != null && previous == id) {
            return new Focused(id, window.title(), previous);
        }
        backend.focus(id);
        if (previous != null) {
            context.undoWith(name(), new Params(previous, id));
        }
        return new Focused(id, window.title(), previous);
    }
}
