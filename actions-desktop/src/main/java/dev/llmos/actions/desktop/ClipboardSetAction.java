package dev.llmos.actions.desktop;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.Risk;
import dev.llmos.action.Sensitive;
import dev.llmos.actions.desktop.backend.Selection;
import dev.llmos.actions.desktop.backend.SessionDetector;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * {@code clipboard.set}: puts text on the clipboard. no inverse: restoring the earlier content
 * would keep it in the undo journal, and a clipboard may hold a password.
 */
public final class ClipboardSetAction extends DesktopAction<ClipboardSetAction.Params> {
    /** the most characters one call sets: the request must fit a protocol frame. */
    static final int MAX_TEXT = 262144;

    /**
     * params of {@code clipboard.set}.
     *
     * @param text the text
     * @param selection which selection to set
     */
    public record Params(
            @NotNull @Sensitive @Size(max = MAX_TEXT)
            @JsonPropertyDescription("the text to put on the clipboard") String text,
            @JsonProperty(defaultValue = "clipboard")
            @JsonPropertyDescription("clipboard (copy and paste) or primary (the middle-click selection)")
            Selection selection) {
    }

    /**
     * what was set (never the text itself).
     *
     * @param selection the selection set
     * @param characters how many characters it holds now
     * @param bytes their utf-8 size
     */
    public record Copied(Selection selection, int characters, int bytes) {
    }

    public ClipboardSetAction() {
        this(new SessionDetector());
    }

    public ClipboardSetAction(SessionDetector detector) {
        super(detector);
    }

    @Override
    public String name() {
        return "clipboard.set";
    }

    @Override
    public String description() {
        return "put text on the clipboard (or the primary selection), replacing what it held";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "copy hello to the clipboard",
                "put this address on my clipboard",
                "copy the text 'meeting at 3pm' so I can paste it",
                "set the clipboard to my ssh public key path",
                "place 'thanks!' in the clipboard",
                "copy that url for me",
                "clear the clipboard",
                "empty the clipboard",
                "make the clipboard contain the word banana",
                "load this snippet into the clipboard");
    }

    @Override
    public Risk risk() {
        return Risk.WRITE;
    }

    @Override
    public Optional<Preview> preview(Params params, ActionContext context) {
        return Optional.of(preview("replace the " + params.selection().name().toLowerCase(java.util.Locale.ROOT) + " with "
                + count(params.text().codePointCount(0, params.text().length()), "character"), context));
    }

    @Override
    public Copied execute(Params params, ActionContext context) throws ActionException {
        backend(context).writeClipboard(params.selection(), params.text());
        return new Copied(params.selection(), params.text().codePointCount(0, params.text().length()),
                params.text().getBytes(StandardCharsets.UTF_8).length);
    }
}
