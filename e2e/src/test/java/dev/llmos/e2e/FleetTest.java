package dev.llmos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.testkit.TestUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code llmsh plan export --ansible} and {@code llmsh fleet apply}: a saved plan run by the real
 * ansible-playbook on three real sshd hosts on loopback, each with its own private /srv directory
 * (a tmpfs in its own mount namespace), and a fourth inventory host where nothing listens.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetTest {
    private static final Path SHARED = Path.of("/srv/llmos-e2e-fleet");
    private static final String PLAN = "{\"version\":1,\"request\":\"a motd for the fleet\",\"planner\":\"test\",\"steps\":["
            + "{\"action\":\"fs.mkdir\",\"params\":{\"path\":\"" + SHARED + "/app\",\"parents\":true}},"
            + "{\"action\":\"fs.write\",\"params\":{\"path\":\"" + SHARED + "/app/motd\",\"content\":\"hello {{ fleet }}\\n\"}},"
            + "{\"action\":\"fs.chmod\",\"params\":{\"path\":\"" + SHARED + "/app/motd\",\"mode\":\"0640\"}}]}";
    private static SshHosts ssh;
    private static Path work;
    private static Path plan;
    private static Path inventory;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestUsers.isRoot(), "sshd and mount namespaces need root");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/sshd")) && Files.isExecutable(Path.of("/usr/bin/ansible-playbook")),
                "openssh-server and ansible are in packaging/test-packages.txt");
        ssh = SshHosts.start(3, SHARED, List.of());
        work = Files.createTempDirectory("llmos-e2e-fleet");
        plan = work.resolve("plan.json");
        Files.writeString(plan, PLAN);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            lines.add(ssh.inventoryLine("web" + (i + 1), ssh.hosts.get(i).port()));
        }
        lines.add(ssh.inventoryLine("gone", SshHosts.freePort()));
        inventory = work.resolve("hosts.ini");
        Files.writeString(inventory, String.join("\n", lines) + "\n");
    }

    @AfterAll
    static void stop() throws Exception {
        if (ssh != null) {
            ssh.close();
        }
        if (work != null) {
            deleteTree(work);
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static Run llmsh(String... args) throws Exception {
        Map<String, String> env = new HashMap<>(ssh.ansibleEnv());
        List<String> command = new ArrayList<>(List.of("--no-autostart"));
        command.addAll(List.of(args));
        return Run.of(Distribution.llmsh(command.toArray(String[]::new)), env);
    }

    private static Map<String, JsonNode> hosts(Run run) throws Exception {
        Map<String, JsonNode> hosts = new HashMap<>();
        run.json().path("hosts").forEach(host -> hosts.put(host.path("host").asText(), host));
        return hosts;
    }

    private static Path motd(int host) {
        return ssh.hosts.get(host).view(SHARED).resolve("app/motd");
    }

    @Test
    @Order(1)
    void theExportIsAPlaybookAnsibleAccepts() throws Exception {
        Path playbook = work.resolve("motd.yml");
        Run export = llmsh("plan", "export", "--ansible", plan.toString(), "-o", playbook.toString());
        assertEquals(0, export.exit(), export.toString());
        String yaml = Files.readString(playbook);
        assertTrue(yaml.contains("name: !unsafe \"step 2: fs.write path=" + SHARED + "/app/motd"), yaml);
        Map<String, String> env = new HashMap<>(ssh.ansibleEnv());
        Run syntax = Run.of(List.of("ansible-playbook", "-i", inventory.toString(), "--syntax-check", playbook.toString()), env);
        assertEquals(0, syntax.exit(), syntax.toString());
    }

    @Test
    @Order(2)
    void aStepWithoutAFaithfulModuleIsRefusedAndNothingIsWritten() throws Exception {
        Path moving = work.resolve("move.json");
        Files.writeString(moving, "{\"version\":1,\"steps\":[{\"action\":\"fs.move\",\"params\":{\"source\":\"/srv/a\","
                + "\"destination\":\"/srv/b\"}},{\"action\":\"fs.mkdir\",\"params\":{\"path\":\"/srv/c\"}}]}");
        Path out = work.resolve("move.yml");
        Run export = llmsh("plan", "export", "--ansible", moving.toString(), "-o", out.toString());
        assertEquals(1, export.exit(), export.toString());
        assertTrue(export.err().contains("1 step has no faithful ansible module"), export.err());
        assertTrue(export.err().contains("step 1 (fs.move): no ansible module moves"), export.err());
        assertFalse(Files.exists(out));
    }

    @Test
    @Order(3)
    void aDryRunChangesNothingAndAnUnreachableHostFailsNoOther() throws Exception {
        Run check = llmsh("--json", "fleet", "apply", "-i", inventory.toString(), "--check", plan.toString());
        assertEquals(1, check.exit(), "the unreachable host makes the run fail: " + check);
        Map<String, JsonNode> hosts = hosts(check);
        assertEquals("unreachable", hosts.get("gone").path("status").asText(), check.out());
        for (int i = 0; i < 3; i++) {
            assertEquals("changed", hosts.get("web" + (i + 1)).path("status").asText(), check.out());
            assertFalse(Files.exists(motd(i).getParent()), "a dry run creates nothing");
        }
    }

    @Test
    @Order(4)
    void applyChangesEachHostThenASecondRunChangesNothing() throws Exception {
        Run apply = llmsh("fleet", "apply", "-i", inventory.toString(), plan.toString());
        assertEquals(1, apply.exit(), apply.toString());
        assertTrue(apply.out().contains("gone: unreachable"), apply.out());
        for (int i = 0; i < 3; i++) {
            assertTrue(apply.out().contains("web" + (i + 1) + ": changed"), apply.out());
            assertEquals("hello {{ fleet }}\n", Files.readString(motd(i)), "plan text is never a template");
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(motd(i))));
        }
        assertFalse(Files.exists(SHARED.resolve("app")), "each host's /srv is its own, not this machine's");
        Run again = llmsh("--json", "fleet", "apply", "-i", inventory.toString(), plan.toString());
        Map<String, JsonNode> hosts = hosts(again);
        for (int i = 0; i < 3; i++) {
            JsonNode host = hosts.get("web" + (i + 1));
            assertEquals("ok", host.path("status").asText(), again.out());
            assertTrue(host.path("steps").isEmpty(), "no step changed: " + host);
        }
        Run checkAgain = llmsh("--json", "fleet", "apply", "-i", inventory.toString(), "--check", plan.toString());
        assertEquals("ok", hosts(checkAgain).get("web1").path("status").asText(), checkAgain.out());
    }

    @Test
    @Order(5)
    void viaLlmOsdEachHostsOwnDaemonRunsThePlanAndUndoesItsOwnSteps() throws Exception {
        List<DaemonProcess> daemons = new ArrayList<>();
        try {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                DaemonProcess daemon = DaemonProcess.startInNamespaceOf(ssh.hosts.get(i).holder().pid(),
                        Distribution.publicTempDir("llmos-e2e-fleet-osd"));
                daemons.add(daemon);
                lines.add(ssh.inventoryLine("web" + (i + 1), ssh.hosts.get(i).port()) + " llmos_socket=" + daemon.socket);
            }
            lines.add(ssh.inventoryLine("gone", SshHosts.freePort()) + " llmos_socket=/run/llmos-e2e-none.sock");
            Path daemonsInventory = work.resolve("daemons.ini");
            Files.writeString(daemonsInventory, String.join("\n", lines) + "\n");
            Path daemonsPlan = work.resolve("daemons.json");
            Files.writeString(daemonsPlan, PLAN.replace(SHARED + "/app", SHARED + "/osd"));
            Map<String, String> env = new HashMap<>(ssh.env());
            env.putAll(ssh.ansibleEnv());

            Run check = Run.of(Distribution.llmsh("--json", "fleet", "apply", "--via", "llm-osd", "-i",
                    daemonsInventory.toString(), "--check", daemonsPlan.toString()), env);
            Map<String, JsonNode> checked = hosts(check);
            assertEquals("unreachable", checked.get("gone").path("status").asText(), check.out());
            assertEquals("dry_run", checked.get("web2").at("/steps/1/state").asText(), check.out());
            assertFalse(Files.exists(ssh.hosts.get(1).view(SHARED).resolve("osd")), "a dry run creates nothing");

            Run apply = Run.of(Distribution.llmsh("--json", "--yes", "fleet", "apply", "--via", "llm-osd", "-i",
                    daemonsInventory.toString(), daemonsPlan.toString()), env);
            assertEquals(1, apply.exit(), "the unreachable host fails the run: " + apply);
            Map<String, JsonNode> applied = hosts(apply);
            for (int i = 0; i < 3; i++) {
                JsonNode host = applied.get("web" + (i + 1));
                assertEquals("changed", host.path("status").asText(), apply.out());
                assertEquals("hello {{ fleet }}\n", Files.readString(ssh.hosts.get(i).view(SHARED).resolve("osd/motd")));
            }
            // each host's undo is its own: web1's chmod (the last step) undone there, web2's stays
            String txid = applied.get("web1").at("/steps/2/detail").asText();
            Run undo = Run.of(Distribution.llmsh("--host", ssh.destination(0, "root"), "--socket",
                    daemons.getFirst().socket.toString(), "--yes", "undo", txid), env);
            assertEquals(0, undo.exit(), undo.toString());
            Path web1 = ssh.hosts.get(0).view(SHARED).resolve("osd/motd");
            Path web2 = ssh.hosts.get(1).view(SHARED).resolve("osd/motd");
            assertFalse(PosixFilePermissions.toString(Files.getPosixFilePermissions(web1)).equals("rw-r-----"),
                    "the chmod is undone on web1");
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(web2)), "web2 keeps its own");
        } finally {
            ssh.endMasters();
            for (DaemonProcess daemon : daemons) {
                daemon.close();
                deleteTree(daemon.dir);
            }
        }
    }
}
