package dev.llmos.planner;

import dev.llmos.protocol.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * routes each request to the planner that should make it: the embedded router first for simple
 * requests (one step, clearly matched); when it refuses, or the request needs several steps or
 * analysis ({@link Complexity}), the llms: local first, then remote, except that a complex request goes
 * to the remote model first when privacy allows it without asking. a remote model is never asked
 * under {@link Privacy#LOCAL_ONLY}, and under {@link Privacy#ASK_BEFORE_REMOTE} only with the
 * person's consent for this request ({@link PlanContext#remoteConsent()}). the plan records which
 * planner made it. deterministic: the route is a pure function of the text, the configuration and
 * what the backends answer.
 */
public final class HybridPlanner implements Planner {
    private final Planner router;
    private final LlmPlanner local;
    private final LlmPlanner remote;
    private final Privacy privacy;

    /** {@code local} and {@code remote} may be null (not configured). */
    public HybridPlanner(Planner router, LlmPlanner local, LlmPlanner remote, Privacy privacy) {
        this.router = Objects.requireNonNull(router, "router");
        this.local = local;
        this.remote = remote;
        this.privacy = Objects.requireNonNull(privacy, "privacy");
    }

    /** the configured llm backends, local first. */
    public List<ChatBackend> backends() {
        List<ChatBackend> backends = new ArrayList<>(2);
        if (local != null) {
            backends.add(local.backend());
        }
        if (remote != null) {
            backends.add(remote.backend());
        }
        return backends;
    }

    public Privacy privacy() {
        return privacy;
    }

    /** the llms in the order a request of this kind tries them. */
    List<LlmPlanner> order(boolean complex) {
        List<LlmPlanner> order = new ArrayList<>(2);
        boolean remoteFirst = complex && privacy == Privacy.ALLOW_REMOTE;
        if (remote != null && remoteFirst) {
            order.add(remote);
        }
        if (local != null) {
            order.add(local);
        }
        if (remote != null && !remoteFirst && privacy != Privacy.LOCAL_ONLY) {
            order.add(remote);
        }
        return order;
    }

    @Override
    public String id() {
        if (local == null && remote == null) {
            return router.id();
        }
        return "hybrid(" + router.id() + (local == null ? "" : "," + local.id()) + (remote == null ? "" : ","
                + remote.id()) + ";" + privacy.wireName() + ")";
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
                throw new PlanningException(PlanningException.Reason.REMOTE_CONSENT, consentQuestion(llm, failures),
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

    private static String consentQuestion(LlmPlanner llm, List<String> failures) {
        return "planning this needs the remote model " + llm.backend().model() + " at "
                + llm.backend().client().config().endpoint() + ": your request's words and the action catalog would "
                + "leave this machine" + (failures.isEmpty() ? "" : " (" + String.join("; ", failures) + ")");
    }
}
