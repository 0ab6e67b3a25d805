package dev.llmos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * the shipped llm-osd.socket and llm-osd.service under a real systemd (pid 1 of a container):
 * nothing runs until the first request, systemd starts the daemon on it with the socket, the
 * daemon exits cleanly when idle while the socket keeps listening, and the next request starts it
 * again. every local user may connect, and the daemon sees who they are.
 */
class SystemdActivationTest {
    private static SystemdContainer container;

    @BeforeAll
    static void boot() throws Exception {
        assumeTrue(SystemdContainer.unavailable().isEmpty(), SystemdContainer.unavailable().orElse(""));
        container = SystemdContainer.get();
        container.installDaemon();
    }

    private static boolean daemonProcessRuns() throws Exception {
        return container.run("pgrep", "-f", "dev.llmos.daemon.Main").exit() == 0;
    }

    /** stops the daemon and forgets how it ended, so that what follows starts from a clean state. */
    private static void stopDaemon() throws Exception {
        container.check("systemctl", "stop", "llm-osd.service");
        container.check("systemctl", "reset-failed", "llm-osd.service");
    }

    @Test
    void systemdStartsTheDaemonOnTheFirstRequestAndItExitsWhenIdle() throws Exception {
        stopDaemon();
        assertEquals("active", container.property("llm-osd.socket", "ActiveState"));
        assertEquals("listening", container.property("llm-osd.socket", "SubState"));
        assertEquals("inactive", container.property("llm-osd.service", "ActiveState"));
        assertEquals("0", container.property("llm-osd.service", "MainPID"));
        assertTrue(!daemonProcessRuns(), "no daemon runs before anyone asks");
        assertEquals("666", container.check("stat", "-c", "%a", SystemdContainer.SOCKET).out().strip(),
                "the socket unit's SocketMode");

        long start = System.nanoTime();
        Run first = container.llmsh(null, "--json", "status");
        long coldMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(0, first.exit(), first.toString());
        JsonNode status = first.json();
        assertEquals("listen-fds", status.path("activation").asText(), "systemd passed the socket as fd 3");
        assertEquals(0, status.path("uid").asInt());
        assertEquals(0, status.at("/caller/uid").asInt());
        long pid = status.path("pid").asLong();
        assertEquals("active", container.property("llm-osd.service", "ActiveState"));
        assertEquals(Long.toString(pid), container.property("llm-osd.service", "MainPID"),
                "the daemon is the service's main process, not a child of a wrapper");

        start = System.nanoTime();
        Run warm = container.llmsh(null, "--json", "status");
        long warmMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(pid, warm.json().path("pid").asLong(), "the running daemon serves the next request");
        System.err.println("llmsh status through socket activation: first (starts the daemon) " + coldMs
                + " ms, next " + warmMs + " ms");

        // idle exit: the service ends by itself, cleanly, and the socket stays
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SystemdContainer.IDLE_EXIT_S + 30);
        while (!container.property("llm-osd.service", "ActiveState").equals("inactive") && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals("inactive", container.property("llm-osd.service", "ActiveState"), "the idle daemon exits");
        assertEquals("success", container.property("llm-osd.service", "Result"), "exit status 0, no signal");
        assertEquals("0", container.property("llm-osd.service", "ExecMainStatus"));
        assertEquals("listening", container.property("llm-osd.socket", "SubState"));
        assertTrue(!daemonProcessRuns());

        Run again = container.llmsh(null, "--json", "status");
        assertEquals(0, again.exit(), again.toString());
        assertNotEquals(pid, again.json().path("pid").asLong(), "the next request starts a new daemon");
    }

    @Test
    void stoppingTheServiceIsAnOrderlyExitNotAFailure() throws Exception {
        Run status = container.llmsh(null, "--json", "status");
        assertEquals(0, status.exit(), status.toString());
        container.check("systemctl", "stop", "llm-osd.service");
        String result = container.property("llm-osd.service", "Result");
        String exit = container.property("llm-osd.service", "ExecMainStatus");
        container.check("systemctl", "reset-failed", "llm-osd.service");
        // the jvm exits with 143 (128 + sigterm) after its shutdown hooks; systemd calls that a failure
        // unless the unit says it is a success (`SuccessExitStatus=143`) or the daemon exits 0
        assertEquals("success", result, "systemctl stop llm-osd.service left Result=" + result + " (exit status "
                + exit + "): llm-osd.service needs SuccessExitStatus=143, or llm-osd must exit 0 on sigterm");
    }

    @Test
    void everyLocalUserReachesTheSystemDaemonAsThemselves() throws Exception {
        SystemdContainer.User dave = container.user("llmos-dave");
        Run run = container.llmsh(dave, "--json", "status");
        assertEquals(0, run.exit(), run.toString());
        assertEquals(dave.uid(), run.json().at("/caller/uid").asInt());
        assertEquals("llmos-dave", run.json().at("/caller/user").asText());
        assertEquals(0, run.json().path("uid").asInt(), "the daemon itself runs as root");
    }
}
