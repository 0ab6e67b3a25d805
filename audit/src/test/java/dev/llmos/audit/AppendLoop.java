package dev.llmos.audit;

import java.nio.file.Path;
import java.time.Clock;

/**
 * a separate process for {@link CrashTest}: appends from several threads until killed, printing
 * the seq of every record once {@code append} has returned (that is, once it is durable), or, on
 * every other thread, once {@code appendUnsynced} has (written, not yet synced: a killed process loses
 * nothing the kernel has). records carry params of varying size, up to tens of kib, so batches span
 * many pages and a kill can land inside a write.
 */
public final class AppendLoop {
    private AppendLoop() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        AuditLog log = AuditLog.open(dir, Clock.systemUTC());
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread.ofPlatform().start(() -> {
                try {
                    for (int n = 0; ; n++) {
                        String padding = "x".repeat((n * 7919 + thread * 104729) % 40_000);
                        AuditEntry entry = new AuditEntry(new AuditCaller(thread, "loop", ProcessHandle.current().pid()),
                                "fs.write", Fixtures.json("{\"path\":\"/tmp/f" + n + "\",\"content\":\"" + padding
                                        + "\"}"), "allow", "scratch", "loop", "ok", "tx-" + thread + "-" + n, null);
                        long seq = (thread % 2 == 0 ? log.append(entry) : log.appendUnsynced(entry)).seq();
                        synchronized (System.out) {
                            System.out.println(seq);
                            System.out.flush();
                        }
                    }
                } catch (Exception e) {
                    System.err.println(e);
                }
            });
        }
    }
}
