package dev.llmos.mcp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * the tool calls running now, by the key {@link InboundTap} gave each, so that a client's
 * {@code notifications/cancelled} reaches the daemon call behind it. a cancellation that arrives
 * before its call registered is remembered (a few hundred at most) and applied on registration.
 */
final class InFlight {
    /** the {@code _meta} entry of a {@code tools/call} that carries its key. */
    static final String META_KEY = "dev.llmos/call";
    private static final int REMEMBERED = 256;

    private final Map<String, Runnable> running = new ConcurrentHashMap<>();
    private final Map<String, Boolean> early = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** registers a running call; closing the registration forgets it. */
    Registration register(String key, Runnable cancel) {
        if (key == null) {
            return () -> { };
        }
        running.put(key, cancel);
        boolean cancelledAlready;
        synchronized (early) {
            cancelledAlready = early.remove(key) != null;
        }
        if (cancelledAlready) {
            cancel.run();
        }
        return () -> running.remove(key, cancel);
    }

    void cancel(String key) {
        Runnable cancel = running.get(key);
        if (cancel != null) {
            cancel.run();
            return;
        }
        synchronized (early) {
            early.put(key, Boolean.TRUE);
        }
    }

    /** ends a registration without checked exceptions. */
    @FunctionalInterface
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
