package dev.llmos.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.OperatingSystemMXBean;
import dev.llmos.audit.AuditCaller;
import dev.llmos.audit.AuditEntry;
import dev.llmos.audit.AuditLog;
import dev.llmos.audit.VerifyResult;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * audit log throughput with durability, against the raw fsync rate of the same disk measured in
 * the same run: appends/s from 1 and 64 threads (target: 10k/s at 64), the two records of a loop step
 * (its turn's and its call's) both synced against the turn's unsynced, then the time to verify a log of
 * 1m records (target: under 5 s).
 *
 * <p>usage: {@code java -cp ... dev.llmos.bench.AuditBench [dir] [seconds] [verify-records]}; the
 * directory (default: a new one under {@code java.io.tmpdir}) is deleted afterwards; 0 verify-records
 * skips the verify part.
 */
public final class AuditBench {
    private AuditBench() {
    }

    public static void main(String[] args) throws Exception {
        Path base = args.length > 0 ? Path.of(args[0]) : Path.of(System.getProperty("java.io.tmpdir"));
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        int verifyRecords = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        Path root = Files.createTempDirectory(base, "audit-bench-");
        try {
            double fsyncs = rawFsyncRate(root.resolve("raw"), seconds);
            System.out.printf("disk: %s, raw write+fdatasync of one small record: %.0f/s (%.3f ms each)%n",
                    Files.getFileStore(root), fsyncs, 1000 / fsyncs);
            for (int threads : new int[] {1, 64}) {
                double rate = appendRate(root.resolve("t" + threads), threads, seconds);
                System.out.printf("audit appends/s, durable, %2d threads: %.0f = %.2f x the raw fsync rate%s%n", threads,
                        rate, rate / fsyncs, threads == 64 ? " (target >= 10000)" : "");
            }
            loopStep(root.resolve("step"));
            if (verifyRecords > 0) {
                verifyTime(root.resolve("verify"), verifyRecords);
            }
        } finally {
            deleteTree(root);
        }
    }

    private static double rawFsyncRate(Path file, double seconds) throws IOException {
        byte[] record = new byte[300];
        record[record.length - 1] = '\n';
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long count = 0;
            long position = 0;
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            long now;
            do {
                position += channel.write(ByteBuffer.wrap(record), position);
                channel.force(false);
                count++;
                now = System.nanoTime();
            } while (now < end);
            return count / ((now - start) / 1e9);
        }
    }

    private static AuditEntry entry(int thread, long n) {
        ObjectNode params = JsonNodeFactory.instance.objectNode()
                .put("path", "/home/user" + thread + "/documents/report-" + n + ".txt")
                .put("recursive", false);
        return new AuditEntry(new AuditCaller(1000 + thread, "user" + thread, 4000 + thread), "fs.delete", params,
                "ask", "builtin.destructive-home", "destructive actions inside your home directory need confirmation",
                "ok", "tx-" + thread + "-" + n, null);
    }

    /**
     * a loop step's records from one thread, in blocks that alternate: the turn's record synced then the
     * call's (as before 2026-12-06), and the turn's unsynced then the call's synced (its fdatasync covers
     * both); the median time of a pair in each way, same log, same run.
     */
    private static void loopStep(Path dir) throws IOException {
        List<Long> synced = new ArrayList<>();
        List<Long> unsynced = new ArrayList<>();
        try (AuditLog log = AuditLog.open(dir, Clock.systemUTC())) {
            long n = 0;
            for (int block = 0; block < 10; block++) {
                for (int i = 0; i < 40; i++) {
                    long start = System.nanoTime();
                    if (block % 2 == 0) {
                        log.append(entry(1, n++));
                    } else {
                        log.appendUnsynced(entry(1, n++));
                    }
                    log.append(entry(2, n++));
                    (block % 2 == 0 ? synced : unsynced).add(System.nanoTime() - start);
                }
            }
        }
        double both = median(synced) / 1e6;
        double one = median(unsynced) / 1e6;
        System.out.printf("a loop step's two audit records, median of 200 each way, alternating: both synced %.3f ms, "
                + "the turn's unsynced %.3f ms (%.2fx)%n", both, one, one / both);
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static double appendRate(Path dir, int threads, double seconds) throws Exception {
        try (AuditLog log = AuditLog.open(dir, Clock.systemUTC())) {
            for (int i = 0; i < 2000; i++) {
                log.append(entry(0, i));
            }
            LongAdder done = new LongAdder();
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers.add(Thread.ofPlatform().start(() -> {
                    ready.countDown();
                    try {
                        go.await();
                        for (long n = 0; !stop.get(); n++) {
                            log.append(entry(thread, n));
                            done.increment();
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            ready.await();
            long start = System.nanoTime();
            go.countDown();
            Thread.sleep((long) (seconds * 1000));
            long count = done.sum();
            long elapsed = System.nanoTime() - start;
            stop.set(true);
            for (Thread worker : workers) {
                worker.join();
            }
            return count / (elapsed / 1e9);
        }
    }

    private static void verifyTime(Path dir, int records) throws Exception {
        long start = System.nanoTime();
        try (AuditLog log = AuditLog.open(dir, Clock.systemUTC())) {
            int writers = 256;
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < writers; t++) {
                int thread = t;
                workers.add(Thread.ofVirtual().start(() -> {
                    try {
                        for (long n = thread; n < records; n += writers) {
                            log.append(entry(thread % 64, n));
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (Thread worker : workers) {
                worker.join();
            }
        }
        double written = (System.nanoTime() - start) / 1e9;
        long bytes;
        try (Stream<Path> files = Files.list(dir)) {
            bytes = files.mapToLong(file -> file.toFile().length()).sum();
        }
        try (AuditLog log = AuditLog.open(dir, Clock.systemUTC())) {
            OperatingSystemMXBean process = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            for (int round = 1; round <= 3; round++) {
                long verifyStart = System.nanoTime();
                long cpuStart = process.getProcessCpuTime();
                VerifyResult result = log.verify();
                double took = (System.nanoTime() - verifyStart) / 1e9;
                double cpu = (process.getProcessCpuTime() - cpuStart) / 1e9;
                System.out.printf("audit verify of %d records (%.0f MiB, written in %.1f s by 256 virtual threads):"
                        + " %.2f s wall, %.2f s process cpu, ok=%s (round %d; target < 5 s)%n",
                        result.records(), bytes / 1048576.0, written, took, cpu, result.ok(), round);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
