package dev.llmos.actions.desktop;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.actions.desktop.backend.DesktopBackend;
import dev.llmos.actions.desktop.backend.Point;
import dev.llmos.actions.desktop.backend.Pointer;
import dev.llmos.actions.desktop.backend.SessionDetector;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Optional;

/** {@code input.mouse_move}: moves the mouse pointer to a position on the screen. */
public final class InputMouseMoveAction extends InputAction<InputMouseMoveAction.Params> {
    /**
     * params of {@code input.mouse_move}.
     *
     * @param x pixels from the left edge
     * @param y pixels from the top edge
     */
    public record Params(
            @NotNull @Min(0) @Max(DisplayScreenshotAction.MAX_COORDINATE)
            @JsonPropertyDescription("pixels from the left edge of the screen") Integer x,
            @NotNull @Min(0) @Max(DisplayScreenshotAction.MAX_COORDINATE)
            @JsonPropertyDescription("pixels from the top edge of the screen") Integer y) {
    }

    public InputMouseMoveAction() {
        this(new SessionDetector());
    }

    public InputMouseMoveAction(SessionDetector detector) {
        super(detector);
    }

    @Override
    public String name() {
        return "input.mouse_move";
    }

    @Override
    public String description() {
        return "move the mouse pointer to a position on the screen (pixels from the top-left corner)";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "move the mouse to 100 200",
                "put the cursor at the center of the screen",
                "hover over 640,360",
                "move the pointer to the top left corner",
                "point the mouse at x 300 y 150",
                "move the mouse pointer to the bottom right corner",
                "position the mouse at 1200, 40",
                "mouse over the button at 200 300");
    }

    @Override
    public Optional<Preview> preview(Params params, ActionContext context) {
        return Optional.of(preview("move the pointer to " + params.x() + "," + params.y(), context));
    }

    @Override
    public Pointer execute(Params params, ActionContext context) throws ActionException {
        DesktopBackend backend = backend(context);
        backend.moveMouse(new Point(params.x(), params.y()));
        return backend.pointer();
    }
}
