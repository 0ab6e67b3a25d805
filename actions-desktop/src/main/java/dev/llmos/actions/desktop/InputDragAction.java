package dev.llmos.actions.desktop;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.actions.desktop.backend.Point;
import dev.llmos.actions.desktop.backend.SessionDetector;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Optional;

/** {@code input.drag}: presses a mouse button at one position, moves to another and releases it there. */
public final class InputDragAction extends InputAction<InputDragAction.Params> {
    /**
     * params of {@code input.drag}.
     *
     * @param fromX where to press, x
     * @param fromY where to press, y
     * @param toX where to release, x
     * @param toY where to release, y
     * @param button the button held
     */
    public record Params(
            @NotNull @Min(0) @Max(DisplayScreenshotAction.MAX_COORDINATE)
            @JsonPropertyDescription("x where the button is pressed") Integer fromX,
            @NotNull @Min(0) @Max(DisplayScreenshotAction.MAX_COORDINATE)
            @JsonPropertyDescription("y where the button is pressed") Integer fromY,
            @NotNull @Min(0) @Max(DisplayScreenshotAction.MAX_COORDINATE)
            @JsonPropertyDescription("x where the button is released") Integer toX,
            @NotNull @Min(0) @Max(DisplayScreenshotAction.MAX_COORDINATE)
            @JsonPropertyDescription("y where the button is released") Integer toY,
            @Min(1) @Max(9) @JsonProperty(defaultValue = "1")
            @JsonPropertyDescription("mouse button held during the drag: 1 left, 2 middle, 3 right") Integer button) {
    }

    /**
     * the drag done.
     *
     * @param from where the button went down
     * @param to where it came up
     * @param button the button
     */
    public record Dragged(Point from, Point to, int button) {
    }

    public InputDragAction() {
        this(new SessionDetector());
    }

    public InputDragAction(SessionDetector detector) {
        super(detector);
    }

    @Override
    public String name() {
        return "input.drag";
    }

    @Override
    public String description() {
        return "drag with the mouse: press a button at one position, move to another, release it there";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "drag from 100,100 to 400,300",
                "drag the file icon at 50 60 onto the trash at 900 700",
                "click and drag from 10 10 to 200 200 to select",
                "move the window by dragging its title bar from 300,10 to 600,10",
                "drag and drop from 120 340 to 560 340",
                "select the text by dragging from 100 200 to 400 200",
                "hold the left button at 20,20 and release at 80,80",
                "right drag from 500 500 to 600 600");
    }

    @Override
    public Optional<Preview> preview(Params params, ActionContext context) {
        return Optional.of(preview("drag with button " + params.button() + " from " + params.fromX() + "," + params.fromY()
                + " to " + params.toX() + "," + params.toY(), context));
    }

    @Override
    public Dragged execute(Params params, ActionContext context) throws ActionException {
        Point from = new Point(params.fromX(), params.fromY());
        Point to = new Point(params.toX(), params.toY());
        backend(context).drag(from, to, params.button());
        return new Dragged(from, to, params.button());
    }
}
