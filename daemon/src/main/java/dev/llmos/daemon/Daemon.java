package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.protocol.ActionResult;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Methods;
import dev.llmos.protocol.RpcException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** the protocol methods: what each one does, given the catalog and the runner. */
final class Daemon {
    static final String VERSION = versionOf();

    private final ActionCatalog catalog;
    private final CallerRunner runner;
    private final int uid;
    private final Path stateDir;
    private final InstantSource clock;
    private final Instant started;
    private final TxIds txids;
    private volatile Server server;
    private volatile String activation = "";
    private volatile String socket = "";

    Daemon(ActionCatalog catalog, CallerRunner runner, int uid, Path stateDir, InstantSource clock) {
        this.catalog = catalog;
        this.runner = runner;
        this.uid = uid;
        this.stateDir = stateDir;
        this.clock = clock;
        this.started = clock.instant();
        this.txids = new TxIds(clock);
    }

    /** the server and socket this daemon answers on, for {@code system.status}. */
    void attach(Server server, String activation, String socket) {
        this.server = server;
        this.activation = activation;
        this.socket = socket;
    }

    Dispatcher dispatcher() {
        return new Dispatcher()
                .method(Methods.PING, MethodParams.None.class, (p, call) -> Json.MAPPER.createObjectNode().put("pong", true))
                .method(Methods.STATUS, MethodParams.None.class, (p, call) -> status(call))
                .method(Methods.ACTIONS_LIST, MethodParams.None.class, (p, call) -> actions())
                .longMethod(Methods.ACTION_EXECUTE, MethodParams.Execute.class, this::execute);
    }

    private JsonNode status(Dispatcher.Call call) {
        ObjectNode status = Json.MAPPER.createObjectNode()
                .put("version", VERSION)
                .put("pid", ProcessHandle.current().pid())
                .put("uid", uid)
                .put("mode", uid == 0 ? "system" : "user")
                .put("uptime_s", Duration.between(started, clock.instant()).toSeconds())
                .put("activation", activation)
                .put("socket", socket)
                .put("state_dir", stateDir.toString())
                .put("connections", server == null ? 0 : server.connectionCount())
                .put("actions", catalog.entries().size())
                .put("catalog_version", catalog.version());
        status.set("caller", Json.toTree(call.caller()));
        status.set("executors", Json.toTree(runner.executors().describe()));
        status.putArray("backends");
        status.put("llm_loaded", false);
        return status;
    }

    private JsonNode actions() {
        ObjectNode result = Json.MAPPER.createObjectNode();
        ArrayNode list = result.putArray("actions");
        for (CatalogEntry entry : catalog.entries()) {
            ObjectNode item = list.addObject()
                    .put("name", entry.name())
                    .put("description", entry.action().description())
                    .put("risk", entry.action().risk().wireName());
            item.set("params_schema", entry.schema());
            item.set("examples", Json.toTree(entry.action().examples()));
            item.set("path_params", Json.toTree(entry.pathParams()));
        }
        return result;
    }

    private JsonNode execute(MethodParams.Execute params, Dispatcher.Call call) throws RpcException {
        CatalogEntry.Bound bound = catalog.require(params.action(), "/params/action").bind(params.params(), "/params/params");
        String txid = txids.next();
        if (params.dryRun()) {
            ObjectNode preview = Json.MAPPER.createObjectNode().put("action", bound.entry().name());
            preview.set("params", bound.normalized());
            preview.put("risk", bound.entry().action().risk().wireName());
            return Json.toTree(new ActionResult(txid, bound.entry().name(), ActionResult.DRY_RUN, preview, null));
        }
        try {
            ObjectNode output = runner.run(call.caller(), bound, call.context());
            return Json.toTree(new ActionResult(txid, bound.entry().name(), ActionResult.OK, output, null));
        } catch (RpcException e) {
            throw Failures.withTxid(e, txid);
        }
    }

    private static String versionOf() {
        String version = Daemon.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
