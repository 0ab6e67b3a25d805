package dev.llmos.actions.desktop;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.Risk;
import dev.llmos.actions.desktop.backend.ClipboardContent;
import dev.llmos.actions.desktop.backend.Selection;
import dev.llmos.actions.desktop.backend.SessionDetector;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;

/** {@code clipboard.get}: the text on the clipboard (or the primary selection). */
public final class ClipboardGetAction extends DesktopAction<ClipboardGetAction.Params> {
    /** the most bytes one call returns: the result must fit a protocol frame. */
    static final int MAX_BYTES = 524288;

    /**
     * params of {@code clipboard.get}.
     *
     * @param selection which selection to read
     * @param maxBytes the most bytes of text to return
     */
    public record Params(
            @JsonProperty(defaultValue = "clipboard")
            @JsonPropertyDescription("clipboard (copy and paste) or primary (the last mouse selection)")
            Selection selection,
            @Min(1) @Max(MAX_BYTES) @JsonProperty(defaultValue = "65536")
            @JsonPropertyDescription("most bytes of text to return; longer text is cut and marked truncated")
            Integer maxBytes) {
    }

    public ClipboardGetAction() {
        this(new SessionDetector());
    }

    public ClipboardGetAction(SessionDetector detector) {
        super(detector);
    }

    @Override
    public String name() {
        return "clipboard.get";
    }

    @Override
    public String description() {
        return "read the text on the clipboard (or the primary selection)";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "what's on my clipboard",
                "show the clipboard contents",
                "paste the clipboard here so I can see it",
                "what did I just copy",
                "read the clipboard",
                "get the text I copied",
                "what is in the primary selection",
                "print my clipboard",
                "write the clipboard contents to stdout",
                "tell me what text is copied right now",
                "paste the x11 primary selection to the terminal");
    }

    @Override
    public Risk risk() {
        return Risk.READ;
    }

    @Override
    public ClipboardContent execute(Params params, ActionContext context) throws ActionException {
        return backend(context).readClipboard(params.selection(), params.maxBytes());
    }
}
