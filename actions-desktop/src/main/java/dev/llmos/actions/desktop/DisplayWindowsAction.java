package dev.llmos.actions.desktop;

import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.Risk;
import dev.llmos.actions.desktop.backend.SessionDetector;
import dev.llmos.actions.desktop.backend.WindowInfo;
import java.util.List;

/** {@code display.windows}: the top-level windows of the caller's session. */
public final class DisplayWindowsAction extends DesktopAction<DisplayWindowsAction.Params> {
    /** params of {@code display.windows}: none. */
    public record Params() {
    }

    /**
     * the windows.
     *
     * @param windows each top-level window: id, title, class, geometry, focus
     * @param focused the id of the window with the keyboard focus, or null
     */
    public record Windows(List<WindowInfo> windows, Long focused) {
    }

    public DisplayWindowsAction() {
        this(new SessionDetector());
    }

    public DisplayWindowsAction(SessionDetector detector) {
        super(detector);
    }

    @Override
    public String name() {
        return "display.windows";
    }

    @Override
    public String description() {
        return "list the open windows: id, title, application class, position and size, and which has the focus";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "list open windows",
                "which windows are open",
                "show me all the windows on my desktop",
                "what apps have windows open right now",
                "which window has the focus",
                "where is the firefox window on screen",
                "get the window ids and titles",
                "what's the title of the active window",
                "enumerate the top-level windows",
                "is there a terminal window open");
    }

    @Override
    public Risk risk() {
        return Risk.READ;
    }

    @Override
    public Windows execute(Params params, ActionContext context) throws ActionException {
        List<WindowInfo> windows = backend(context).windows();
        Long focused = windows.stream().filter(WindowInfo::focused).map(WindowInfo::id).findFirst().orElse(null);
        return new Windows(windows, focused);
    }
}
