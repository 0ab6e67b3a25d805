package dev.llmos.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * one host of an inventory and how ssh reaches it, from ansible's own variables:
 * {@code ansible_host}, {@code ansible_port}, {@code ansible_user},
 * {@code ansible_ssh_private_key_file}, {@code ansible_ssh_common_args} and
 * {@code ansible_ssh_extra_args} (split as a posix shell would, run without one), and
 * {@code llmos_socket} for a daemon socket other than the system one.
 *
 * @param name the inventory name
 * @param vars its variables, as ansible resolved them
 */
public record InventoryHost(String name, JsonNode vars) {
    /** how ansible connects to it ({@code ssh} unless the inventory says otherwise). */
    public String connection() {
        return vars.path("ansible_connection").asText("ssh");
    }

    /** the ssh destination: {@code [user@]host}, or {@code ssh://[user@]host:port} with a port. */
    public String destination() {
        String host = vars.path("ansible_host").asText(name);
        String user = vars.path("ansible_user").isValueNode() ? vars.get("ansible_user").asText() : null;
        String port = vars.path("ansible_port").isValueNode() ? vars.get("ansible_port").asText() : null;
        String login = user == null || user.isEmpty() ? "" : user + "@";
        if (port == null || port.isEmpty()) {
            return login + host;
        }
        return "ssh://" + login + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** the options ssh needs for it beyond the destination. */
    public List<String> sshOptions() {
        List<String> options = new ArrayList<>();
        JsonNode key = vars.path("ansible_ssh_private_key_file");
        if (key.isTextual() && !key.textValue().isEmpty()) {
            options.add("-i");
            options.add(key.textValue());
        }
        for (String variable : List.of("ansible_ssh_common_args", "ansible_ssh_extra_args")) {
            JsonNode value = vars.path(variable);
            if (value.isTextual()) {
                options.addAll(Words.split(value.textValue()));
            }
        }
        return options;
    }

    /** the daemon's socket on the host, or null for the default. */
    public String socket() {
        JsonNode socket = vars.path("llmos_socket");
        return socket.isTextual() && !socket.textValue().isEmpty() ? socket.textValue() : null;
    }
}
