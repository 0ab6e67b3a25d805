package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.loop.Call;
import dev.llmos.loop.Turn;
import dev.llmos.shell.render.Screen;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * the person's say in a loop. changes (anything but a read) are shown with their previews and run
 * only when the person agrees: at the prompt (once for the whole batch), with {@code --yes}, or
 * under an "always" they answered earlier in this session. without a terminal or {@code --yes},
 * nothing is run. the same for sending a turn's chat to a remote model under
 * {@code ask-before-remote}. a model cannot answer these prompts: it never sees them or a token.
 */
final class LoopConsent {
    private final Context context;

    LoopConsent(Context context) {
        this.context = context;
    }

    /** how the person decides {@code changes}, shown with {@code previews} (one per change). */
    Turn.Decision changes(List<Call> changes, List<JsonNode> previews) {
        Set<String> actions = new TreeSet<>();
        changes.forEach(call -> actions.add(call.action()));
        Screen err = context.err();
        err.println("the model wants to run " + (changes.size() == 1 ? "a step that changes" : changes.size()
                + " steps that change") + " this machine:");
        for (int i = 0; i < changes.size(); i++) {
            err.println(" " + changes.get(i).id() + ":");
            Previews.show(err, previews.get(i), context.errLayout());
        }
        err.flush();
        LoopGrants grants = context.session().grants();
        if (grants.covers(actions)) {
            err.println("running: you said always for " + String.join(", ", actions) + " in this session");
            return Turn.Decision.CONFIRMED;
        }
        if (context.yes) {
            return Turn.Decision.CONFIRMED;
        }
        if (!context.interactive()) {
            return Turn.Decision.UNCONFIRMED;
        }
        return switch (ask("run " + (changes.size() == 1 ? "it" : "them") + "? [y]es, [N]o, [a]lways for "
                + String.join(", ", actions) + " in this session: ")) {
            case "y", "yes" -> Turn.Decision.CONFIRMED;
            case "a", "always" -> {
                grants.grant(actions);
                yield Turn.Decision.CONFIRMED;
            }
            default -> Turn.Decision.DECLINED;
        };
    }

    /**
     * whether this turn's chat may go to the remote model: {@link Turn.Decision#CONFIRMED},
     * {@link Turn.Decision#DECLINED}, or {@link Turn.Decision#UNCONFIRMED} when nobody can be asked.
     */
    Turn.Decision remote(String why, JsonNode preview) {
        Screen err = context.err();
        err.println(why);
        err.println("what would be sent to " + preview.path("model").asText("the remote model") + " at "
                + preview.path("endpoint").asText("?") + ":");
        LoopView.sends(err, preview.path("sends"));
        err.flush();
        LoopGrants grants = context.session().grants();
        if (grants.covers(Set.of(LoopGrants.REMOTE)) || context.yes) {
            err.println("sending: " + (context.yes ? "--yes" : "you said always in this session"));
            return Turn.Decision.CONFIRMED;
        }
        if (!context.interactive()) {
            return Turn.Decision.UNCONFIRMED;
        }
        return switch (ask("send it? [y]es, [N]o, [a]lways in this session: ")) {
            case "y", "yes" -> Turn.Decision.CONFIRMED;
            case "a", "always" -> {
                grants.grant(Set.of(LoopGrants.REMOTE));
                yield Turn.Decision.CONFIRMED;
            }
            default -> Turn.Decision.DECLINED;
        };
    }

    private String ask(String question) {
        String answer = context.session().ask(question);
        return answer == null ? "" : answer.trim().toLowerCase(Locale.ROOT);
    }
}
