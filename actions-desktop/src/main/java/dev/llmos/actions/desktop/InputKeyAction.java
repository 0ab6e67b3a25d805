package dev.llmos.actions.desktop;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.actions.desktop.backend.DesktopBackend;
import dev.llmos.actions.desktop.backend.Keys;
import dev.llmos.actions.desktop.backend.SessionDetector;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;

/** {@code input.key}: presses a key or key combination ({@code ctrl+alt+t}, {@code Return}). */
public final class InputKeyAction extends InputAction<InputKeyAction.Params> {
    /**
     * params of {@code input.key}.
     *
     * @param keys one or more combinations separated by spaces
     */
    public record Params(
            @NotNull @Size(min = 1, max = 256) @Pattern(regexp = "^[!-~]+( +[!-~]+)*$")
            @JsonPropertyDescription("a key or combination such as Return, Escape, ctrl+c, ctrl+alt+t or alt+F4; "
                    + "several are pressed in turn when separated by spaces") String keys) {
    }

    /**
     * what was pressed.
     *
     * @param keys each combination, with its keys as x keysym names
     * @param window the window that had the focus, or null
     */
    public record Pressed(List<String> keys, Long window) {
    }

    public InputKeyAction() {
        this(new SessionDetector());
    }

    public InputKeyAction(SessionDetector detector) {
        super(detector);
    }

    @Override
    public String name() {
        return "input.key";
    }

    @Override
    public String description() {
        return "press a key or key combination (e.g. Return, ctrl+c, ctrl+alt+t) in the focused window";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "press ctrl+alt+t",
                "hit enter",
                "press escape",
                "send ctrl+c",
                "press alt+f4 to close the window",
                "paste with ctrl+v",
                "press the tab key twice",
                "hit ctrl+shift+t to reopen the tab",
                "press f5 to refresh",
                "use the keyboard shortcut super+d",
                "press page down");
    }

    @Override
    public Optional<Preview> preview(Params params, ActionContext context) throws ActionException {
        return Optional.of(preview("press " + String.join(" ", Keys.parse(params.keys()).stream().map(Keys.Combo::toString)
                .toList()), context));
    }

    @Override
    public Pressed execute(Params params, ActionContext context) throws ActionException {
        List<Keys.Combo> combos = Keys.parse(params.keys());
        DesktopBackend backend = backend(context);
        Long window = boxed(backend.inputWindow());
        backend.keys(combos);
        return new Pressed(combos.stream().map(Keys.Combo::toString).toList(), window);
    }
}
