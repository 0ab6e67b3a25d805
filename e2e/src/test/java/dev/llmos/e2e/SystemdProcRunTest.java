package dev.llmos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * proc.run where systemd is pid 1: through the socket-activated daemon in the booted container, each
 * run is a transient unit started as the caller, ended at its timeout, and gone afterwards. the
 * container's systemd gets no memory or pids controllers on these hosts, so the result must say the
 * limits are not enforced (and why) rather than pretend; no memory hog or fork bomb runs here.
 */
class SystemdProcRunTest {
    private static SystemdContainer container;
    private static SystemdContainer.User dave;

    @BeforeAll
    static void boot() throws Exception {
        assumeTrue(SystemdContainer.unavailable().isEmpty(), SystemdContainer.unavailable().orElse(""));
        container = SystemdContainer.get();
        container.installDaemon();
        dave = container.user("llmos-dave");
        container.policy("60-proc-run", """
                [[rule]]
                id = "e2e-run"
                actions = ["proc.run"]
                decision = "allow"
                reason = "the e2e test runs programs without asking"
                """);
    }

    private static JsonNode run(SystemdContainer.User user, String... args) throws Exception {
        return run(0, user, args);
    }

    /** the output of a proc.run that llmsh ends with {@code exit} (1: the program failed or was stopped). */
    private static JsonNode run(int exit, SystemdContainer.User user, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--json"));
        all.addAll(List.of(args));
        Run run = container.llmsh(user, all.toArray(String[]::new));
        assertEquals(exit, run.exit(), run.toString());
        return run.json().path("output");
    }

    @Test
    void eachRunIsATransientUnitStartedAsTheCaller() throws Exception {
        JsonNode asDave = run(dave, "do", "proc.run", "argv=id,-u");
        assertEquals("systemd-run", asDave.path("sandbox").asText(), asDave.toString());
        assertEquals(Integer.toString(dave.uid()), asDave.path("stdout").asText().strip());
        assertEquals(0, asDave.path("exit_code").asInt());
        JsonNode asRoot = run(null, "do", "proc.run", "argv=cat,/proc/self/cgroup");
        assertTrue(asRoot.path("stdout").asText().contains("llm-osd-run-"), asRoot.toString());
        JsonNode limits = asRoot.path("limits");
        if (!limits.path("enforced").asBoolean()) {
            assertFalse(limits.path("unenforced_reason").asText().isBlank(), limits.toString());
        }
        String units = container.check("systemctl", "list-units", "--all", "--plain", "--no-legend", "llm-osd-run-*").out();
        assertTrue(units.isBlank(), "no run unit is left behind: " + units);
    }

    @Test
    void theTimeoutEndsTheUnit() throws Exception {
        JsonNode slept = run(1, null, "do", "proc.run", "argv=sleep,60", "timeout_s=1");
        assertEquals("timeout", slept.path("killed_reason").asText(), slept.toString());
        assertTrue(slept.path("duration_ms").asLong() < 30_000, slept.toString());
        assertTrue(container.run("pgrep", "-x", "sleep").out().isBlank(), "the sleeper is gone");
    }
}
