package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Methods;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code llmsh audit tail [-n N]} and {@code llmsh audit verify}. */
@Command(name = "audit", description = "Read or verify the tamper-evident audit log.",
        subcommands = {AuditCommand.Tail.class, AuditCommand.Verify.class})
final class AuditCommand {
    @ParentCommand
    Llmsh root;

    /** the newest records (a non-root caller sees only their own). */
    @Command(name = "tail", description = "Show the newest audit records (yours, unless you are root).")
    static final class Tail implements Callable<Integer> {
        @ParentCommand
        AuditCommand audit;

        @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "20", description = "How many records (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() throws CliException {
            Llmsh root = audit.root;
            JsonNode result = root.call(Methods.AUDIT_TAIL, Llmsh.params().put("limit", limit));
            root.print(result, out -> {
                var rows = Json.MAPPER.createArrayNode();
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
                Render.table(out, rows, "");
            });
            return ExitCodes.OK;
        }
    }

    /** checks the hash chain: exit 0 when intact, 1 when broken. */
    @Command(name = "verify", description = "Check the audit chain: exit 0 when intact, 1 when broken.")
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        AuditCommand audit;

        @Override
        public Integer call() throws CliException {
            Llmsh root = audit.root;
            JsonNode result = root.call(Methods.AUDIT_VERIFY, Llmsh.params());
            boolean ok = result.path("ok").asBoolean();
            root.print(result, out -> out.println(ok
                    ? "audit chain intact: " + result.path("records").asLong() + " records"
                    : "audit chain BROKEN at record " + result.path("first_bad").asText() + ": " + result.path("reason").asText()));
            return ok ? ExitCodes.OK : ExitCodes.ACTION_FAILED;
        }
    }
}
