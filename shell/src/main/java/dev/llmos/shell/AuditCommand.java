package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.llmos.protocol.Methods;
import dev.llmos.shell.cli.Parsed;

/** {@code llmsh audit tail [-n N]} and {@code llmsh audit verify}. */
final class AuditCommand {
    private AuditCommand() {
    }

    /** the newest records (a non-root caller sees only their own). */
    static int tail(Context context, Parsed<Handler> line) throws CliException {
        int limit;
        try {
            limit = Integer.parseInt(line.value("--limit", "20"));
        } catch (NumberFormatException e) {
            throw new CliException(ExitCodes.USAGE, "-n: expected a number, got '" + line.value("--limit") + "'");
        }
        JsonNode result = context.call(Methods.AUDIT_TAIL, Context.params().put("limit", limit));
        context.print(result, out -> {
            ArrayNode rows = JsonCodec.NODES.arrayNode();
            for (JsonNode record : result.path("records")) {
                rows.addObject()
                        .put("seq", record.path("seq").asLong())
                        .put("time", record.path("time").asText())
                        .put("user", record.at("/caller/user").asText())
                        .put("action", record.path("action").asText())
                        .put("decision", record.path("decision").asText())
                        .put("outcome", record.path("outcome").asText())
                        .put("txid", record.path("txid").asText());
            }
            if (rows.isEmpty()) {
                out.println("no audit records to show");
            } else {
                context.render(rows);
            }
        });
        return ExitCodes.OK;
    }

    /** checks the hash chain: exit 0 when intact, 1 when broken. */
    static int verify(Context context, Parsed<Handler> line) throws CliException {
        JsonNode result = context.call(Methods.AUDIT_VERIFY, Context.params());
        boolean ok = result.path("ok").asBoolean();
        context.print(result, out -> out.println(ok
                ? "audit chain intact: " + result.path("records").asLong() + " records"
                : "audit chain BROKEN at record " + result.path("first_bad").asText() + ": " + result.path("reason").asText()));
        return ok ? ExitCodes.OK : ExitCodes.ACTION_FAILED;
    }
}
