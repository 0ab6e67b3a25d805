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

/** {@code input.scroll}: turns the mouse wheel, vertically and or horizontally. */
public final class InputScrollAction extends InputAction<InputScrollAction.Params> {
    static final int MAX_STEPS = 100;

    /**
     * params of {@code input.scroll}.
     *
     * @param dx wheel steps right (negative: left)
     * @param dy wheel steps down (negative: up)
     * @param x where to scroll, with {@code y}; absent: where the pointer is
     * @param y where to scroll, with {@code x}
     */
    public record Params(
            @Min(-MAX_STEPS) @Max(MAX_STEPS) @JsonProperty(defaultValue = "0")
            @JsonPropertyDescription("wheel steps to the right; negative scrolls left") Integer dx,
            @Min(-MAX_STEPS) @Max(MAX_STEPS) @JsonProperty(defaultValue = "0")
            @JsonPropertyDescription("wheel steps down; negative scrolls up") Integer dy,
            @Min(0) @Max(DisplayScreenshotAction.MAX_COORDINATE)
            @JsonPropertyDescription("pixels from the left edge to scroll at (with y); absent: where the pointer is")
            Integer x,
            @Min(0) @Max(DisplayScreenshotAction.MAX_COORDINATE)
            @JsonPropertyDescription("pixels from the top edge to scroll at (with x)") Integer y) {
    }

    /**
     * the scroll done.
     *
     * @param dx steps right
     * @param dy steps down
     * @param x where the pointer was
     * @param y where the pointer was
     */
    public record Scrolled(int dx, int dy, int x, int y) {
    }

    public InputScrollAction() {
        this(new SessionDetector());
    }

    public InputScrollAction(SessionDetector detector) {
        super(detector);
    }

    @Override
    public String name() {
        return "input.scroll";
    }

    @Override
    public String description() {
        return "scroll with the mouse wheel: dy steps down (negative up), dx steps right (negative left)";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "scroll down",
                "scroll up 5 times",
                "scroll down three notches at 500 400",
                "scroll to the right a bit",
                "wheel up twice",
                "scroll the page down by 10",
                "scroll left 4 steps",
                "roll the mouse wheel down over the list at 200,300");
    }

    @Override
    public Optional<Preview> preview(Params params, ActionContext context) throws ActionException {
        Point at = InputClickAction.position(params.x(), params.y());
        return Optional.of(preview("scroll " + params.dy() + " steps down and " + params.dx() + " steps right"
                + (at == null ? " where the pointer is" : " at " + at.x() + "," + at.y()), context));
    }

    @Override
    public Scrolled execute(Params params, ActionContext context) throws ActionException {
        Point at = InputClickAction.position(params.x(), params.y());
        if (params.dx() == 0 && params.dy() == 0) {
            throw new ActionException("nothing to scroll: dx and dy are both 0");
        }
        DesktopBackend backend = backend(context);
        backend.scroll(at, params.dx(), params.dy());
        Point pointer = backend.position();
        return new Scrolled(params.dx(), params.dy(), pointer.x(), pointer.y());
    }
}
