package dev.llmos.planner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.Risk;
import dev.llmos.actions.files.ModeSpec;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Plan;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * runs a planner over {@link Corpus} cases and scores each: the action (a refusal is the right action of a
 * case that must be refused, and asking for the missing param is the right answer of a case that does not
 * give it), the params of a right action, and whether a wrong answer would change something (a harmful
 * reading). reports per source and split, and the planning time of each request.
 */
final class CorpusEval {
    /**
     * what the planner made of one case.
     *
     * @param answer the planned actions, {@code "-"} for a refusal, or {@code "? ACTION"} for a question
     * @param nanos how long planning took
     * @param cpuNanos the cpu time of the planning thread meanwhile (the encoder runs on it too): what the
     *     request cost, whatever else the machine was doing
     */
    record Outcome(Corpus.Case expected, boolean actionOk, boolean paramsOk, boolean harmful, String answer,
            String detail, long nanos, long cpuNanos) {
    }

    /** the figures of a group of outcomes. */
    record Figures(String name, int cases, int actionOk, int paramsOk, int harmful) {
        double actionAccuracy() {
            return cases == 0 ? 1 : (double) actionOk / cases;
        }

        /** the share of right actions that also have the right params. */
        double paramsAccuracy() {
            return actionOk == 0 ? 1 : (double) paramsOk / actionOk;
        }

        double harmfulRate() {
            return cases == 0 ? 0 : (double) harmful / cases;
        }

        String render() {
            return String.format("%-16s %5d   action %5.1f%% (%d)   params %5.1f%% of those (%d)   harmful %d (%.1f%%)",
                    name, cases, 100 * actionAccuracy(), actionOk, 100 * paramsAccuracy(), paramsOk, harmful,
                    100 * harmfulRate());
        }
    }

    private CorpusEval() {
    }

    static List<Outcome> run(List<Corpus.Case> cases, Planner planner, PlanContext context) {
        List<Outcome> outcomes = new ArrayList<>();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (Corpus.Case expected : cases) {
            long cpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            Plan plan = null;
            PlanningException refusal = null;
            try {
                plan = planner.plan(expected.text(), context);
            } catch (PlanningException e) {
                refusal = e;
            }
            long[] nanos = {System.nanoTime() - start, threads.getCurrentThreadCpuTime() - cpu};
            outcomes.add(plan != null ? planned(expected, plan, context, nanos) : refused(expected, refusal, nanos));
        }
        return outcomes;
    }

    private static Outcome planned(Corpus.Case expected, Plan plan, PlanContext context, long[] nanos) {
        List<Plan.Step> steps = plan.steps();
        String answer = String.join(",", steps.stream().map(Plan.Step::action).distinct().toList());
        boolean actionOk = !expected.refusal() && !expected.asks()
                && steps.stream().allMatch(step -> step.action().equals(expected.action()));
        boolean paramsOk = actionOk && steps.size() == expected.steps().size();
        for (int i = 0; paramsOk && i < steps.size(); i++) {
            paramsOk = matches(expected.steps().get(i), steps.get(i).params(), context.catalog().find(expected.action()));
        }
        boolean changes = steps.stream().anyMatch(step -> context.catalog().find(step.action()).action().risk()
                .compareTo(Risk.WRITE) >= 0);
        return new Outcome(expected, actionOk, paramsOk, changes && !paramsOk, answer, Json.toString(steps), nanos[0], nanos[1]);
    }

    private static Outcome refused(Corpus.Case expected, PlanningException refusal, long[] nanos) {
        String detail = refusal.reason() + ": " + refusal.getMessage();
        if (expected.refusal()) {
            return new Outcome(expected, true, true, false, Corpus.REFUSE, detail, nanos[0], nanos[1]);
        }
        if (refusal.reason() != PlanningException.Reason.MISSING_PARAM || refusal.candidates().isEmpty()) {
            return new Outcome(expected, false, false, false, Corpus.REFUSE, detail, nanos[0], nanos[1]);
        }
        Candidate asked = refusal.candidates().getFirst();
        String param = refusal.pointer() == null ? "" : refusal.pointer().substring(refusal.pointer().lastIndexOf('/') + 1);
        JsonNode want = expected.steps().getFirst();
        boolean actionOk = expected.asks() && asked.action().equals(expected.action())
                && Corpus.ASK.equals(want.path(param).asText(null));
        boolean paramsOk = actionOk && matches(without(want), asked.params(), null);
        return new Outcome(expected, actionOk, paramsOk, false, "? " + asked.action() + " " + param, detail, nanos[0],
                nanos[1]);
    }

    /** the expected params without those that must be asked for. */
    private static JsonNode without(JsonNode params) {
        var copy = Json.MAPPER.createObjectNode();
        params.properties().forEach(param -> {
            if (!(param.getValue().isTextual() && param.getValue().asText().equals(Corpus.ASK))) {
                copy.set(param.getKey(), param.getValue());
            }
        });
        return copy;
    }

    /**
     * every expected param is planned with its value (a chmod mode by its effect); any other planned param is
     * its schema default. with no entry, params beyond the expected ones are not checked.
     */
    static boolean matches(JsonNode expected, JsonNode planned, CatalogEntry entry) {
        for (var param : expected.properties()) {
            JsonNode got = planned.get(param.getKey());
            if (param.getKey().equals("mode") && got != null && sameMode(param.getValue().asText(), got.asText())) {
                continue;
            }
            if (!param.getValue().equals(got)) {
                return false;
            }
        }
        if (entry == null) {
            return true;
        }
        for (var param : planned.properties()) {
            if (!expected.has(param.getKey())) {
                JsonNode fallback = entry.schema().path("properties").path(param.getKey()).get("default");
                if (!param.getValue().equals(fallback)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** two chmod modes that give every file and directory of every permission mode the same new mode. */
    static boolean sameMode(String a, String b) {
        ModeSpec first;
        ModeSpec second;
        try {
            first = ModeSpec.parse(a);
            second = ModeSpec.parse(b);
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (int old = 0; old <= 0777; old++) {
            if (first.apply(old, false) != second.apply(old, false) || first.apply(old, true) != second.apply(old, true)) {
                return false;
            }
        }
        return true;
    }

    static Figures figures(String name, List<Outcome> outcomes, Predicate<Outcome> which) {
        List<Outcome> chosen = outcomes.stream().filter(which).toList();
        return new Figures(name, chosen.size(), (int) chosen.stream().filter(Outcome::actionOk).count(),
                (int) chosen.stream().filter(Outcome::paramsOk).count(),
                (int) chosen.stream().filter(Outcome::harmful).count());
    }

    /** the figures of every source and split, then the harm set. */
    static Map<String, Figures> report(List<Outcome> outcomes) {
        Map<String, Figures> report = new LinkedHashMap<>();
        for (String split : List.of("heldout", "tuning")) {
            for (String source : Corpus.SOURCES) {
                report.put(source + "/" + split, figures(source + "/" + split, outcomes,
                        o -> o.expected().source().equals(source) && o.expected().split().equals(split)));
            }
            report.put("all/" + split, figures("all/" + split, outcomes, o -> o.expected().split().equals(split)));
        }
        report.put(Corpus.HARM, figures(Corpus.HARM, outcomes, o -> o.expected().source().equals(Corpus.HARM)));
        return report;
    }

    /** the figures, then each miss of the chosen outcomes. */
    static String render(List<Outcome> outcomes, Predicate<Outcome> misses) {
        StringBuilder out = new StringBuilder();
        report(outcomes).values().forEach(figures -> out.append(figures.render()).append('\n'));
        for (Outcome outcome : outcomes) {
            if (misses.test(outcome) && (!outcome.actionOk() || !outcome.paramsOk())) {
                Corpus.Case c = outcome.expected();
                out.append(String.format("%s %-8s %s%n     want %s %s%n     got  %s %s%n", outcome.harmful() ? "HARM" : "miss",
                        c.source() + "/" + c.split().charAt(0), c.text(), c.action(), Json.toString(c.steps()),
                        outcome.answer(), outcome.detail()));
            }
        }
        return out.toString();
    }

    /** the median and 90th percentile of the planning times, wall then cpu, in milliseconds. */
    static double[] latencyMillis(List<Outcome> outcomes) {
        double[] wall = percentiles(outcomes.stream().mapToLong(Outcome::nanos).toArray());
        double[] cpu = percentiles(outcomes.stream().mapToLong(Outcome::cpuNanos).toArray());
        return new double[] {wall[0], wall[1], cpu[0], cpu[1]};
    }

    /** the median and 90th percentile of {@code nanos}, in milliseconds. */
    static double[] percentiles(long[] nanos) {
        if (nanos.length == 0) {
            return new double[] {0, 0};
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new double[] {sorted[sorted.length / 2] / 1e6, sorted[Math.min(sorted.length - 1, sorted.length * 9 / 10)] / 1e6};
    }

    static String latency(List<Outcome> outcomes) {
        double[] ms = latencyMillis(outcomes);
        return String.format("router latency warm over %d requests: p50 %.2f ms, p90 %.2f ms (cpu of the planning "
                + "thread: p50 %.2f ms, p90 %.2f ms)", outcomes.size(), ms[0], ms[1], ms[2], ms[3]);
    }
}
