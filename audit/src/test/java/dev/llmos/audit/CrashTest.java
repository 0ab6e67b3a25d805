package dev.llmos.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a process in the middle of a burst of appends, synced and unsynced, leaves a log that verifies
 * and keeps every acknowledged record.
 */
class CrashTest {
    private static final int ROUNDS = 3;

    @TempDir
    Path dir;

    @Test
    void killNineMidBurstLeavesAVerifiableChainWithEveryAcknowledgedRecord() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classpath = System.getProperty("java.class.path");
        long acknowledged = 0;
        int tornTails = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Process child = new ProcessBuilder(java, "-cp", classpath, AppendLoop.class.getName(), dir.toString(), "8")
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                int seen = 0;
                String line;
                while (seen < 300 + round * 150 && (line = out.readLine()) != null) {
                    acknowledged = Math.max(acknowledged, Long.parseLong(line));
                    seen++;
                }
                assertTrue(seen > 0, "the child appended nothing");
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
                assertEquals(137, child.exitValue(), "killed by sigkill");
            }
            List<Segments.Segment> segments = Segments.list(dir);
            Segments.Segment last = segments.getLast();
            if (Segments.completeLength(last) < Files.size(last.path())) {
                tornTails++;
            }
            try (AuditLog log = AuditLog.open(dir, Clock.systemUTC())) {
                VerifyResult result = log.verify();
                assertTrue(result.ok(), "round " + round + ": " + result);
                assertTrue(result.records() >= acknowledged, "round " + round + ": " + result.records()
                        + " records but seq " + acknowledged + " was acknowledged");
            }
        }
        System.out.println("crash test: " + ROUNDS + " kills, " + tornTails + " left a torn tail, " + acknowledged
                + " acknowledged records all present");
    }
}
