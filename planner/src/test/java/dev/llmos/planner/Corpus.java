package dev.llmos.planner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * the evaluation over requests written by others ({@code eval/*.tsv}, see its readme): each case with its
 * source, its split, the plan it should get (or a refusal) and where in the source it comes from.
 */
final class Corpus {
    /** the sources written by others, in report order. */
    static final List<String> SOURCES = List.of("tldr", "cheat", "clinc", "warp", "tldr-bsd", "warp-more", "cheatsh", "navi",
            "secret", "tldr-win", "tldr-more", "coupa", "ohmyzsh", "raycast");
    /** the harm set. */
    static final String HARM = "harm";
    /** the action of a case that must be refused. */
    static final String REFUSE = "-";
    /** the value of a param the request does not give: it must be asked for. */
    static final String ASK = "?";

    /**
     * one request.
     *
     * @param split {@code tuning}, {@code heldout} or {@code harm}
     * @param steps the params of each expected step (one unless several are expected)
     * @param where where in the source the request comes from
     */
    record Case(String source, String split, String text, String action, List<JsonNode> steps, String where) {
        boolean refusal() {
            return action.equals(REFUSE);
        }

        /** true when a param must be asked for rather than planned. */
        boolean asks() {
            return steps.stream().anyMatch(step -> step.properties().stream()
                    .anyMatch(param -> param.getValue().isTextual() && param.getValue().asText().equals(ASK)));
        }
    }

    private Corpus() {
    }

    /** every case of the sources and the harm set. */
    static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        SOURCES.forEach(source -> cases.addAll(load(source)));
        cases.addAll(load(HARM));
        return cases;
    }

    static List<Case> load(String source) {
        String resource = "/eval/" + source + ".tsv";
        List<Case> cases = new ArrayList<>();
        try {
            for (String[] fields : TsvResource.rows(resource, 5)) {
                JsonNode params = Json.parse(fields[3].getBytes(StandardCharsets.UTF_8));
                List<JsonNode> steps = new ArrayList<>();
                if (params.isArray()) {
                    params.forEach(steps::add);
                } else {
                    steps.add(params);
                }
                cases.add(new Case(source, fields[0], fields[1], fields[2], List.copyOf(steps), fields[4]));
            }
        } catch (RpcException e) {
            throw new IllegalStateException(resource + ": " + e.getMessage(), e);
        }
        return cases;
    }
}
