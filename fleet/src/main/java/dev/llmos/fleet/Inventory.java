package dev.llmos.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * the hosts of an ansible inventory, as ansible itself reads it ({@code ansible-inventory --list}):
 * ini, yaml, directories and dynamic inventories alike, with every variable resolved.
 */
public final class Inventory {
    /** the program, found on the path. */
    static final String PROGRAM = "ansible-inventory";

    private Inventory() {
    }

    /** every host, in the order the inventory lists them, with its variables. */
    public static List<InventoryHost> read(Path inventory, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(PROGRAM, "-i", inventory.toString(), "--list")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("cannot run " + PROGRAM + " (install ansible: apt-get install ansible): " + e.getMessage(), e);
        }
        byte[][] err = new byte[1][];
        Thread errors = Thread.ofVirtual().start(() -> {
            try {
                err[0] = process.getErrorStream().readAllBytes();
            } catch (IOException e) {
                err[0] = new byte[0];
            }
        });
        byte[] output = process.getInputStream().readAllBytes();
        int exit = process.waitFor();
        errors.join();
        if (exit != 0) {
            throw new IOException(PROGRAM + " could not read " + inventory + ": "
                    + new String(err[0], StandardCharsets.UTF_8).strip());
        }
        List<InventoryHost> hosts = hosts(new ObjectMapper().readTree(output));
        if (hosts.isEmpty()) {
            throw new IOException(inventory + " lists no hosts");
        }
        return hosts;
    }

    /** the hosts of {@code ansible-inventory --list}'s document, walking the groups from {@code all}. pure. */
    static List<InventoryHost> hosts(JsonNode list) {
        Set<String> names = new LinkedHashSet<>();
        walk(list, "all", names, new HashSet<>());
        JsonNode vars = list.path("_meta").path("hostvars");
        List<InventoryHost> hosts = new ArrayList<>();
        for (String name : names) {
            hosts.add(new InventoryHost(name, vars.path(name)));
        }
        return hosts;
    }

    private static void walk(JsonNode list, String group, Set<String> names, Set<String> seen) {
        if (!seen.add(group)) {
            return;
        }
        JsonNode node = list.path(group);
        node.path("hosts").forEach(host -> names.add(host.asText()));
        node.path("children").forEach(child -> walk(list, child.asText(), names, seen));
    }
}
