package dev.llmos.actions.desktop;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.actions.desktop.backend.DesktopBackend;
import dev.llmos.actions.desktop.backend.Point;
import dev.llmos.actions.desktop.backend.SessionDetector;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Optional;

/** {@code input.click}: clicks a mouse button, where the pointer is or at a position. */
public final class InputClickAction extends InputAction<InputClickAction.Params> {
    /**
     * params of {@code input.click}.
     *
     * @param button 1 left, 2 middle, 3 right (4-9: wheel and extra buttons)
     * @param count clicks (2 for a double click)
     * @param x where to click, with {@code y}; absent: where the pointer is
     * @param y where to click, with {@code x}
     */
    public record Params(
            @Min(1) @Max(9) @JsonProperty(defaultValue = "1")
            @JsonPropertyDescription("mouse button: 1 left, 2 middle, 3 right") Integer button,
            @Min(1) @Max(10) @JsonProperty(defaultValue = "1")
            @JsonPropertyDescription("how many clicks: 2 for a double click") Integer count,
            @Min(0) @Max(DisplayScreenshotAction.MAX_COORDINATE)
            @JsonPropertyDescription("pixels from the left edge to click at (with y); absent: where the pointer is")
            Integer x,
            @Min(0) @Max(DisplayScreenshotAction.MAX_COORDINATE)
            @JsonPropertyDescription("pixels from the top edge to click at (with x)") Integer y) {
    }

    /**
     * the click done.
     *
     * @param button the button
     * @param count how many clicks
     * @param x where the pointer was
     * @param y where the pointer was
     */
    public record Clicked(int button, int count, int x, int y) {
    }

    public InputClickAction() {
        this(new SessionDetector());
    }

    public InputClickAction(SessionDetector detector) {
        super(detector);
    }

    @Override
    public String name() {
        return "input.click";
    }

    @Override
    public String description() {
        return "click a mouse button (left by default), once or more, at a screen position or where the pointer is";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "click the OK button at 200,300",
                "left click",
                "double click at 500 400",
                "right click at 300, 200",
                "click at x 640 y 360",
                "middle click here",
                "click the mouse",
                "triple click on 120 80 to select the line",
                "press the left mouse button at 10,10",
                "tap the close button at 1010,12",
                "perform a right click with the mouse",
                "make the mouse do a middle click");
    }

    @Override
    public Optional<Preview> preview(Params params, ActionContext context) throws ActionException {
        Point at = position(params.x(), params.y());
        return Optional.of(preview("click button " + params.button() + " " + (params.count() == 1 ? "once" : params.count()
                + " times") + (at == null ? " where the pointer is" : " at " + at.x() + "," + at.y()), context));
    }

    @Override
    public Clicked execute(Params params, ActionContext context) throws ActionException {
        Point at = position(params.x(), params.y());
        DesktopBackend backend = backend(context);
        backend.click(at, params.button(), params.count());
        Point pointer = backend.position();
        return new Clicked(params.button(), params.count(), pointer.x(), pointer.y());
    }

    /** the position from optional x and y: both or neither. */
    static Point position(Integer x, Integer y) throws ActionException {
        if (x == null && y == null) {
            return null;
        }
        if (x == null || y == null) {
            throw new ActionException("give both x and y, or neither to use the pointer's position");
        }
        return new Point(x, y);
    }
}
