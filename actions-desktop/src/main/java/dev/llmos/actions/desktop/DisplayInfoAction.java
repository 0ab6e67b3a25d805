package dev.llmos.actions.desktop;

import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.Risk;
import dev.llmos.actions.desktop.backend.DisplayInfo;
import dev.llmos.actions.desktop.backend.SessionDetector;
import java.util.List;

/** {@code display.info}: the caller's screens, monitors, resolution and scale. */
public final class DisplayInfoAction extends DesktopAction<DisplayInfoAction.Params> {
    /** params of {@code display.info}: none. */
    public record Params() {
    }

    public DisplayInfoAction() {
        this(new SessionDetector());
    }

    public DisplayInfoAction(SessionDetector detector) {
        super(detector);
    }

    @Override
    public String name() {
        return "display.info";
    }

    @Override
    public String description() {
        return "describe the caller's display: screens, monitors, resolution in pixels, dpi and ui scale";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "what resolution is my screen",
                "how big is my display in pixels",
                "show my screen size and scaling",
                "how many monitors do I have",
                "what's the dpi of my screen",
                "which monitors are connected and where are they",
                "what scale factor is my desktop using",
                "tell me the screen dimensions",
                "is my display hidpi",
                "display settings info");
    }

    @Override
    public Risk risk() {
        return Risk.READ;
    }

    @Override
    public DisplayInfo execute(Params params, ActionContext context) throws ActionException {
        return backend(context).info();
    }
}
