package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.ErrorCodes;
import java.util.List;
import java.util.Locale;

/**
 * calls a method that policy may want confirmed. on -32002 it shows the preview (what would
 * change, the full reason) and asks {@code [y/N]} on a terminal, or confirms with {@code --yes},
 * and then resends the same request with the token, which covers exactly what was previewed.
 * {@code --confirm TOKEN} sends a token from an earlier answer with the first request, for scripts.
 * without a terminal, --yes or a token it stops with exit 5 and nothing changes.
 */
final class Confirming {
    private Confirming() {
    }

    /**
     * @param acceptsToken whether {@code --confirm TOKEN} belongs to this request (the one that
     *     changes something), not to a step before it such as planning
     */
    static JsonNode call(Context context, String method, ObjectNode params, boolean acceptsToken) throws CliException {
        boolean tokenGiven = acceptsToken && context.confirm != null;
        ObjectNode first = tokenGiven ? params.deepCopy().put("confirm", context.confirm) : params;
        try {
            return context.call(method, first);
        } catch (CliException e) {
            if (e.error() == null || e.error().code() != ErrorCodes.CONFIRMATION_REQUIRED) {
                throw e;
            }
            JsonNode data = e.error().data();
            String token = data == null ? null : data.path("confirm").asText(null);
            if (token == null) {
                throw e;
            }
            if (tokenGiven) {
                throw new CliException(ExitCodes.CONFIRMATION_NEEDED, e.getMessage()
                        + "; the token given with --confirm was not accepted, nothing was changed", e.error(),
                        List.of("(a new token for exactly this request: " + token + ")"));
            }
            if (!context.yes && !approve(context, e.getMessage(), data.get("preview"))) {
                throw new CliException(ExitCodes.CONFIRMATION_NEEDED, e.getMessage()
                        + (context.interactive() ? "; not confirmed, nothing was changed" : ""), e.error(),
                        context.interactive() ? List.of() : List.of("(rerun with --yes, or within "
                                + data.path("expires_s").asLong(300) / 60 + " min with --confirm " + token
                                + "; --dry-run shows what it would do)"));
            }
            ObjectNode confirmed = params.deepCopy().put("confirm", token);
            return context.call(method, confirmed);
        }
    }

    private static boolean approve(Context context, String message, JsonNode preview) {
        if (!context.interactive()) {
            return false;
        }
        var err = context.err();
        err.println(message);
        Previews.show(err, preview, context.errLayout());
        err.flush();
        String answer = context.session().ask("proceed? [y/N] ");
        return answer != null && switch (answer.trim().toLowerCase(Locale.ROOT)) {
            case "y", "yes" -> true;
            default -> false;
        };
    }
}
