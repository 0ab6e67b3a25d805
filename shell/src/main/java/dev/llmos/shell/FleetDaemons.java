package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.fleet.FleetReport;
import dev.llmos.fleet.HostResult;
import dev.llmos.fleet.InventoryHost;
import dev.llmos.protocol.ErrorCodes;
import dev.llmos.protocol.MethodParams;
import dev.llmos.protocol.Methods;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code llmsh fleet apply --via llm-osd}: the plan through each host's own llm-osd, over ssh as
 * {@code llmsh --host} reaches it (one connection per host, all hosts at once), so each host's
 * policy, confirmation, audit and undo apply. {@code --yes} confirms what a host's policy asks
 * about; without it such a host is reported unconfirmed and nothing runs there.
 */
final class FleetDaemons {
    private FleetDaemons() {
    }

    static FleetReport apply(List<InventoryHost> hosts, JsonNode plan, boolean check, boolean yes, Map<String, String> env)
            throws InterruptedException {
        List<Future<HostResult>> running = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (InventoryHost host : hosts) {
                Callable<HostResult> one = () -> applyOn(host, plan, check, yes, env);
                running.add(pool.submit(one));
            }
        }
        List<HostResult> results = new ArrayList<>();
        for (Future<HostResult> result : running) {
            try {
                results.add(result.get());
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a host's run failed unexpectedly", e.getCause());
            }
        }
        return new FleetReport("llm-osd", check, results);
    }

    private static HostResult applyOn(InventoryHost host, JsonNode plan, boolean check, boolean yes, Map<String, String> env) {
        SshTarget target;
        try {
            target = SshTarget.of(host.destination(), host.socket(), host.sshOptions(), env);
        } catch (CliException e) {
            return new HostResult(host.name(), HostResult.Status.FAILED, List.of(), e.getMessage());
        }
        if (!(plan instanceof ObjectNode object)) {
            return new HostResult(host.name(), HostResult.Status.FAILED, List.of(), "the plan is not a json object");
        }
        ObjectNode params = new MethodParams.PlanExecute(object, check ? true : null, null).toTree();
        try (DaemonClient client = new SshTunnel(target, env).connect()) {
            JsonNode result;
            try {
                result = client.call(Methods.PLAN_EXECUTE, params, progress -> { });
            } catch (CliException e) {
                String token = e.error() == null || e.error().data() == null ? null
                        : e.error().data().path("confirm").asText(null);
                if (e.error() == null || e.error().code() != ErrorCodes.CONFIRMATION_REQUIRED || !yes || token == null) {
                    throw e;
                }
                result = client.call(Methods.PLAN_EXECUTE, params.deepCopy().put("confirm", token), progress -> { });
            }
            return result(host.name(), result);
        } catch (CliException e) {
            HostResult.Status status = e.error() == null
                    ? (e.exitCode() == ExitCodes.DAEMON_UNAVAILABLE ? HostResult.Status.UNREACHABLE : HostResult.Status.FAILED)
                    : switch (e.error().code()) {
                        case ErrorCodes.DENIED -> HostResult.Status.DENIED;
                        case ErrorCodes.CONFIRMATION_REQUIRED -> HostResult.Status.UNCONFIRMED;
                        default -> HostResult.Status.FAILED;
                    };
            return new HostResult(host.name(), status, List.of(), e.getMessage());
        }
    }

    /** a host's {@code plan.execute} result: each step's state, and the host's in one word. */
    static HostResult result(String host, JsonNode result) {
        List<HostResult.StepOutcome> steps = new ArrayList<>();
        boolean failed = false;
        boolean changed = false;
        for (JsonNode step : result.path("results")) {
            String state = step.path("status").asText();
            failed |= state.equals("failed");
            changed |= state.equals("ok") || state.equals("dry_run");
            String detail = step.hasNonNull("txid") ? step.get("txid").asText()
                    : step.path("error").path("message").asText(step.path("reason").asText(null));
            steps.add(new HostResult.StepOutcome(step.path("step").asInt() + 1, step.path("action").asText(), state, detail));
        }
        HostResult.Status status = failed ? HostResult.Status.FAILED : changed ? HostResult.Status.CHANGED : HostResult.Status.OK;
        return new HostResult(host, status, steps, null);
    }
}
