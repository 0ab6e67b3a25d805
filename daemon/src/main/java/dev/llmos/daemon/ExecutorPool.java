package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.Caller;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.catalog.ResolvedParams;
import dev.llmos.posix.Posix;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * privilege separation for a root daemon: a caller's action runs in an executor process with the
 * caller's uid, primary gid and supplementary groups (the executor drops to them itself, with no
 * capabilities, no_new_privs and not dumpable, so the caller cannot ptrace it or forge what it
 * reports), so the kernel enforces file permissions. one warm executor per caller
 * identity, stopped when idle.
 */
final class ExecutorPool implements CallerSide {
    private final List<String> executorCommand;
    private final Duration idleStop;
    private final Map<String, ExecutorProcess> executors = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("executor-reaper").factory());

    /**
     * @param executorCommand the java command line that starts {@link ExecutorMain}
     * @param idleStop how long an executor may sit unused before it is stopped
     */
    ExecutorPool(List<String> executorCommand, Duration idleStop) {
        this.executorCommand = List.copyOf(executorCommand);
        this.idleStop = idleStop;
        long period = Math.max(1, Math.min(idleStop.toSeconds(), 10));
        reaper.scheduleWithFixedDelay(this::stopIdle, period, period, TimeUnit.SECONDS);
    }

    /**
     * the executor's command line for {@code caller}: it starts as root and drops to the caller's
     * uid, gid and groups itself ({@link ExecutorMain}), so that the caller can never attach to it.
     */
    static List<String> command(Caller caller, List<String> executorCommand) {
        // bounding set and no_new_privs are per thread: set before the jvm starts its threads
        List<String> argv = new ArrayList<>(List.of("setpriv", "--bounding-set=-all,+setuid,+setgid", "--inh-caps=-all",
                "--no-new-privs", "--"));
        argv.addAll(executorCommand);
        argv.addAll(List.of("--uid", Integer.toString(caller.uid()), "--gid", Integer.toString(caller.gid()),
                "--groups", caller.groups().stream().map(String::valueOf).collect(Collectors.joining(","))));
        return argv;
    }

    /** the minimal environment of an executor: nothing inherited from the root daemon. */
    static Map<String, String> environment(Caller caller) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("LANG", "C.UTF-8");
        env.put("USER", caller.user());
        env.put("LOGNAME", caller.user());
        env.put("HOME", Posix.passwd(caller.uid()).map(Posix.Passwd::home).orElse("/"));
        return env;
    }

    private static String key(Caller caller) {
        return caller.uid() + ":" + caller.gid() + ":" + caller.groups();
    }

    private static ObjectNode request(Caller caller, CatalogEntry.Bound bound) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("action", bound.entry().name());
        body.set("params", bound.normalized());
        body.set("caller", Json.toTree(caller));
        return body;
    }

    /** a resolution an executor holds under {@code handle}; closing releases it there. */
    private record Remote(ExecutorProcess executor, long handle, Map<String, ResolvedParams.Fact> facts)
            implements Resolution {
        @Override
        public void close() {
            executor.notify(ExecutorMain.RELEASE, Json.MAPPER.createObjectNode().put("handle", handle));
        }
    }

    @Override
    public Resolution resolve(Caller caller, CatalogEntry.Bound bound) throws RpcException {
        ExecutorProcess executor = executorFor(caller);
        ObjectNode result = executor.call(ExecutorMain.RESOLVE, request(caller, bound), RunContext.detached());
        return new Remote(executor, result.path("handle").asLong(), ExecutorMain.facts(result.get("facts")));
    }

    @Override
    public JsonNode preview(Caller caller, CatalogEntry.Bound bound, Resolution resolution, Path quarantine,
            Map<String, String> session) throws RpcException {
        Remote remote = remote(resolution);
        ObjectNode body = handle(remote, quarantine);
        body.set("session", Json.toTree(session));
        JsonNode preview = remote.executor().call(ExecutorMain.PREVIEW, body, RunContext.detached()).get("preview");
        return preview == null || preview.isNull() ? null : preview;
    }

    @Override
    public Outcome execute(Caller caller, CatalogEntry.Bound bound, Resolution resolution, Path quarantine,
            RunContext context) throws RpcException {
        Remote remote = remote(resolution);
        ObjectNode body = handle(remote, quarantine);
        body.set("session", Json.toTree(context.session()));
        return ExecutorMain.outcome(remote.executor().call(ExecutorMain.EXECUTE, body, context));
    }

    private static Remote remote(Resolution resolution) {
        if (!(resolution instanceof Remote remote)) {
            throw new IllegalStateException("an executor can act only on what it resolved itself");
        }
        return remote;
    }

    private static ObjectNode handle(Remote remote, Path quarantine) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("handle", remote.handle());
        if (quarantine != null) {
            body.put("quarantine", quarantine.toString());
        }
        return body;
    }

    private ExecutorProcess executorFor(Caller caller) throws RpcException {
        String key = key(caller);
        ExecutorProcess current = executors.get(key);
        if (current != null && current.alive()) {
            return current;
        }
        synchronized (this) {
            current = executors.get(key);
            if (current != null && current.alive()) {
                return current;
            }
            try {
                ExecutorProcess started = new ExecutorProcess(caller.uid(),
                        command(caller, executorCommand), environment(caller));
                executors.put(key, started);
                return started;
            } catch (IOException e) {
                throw Failures.actionFailed("cannot start an executor for uid " + caller.uid() + ": " + e.getMessage(), null, null);
            }
        }
    }

    /** uid and pid of each live executor, for {@code system.status}. */
    List<Map<String, Long>> describe() {
        return executors.values().stream()
                .filter(ExecutorProcess::alive)
                .map(e -> Map.of("uid", (long) e.uid(), "pid", e.pid()))
                .toList();
    }

    private void stopIdle() {
        executors.entrySet().removeIf(entry -> {
            ExecutorProcess executor = entry.getValue();
            if (!executor.alive() || executor.idleNanos() > idleStop.toNanos()) {
                executor.close();
                return true;
            }
            return false;
        });
    }

    @Override
    public void close() {
        reaper.shutdownNow();
        executors.values().forEach(ExecutorProcess::close);
        executors.clear();
    }
}
