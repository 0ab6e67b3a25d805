package dev.llmos.planner;

import dev.llmos.protocol.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * routes each request to the planner that should make it: the embedded router first for simple
 * requests (one step, clearly matched); when it refuses, or the request needs several steps or
 * analysis ({@link Complexity}), the llms in the configured order, local ones first, then remote
 * ones, except that a complex request goes to the remote models first when privacy allows it without
 * asking. a remote model is never asked under {@link Privacy#LOCAL_ONLY}, and under
 * {@link Privacy#ASK_BEFORE_REMOTE} only with the person's consent for this request
 * ({@link PlanContext#remoteConsent()}). an llm that cannot be reached or whose plan stays invalid
 * hands the request to the next. the plan records which planner made it. deterministic: the route is
 * a pure function of the text, the configuration and what the backends answer.
 */
final class HybridPlanner implements Planner {
    private final Planner router;
    private final List<LlmPlanner> local;
    private final List<LlmPlanner> remote;
    private final List<ChatBackend> backends;
    private final Privacy privacy;

    /** {@code backends} in the configured order, any number (none: only the router plans). */
    HybridPlanner(Planner router, List<ChatBackend> backends, Privacy privacy) {
        this.router = Objects.requireNonNull(router, "router");
        this.backends = List.copyOf(backends);
        this.local = this.backends.stream().filter(backend -> !backend.remote()).map(LlmPlanner::new).toList();
        this.remote = this.backends.stream().filter(ChatBackend::remote).map(LlmPlanner::new).toList();
        this.privacy = Objects.requireNonNull(privacy, "privacy");
    }

    /** the configured llm backends, in the configured order. */
    List<ChatBackend> backends() {
        return backends;
    }

    Privacy privacy() {
        return privacy;
    }

    /** the llms in the order a request of this kind tries them. */
    List<LlmPlanner> order(boolean complex) {
        List<LlmPlanner> order = new ArrayList<>(backends.size());
        boolean remoteFirst = complex && privacy == Privacy.ALLOW_REMOTE;
        if (remoteFirst) {
            order.addAll(remote);
        }
        order.addAll(local);
        if (!remoteFirst && privacy != Privacy.LOCAL_ONLY) {
            order.addAll(remote);
        }
        return order;
    }

    /** the remote llms a request of this kind may reach, in the order it tries them. */
    List<ChatBackend> remotes(boolean complex) {
        return order(complex).stream().map(LlmPlanner::backend).filter(ChatBackend::remote).toList();
    }

    @Override
    public String id() {
        if (backends.isEmpty()) {
            return router.id();
        }
        StringBuilder id = new StringBuilder("hybrid(").append(router.id());
        backends.forEach(backend -> id.append(',').append(backend.plannerId()));
        return id.append(';').append(privacy.wireName()).append(')').toString();
    }

    @Override
    public Plan plan(String text, PlanContext context) throws PlanningException {
        boolean complex = Complexity.isComplex(text);
        List<LlmPlanner> llms = order(complex);
        PlanningException refusal = null;
        if (!complex || llms.isEmpty()) {
            try {
                return router.plan(text, context);
            } catch (PlanningException e) {
                if (e.reason() == PlanningException.Reason.INVALID_REQUEST || llms.isEmpty()) {
                    throw e;
                }
                refusal = e;
            }
        }
        List<String> failures = new ArrayList<>();
        for (LlmPlanner llm : llms) {
            if (llm.backend().remote() && privacy == Privacy.ASK_BEFORE_REMOTE && !context.remoteConsent()) {
                throw new PlanningException(PlanningException.Reason.REMOTE_CONSENT, consentQuestion(complex, failures),
                        refusal == null ? List.of() : refusal.candidates(), null);
            }
            try {
                return llm.plan(text, context);
            } catch (PlanningException e) {
                failures.add(e.getMessage());
                refusal = refusal == null || e.reason() == PlanningException.Reason.INVALID_PLAN ? e : refusal;
            }
        }
        if (complex) {
            // the llms could not help: the router's one step is better than nothing, if it is sure
            try {
                return router.plan(text, context);
            } catch (PlanningException e) {
                failures.add(e.getMessage());
            }
        }
        throw new PlanningException(refusal.reason(), String.join("; ", failures), refusal.candidates(),
                refusal.pointer());
    }

    private String consentQuestion(boolean complex, List<String> failures) {
        return "planning this needs " + remoteModels(remotes(complex)) + ": your request's words and the action "
                + "catalog would leave this machine" + (failures.isEmpty() ? "" : " (" + String.join("; ", failures) + ")");
    }

    /** the remote models a consent covers, named with where they are. */
    static String remoteModels(List<ChatBackend> remotes) {
        List<String> named = remotes.stream().map(backend -> backend.model() + " at " + backend.endpoint()).toList();
        return (named.size() == 1 ? "the remote model " : "the remote models ") + String.join(", ", named);
    }
}
