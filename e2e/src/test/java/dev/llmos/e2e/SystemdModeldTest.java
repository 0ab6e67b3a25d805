package dev.llmos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.gguf.TinyLlama;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * the shipped llm-modeld units under a real systemd: socket-activated by the first plan that needs
 * the local model, running as a transient unprivileged user inside its sandbox (no network, read-only
 * system, private /tmp), answering llm-osd over its unix socket, and gone after its idle timeout
 * while the socket stays. the model is a tiny gguf the test writes.
 */
class SystemdModeldTest {
    private static final String UNROUTABLE = "zorble the quaxing frimbles";
    private static final int IDLE_EXIT_S = 6;
    private static final int CONTEXT = 16384;
    private static SystemdContainer container;

    @BeforeAll
    static void install() throws Exception {
        assumeTrue(SystemdContainer.unavailable().isEmpty(), SystemdContainer.unavailable().orElse(""));
        container = SystemdContainer.get();
        container.installDaemon();
        // the model lives in the project (bind-mounted into the container), where the sandbox can reach it
        Path dir = Files.createDirectories(SystemdContainer.PROJECT.resolve("e2e/target/modeld"));
        TinyLlama standard = TinyLlama.standard();
        Path model = new TinyLlama(standard.embedding(), standard.heads(), standard.feedForward(), standard.layers(),
                CONTEXT, standard.vocabulary()).write(dir.resolve("tiny.gguf"), 7);
        Path dist = SystemdContainer.PROJECT.resolve("packaging/src/main/dist/systemd/system");
        container.check("install", "-m", "0755", SystemdContainer.PROJECT.resolve("bin/llm-modeld").toString(),
                SystemdContainer.PREFIX + "/bin/");
        container.check("install", "-m", "0644", dist.resolve("llm-modeld.socket").toString(),
                dist.resolve("llm-modeld.service").toString(), "/etc/systemd/system/");
        container.write("/etc/systemd/system/llm-modeld.service.d/50-e2e.conf", "[Service]\n"
                + "Environment=LLMOS_MODEL=" + model + " LLMOS_MODEL_IDLE_EXIT=" + IDLE_EXIT_S
                + " LLMOS_MODEL_CTX=" + CONTEXT + " JAVA_HOME=" + System.getProperty("java.home") + "\n"
                + "ExecStart=\n"
                + "ExecStart=" + SystemdContainer.PREFIX + "/bin/llm-modeld --model ${LLMOS_MODEL} --idle-exit "
                + "${LLMOS_MODEL_IDLE_EXIT} --ctx ${LLMOS_MODEL_CTX}\n"
                // the test's checkout stands in for /usr/lib/llm-os, and may be under /tmp
                + "BindReadOnlyPaths=" + SystemdContainer.PROJECT + "\n");
        container.write("/etc/llm-os/planner.toml", "privacy = \"local-only\"\n[local]\n"
                + "endpoint = \"unix:/run/llm-modeld/llm-modeld.sock\"\nmodel = \"tiny\"\ntimeout_s = 180\n"
                + "max_tokens = 4096\nmax_string = 24\nmax_items = 4\nmax_steps = 3\n");
        container.check("systemctl", "daemon-reload");
        container.check("systemctl", "start", "llm-modeld.socket");
        // the next request starts a daemon that has read the planner configuration
        container.check("systemctl", "stop", "llm-osd.service");
    }

    @AfterAll
    static void uninstall() throws Exception {
        if (container != null) {
            container.run("rm", "-f", "/etc/llm-os/planner.toml");
            container.run("systemctl", "stop", "llm-modeld.socket", "llm-modeld.service", "llm-osd.service");
        }
    }

    @Test
    void theFirstPlanStartsTheModelServerInItsSandboxAndIdleStopsIt() throws Exception {
        assertEquals("inactive", container.property("llm-modeld.service", "ActiveState"), "dormant until asked");
        Run planned = container.llmsh(null, "--json", "plan", UNROUTABLE);
        assertEquals(0, planned.exit(), planned + "\n" + container.run("journalctl", "-u", "llm-modeld.service",
                "--no-pager", "-n", "40").out());
        JsonNode plan = planned.json();
        assertEquals("llm:local:tiny", plan.path("planner").asText(), plan.toString());
        assertTrue(plan.path("steps").size() >= 1, plan.toString());

        assertEquals("active", container.property("llm-modeld.service", "ActiveState"));
        String pid = container.property("llm-modeld.service", "MainPID");
        String uid = container.check("stat", "-c", "%u", "/proc/" + pid).out().strip();
        assertNotEquals("0", uid, "the model server runs as a transient unprivileged user");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(IDLE_EXIT_S + 30);
        while (!container.property("llm-modeld.service", "ActiveState").equals("inactive")
                && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertEquals("inactive", container.property("llm-modeld.service", "ActiveState"), "idle exit");
        assertEquals("success", container.property("llm-modeld.service", "Result"));
        assertEquals("active", container.property("llm-modeld.socket", "ActiveState"), "the socket keeps listening");
    }
}
