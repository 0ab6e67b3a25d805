package dev.llmos.actions.system.proc;

import dev.llmos.action.testkit.TestContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmos.posix.Posix;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ProcListActionTest {
    private static final long SELF = ProcessHandle.current().pid();
    private final ProcListAction action = new ProcListAction();

    private ProcListAction.ProcessList list(ProcListAction.Sort sort, int limit) throws Exception {
        return action.execute(new ProcListAction.Params(sort, limit), TestContext.readOnly());
    }

    @Test
    void findsThisJvmByMemory() throws Exception {
        ProcListAction.ProcessList list = list(ProcListAction.Sort.MEMORY, 1000);
        ProcListAction.ProcessInfo self = list.processes().stream().filter(p -> p.pid() == SELF).findFirst()
                .orElseThrow(() -> new AssertionError("pid " + SELF + " missing"));
        assertEquals(ProcessHandle.current().parent().orElseThrow().pid(), self.ppid());
        assertEquals(Posix.passwd(Posix.getuid()).orElseThrow().name(), self.user());
        assertEquals("java", self.name());
        assertTrue(self.cmdline().startsWith(ProcessHandle.current().info().command().orElseThrow()), self.cmdline());
        assertTrue(self.cmdline().length() <= ProcListAction.MAX_CMDLINE);
        assertTrue(self.threads() > 1);
        assertTrue(self.rssBytes() > 10 << 20, self.toString());
        assertTrue(self.memoryPercent() > 0);
        Instant started = ProcessHandle.current().info().startInstant().orElseThrow();
        Duration skew = Duration.between(started, Instant.parse(self.startTime())).abs();
        assertTrue(skew.compareTo(Duration.ofSeconds(2)) < 0, self.startTime() + " vs " + started);

        List<Long> rss = list.processes().stream().map(ProcListAction.ProcessInfo::rssBytes).toList();
        List<Long> sorted = new ArrayList<>(rss);
        sorted.sort((a, b) -> Long.compare(b, a));
        assertEquals(sorted, rss);
        assertTrue(list.total() >= list.processes().size());
        assertEquals(200, list.windowMs());
    }

    @Test
    void limitIsRespected() throws Exception {
        assertEquals(3, list(ProcListAction.Sort.MEMORY, 3).processes().size());
    }

    @Test
    void aBusyProcessRanksHighByCpu() throws Exception {
        AtomicBoolean spinning = new AtomicBoolean(true);
        List<Thread> spinners = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            spinners.add(Thread.ofPlatform().daemon().start(() -> {
                while (spinning.get()) {
                    Thread.onSpinWait();
                }
            }));
        }
        try {
            Thread.sleep(50);
            ProcListAction.ProcessList list = list(ProcListAction.Sort.CPU, 5);
            ProcListAction.ProcessInfo self = list.processes().stream().filter(p -> p.pid() == SELF).findFirst()
                    .orElseThrow(() -> new AssertionError("pid " + SELF + " not in the top 5: " + list.processes()));
            // other builds may share the two cores, so only a clear share of one is required
            assertTrue(self.cpuPercent() > 10, self.toString());
            List<Double> cpu = list.processes().stream().map(ProcListAction.ProcessInfo::cpuPercent).toList();
            List<Double> sorted = new ArrayList<>(cpu);
            sorted.sort((a, b) -> Double.compare(b, a));
            assertEquals(sorted, cpu);
        } finally {
            spinning.set(false);
            for (Thread t : spinners) {
                t.join();
            }
        }
    }

    @Test
    void statLinesWithOddNamesParse() {
        String line = "4242 (a (b) c) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 7 0 12345 1000 10"
                + " 0 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";
        assertEquals(new ProcStat(4242, "a (b) c", 'S', 1, 300, 7, 12345), ProcStat.parse(line));
        assertEquals("sleeping", ProcStat.parse(line).stateName());
    }
}
