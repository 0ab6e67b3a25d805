package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.ErrorCodes;
import java.util.Locale;

/**
 * calls a method that policy may want confirmed: on -32002 it shows the preview and asks
 * {@code [y/N]} on a terminal, or confirms with {@code --yes}, and then resends the same request
 * with the token, which covers exactly what was previewed. without a terminal or --yes it stops
 * with exit 5 and nothing changes.
 */
final class Confirming {
    private Confirming() {
    }

    static JsonNode call(Llmsh root, String method, ObjectNode params) throws CliException {
        try {
            return root.call(method, params);
        } catch (CliException e) {
            if (e.error() == null || e.error().code() != ErrorCodes.CONFIRMATION_REQUIRED) {
                throw e;
            }
            JsonNode data = e.error().data();
            String token = data == null ? null : data.path("confirm").asText(null);
            if (token == null) {
                throw e;
            }
            if (!root.yes && !approve(root, e.getMessage(), data.get("preview"))) {
                throw new CliException(ExitCodes.CONFIRMATION_NEEDED, e.getMessage()
                        + (root.interactive() ? "; not confirmed, nothing was changed" : "; rerun with --yes to confirm"), e.error());
            }
            ObjectNode confirmed = params.deepCopy().put("confirm", token);
            return root.call(method, confirmed);
        }
    }

    private static boolean approve(Llmsh root, String message, JsonNode preview) {
        if (!root.interactive()) {
            return false;
        }
        var err = root.err();
        err.println(message);
        if (preview != null && !preview.isNull()) {
            java.io.StringWriter text = new java.io.StringWriter();
            Render.value(new java.io.PrintWriter(text), preview);
            text.toString().lines().forEach(line -> err.println("  " + line));
        }
        err.flush();
        String answer = root.session().ask("proceed? [y/N] ");
        return answer != null && switch (answer.trim().toLowerCase(Locale.ROOT)) {
            case "y", "yes" -> true;
            default -> false;
        };
    }
}
