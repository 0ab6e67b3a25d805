package dev.llmos.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Methods;
import dev.llmos.protocol.RpcException;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * the tools, following the daemon's catalog. the catalog is fixed for the life of a daemon
 * process, so it can only change across a reconnection (the daemon exited when idle and was
 * started again, perhaps with other plug-ins): after each one the catalog version is compared.
 * nothing polls the daemon, so an idle daemon still exits.
 */
final class Catalog {
    /**
     * what changed between two catalogs.
     *
     * @param removed the names of tools that are gone or changed
     * @param added the tools that are new or changed
     */
    record Change(String version, List<String> removed, List<McpSchema.Tool> added) {
    }

    private final DaemonLink link;
    private String version;
    private long checkedGeneration = -1;
    private ToolNames names = ToolNames.of(List.of());
    private Map<String, McpSchema.Tool> tools = Map.of();

    Catalog(DaemonLink link) {
        this.link = link;
    }

    /** reads the catalog now; the tools to start with. */
    synchronized List<McpSchema.Tool> load() throws RpcException, IOException, InterruptedException {
        String current = daemonVersion();
        apply(current, fetch());
        return List.copyOf(tools.values());
    }

    synchronized ToolNames names() {
        return names;
    }

    /** after a reconnection, compares the catalog version; the change, or null when there is none. */
    synchronized Change refresh() throws RpcException, IOException, InterruptedException {
        if (link.connected() && link.generation() == checkedGeneration) {
            return null;
        }
        String current = daemonVersion();
        if (Objects.equals(current, version)) {
            return null;
        }
        Map<String, McpSchema.Tool> before = tools;
        apply(current, fetch());
        List<String> removed = new ArrayList<>();
        before.forEach((name, tool) -> {
            if (!tool.equals(tools.get(name))) {
                removed.add(name);
            }
        });
        List<McpSchema.Tool> added = new ArrayList<>();
        tools.forEach((name, tool) -> {
            if (!tool.equals(before.get(name))) {
                added.add(tool);
            }
        });
        return new Change(current, removed, added);
    }

    private String daemonVersion() throws RpcException, IOException, InterruptedException {
        JsonNode status = link.call(Methods.STATUS, Json.MAPPER.createObjectNode());
        checkedGeneration = link.generation();
        return status.path("catalog_version").asText();
    }

    private JsonNode fetch() throws RpcException, IOException, InterruptedException {
        return link.call(Methods.ACTIONS_LIST, Json.MAPPER.createObjectNode()).path("actions");
    }

    private void apply(String current, JsonNode actions) {
        List<String> actionNames = new ArrayList<>();
        actions.forEach(entry -> actionNames.add(entry.path("name").asText()));
        ToolNames fresh = ToolNames.of(actionNames);
        Map<String, McpSchema.Tool> built = new LinkedHashMap<>();
        for (JsonNode entry : actions) {
            if (fresh.exposes(entry.path("name").asText())) {
                McpSchema.Tool tool = ActionTools.tool(entry);
                built.put(tool.name(), tool);
            }
        }
        version = current;
        names = fresh;
        tools = built;
    }
}
