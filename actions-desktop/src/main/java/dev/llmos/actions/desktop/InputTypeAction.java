package dev.llmos.actions.desktop;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.Sensitive;
import dev.llmos.actions.desktop.backend.DesktopBackend;
import dev.llmos.actions.desktop.backend.SessionDetector;
import dev.llmos.actions.desktop.x11.X11Backend;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;

/** {@code input.type}: types text into the focused window, as if on the keyboard. */
public final class InputTypeAction extends InputAction<InputTypeAction.Params> {
    /** the most characters one call types. */
    static final int MAX_TEXT = 4096;

    /**
     * params of {@code input.type}.
     *
     * @param text what to type; newlines press return, tabs press tab
     * @param delayMs pause between characters
     */
    public record Params(
            @NotNull @Sensitive @Size(min = 1, max = MAX_TEXT)
            @JsonPropertyDescription("the text to type into the focused window; a newline presses return") String text,
            @Min(0) @Max(1000) @JsonProperty(defaultValue = "12")
            @JsonPropertyDescription("milliseconds between characters (at least " + X11Backend.MIN_REMAP_DELAY_MS
                    + " for non-ascii text, which needs a keymap change per character)") Integer delayMs) {
    }

    /**
     * what was typed (never the text itself).
     *
     * @param characters how many characters
     * @param delayMs the pause used between them
     * @param window the window that had the focus, or null
     */
    public record Typed(int characters, int delayMs, Long window) {
    }

    public InputTypeAction() {
        this(new SessionDetector());
    }

    public InputTypeAction(SessionDetector detector) {
        super(detector);
    }

    @Override
    public String name() {
        return "input.type";
    }

    @Override
    public String description() {
        return "type text into the focused window as keystrokes";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "type hello world",
                "simulate typing on the keyboard",
                "type my email address into the form",
                "enter the text 'good morning' in the focused window",
                "write 'ls -la' in the terminal and press enter",
                "type this sentence for me",
                "fill in the search box with weather tomorrow",
                "key in the password field text",
                "type out the address 221b baker street",
                "input the text into the active window",
                "typewrite 'thank you' into the chat");
    }

    @Override
    public Optional<Preview> preview(Params params, ActionContext context) throws ActionException {
        checkTypeable(params.text());
        return Optional.of(preview("type " + count(params.text().codePointCount(0, params.text().length()), "character")
                + " into the focused window", context));
    }

    @Override
    public Typed execute(Params params, ActionContext context) throws ActionException {
        String text = params.text();
        checkTypeable(text);
        DesktopBackend backend = backend(context);
        Long window = boxed(backend.inputWindow());
        backend.type(text, params.delayMs(), context::cancelled);
        return new Typed(text.codePointCount(0, text.length()), X11Backend.effectiveDelay(text, params.delayMs()),
                window);
    }

    /** control characters other than newline and tab have no key to type them with. */
    static void checkTypeable(String text) throws ActionException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\n' && c != '\t' && (c < 0x20 || c == 0x7f)) {
                throw new ActionException(String.format("text holds a control character (U+%04X at %d) that cannot "
                        + "be typed; only newlines and tabs can", (int) c, i));
            }
        }
    }
}
