package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Response;
import dev.llmos.protocol.RpcException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * the work of a typical one-shot run without a daemon, for the aot training run at build time:
 * decode a response frame, parse typed params, render a result, and build picocli's model of every
 * subcommand (a one-shot run builds only its own, so the training run must load them all).
 */
final class Training {
    private static final String FRAME = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"txid\":\"tx-0\",\"action\":\"fs.list\","
            + "\"status\":\"ok\",\"output\":{\"path\":\"/tmp\",\"total\":1,\"entries\":[{\"name\":\"a\",\"size_bytes\":2048,"
            + "\"tags\":[\"x\"]}],\"nested\":{\"k\":1}},\"undo\":{\"available\":false}}}";
    private static final String SCHEMA = "{\"properties\":{\"limit\":{\"type\":\"integer\"},\"hidden\":{\"type\":\"boolean\"},"
            + "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}";

    private Training() {
    }

    static void run(PrintWriter out) {
        try {
            Response response = Response.decode(Json.parse(FRAME.getBytes(StandardCharsets.UTF_8)));
            JsonNode schema = Json.parse(SCHEMA.getBytes(StandardCharsets.UTF_8));
            ParamParser.parse(List.of("limit=5", "hidden=yes", "tags=a,b", "path=/tmp"), schema, null);
            Render.value(out, response.result());
            out.println(Json.toString(response.result()));
            try (Session session = new Session()) {
                Main.commandLine(new Llmsh(java.util.Map.of(), false, session), out, out, new String[] {"--help"});
            }
        } catch (RpcException | CliException e) {
            throw new IllegalStateException("aot training input is broken", e);
        }
    }
}
