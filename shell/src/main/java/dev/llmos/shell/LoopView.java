package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.loop.Budget;
import dev.llmos.loop.Call;
import dev.llmos.loop.Citations;
import dev.llmos.loop.Result;
import dev.llmos.loop.Spend;
import dev.llmos.shell.render.Escapes;
import dev.llmos.shell.render.Screen;
import dev.llmos.support.Sizes;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * how a loop shows itself to the person: one line per step, the answer with its sources, what it
 * spent. everything the model or an action wrote goes through {@link Escapes}, so neither can drive
 * the terminal or disguise what it shows.
 */
final class LoopView {
    private static final int MAX_VALUE = 160;
    private static final int PREVIEW_LINES = 40;

    private LoopView() {
    }

    /** {@code s3 fs.list path=/var/log limit=20}. */
    static String call(Call call) {
        StringBuilder line = new StringBuilder(call.id() + " " + call.action());
        for (Map.Entry<String, JsonNode> param : call.params().properties()) {
            line.append(' ').append(Escapes.inline(param.getKey())).append('=').append(value(param.getValue()));
        }
        return line.toString();
    }

    private static String value(JsonNode value) {
        String text = Escapes.inline(value.isTextual() ? value.asText() : value.toString());
        return text.length() <= MAX_VALUE ? text : text.substring(0, MAX_VALUE) + "…(" + text.length() + " chars)";
    }

    /** {@code [s3 fs.list path=/var/log]: ok, 3.1 KiB (tx-...)}, with what was fed when it was cut. */
    static String step(Call call, Result result, String txid) {
        String outcome = switch (result.status()) {
            case OK -> "ok, " + Sizes.iec(result.bytes()) + (result.shown() < result.bytes()
                    ? " (the model saw " + Sizes.iec(result.shown()) + ", cut where marked)" : "");
            default -> result.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + (result.message() == null ? "" : ": " + firstLine(result.message()));
        };
        return "[" + call(call) + "]: " + outcome + (txid == null ? "" : " (" + txid + ")");
    }

    /** what would go to a remote model: the request, then each output with its size. */
    static void sends(Screen err, JsonNode sends) {
        err.println("  your request: " + Escapes.inline(sends.path("request").asText()));
        for (JsonNode output : sends.path("outputs")) {
            err.println("  output of " + output.path("step").asText() + " (" + output.path("action").asText() + "), "
                    + Sizes.iec(output.path("bytes").asLong()) + ":");
            List<String> lines = Escapes.block(output.path("text").asText()).lines().toList();
            lines.stream().limit(PREVIEW_LINES).forEach(line -> err.println("    | " + line));
            if (lines.size() > PREVIEW_LINES) {
                err.println("    | … " + (lines.size() - PREVIEW_LINES) + " more lines, sent too");
            }
        }
        err.println("  in all " + Sizes.iec(sends.path("bytes").asLong()) + " in " + sends.path("messages").asInt()
                + " messages");
    }

    /** the answer, then the steps it cites with their transactions. */
    static void answer(Screen out, String text, Map<String, Call> calls, RunLog log) {
        out.println(Escapes.block(text.strip()));
        List<String> cited = Citations.of(text);
        if (!cited.isEmpty()) {
            out.println();
            out.println("sources:");
            for (String id : cited) {
                Call call = calls.get(id);
                String txid = log.txid(id);
                out.println("  [" + id + "] " + (call == null ? "(no such step)" : call(call).substring(id.length() + 1))
                        + (txid == null ? "" : "  " + txid));
            }
        }
    }

    /** {@code spent 3 of 16 steps, ...}. */
    static String spent(Spend spend, Budget budget, Duration elapsed) {
        return String.format(Locale.ROOT, "spent %d of %d steps, %d of %d tokens in, %d of %d out, %.1f of %d s, %s of %s "
                        + "of output fed back", spend.steps(), budget.steps(), spend.tokensIn(), budget.tokensIn(),
                spend.tokensOut(), budget.tokensOut(), elapsed.toMillis() / 1000.0, budget.wallSeconds(),
                Sizes.iec(spend.shownBytes()), Sizes.iec(budget.outputBytes()));
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return Escapes.inline(newline < 0 ? text : text.substring(0, newline)) + (newline < 0 ? "" : " …");
    }
}
