package dev.llmos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * the systemd actions through llmsh, the socket-activated daemon and a real systemd, on real
 * units: start, stop, enable and disable each undone with {@code llmsh undo}, an undo refused
 * after the unit changed, restart, the journal of a unit, of one boot and the kernel's messages, a
 * failing unit, an unprivileged caller
 * (refused, and granted root by policy), a user's own service manager, hostname and time zone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SystemdActionsTest {
    private static final String PROBE = "llmos-e2e-probe.service";
    private static final String FAILING = "llmos-e2e-failing.service";
    private static final String MARKER = "llmos-e2e-marker-" + System.nanoTime();
    private static SystemdContainer container;
    private static SystemdContainer.User carol;

    @BeforeAll
    static void boot() throws Exception {
        assumeTrue(SystemdContainer.unavailable().isEmpty(), SystemdContainer.unavailable().orElse(""));
        container = SystemdContainer.get();
        container.installDaemon();
        carol = container.user("llmos-carol");
        container.write("/etc/systemd/system/" + PROBE, "[Unit]\n"
                + "Description=llm-os e2e probe\n"
                + "[Service]\n"
                + "ExecStartPre=/bin/echo " + MARKER + " starting\n"
                + "ExecStart=/bin/sleep infinity\n"
                + "[Install]\n"
                + "WantedBy=multi-user.target\n");
        container.write("/etc/systemd/system/" + FAILING, "[Unit]\n"
                + "Description=llm-os e2e failing unit\n"
                + "[Service]\n"
                + "Type=oneshot\n"
                + "ExecStart=/bin/sh -c 'echo llmos-e2e-fail-token >&2; exit 3'\n");
        container.check("systemctl", "daemon-reload");
        container.policy("50-systemd-actions", """
                [[rule]]
                id = "e2e-root-changes"
                actions = ["service.start", "service.stop", "service.restart", "service.enable", "service.disable",
                           "sys.set_hostname", "sys.timezone"]
                uids = ["0"]
                decision = "ask"
                reason = "root changes services and settings after confirming"

                [[rule]]
                id = "e2e-carol-own"
                actions = ["service.stop"]
                users = ["llmos-carol"]
                decision = "allow"
                reason = "carol may stop services with her own privileges"

                [[rule]]
                id = "e2e-carol-root"
                actions = ["service.start"]
                users = ["llmos-carol"]
                run_as = "root"
                reason = "carol may start services as root, after confirming"
                """);
    }

    @AfterEach
    void stopTheProbe() throws Exception {
        container.run("systemctl", "stop", PROBE);
        container.run("systemctl", "disable", PROBE);
    }

    /** {@code llmsh --json --yes ARGS} as root; fails unless it exits 0. */
    private static JsonNode ok(String... args) throws Exception {
        return ok(null, args);
    }

    private static JsonNode ok(SystemdContainer.User user, String... args) throws Exception {
        Run run = llmsh(user, args);
        assertEquals(0, run.exit(), run.toString());
        return run.json();
    }

    private static Run llmsh(SystemdContainer.User user, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--json", "--yes"));
        all.addAll(List.of(args));
        return container.llmsh(user, all.toArray(String[]::new));
    }

    private static String state(String unit) throws Exception {
        return container.property(unit, "ActiveState");
    }

    @Test
    @Order(1)
    void startIsUndoneByStop() throws Exception {
        assertEquals("inactive", state(PROBE));
        ok("status");
        long started = System.nanoTime();
        JsonNode start = ok("do", "service.start", "unit=llmos-e2e-probe");
        long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        JsonNode output = start.path("output");
        assertEquals(PROBE, output.path("unit").asText(), "a bare name is a service");
        assertTrue(output.path("changed").asBoolean());
        assertEquals("inactive", output.path("before").asText());
        assertEquals("active", output.path("after").asText());
        assertEquals("running", output.at("/status/sub_state").asText());
        assertEquals("active", state(PROBE), "systemd agrees");
        assertEquals(container.property(PROBE, "MainPID"), output.at("/status/main_pid").asText());
        assertTrue(start.at("/undo/available").asBoolean());

        JsonNode undo = ok("undo", start.path("txid").asText());
        assertEquals("service.stop", undo.path("action").asText());
        assertEquals("inactive", undo.at("/output/after").asText());
        assertEquals("inactive", state(PROBE));

        // latency of service.start through llmsh with the daemon running, against systemctl itself
        List<Long> viaLlmsh = new ArrayList<>();
        List<Long> direct = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            ok("do", "service.start", "unit=" + PROBE);
            viaLlmsh.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t));
            container.check("systemctl", "stop", PROBE);
            t = System.nanoTime();
            container.check("systemctl", "start", PROBE);
            direct.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t));
            container.check("systemctl", "stop", PROBE);
        }
        System.err.println("service.start through llmsh: first " + latencyMs + " ms, then " + viaLlmsh
                + " ms; nsenter systemctl start: " + direct + " ms");
    }

    @Test
    @Order(2)
    void stopIsUndoneByStart() throws Exception {
        container.check("systemctl", "start", PROBE);
        JsonNode stop = ok("do", "service.stop", "unit=" + PROBE);
        assertEquals("active", stop.at("/output/before").asText());
        assertEquals("inactive", stop.at("/output/after").asText());
        assertEquals("inactive", state(PROBE));
        JsonNode undo = ok("undo", stop.path("txid").asText());
        assertEquals("service.start", undo.path("action").asText());
        assertEquals("active", state(PROBE));
        assertTrue(undo.at("/undo/available").asBoolean(), "an undo can itself be undone");
    }

    @Test
    @Order(3)
    void undoRefusesWhenTheUnitChangedSince() throws Exception {
        JsonNode start = ok("do", "service.start", "unit=" + PROBE);
        container.check("systemctl", "stop", PROBE);
        Run undo = llmsh(null, "undo", start.path("txid").asText());
        assertEquals(1, undo.exit(), undo.toString());
        assertTrue(undo.out().contains("changed since: " + PROBE + " is inactive now, not active"), undo.out());
        assertTrue(undo.out().contains("nothing was changed"), undo.out());
        assertEquals("inactive", state(PROBE));

        // starting what already runs changes nothing, so there is nothing to undo
        container.check("systemctl", "start", PROBE);
        JsonNode again = ok("do", "service.start", "unit=" + PROBE);
        assertFalse(again.at("/output/changed").asBoolean());
        assertFalse(again.at("/undo/available").asBoolean(), "undo would stop what ran before");
    }

    @Test
    @Order(4)
    void enableAndDisableAreUndone() throws Exception {
        String wants = "/etc/systemd/system/multi-user.target.wants/" + PROBE;
        JsonNode enable = ok("do", "service.enable", "unit=" + PROBE);
        assertEquals("disabled", enable.at("/output/before").asText());
        assertEquals("enabled", enable.at("/output/after").asText());
        assertEquals("enabled", container.run("systemctl", "is-enabled", PROBE).out().strip());
        assertEquals(0, container.run("test", "-L", wants).exit(), "the [Install] symlink exists");
        assertEquals("inactive", state(PROBE), "enabling does not start it");
        ok("undo", enable.path("txid").asText());
        assertEquals("disabled", container.run("systemctl", "is-enabled", PROBE).out().strip());
        assertEquals(1, container.run("test", "-L", wants).exit());

        container.check("systemctl", "enable", PROBE);
        JsonNode disable = ok("do", "service.disable", "unit=" + PROBE);
        assertEquals("disabled", disable.at("/output/after").asText());
        assertEquals(1, container.run("test", "-L", wants).exit());
        ok("undo", disable.path("txid").asText());
        assertEquals("enabled", container.run("systemctl", "is-enabled", PROBE).out().strip());

        // a unit without an install section cannot be enabled: the result says so and records no undo
        JsonNode none = ok("do", "service.enable", "unit=" + FAILING);
        assertFalse(none.at("/output/changed").asBoolean());
        assertTrue(none.at("/output/note").asText().contains("no [Install] section"), none.toString());
        assertFalse(none.at("/undo/available").asBoolean());
    }

    @Test
    @Order(5)
    void restartReplacesTheProcessAndCannotBeUndone() throws Exception {
        container.check("systemctl", "start", PROBE);
        String before = container.property(PROBE, "MainPID");
        JsonNode restart = ok("do", "service.restart", "unit=" + PROBE);
        assertEquals(before, restart.at("/output/previous_pid").asText());
        assertNotEquals(before, restart.at("/output/status/main_pid").asText());
        assertEquals(container.property(PROBE, "MainPID"), restart.at("/output/status/main_pid").asText());
        assertFalse(restart.at("/undo/available").asBoolean());
    }

    @Test
    @Order(6)
    void theJournalOfAUnit() throws Exception {
        container.check("systemctl", "start", PROBE);
        JsonNode logs = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            logs = ok("do", "logs.query", "unit=llmos-e2e-probe", "grep=" + MARKER, "since=1 hour ago").path("output");
            if (logs.path("count").asInt() > 0) {
                break;
            }
            Thread.sleep(200);
        }
        assertTrue(logs.path("count").asInt() >= 1, "the marker of each start is in the journal: " + logs);
        for (JsonNode entry : logs.path("entries")) {
            assertEquals(PROBE, entry.path("unit").asText());
            assertTrue(entry.path("message").asText().startsWith(MARKER + " starting"), entry.toString());
            assertEquals("info", entry.path("priority").asText());
            assertEquals("echo", entry.path("identifier").asText());
            assertTrue(entry.path("pid").asLong() > 1);
            Instant.parse(entry.path("time").asText());
        }

        JsonNode all = ok("do", "logs.query", "unit=" + PROBE, "limit=2").path("output");
        assertEquals(2, all.path("count").asInt());
        assertTrue(all.path("limit_reached").asBoolean());
        assertTrue(Instant.parse(all.at("/entries/0/time").asText())
                .compareTo(Instant.parse(all.at("/entries/1/time").asText())) <= 0, "oldest first");

        JsonNode none = ok("do", "logs.query", "unit=" + PROBE, "grep=no-such-text-" + MARKER).path("output");
        assertEquals(0, none.path("count").asInt(), "grep without a match is an empty answer, not a failure");

        Run badTime = llmsh(null, "do", "logs.query", "since=the day before");
        assertEquals(1, badTime.exit(), badTime.toString());
        assertTrue(badTime.out().contains("cannot read since as a time"), badTime.out());
    }

    @Test
    @Order(7)
    void aFailingUnitSaysWhyAndWhereToLook() throws Exception {
        Run start = llmsh(null, "do", "service.start", "unit=" + FAILING);
        assertEquals(1, start.exit(), start.toString());
        assertTrue(start.out().contains("starting " + FAILING + " failed: job for " + FAILING + " failed"), start.out());
        assertTrue(start.out().contains("logs.query unit=" + FAILING), start.out());

        JsonNode status = ok("do", "service.status", "unit=" + FAILING).path("output");
        assertEquals("failed", status.path("active_state").asText());
        assertEquals("exit-code", status.path("result").asText());
        assertEquals("exited with status 3", status.path("last_exit").asText());

        JsonNode errors = ok("do", "logs.query", "unit=" + FAILING, "priority=error", "since=-1h").path("output");
        assertTrue(errors.path("count").asInt() >= 1, errors.toString());
        for (JsonNode entry : errors.path("entries")) {
            assertTrue(List.of("emerg", "alert", "crit", "err").contains(entry.path("priority").asText()), entry.toString());
        }
        assertTrue(errors.toString().contains("Failed to start " + FAILING), errors.toString());
        JsonNode said = ok("do", "logs.query", "unit=" + FAILING, "grep=fail-token").path("output");
        assertEquals("llmos-e2e-fail-token", said.at("/entries/0/message").asText());
        container.check("systemctl", "reset-failed", FAILING);
    }

    @Test
    @Order(8)
    void listShowsUnitsByStateAndName() throws Exception {
        container.check("systemctl", "start", PROBE);
        JsonNode running = ok("do", "service.list", "state=running", "pattern=llmos-e2e*").path("output");
        assertEquals(1, running.path("total").asInt(), running.toString());
        assertEquals(PROBE, running.at("/units/0/unit").asText());
        assertEquals("llm-os e2e probe", running.at("/units/0/description").asText());
        assertEquals("disabled", running.at("/units/0/enabled").asText());

        JsonNode sockets = ok("do", "service.list", "type=socket", "pattern=llm-osd").path("output");
        assertEquals("llm-osd.socket", sockets.at("/units/0/unit").asText());
        assertEquals("active", sockets.at("/units/0/active_state").asText());

        JsonNode failed = ok("do", "service.list", "state=failed").path("output");
        for (JsonNode unit : failed.path("units")) {
            assertEquals("failed", unit.path("active_state").asText());
        }
    }

    @Test
    @Order(9)
    void anUnprivilegedCallerIsRefusedUnlessPolicyGrantsRoot() throws Exception {
        container.check("systemctl", "start", PROBE);
        Run stop = llmsh(carol, "do", "service.stop", "unit=" + PROBE);
        assertEquals(1, stop.exit(), stop.toString());
        assertTrue(stop.out().contains("permission denied: stopping " + PROBE + " needs root"), stop.out());
        assertTrue(stop.out().contains("privileges of llmos-carol (uid " + carol.uid() + ")"), stop.out());
        assertTrue(stop.out().contains("run_as = \\\"root\\\""), stop.out());
        assertEquals("active", state(PROBE), "nothing changed");

        Run logs = llmsh(carol, "do", "logs.query", "unit=" + PROBE);
        assertEquals(1, logs.exit(), logs.toString());
        assertTrue(logs.out().contains("permission denied: reading the system journal needs root, or membership of "
                + "the adm or systemd-journal group"), logs.out());

        // policy grants carol service.start as root (run_as), after confirming
        container.check("systemctl", "stop", PROBE);
        Run unconfirmed = container.llmsh(carol, "do", "service.start", "unit=" + PROBE);
        assertEquals(5, unconfirmed.exit(), unconfirmed.toString());
        assertEquals("inactive", state(PROBE));
        JsonNode start = ok(carol, "do", "service.start", "unit=" + PROBE);
        assertEquals("active", start.at("/output/after").asText());
        assertEquals("active", state(PROBE));
    }

    @Test
    @Order(10)
    void aUsersOwnServiceManager() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/etc/pam.d")), "user service managers need pam's configuration");
        container.check("loginctl", "enable-linger", carol.name());
        String manager = "user@" + carol.uid() + ".service";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!state(manager).equals("active") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals("active", state(manager), "carol's service manager runs");
        String unitDir = carol.home() + "/.config/systemd/user";
        asCarol("mkdir", "-p", unitDir);
        Run written = SystemdContainer.exec(container.insideAs(carol, List.of("tee", unitDir + "/llmos-e2e-mine.service")),
                "[Unit]\nDescription=carol's own probe\n[Service]\nExecStart=/bin/sleep infinity\n".getBytes());
        assertEquals(0, written.exit(), written.toString());
        asCarol("systemctl", "--user", "daemon-reload");

        JsonNode status = ok(carol, "do", "service.status", "unit=llmos-e2e-mine", "user=true").path("output");
        assertEquals("inactive", status.path("active_state").asText());
        assertTrue(status.path("unit_file").asText().startsWith(unitDir), status.toString());
        // granted as root: systemctl --user --machine=llmos-carol@.host reaches her manager, nobody else's
        JsonNode start = ok(carol, "do", "service.start", "unit=llmos-e2e-mine", "user=true");
        assertEquals("active", start.at("/output/after").asText());
        assertEquals("active", asCarol("systemctl", "--user", "is-active", "llmos-e2e-mine").out().strip());
        assertEquals("inactive", state("llmos-e2e-mine.service"), "the system manager has no such unit running");
        // with her own privileges: systemctl --user on her own bus
        JsonNode stop = ok(carol, "do", "service.stop", "unit=llmos-e2e-mine", "user=true");
        assertEquals("inactive", stop.at("/output/after").asText());
        assertEquals("inactive", asCarol("systemctl", "--user", "is-active", "llmos-e2e-mine").out().strip());
        container.check("loginctl", "disable-linger", carol.name());
    }

    private static Run asCarol(String... command) throws Exception {
        return SystemdContainer.exec(container.insideAs(carol, List.of(command)), null);
    }

    @Test
    @Order(11)
    void hostnameAndTimezoneAreSetAndRestored() throws Exception {
        String hostname = container.check("hostname").out().strip();
        JsonNode renamed = ok("do", "sys.set_hostname", "hostname=llmos-e2e-host");
        assertEquals(hostname, renamed.at("/output/before").asText());
        assertEquals("llmos-e2e-host", container.check("hostname").out().strip());
        assertEquals("llmos-e2e-host", container.check("cat", "/etc/hostname").out().strip(), "persistent by default");
        ok("undo", renamed.path("txid").asText());
        assertEquals(hostname, container.check("hostname").out().strip());
        assertEquals(1, container.run("test", "-e", "/etc/hostname").exit(),
                "the container had no static hostname, and has none again");

        JsonNode again = ok("do", "sys.set_hostname", "hostname=llmos-e2e-host");
        container.check("hostnamectl", "set-hostname", "--static", "--", "someone-else");
        Run refused = llmsh(null, "undo", again.path("txid").asText());
        assertEquals(1, refused.exit(), refused.toString());
        assertTrue(refused.out().contains("changed since: the hostname is someone-else now"), refused.out());
        assertEquals("someone-else", container.check("hostname").out().strip());
        container.check("hostnamectl", "set-hostname", "--static", "");
        container.check("hostnamectl", "set-hostname", "--transient", "--", hostname);

        String zone = container.check("timedatectl", "show", "-p", "Timezone", "--value").out().strip();
        JsonNode paris = ok("do", "sys.timezone", "timezone=europe/paris");
        assertEquals("Europe/Paris", paris.at("/output/after").asText(), "taken in its installed spelling");
        assertTrue(container.check("readlink", "/etc/localtime").out().strip().endsWith("/zoneinfo/Europe/Paris"));
        ok("undo", paris.path("txid").asText());
        assertEquals(zone, container.check("timedatectl", "show", "-p", "Timezone", "--value").out().strip());

        Run mars = llmsh(null, "do", "sys.timezone", "timezone=Mars/Olympus_Mons");
        assertEquals(1, mars.exit(), mars.toString());
        assertTrue(mars.out().contains("unknown time zone: Mars/Olympus_Mons"), mars.out());
    }

    @Test
    @Order(12)
    void theJournalOfOneBootAndTheKernelsMessages() throws Exception {
        String logged = "llmos-e2e-boot-" + System.nanoTime();
        container.check("logger", "-t", "llmos-e2e-boot", logged);
        JsonNode thisBoot = journal("boot=0", "grep=" + logged);
        assertEquals(1, thisBoot.path("count").asInt(), "what was just logged is in this boot: " + thisBoot);
        assertEquals(logged, thisBoot.at("/entries/0/message").asText());
        assertEquals("llmos-e2e-boot", thisBoot.at("/entries/0/identifier").asText());
        assertTrue(thisBoot.path("note").isMissingNode() || thisBoot.path("note").isNull(), thisBoot.toString());

        // the container booted once, with its journal in a tmpfs: there is no previous boot
        for (String[] query : List.of(new String[] {"boot=-1"}, new String[] {"boot=-1", "kernel=true", "priority=err"})) {
            JsonNode previous = ok(cat("do", "logs.query", query)).path("output");
            assertEquals(0, previous.path("count").asInt(), previous.toString());
            assertTrue(previous.path("note").asText().startsWith("the journal has no boot -1: it keeps only this boot, "
                    + "since 20"), previous.toString());
            assertTrue(previous.path("note").asText().contains("not in memory (/run/log/journal)"), previous.toString());
        }
        Run shown = container.llmsh(null, "do", "logs.query", "boot=-1");
        assertEquals(0, shown.exit(), shown.toString());
        assertTrue(shown.out().contains("note:") && shown.out().contains("the journal has no boot -1"), shown.out());

        Run future = llmsh(null, "do", "logs.query", "boot=5");
        assertEquals(2, future.exit(), future.toString());
        assertTrue(future.out().contains("/params/boot"), future.out());

        assumeTrue(container.run("test", "-c", "/dev/kmsg").exit() == 0, "the container has no /dev/kmsg");
        String said = "llmos-e2e-kmsg-" + System.nanoTime();
        // one write is one record of the kernel's log: facility user, priority notice, an identifier
        Run written = SystemdContainer.exec(container.inside(List.of("tee", "/dev/kmsg")),
                ("<13>llmos-e2e-kmsg: " + said + "\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(0, written.exit(), written.toString());
        JsonNode kernel = journal("kernel=true", "grep=" + said);
        assertEquals(1, kernel.path("count").asInt(), kernel.toString());
        assertEquals(said, kernel.at("/entries/0/message").asText());
        assertEquals("llmos-e2e-kmsg", kernel.at("/entries/0/identifier").asText());
        assertEquals("notice", kernel.at("/entries/0/priority").asText());
        assertEquals(1, ok("do", "logs.query", "kernel=true", "boot=0", "grep=" + said).at("/output/count").asInt());
        JsonNode notKernel = ok("do", "logs.query", "kernel=true", "grep=" + logged).path("output");
        assertEquals(0, notKernel.path("count").asInt(), "logger writes to journald, not the kernel: " + notKernel);
    }

    /** the output of {@code logs.query PARAMS}, polled until it has an entry (journald writes behind). */
    private static JsonNode journal(String... params) throws Exception {
        JsonNode output = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            output = ok(cat("do", "logs.query", params)).path("output");
            if (output.path("count").asInt() > 0) {
                break;
            }
            Thread.sleep(100);
        }
        return output;
    }

    private static String[] cat(String first, String second, String... rest) {
        List<String> all = new ArrayList<>(List.of(first, second));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }
}
