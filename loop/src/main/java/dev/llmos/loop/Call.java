package dev.llmos.loop;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Objects;

/**
 * one action the model asked for, as the daemon accepted it: the name known to the catalog and the
 * params validated against its schema, defaults filled in.
 *
 * @param id the step's id within the loop, {@code s1}, {@code s2}, ...: what the model cites
 * @param action the action's name, e.g. {@code fs.list}
 * @param params the validated params
 * @param risk the action's risk: {@code read}, {@code write}, {@code destructive} or {@code system}
 */
public record Call(
        @NotNull @Size(min = 2, max = 8) @JsonPropertyDescription("the step id, s1, s2, ...") String id,
        @NotNull @Size(min = 1, max = 128) @JsonPropertyDescription("the action name, family.verb") String action,
        @NotNull @JsonPropertyDescription("the validated params") ObjectNode params,
        @NotNull @Size(min = 1, max = 16) @JsonPropertyDescription("the action's risk") String risk) {
    public static final String READ = "read";

    public Call {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(risk, "risk");
    }

    /** whether running it changes nothing (risk {@code read}). */
    @JsonIgnore
    public boolean isRead() {
        return READ.equals(risk);
    }
}
