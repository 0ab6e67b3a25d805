package dev.llmos.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * the params record of each protocol method: its schema is what the daemon accepts, and clients
 * build their requests from the same records (absent fields are left out of the json).
 */
public final class MethodParams {
    private MethodParams() {
    }

    /** a method that takes no params: any field is unknown. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record None() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ActionsList(
            @Size(max = 64) @JsonPropertyDescription("only these actions; all when absent")
            java.util.List<@NotNull @Size(max = 128) String> names) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Execute(
            @NotNull @Size(min = 1, max = 128) @JsonPropertyDescription("action name, family.verb") String action,
            @NotNull @JsonPropertyDescription("the action's params object") ObjectNode params,
            @JsonProperty(defaultValue = "false") @JsonPropertyDescription("validate and preview only") Boolean dryRun,
            @Size(max = 256) @JsonPropertyDescription("confirmation token from a -32002 error") String confirm) {
        /**
         * the request's params as a tree, as the mapper writes them, without an {@code ObjectMapper}:
         * building one is most of a one-shot llmsh's cost (docs/benchmarks.md, issue 12).
         */
        public ObjectNode toTree() {
            ObjectNode tree = JsonNodeFactory.instance.objectNode().put("action", action);
            tree.set("params", params);
            return optional(tree, dryRun, confirm);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PlanCreate(
            @NotNull @Size(min = 1, max = 2000) @JsonPropertyDescription("what the person wants, in plain words") String text,
            @Size(max = 4096) @JsonPropertyDescription("the client's working directory, for relative words like here") String cwd,
            @Size(max = 256) @JsonPropertyDescription("confirmation token from a -32002 error: consent to send this request "
                    + "to a remote llm") String confirm) {
        /** the params as sent, without an {@code ObjectMapper} (llmsh's start-up path). */
        public ObjectNode toTree() {
            ObjectNode tree = JsonNodeFactory.instance.objectNode().put("text", text);
            if (cwd != null) {
                tree.put("cwd", cwd);
            }
            return optional(tree, null, confirm);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PlanExecute(
            @NotNull @JsonPropertyDescription("a plan as made by plan.create or saved by llmsh plan") ObjectNode plan,
            @JsonProperty(defaultValue = "false") @JsonPropertyDescription("decide and preview every step only") Boolean dryRun,
            @Size(max = 256) @JsonPropertyDescription("confirmation token from a -32002 error, bound to the whole plan") String confirm) {
        /** the params as sent, without an {@code ObjectMapper} (llmsh's start-up path). */
        public ObjectNode toTree() {
            ObjectNode tree = JsonNodeFactory.instance.objectNode();
            tree.set("plan", plan);
            return optional(tree, dryRun, confirm);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuditTail(
            @Min(1) @Max(10000) @JsonProperty(defaultValue = "20") @JsonPropertyDescription("how many records, newest last") Integer limit) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PolicyCheck(
            @NotNull @Size(min = 1, max = 128) @JsonPropertyDescription("action name, family.verb") String action,
            @NotNull @JsonPropertyDescription("the action's params object") ObjectNode params) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PolicySuggest(
            @NotNull @Size(min = 1, max = 128) @JsonPropertyDescription("action name, family.verb") String action,
            @NotNull @JsonPropertyDescription("the action's params object") ObjectNode params,
            @Pattern(regexp = "allow|ask") @JsonPropertyDescription("the decision the rule gives; one step more permissive "
                    + "than today's when absent") String decision) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Undo(
            @NotNull @Size(min = 1, max = 64) @JsonPropertyDescription("the transaction to undo") String txid,
            @JsonProperty(defaultValue = "false") @JsonPropertyDescription("preview the undo only") Boolean dryRun,
            @Size(max = 256) @JsonPropertyDescription("confirmation token from a -32002 error") String confirm) {
        /** the request's params as a tree, as the mapper writes them, without an {@code ObjectMapper}. */
        public ObjectNode toTree() {
            return optional(JsonNodeFactory.instance.objectNode().put("txid", txid), dryRun, confirm);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LeaseGrant(
            @NotNull @Pattern(regexp = "[a-z][a-z0-9_-]{0,31}") @JsonPropertyDescription("the lease kind, e.g. input") String kind,
            @NotNull @Min(1) @Max(43200) @JsonPropertyDescription("how long the lease lasts, in seconds (at most 12 h)")
            Integer durationS,
            @Size(max = 256) @JsonPropertyDescription("confirmation token from a -32002 error") String confirm) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LeaseRevoke(
            @Pattern(regexp = "[a-z][a-z0-9_-]{0,31}") @JsonPropertyDescription("the lease kind; all of the caller's when absent")
            String kind) {
    }

    /** adds the optional {@code dry_run} and {@code confirm} fields that are present. */
    private static ObjectNode optional(ObjectNode tree, Boolean dryRun, String confirm) {
        if (dryRun != null) {
            tree.put("dry_run", dryRun);
        }
        if (confirm != null) {
            tree.put("confirm", confirm);
        }
        return tree;
    }
}
