package dev.llmos.planner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.protocol.Plan;
import dev.llmos.protocol.RpcException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * the planner as the daemon uses it, and the only way in: plans from plain words (the embedded
 * router, then the configured llms, as {@link HybridPlanner} routes, behind a cache), the next turn of
 * a loop, plan validation, the backends' status, and the router's idle unloading (loaded on first use,
 * unloaded after {@code idleUnload} without a plan request). thread-safe; close it once.
 */
public final class PlannerService implements AutoCloseable {
    /**
     * who an llm backend is.
     *
     * @param name its configured name
     * @param model the model it is asked for
     * @param endpoint where it is (an url or a unix socket); never a key
     * @param remote whether requests to it leave this machine
     */
    public record Llm(String name, String model, String endpoint, boolean remote) {
        /**
         * whether a chat to it stays on this machine: it is not declared remote, and it is reached over a
         * unix socket or a loopback address ({@code localhost}, 127.0.0.0/8, ::1; no other name is looked up,
         * so a host name counts as off the machine).
         */
        public boolean onThisMachine() {
            if (remote) {
                return false;
            }
            if (endpoint.startsWith("unix:") || endpoint.startsWith("/")) {
                return true;
            }
            try {
                String host = URI.create(endpoint).getHost();
                if (host == null) {
                    return false;
                }
                if (host.equalsIgnoreCase("localhost")) {
                    return true;
                }
                String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
                return InetAddress.ofLiteral(literal).isLoopbackAddress();
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }

    /** one backend's state for {@code system.status}: the router, or an llm. */
    public sealed interface BackendStatus permits RouterStatus, LlmStatus {
    }

    /**
     * the embedded router.
     *
     * @param state dormant, loading or loaded
     */
    public record RouterStatus(String name, String state) implements BackendStatus {
    }

    /**
     * an llm as its last request left it.
     *
     * @param state dormant, loading, loaded or unreachable
     * @param since when it came to this state (iso-8601)
     * @param error the last error, or null
     */
    public record LlmStatus(Llm llm, String state, String since, String error) implements BackendStatus {
    }

    /**
     * what the plan cache holds and how well it serves.
     *
     * @param hits lookups answered from the cache
     * @param misses lookups that went to a planner
     */
    public record CacheStats(long hits, long misses, int size, int capacity) {
        /** hits per lookup, 0 before the first. */
        public double hitRate() {
            return hits + misses == 0 ? 0 : (double) hits / (hits + misses);
        }
    }

    private static final int CACHE_CAPACITY = 512;

    private final IntentRouter router;
    private final HybridPlanner planner;
    private final LoopPlanner loop;
    private final PlanCache cache = new PlanCache(CACHE_CAPACITY);
    private final Duration idleUnload;
    private final ScheduledExecutorService unloader = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("planner-unload").factory());
    private volatile long lastUseNanos = System.nanoTime();

    PlannerService(IntentRouter router, PlannerConfig config, Duration idleUnload) {
        this.router = router;
        this.planner = config.planner(router);
        this.loop = new LoopPlanner(planner);
        this.idleUnload = idleUnload;
        long period = Math.max(1, Math.min(idleUnload.toSeconds(), 30));
        unloader.scheduleWithFixedDelay(this::unloadWhenIdle, period, period, TimeUnit.SECONDS);
    }

    /**
     * the planner {@code config} describes around the embedded minilm router, whose model files are cached
     * under {@code cacheDir}; nothing loads before the first request.
     */
    public static PlannerService start(PlannerConfig config, Path cacheDir, Duration idleUnload) {
        return new PlannerService(IntentRouter.miniLm(IntentRouter.Settings.DEFAULTS.withCacheDir(cacheDir)), config,
                idleUnload);
    }

    /**
     * a plan for {@code text}, or why there is none. when the route leads to a remote llm that needs the
     * person's consent, the reason is {@link PlanningException.Reason#REMOTE_CONSENT}; with
     * {@link PlanContext#withRemoteConsent()} the request may leave the machine.
     */
    public Plan plan(String text, PlanContext context) throws PlanningException {
        lastUseNanos = System.nanoTime();
        try {
            return cache.plan(planner, text, context);
        } finally {
            lastUseNanos = System.nanoTime();
        }
    }

    /** {@code plan} parsed strictly and checked against {@code catalog}, as every planner's plans are; else -32005. */
    public static Plan check(JsonNode plan, ActionCatalog catalog) throws RpcException {
        return PlanValidator.check(PlanValidator.parse(plan), catalog);
    }

    /** why no model may run a loop (none configured, or privacy keeps the only ones away), if none may. */
    public Optional<String> loopUnavailable() {
        return Optional.ofNullable(loop.unavailable());
    }

    /**
     * the chat of a loop's next turn, before any model is chosen: what consent and the audit cover. the
     * turns must be a well-formed loop so far; else -32602 naming the json pointer under {@code base}.
     */
    public Outbound prepareTurn(LoopInput input, PlanContext context, String base) throws RpcException {
        return loop.prepare(input, context, base);
    }

    /**
     * the next turn from the first model privacy allows that answers. {@code cancelled} is polled while a
     * model works; when it turns true the call is abandoned with a
     * {@link java.util.concurrent.CancellationException}.
     */
    public ModelTurn nextTurn(Outbound outbound, PlanContext context, BooleanSupplier cancelled)
            throws PlanningException {
        return loop.next(outbound, context, cancelled);
    }

    /** the remote models this chat may reach, in the order they are tried: what a consent to it covers. */
    public List<Llm> remotesFor(Outbound outbound) {
        return loop.remotes(outbound).stream().map(ChatBackend::describe).toList();
    }

    public Privacy privacy() {
        return planner.privacy();
    }

    /** the router's state, then each llm's, in the configured order. */
    public List<BackendStatus> backends() {
        List<BackendStatus> backends = new ArrayList<>();
        backends.add(new RouterStatus(router.id(), router.state().name().toLowerCase(java.util.Locale.ROOT)));
        planner.backends().forEach(backend -> backends.add(backend.status()));
        return backends;
    }

    public CacheStats cacheStats() {
        return cache.stats();
    }

    /** whether an llm answered the last request it got (a local model server then holds its model). */
    public boolean llmLoaded() {
        return planner.backends().stream().anyMatch(b -> b.observed().state() == ChatBackend.State.LOADED);
    }

    private void unloadWhenIdle() {
        if (System.nanoTime() - lastUseNanos > idleUnload.toNanos() && router.state() == IntentRouter.State.LOADED) {
            router.unload();
        }
    }

    @Override
    public void close() {
        unloader.shutdownNow();
        router.close();
        planner.backends().forEach(backend -> backend.transport().close());
    }
}
