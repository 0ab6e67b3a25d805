package dev.llmos.e2e;

import dev.llmos.action.testkit.TestUsers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * issue 10's attacks through a real root daemon, with real users racing in real processes: the
 * daemon decides on the objects it acts on, never on names it resolves again later. each race runs
 * in a bounded loop (count and time) long enough to have reproduced against the name-based daemon,
 * and proves both outcomes of the race happened (so the race was live) and nothing beyond policy did.
 * the daemon's socket lives outside {@code /tmp}, as in the real install.
 */
class ObjectsNotNamesTest {
    /** tries per race; each is one request, so a few hundred take seconds. */
    static final int TRIES = 300;
    static final int SECONDS = 15;

    private static Path dir;
    private static Path scripts;
    private static DaemonProcess daemon;
    private static TestUsers.User alice;
    private static TestUsers.User bob;
    private static final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestUsers.isRoot(), "real users, namespaces and a root daemon need root");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/bwrap")), "needs bubblewrap");
        alice = TestUsers.ensure("llmos-alice");
        bob = TestUsers.ensure("llmos-bob");
        dir = Files.createTempDirectory(Path.of("/run"), "llmos-e2e-objects");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        scripts = Files.createDirectories(dir.resolve("scripts"));
        for (String script : List.of("flip.py", "swap_dir.py", "rpc_loop.py")) {
            try (InputStream in = ObjectsNotNamesTest.class.getResourceAsStream("/attack/" + script)) {
                Files.copy(in, scripts.resolve(script), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.setPosixFilePermissions(scripts, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path policy = dir.resolve("policy.toml");
        Files.writeString(policy, """
                [[rule]]
                id = "alice-id-as-root"
                actions = ["proc.run"]
                users = ["llmos-alice"]
                paths = ["/usr/bin/id"]
                run_as = "root"
                decision = "allow"
                reason = "alice may see root's identity"

                [[rule]]
                id = "no-dash"
                actions = ["proc.run"]
                paths = ["/usr/bin/dash"]
                decision = "deny"
                reason = "no shells through llm-os"
                """);
        daemon = DaemonProcess.startIn(dir, "--policy", policy.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        started.forEach(Process::destroyForcibly);
        if (daemon != null) {
            daemon.close();
        }
        if (dir != null) {
            Run.of(List.of("rm", "-rf", dir.toString()));
        }
    }

    /** a process of {@code user} (null: root) that runs until the test ends. */
    private static Process background(TestUsers.User user, List<String> command) throws IOException {
        List<String> argv = user == null ? command : Run.as(user, command);
        Process process = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(process);
        return process;
    }

    /** {@code user} flips {@code link} between the targets in its own process until the returned process is killed. */
    private static Process flip(TestUsers.User user, Path link, String... targets) throws IOException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", scripts.resolve("flip.py").toString(), link.toString()));
        command.addAll(List.of(targets));
        return background(user, command);
    }

    /** the answers to {@code request} sent {@link #TRIES} times by {@code user} (null: root) in one connection. */
    private static List<JsonNode> hammer(TestUsers.User user, ObjectNode request, String... options)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", scripts.resolve("rpc_loop.py").toString(),
                daemon.socket.toString(), Integer.toString(TRIES), Integer.toString(SECONDS)));
        command.addAll(List.of(options));
        command.add(Json.toString(request));
        Run run = Run.of(user == null ? command : Run.as(user, command), Map.of());
        assertEquals(0, run.exit(), run.toString());
        List<JsonNode> answers = new ArrayList<>();
        for (String line : run.out().lines().toList()) {
            answers.add(Json.parse(line.getBytes(StandardCharsets.UTF_8)));
        }
        assertFalse(answers.isEmpty(), run.toString());
        return answers;
    }

    private static ObjectNode execute(String action, String paramsJson) {
        ObjectNode request = Json.MAPPER.createObjectNode().put("jsonrpc", "2.0").put("method", "action.execute");
        ObjectNode params = request.putObject("params").put("action", action);
        params.set("params", RpcClient.params(paramsJson));
        return request;
    }

    private static Path ownedDir(TestUsers.User user, String name) throws Exception {
        Path path = Path.of(user.home(), name);
        Run.of(List.of("rm", "-rf", path.toString()));
        Files.createDirectories(path);
        Run.of(List.of("chown", user.uid() + ":" + user.gid(), path.toString()));
        return path;
    }

    @Test
    void aProgramSwappedAfterTheDecisionNeverRuns() throws Exception {
        Path bin = ownedDir(alice, "swap-bin");
        Path tool = bin.resolve("tool");
        Process flipper = flip(alice, tool, "/usr/bin/id", "/usr/bin/dash");
        try {
            // alice is granted /usr/bin/id as root; /usr/bin/dash is denied to everyone
            List<JsonNode> answers = hammer(alice, execute("proc.run",
                    "{\"argv\":[\"" + tool + "\",\"-c\",\"echo SHELL-RAN; id -u\"]}"));
            int ran = 0;
            int denied = 0;
            for (JsonNode answer : answers) {
                if (answer.has("result")) {
                    JsonNode output = answer.path("result").path("output");
                    assertEquals("/usr/bin/id", output.path("program").asText(), answer.toString());
                    assertFalse(output.path("stdout").asText().contains("SHELL-RAN"), answer.toString());
                    assertEquals("root", output.path("user").asText(), answer.toString());
                    ran++;
                } else {
                    int code = answer.path("error").path("code").asInt();
                    String message = answer.path("error").path("message").asText();
                    // a resolution that saw dash is denied; one that caught the link mid-rename finds nothing;
                    // one where the caller's executor and the daemon saw different files is refused
                    assertTrue(code == -32001 || code == -32602
                            || (code == -32003 && message.contains("a path changed while it was being resolved")),
                            answer.toString());
                    denied += code == -32001 ? 1 : 0;
                }
            }
            assertTrue(ran > 0 && denied > 0, "the race was live: " + ran + " ran id, " + denied + " were denied dash");

            // bob has no grant and confirms everything he is asked: the deny on dash still holds
            Path bobBin = ownedDir(bob, "swap-bin");
            Path bobTool = bobBin.resolve("tool");
            Process bobFlipper = flip(bob, bobTool, "/usr/bin/id", "/usr/bin/dash");
            try {
                for (JsonNode answer : hammer(bob, execute("proc.run",
                        "{\"argv\":[\"" + bobTool + "\",\"-c\",\"echo SHELL-RAN\"]}"), "--confirm")) {
                    assertFalse(answer.toString().contains("SHELL-RAN"), answer.toString());
                    if (answer.has("result")) {
                        assertEquals("/usr/bin/id", answer.at("/result/output/program").asText(), answer.toString());
                        assertEquals(bob.name(), answer.at("/result/output/user").asText(), answer.toString());
                    }
                }
            } finally {
                bobFlipper.destroyForcibly().waitFor();
            }
        } finally {
            flipper.destroyForcibly().waitFor();
        }
    }

    @Test
    void rootsWritesAndChmodsNeverLandInAProtectedTreeWhileTheUserSwapsTheDirectory() throws Exception {
        // a run killed mid-way (or one against an older daemon) may have left the stage behind
        Run.of(List.of("rm", "-rf", "/usr/share/llmos-e2e-swap"));
        Path protectedDir = Files.createDirectories(Path.of("/usr/share/llmos-e2e-swap"));
        Path protectedFile = Files.writeString(protectedDir.resolve("file"), "system file\n");
        Files.setPosixFilePermissions(protectedFile, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setLastModifiedTime(protectedFile, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
        Path home = Path.of(alice.home());
        Path real = ownedDir(alice, "d.dir");
        Files.writeString(real.resolve("file"), "alice's file\n");
        Run.of(List.of("chown", alice.uid() + ":" + alice.gid(), real.resolve("file").toString()));
        Path d = home.resolve("d");
        Run.of(List.of("rm", "-rf", d.toString()));
        Files.deleteIfExists(home.resolve("d.link"));
        Process swapper = background(alice, List.of("/usr/bin/python3", scripts.resolve("swap_dir.py").toString(),
                d.toString(), protectedDir.toString()));
        try {
            int landed = 0;
            int refused = 0;
            for (String request : List.of(
                    "{\"action\":\"fs.write\",\"params\":{\"path\":\"" + d + "/file\",\"content\":\"root was here\\n\","
                            + "\"mode\":\"overwrite\"}}",
                    "{\"action\":\"fs.chmod\",\"params\":{\"path\":\"" + d + "/file\",\"mode\":\"0777\"}}")) {
                ObjectNode call = Json.MAPPER.createObjectNode().put("jsonrpc", "2.0").put("method", "action.execute");
                call.set("params", RpcClient.params(request));
                for (JsonNode answer : hammer(null, call, "--confirm")) {
                    if (answer.has("result")) {
                        landed++;
                    } else {
                        refused++;
                        int code = answer.path("error").path("code").asInt();
                        String message = answer.path("error").path("message").asText();
                        // the symlink is alice's: root never follows it for a change; a name caught
                        // mid-rename is missing; a confirmation given for one object does not cover another
                        assertTrue(code == -32001 || code == -32003
                                || (code == -32002 && message.contains("have changed since")), answer.toString());
                    }
                }
            }
            assertTrue(landed > 0 && refused > 0, "the race was live: " + landed + " landed, " + refused + " refused");
        } finally {
            swapper.destroyForcibly().waitFor();
        }
        if (!Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
            // the swapper stopped while alice's directory was named d
            Files.move(d, real);
        }
        try {
            assertEquals("system file\n", Files.readString(protectedFile));
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(protectedFile)));
            assertEquals(1_000_000_000_000L, Files.getLastModifiedTime(protectedFile).toMillis());
            try (var listing = Files.list(protectedDir)) {
                assertEquals(List.of("file"), listing.map(p -> p.getFileName().toString()).toList());
            }
            // what did land, landed in alice's own directory, and no temp file is left anywhere
            String mine = Files.readString(real.resolve("file"));
            assertTrue(mine.equals("root was here\n") || mine.equals("alice's file\n"), mine);
            try (var walk = Files.walk(home)) {
                List<Path> temps = walk.filter(p -> p.getFileName().toString().startsWith(".llmos")).toList();
                assertEquals(List.of(), temps);
            }
        } finally {
            Run.of(List.of("rm", "-rf", protectedDir.toString()));
        }
    }

    @Test
    void aMagicLinkIntoAUsersOwnMountNamespaceIsRefused() throws Exception {
        Path protectedDir = Files.createDirectories(Path.of("/usr/share/llmos-e2e-protected"));
        Path mnt = ownedDir(alice, "mnt");
        Path notes = Path.of(alice.home(), "notes");
        Files.deleteIfExists(notes);
        try {
            // alice binds a protected directory onto ~/mnt inside her own user and mount namespace
            Process holder = background(alice, List.of("unshare", "-Urm", "sh", "-c",
                    "mount --bind " + protectedDir + " " + mnt + " && exec sleep 120"));
            Path seen = Path.of("/proc", Long.toString(holder.pid()), "root", mnt.toString().substring(1));
            Path mountinfo = Path.of("/proc", Long.toString(holder.pid()), "mountinfo");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (holder.isAlive() && System.nanoTime() < deadline
                    && !(Files.exists(mountinfo) && Files.readString(mountinfo).contains(" " + mnt + " "))) {
                Thread.sleep(20);
            }
            assumeTrue(holder.isAlive(), "unprivileged user namespaces are not available here");
            Run link = Run.of(Run.as(alice, List.of("ln", "-s", seen.toString(), notes.toString())));
            assertEquals(0, link.exit(), link.toString());

            // root never follows alice's symlink for a change; alice's own request meets the magic link
            for (TestUsers.User caller : new TestUsers.User[] {null, alice}) {
                List<JsonNode> answers = hammer(caller, execute("fs.write",
                        "{\"path\":\"" + notes + "/pwned\",\"content\":\"x\"}"), "--confirm");
                for (JsonNode answer : answers.subList(0, Math.min(5, answers.size()))) {
                    assertEquals(-32001, answer.path("error").path("code").asInt(), answer.toString());
                    String why = answer.path("error").path("message").asText();
                    assertTrue(why.contains(caller == null ? "refusing to follow the symlink " + notes : "magic link"),
                            answer.toString());
                }
            }
            try (var listing = Files.list(protectedDir)) {
                assertEquals(List.of(), listing.map(p -> p.getFileName().toString()).toList());
            }
        } finally {
            Files.deleteIfExists(notes);
            Run.of(List.of("rm", "-rf", protectedDir.toString()));
        }
    }

    @Test
    void rootsOwnRunsCannotRemountMountOrWriteProtectedTrees() throws Exception {
        Files.deleteIfExists(Path.of("/usr/llmos-e2e-root"));
        ObjectNode request = execute("proc.run", "{\"argv\":[\"bash\",\"-c\",\"grep CapEff /proc/self/status; "
                + "mount -o remount,bind,rw / && echo REMOUNTED; echo x > /usr/llmos-e2e-root || echo refused\"],"
                + "\"cwd\":\"/\"}");
        JsonNode answer = hammer(null, request, "--confirm").getFirst();
        String stdout = answer.at("/result/output/stdout").asText();
        assertTrue(stdout.contains("CapEff:\t0000000000000000"), answer.toString());
        assertFalse(stdout.contains("REMOUNTED"), answer.toString());
        assertTrue(stdout.contains("refused"), answer.toString());
        assertFalse(Files.exists(Path.of("/usr/llmos-e2e-root")));
    }

    @Test
    void aProgramInASandboxCanNeitherReachTheDaemonNorConfirm() throws Exception {
        // from inside proc.run, the daemon's socket (outside /tmp, as installed) is not there
        String probe = "import socket\nfor p in ['" + daemon.socket + "', '/run/llm-osd/llm-osd.sock']:\n"
                + "    s = socket.socket(socket.AF_UNIX)\n    try:\n        s.connect(p); print('REACHED', p)\n"
                + "    except OSError as e:\n        print('unreachable', p, type(e).__name__)\n";
        JsonNode inside = hammer(alice, execute("proc.run", Json.toString(Json.MAPPER.createObjectNode()
                .set("argv", Json.MAPPER.valueToTree(List.of("python3", "-c", probe))))), "--confirm").getFirst();
        String stdout = inside.at("/result/output/stdout").asText();
        assertFalse(stdout.contains("REACHED"), inside.toString());
        assertTrue(stdout.contains("unreachable " + daemon.socket), inside.toString());

        // and a process that does reach it from one of the daemon's sandbox cgroups cannot confirm
        Path group = sandboxCgroup();
        Path target = Path.of(alice.home(), "from-a-sandbox.txt");
        Files.deleteIfExists(target);
        try {
            List<String> command = List.of("/usr/bin/python3", scripts.resolve("rpc_loop.py").toString(),
                    daemon.socket.toString(), "3", "10", "--confirm", "--cgroup", group.toString(),
                    "--uid", Integer.toString(alice.uid()), "--gid", Integer.toString(alice.gid()),
                    Json.toString(execute("fs.write", "{\"path\":\"" + target + "\",\"content\":\"x\"}")));
            Run run = Run.of(command, Map.of());
            assertEquals(0, run.exit(), run.toString());
            for (String line : run.out().lines().toList()) {
                JsonNode answer = Json.parse(line.getBytes(StandardCharsets.UTF_8));
                assertEquals(-32001, answer.path("error").path("code").asInt(), answer.toString());
                assertTrue(answer.at("/error/data/reason").asText().contains("sandboxes cannot confirm"),
                        answer.toString());
            }
            assertFalse(Files.exists(target));
            // the same request from outside any sandbox is asked, as usual
            JsonNode outside = hammer(alice, execute("fs.write", "{\"path\":\"" + target + "\",\"content\":\"x\"}"))
                    .getFirst();
            assertEquals(-32002, outside.path("error").path("code").asInt(), outside.toString());
        } finally {
            Files.deleteIfExists(target);
            Files.deleteIfExists(group);
        }
    }

    @Test
    void aRunAsTheCallerGetsNothingTheCallerCouldNotReach() throws Exception {
        // root's daemon could bind anything into the sandbox; it binds only what alice herself reaches
        Path closed = Files.createDirectories(Path.of("/tmp/llmos-e2e-rootonly-" + ProcessHandle.current().pid()));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        Path inside = Files.createDirectories(closed.resolve("open"));
        Files.setPosixFilePermissions(inside, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(inside.resolve("secret"), "root's\n");
        try {
            JsonNode answer = hammer(alice, execute("proc.run", "{\"argv\":[\"cat\",\"secret\"],\"cwd\":\"" + inside
                    + "\"}"), "--confirm").getFirst();
            assertEquals(-32003, answer.path("error").path("code").asInt(), answer.toString());
            assertTrue(answer.path("error").path("message").asText().startsWith("cannot reach " + inside),
                    answer.toString());
        } finally {
            Run.of(List.of("rm", "-rf", closed.toString()));
        }
    }

    /** a cgroup named like the daemon's sandboxes, on a hierarchy this machine has. */
    private static Path sandboxCgroup() throws IOException {
        for (Path base : List.of(Path.of("/sys/fs/cgroup/pids"), Path.of("/sys/fs/cgroup/unified"),
                Path.of("/sys/fs/cgroup"))) {
            if (Files.exists(base.resolve("cgroup.procs")) && Files.isWritable(base)) {
                return Files.createDirectories(base.resolve("llm-osd-run-e2e-" + ProcessHandle.current().pid()));
            }
        }
        assumeTrue(false, "no writable cgroup hierarchy");
        return null;
    }
}
