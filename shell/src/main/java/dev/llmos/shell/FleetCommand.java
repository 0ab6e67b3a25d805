package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.fleet.AnsibleExport;
import dev.llmos.fleet.AnsibleRun;
import dev.llmos.fleet.FleetReport;
import dev.llmos.fleet.HostResult;
import dev.llmos.fleet.Inventory;
import dev.llmos.fleet.Refusal;
import dev.llmos.protocol.Methods;
import dev.llmos.shell.cli.Parsed;
import dev.llmos.shell.render.Escapes;
import dev.llmos.shell.render.Style;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code llmsh plan export --ansible FILE} and {@code llmsh fleet apply -i INVENTORY FILE}: a saved
 * plan as an ansible playbook of ansible's own modules, and that playbook run on every host of an
 * inventory by the real {@code ansible-playbook}, reported per host.
 */
final class FleetCommand {
    static final String ANSIBLE = "--ansible";
    static final String INVENTORY = "--inventory";
    static final String CHECK = "--check";
    static final String VIA = "--via";

    private FleetCommand() {
    }

    static int export(Context context, Parsed<Handler> line) throws CliException {
        if (!line.flag(ANSIBLE)) {
            throw new CliException(ExitCodes.USAGE, "give the format: --ansible (the only one so far)");
        }
        AnsibleExport.Playbook playbook = playbook(context, Path.of(line.arg("FILE")));
        String output = line.value("--output");
        if (output == null) {
            context.out().print(playbook.yaml());
            return ExitCodes.OK;
        }
        try {
            Files.writeString(Path.of(output), playbook.yaml());
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot write " + output + ": " + e.getMessage());
        }
        context.err().println("wrote " + playbook.steps() + " steps as " + playbook.tasks() + " tasks to " + output
                + "; try it with: ansible-playbook -i INVENTORY --check " + output);
        return ExitCodes.OK;
    }

    static int apply(Context context, Parsed<Handler> line) throws CliException {
        String given = line.value(INVENTORY);
        if (given == null) {
            throw new CliException(ExitCodes.USAGE, "give the hosts: -i INVENTORY (an ansible inventory)");
        }
        Path inventory = Path.of(given);
        boolean check = line.flag(CHECK);
        Path planFile = Path.of(line.arg("FILE"));
        String via = line.value(VIA) == null ? "ansible" : line.value(VIA);
        FleetReport report;
        try {
            report = switch (via) {
                case "ansible" -> viaAnsible(context, inventory, playbook(context, planFile), check);
                case "llm-osd" -> FleetDaemons.apply(Inventory.read(inventory, context.env()), readPlan(planFile), check,
                        context.yes, context.env());
                default -> throw new CliException(ExitCodes.USAGE, "--via " + Escapes.inline(via)
                        + ": ansible or llm-osd");
            };
        } catch (IOException e) {
            throw new CliException(ExitCodes.ACTION_FAILED, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.ACTION_FAILED, "interrupted");
        }
        if (context.json) {
            context.printJson(json(report));
        } else {
            show(context, report);
        }
        return report.anyBad() ? ExitCodes.ACTION_FAILED : ExitCodes.OK;
    }

    /** the playbook, written to a private temporary file for ansible-playbook and removed after. */
    private static FleetReport viaAnsible(Context context, Path inventory, AnsibleExport.Playbook playbook, boolean check)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("llmsh-fleet", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        try {
            Path file = dir.resolve("playbook.yml");
            Files.writeString(file, playbook.yaml());
            return AnsibleRun.run(inventory, file, check, context.env());
        } finally {
            delete(dir);
        }
    }

    private static JsonNode readPlan(Path file) throws CliException {
        try {
            return JsonCodec.parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot read " + file + ": " + e.getMessage());
        } catch (JsonCodec.JsonException e) {
            throw new CliException(ExitCodes.USAGE, file + " is not a plan: " + e.getMessage());
        }
    }

    /** the plan in {@code file} as a playbook, or every step that has no faithful module. */
    private static AnsibleExport.Playbook playbook(Context context, Path file) throws CliException {
        JsonNode plan = readPlan(file);
        AnsibleExport.Result result;
        try {
            result = AnsibleExport.export(plan, Map.of());
            if (result instanceof AnsibleExport.Refusals) {
                // ask the catalog for the refused actions' risks, so that a read says it only reads
                result = AnsibleExport.export(plan, risks(context, plan));
            }
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, file + ": " + e.getMessage());
        }
        return switch (result) {
            case AnsibleExport.Playbook playbook -> playbook;
            case AnsibleExport.Refusals refusals -> {
                List<String> lines = new ArrayList<>();
                for (Refusal refusal : refusals.refusals()) {
                    lines.add("  " + Escapes.inline(refusal.toString()));
                }
                lines.add("(nothing was written; run such steps through llm-osd: llmsh apply, or llmsh --host HOST apply)");
                throw new CliException(ExitCodes.ACTION_FAILED, "cannot export " + file + " to ansible: "
                        + refusals.refusals().size() + " step" + (refusals.refusals().size() == 1 ? " has" : "s have")
                        + " no faithful ansible module", null, lines);
            }
        };
    }

    /** each action's risk from the daemon's catalog; empty when no daemon answers (the reasons are then general). */
    private static Map<String, String> risks(Context context, JsonNode plan) {
        Map<String, String> risks = new HashMap<>();
        try {
            ObjectNode params = Context.params();
            ArrayNode names = params.putArray("names");
            plan.path("steps").forEach(step -> names.add(step.path("action").asText()));
            for (JsonNode entry : context.call(Methods.ACTIONS_LIST, params).path("actions")) {
                risks.put(entry.path("name").asText(), entry.path("risk").asText());
            }
        } catch (CliException e) {
            risks.clear();
        }
        return risks;
    }

    private static void show(Context context, FleetReport report) {
        for (HostResult host : report.hosts()) {
            Style style = host.status().bad() ? Style.BOLD_RED : host.status() == HostResult.Status.CHANGED
                    ? Style.YELLOW : Style.GREEN;
            context.out().print(style, Escapes.inline(host.host())).println(": " + host.status().word()
                    + (report.check() && host.status() == HostResult.Status.CHANGED ? " (would change)" : "")
                    + (host.message() == null ? "" : " - " + Escapes.inline(host.message())));
            for (HostResult.StepOutcome step : host.steps()) {
                context.out().println("  " + step.state() + "  " + Escapes.inline(step.task())
                        + (step.detail() == null ? "" : " - " + Escapes.inline(step.detail())));
            }
        }
        long bad = report.hosts().stream().filter(h -> h.status().bad()).count();
        context.err().println(report.hosts().size() + " host" + (report.hosts().size() == 1 ? "" : "s")
                + (report.check() ? " checked (dry run)" : "") + ", " + bad + " failed or unreachable");
    }

    static ObjectNode json(FleetReport report) {
        ObjectNode node = JsonCodec.object().put("via", report.via()).put("check", report.check());
        ArrayNode hosts = node.putArray("hosts");
        for (HostResult host : report.hosts()) {
            ObjectNode item = hosts.addObject().put("host", host.host()).put("status", host.status().word());
            if (host.message() != null) {
                item.put("message", host.message());
            }
            ArrayNode steps = item.putArray("steps");
            for (HostResult.StepOutcome step : host.steps()) {
                ObjectNode outcome = steps.addObject().put("step", step.step()).put("task", step.task())
                        .put("state", step.state());
                if (step.detail() != null) {
                    outcome.put("detail", step.detail());
                }
            }
        }
        return node;
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a temp dir left behind holds nothing secret beyond the plan the user gave
        }
    }
}
