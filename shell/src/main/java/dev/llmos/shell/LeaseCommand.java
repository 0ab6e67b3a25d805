package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.Methods;
import dev.llmos.shell.cli.Parsed;
import java.util.Locale;

/** {@code llmsh lease KIND DURATION}, {@code llmsh lease revoke [KIND]}, {@code llmsh lease list}. */
final class LeaseCommand {
    private LeaseCommand() {
    }

    static int grant(Context context, Parsed<Handler> line) throws CliException {
        String kind = line.arg("KIND");
        String duration = line.arg("DURATION");
        if (kind == null || duration == null) {
            throw new CliException(ExitCodes.USAGE, "usage: llmsh lease KIND DURATION | lease revoke [KIND] | lease list");
        }
        ObjectNode params = Context.params().put("kind", kind).put("duration_s", seconds(duration));
        JsonNode lease = Confirming.call(context, Methods.LEASE_GRANT, params, true);
        context.print(lease, out -> {
            out.print(lease.path("kind").asText() + " lease until ");
            context.render(lease.path("expires"));
        });
        return ExitCodes.OK;
    }

    /** seconds in a duration such as {@code 90s}, {@code 10m}, {@code 2h} (a bare number is seconds). */
    static int seconds(String text) throws CliException {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int end = t.isEmpty() ? 0 : t.length() - (Character.isLetter(t.charAt(t.length() - 1)) ? 1 : 0);
        String digits = t.substring(0, end);
        String unit = t.substring(end);
        if (digits.isEmpty() || digits.length() > 6 || !digits.chars().allMatch(Character::isDigit)
                || !(unit.isEmpty() || unit.equals("s") || unit.equals("m") || unit.equals("h"))) {
            throw new CliException(ExitCodes.USAGE, "not a duration: " + text + " (use e.g. 90s, 10m, 2h)");
        }
        long value = Long.parseLong(digits);
        long seconds = switch (unit) {
            case "m" -> value * 60;
            case "h" -> value * 3600;
            default -> value;
        };
        if (seconds < 1 || seconds > 12 * 3600) {
            throw new CliException(ExitCodes.USAGE, "a lease lasts from 1 s to 12 h, not " + text);
        }
        return (int) seconds;
    }

    static int revoke(Context context, Parsed<Handler> line) throws CliException {
        ObjectNode params = Context.params();
        if (line.arg("KIND") != null) {
            params.put("kind", line.arg("KIND"));
        }
        JsonNode result = context.call(Methods.LEASE_REVOKE, params);
        context.print(result, out -> out.println("revoked " + result.path("revoked").size() + " lease(s)"));
        return ExitCodes.OK;
    }

    static int list(Context context, Parsed<Handler> line) throws CliException {
        JsonNode result = context.call(Methods.LEASE_LIST, Context.params());
        context.print(result, out -> context.render(result));
        return ExitCodes.OK;
    }
}
