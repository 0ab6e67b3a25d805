package dev.llmos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.testkit.TestUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * llmsh as a well-made linux cli, through the real llmsh against a real daemon: help everywhere,
 * "did you mean" that never reaches the planner, paths as a shell resolves them, output that
 * shows all the data and nothing raw from the daemon, exit codes, denials that say what would
 * allow them, scripts' confirmation tokens, man pages and completion.
 */
class CliTest {
    /** every command of llmsh, as the model has them. */
    static final List<List<String>> COMMANDS = List.of(List.of("ask"), List.of("plan"), List.of("apply"),
            List.of("actions"), List.of("describe"), List.of("do"), List.of("status"), List.of("undo"), List.of("audit"),
            List.of("audit", "tail"), List.of("audit", "verify"), List.of("policy"), List.of("policy", "check"),
            List.of("policy", "suggest"), List.of("policy", "show"), List.of("lease"), List.of("lease", "revoke"),
            List.of("lease", "list"), List.of("completion"), List.of("help"), List.of("replay"), List.of("mcp"),
            List.of("plan", "export"), List.of("fleet"), List.of("fleet", "apply"));

    private static Path dir;
    private static Path policy;
    private static DaemonProcess daemon;

    @BeforeAll
    static void start() throws Exception {
        dir = Distribution.publicTempDir("llmos-e2e-cli");
        policy = dir.resolve("policy.toml");
        Files.writeString(policy, "");
        daemon = DaemonProcess.startIn(dir, "--policy", policy.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static Run llmsh(String... args) throws Exception {
        return daemon.llmsh(null, args);
    }

    @Test
    void everyCommandAnswersHelpAndDashHWithExitZeroWithoutAskingTheDaemon(@TempDir Path nowhere) throws Exception {
        String socket = nowhere.resolve("none.sock").toString();
        for (List<String> command : COMMANDS) {
            for (String flag : List.of("--help", "-h")) {
                List<String> args = new ArrayList<>(List.of("--socket", socket, "--no-autostart"));
                args.addAll(command);
                args.add(flag);
                Run run = Run.of(Distribution.llmsh(args.toArray(String[]::new)));
                assertEquals(0, run.exit(), command + " " + flag + ": " + run);
                assertTrue(run.out().startsWith("Usage: llmsh " + String.join(" ", command) + " "), run.out());
                if (command.equals(List.of("audit", "verify"))) {
                    assertTrue(run.out().contains("Exit codes:\n  0  the chain is intact\n  1  the chain is broken\n"), run.out());
                } else if (command.equals(List.of("ask"))) {
                    assertTrue(run.out().contains("Exit codes:\n  0    answered\n  1    a budget ended the loop"), run.out());
                } else if (command.equals(List.of("plan", "export"))) {
                    assertTrue(run.out().contains("Exit codes:\n  0  written\n  1  some steps have no faithful ansible "
                            + "module (listed)\n"), run.out());
                } else if (command.equals(List.of("fleet", "apply"))) {
                    assertTrue(run.out().contains("Exit codes:\n  0  every host is as the plan wants\n"), run.out());
                } else if (command.equals(List.of("replay"))) {
                    assertTrue(run.out().contains("Exit codes:\n  0  the machine answered exactly as recorded\n"
                            + "  1  it now answers differently\n"), run.out());
                } else {
                    assertTrue(run.out().contains("Exit codes:\n  0  ok\n  1  the action failed, a program run by proc.run "
                            + "exited"), run.out());
                    assertTrue(run.out().contains("a dry run's preview reports an error"), run.out());
                }
            }
        }
        Run root = Run.of(Distribution.llmsh("--help"));
        assertEquals(0, root.exit());
        for (List<String> command : COMMANDS) {
            if (command.size() == 1) {
                assertTrue(root.out().contains("\n  " + command.getFirst() + " "), command + " listed in\n" + root.out());
            }
        }
        assertEquals(Run.of(Distribution.llmsh("do", "--help")).out(), Run.of(Distribution.llmsh("help", "do")).out());
        assertEquals(Run.of(Distribution.llmsh("audit", "tail", "-h")).out(),
                Run.of(Distribution.llmsh("help", "audit", "tail")).out());
    }

    private static long planned() throws Exception {
        JsonNode cache = llmsh("--json", "status").json().path("plan_cache");
        return cache.path("hits").asLong() + cache.path("misses").asLong();
    }

    @Test
    void aMistypedCommandOrOptionSaysWhatWasMeantExitsTwoAndNeverReachesThePlanner() throws Exception {
        long before = planned();
        Map<List<String>, String> mistakes = Map.of(
                List.of("stauts"), "unknown command 'stauts'; did you mean 'status'?",
                List.of("undo-list"), "unknown command 'undo-list'; did you mean 'undo'?",
                List.of("sys.info"), "unknown command 'sys.info'; did you mean 'do sys.info'?",
                List.of("desribe", "fs.list"), "unknown command 'desribe'; did you mean 'describe'?",
                List.of("--jsno", "status"), "unknown option '--jsno'; did you mean '--json'?",
                List.of("do", "sys.info", "--dry-rn"), "unknown option '--dry-rn' for llmsh do; did you mean '--dry-run'?",
                List.of("audit", "tali"), "unknown command 'tali' for llmsh audit; did you mean 'tail'?",
                List.of("do", "fs.lsit"), "unknown action: fs.lsit; did you mean 'fs.list'?");
        for (var mistake : mistakes.entrySet()) {
            Run run = llmsh(mistake.getKey().toArray(String[]::new));
            assertEquals(2, run.exit(), mistake.getKey() + ": " + run);
            assertTrue(run.err().contains(mistake.getValue()), mistake.getKey() + ": " + run.err());
        }
        Run json = llmsh("--json", "stauts");
        assertEquals(2, json.exit());
        assertEquals(2, json.json().path("exit_code").asInt(), json.out());
        assertEquals(before, planned(), "no mistyped command reached the planner");
    }

    @Test
    void pathParamsResolveDotTildeTildeUserAndRelativePathsAgainstTheCallersDirectory() throws Exception {
        Path work = Files.createDirectories(dir.resolve("paths/work")).toRealPath();
        Files.writeString(work.resolve("notes.txt"), "x");
        Map<String, String> home = Map.of("HOME", work.toString());
        Map<String, String> expected = Map.of(
                ".", work.toString(),
                "./", work.toString(),
                "notes.txt", work.resolve("notes.txt").toString(),
                "../work/notes.txt", work.resolve("notes.txt").toString(),
                "..", work.getParent().toString(),
                "~", work.toString(),
                "~/notes.txt", work.resolve("notes.txt").toString(),
                "~root", Path.of("/root").toRealPath().toString());
        for (var path : expected.entrySet()) {
            Run run = daemon.llmshIn(work, null, home, "--json", "do", "fs.stat", "path=" + path.getKey());
            assertEquals(0, run.exit(), path.getKey() + ": " + run);
            assertEquals(path.getValue(), run.json().at("/output/path").asText(), path.getKey());
        }
        Run listed = daemon.llmshIn(work, null, home, "--json", "do", "fs.list", "--params", "{\"path\":\".\"}");
        assertEquals(work.toString(), listed.json().at("/output/path").asText(), "--params paths resolve too");
        Run nobody = daemon.llmshIn(work, null, home, "do", "fs.stat", "path=~no-such-user-llmos/x");
        assertEquals(2, nobody.exit(), nobody.toString());
        assertTrue(nobody.err().contains("no such user for ~no-such-user-llmos"), nobody.err());
    }

    @Test
    void humanOutputShowsAllTheData(@TempDir Path tmp) throws Exception {
        Path text = Files.writeString(tmp.resolve("three.txt"), "line one\nline two\nline three\n");
        Run read = llmsh("do", "fs.read", "path=" + text);
        assertEquals(0, read.exit(), read.toString());
        assertTrue(read.out().contains("content:\n  line one\n  line two\n  line three\n"), read.out());

        JsonNode interfaces = llmsh("--json", "do", "net.interfaces").json().at("/output/interfaces");
        String shown = llmsh("do", "net.interfaces").out();
        for (JsonNode nic : interfaces) {
            for (JsonNode address : nic.path("addresses")) {
                assertTrue(shown.contains("address=" + address.path("address").asText() + " "), address + " in\n" + shown);
            }
        }
        assertFalse(shown.contains(", ,"), shown);

        String info = llmsh("do", "sys.info").out();
        assertTrue(info.matches("(?s).*total_bytes: +\\d+\\.\\d [KMGT]iB\n.*"), info);
        assertFalse(info.contains("kB"), info);

        String stat = llmsh("do", "fs.stat", "path=" + text).out();
        assertTrue(stat.matches("(?s).*mtime: +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\((just now|\\d+ s ago)\\)\n.*"), stat);
        assertTrue(stat.matches("(?s).*size: +29 bytes\n.*"), stat);
        assertFalse(stat.matches("(?s).*\\d\\d:\\d\\d:\\d\\d\\.\\d+.*"), "no fractions of seconds: " + stat);

        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertTrue(llmsh("do", "fs.list", "path=" + empty).out().contains("entries:   (none)\n"));
        assertTrue(llmsh("undo", "--list").out().strip().length() > 0, "an empty list still says something");

        Files.writeString(tmp.resolve("motd"), "old line\nsame\n");
        Run diff = llmsh("do", "fs.write", "path=" + tmp.resolve("motd"), "content=new line\nsame\n", "mode=overwrite",
                "--dry-run");
        assertEquals(0, diff.exit(), diff.toString());
        assertTrue(diff.out().contains("\n    -old line\n    +new line\n     same\n"), "a diff as a diff:\n" + diff.out());

        Run actions = llmsh("actions");
        JsonNode catalog = llmsh("--json", "actions").json().path("actions");
        for (JsonNode action : catalog) {
            String description = action.path("description").asText();
            assertTrue(actions.out().contains(description), "the whole description of " + action.path("name"));
        }
    }

    @Test
    void controlCharactersInFileNamesErrorsPreviewsAndTheAuditLogAreEscapedAndJsonKeepsThemExactly(@TempDir Path tmp)
            throws Exception {
        Set<String> names = Set.of("esc\u001b[31mred", "cr\rhidden", "bell\u0007", "bidi\u202etxt.exe", "c1\u009bx");
        for (String name : names) {
            Files.writeString(tmp.resolve(name), "x");
        }
        Run list = llmsh("do", "fs.list", "path=" + tmp);
        assertEquals(0, list.exit(), list.toString());
        assertNoRawControls(list.out());
        for (String escaped : List.of("esc\\e[31mred", "cr\\rhidden", "bell\\a", "bidi\\u202etxt.exe", "c1\\x9bx")) {
            assertTrue(list.out().contains(escaped), escaped + " in\n" + list.out());
        }
        Set<String> exact = new HashSet<>();
        llmsh("--json", "do", "fs.list", "path=" + tmp).json().at("/output/entries").forEach(e -> exact.add(e.path("name").asText()));
        assertEquals(names, exact, "--json keeps the exact names");

        Run refused = llmsh("do", "fs.read", "path=" + tmp.resolve("gone\u001b[2Jnow"));
        assertEquals(2, refused.exit(), "a control character in a path param is refused: " + refused);
        assertNoRawControls(refused.err());
        assertTrue(refused.err().contains("the path contains the control character"), refused.err());

        Run preview = llmsh("do", "fs.delete", "path=" + tmp, "recursive=true", "--dry-run");
        assertEquals(0, preview.exit(), preview.toString());
        assertNoRawControls(preview.out());

        assumeTrue(Files.isExecutable(Path.of("/usr/bin/journalctl")), "needs journalctl");
        // a bidi override and a c1 control pass the grep param's pattern and come back in the error
        Run bidi = llmsh("do", "logs.query", "grep=(\u202e\u009b");
        assertEquals(1, bidi.exit(), bidi.toString());
        assertNoRawControls(bidi.err());
        assertTrue(bidi.err().contains("(\\u202e\\x9b"), bidi.err());
        Run audit = llmsh("audit", "tail", "-n", "5");
        assertEquals(0, audit.exit(), audit.toString());
        assertNoRawControls(audit.out());
        assertTrue(audit.out().contains("bad pattern \"(\\u202e\\x9b\""), "the failure is in the audit tail:\n" + audit.out());
    }

    private static void assertNoRawControls(String text) {
        for (char c : text.toCharArray()) {
            boolean control = (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e)
                    || (c >= 0x2066 && c <= 0x2069);
            assertFalse(control, "raw character " + (int) c + " in:\n" + text);
        }
    }

    @Test
    void aProgramThatFailsOrADryRunWhosePreviewFailsExitsOne(@TempDir Path tmp) throws Exception {
        Run failed = llmsh("--yes", "do", "proc.run", "argv=false");
        assertEquals(1, failed.exit(), failed.toString());
        assertTrue(failed.err().contains("proc.run: the program exited with status 1"), failed.err());
        assertTrue(failed.out().contains("exit_code:     1"), failed.out());
        Run json = llmsh("--json", "--yes", "do", "proc.run", "argv=sh,-c,exit 7");
        assertEquals(1, json.exit(), json.toString());
        assertEquals(7, json.json().at("/output/exit_code").asInt());
        Run killed = llmsh("--yes", "do", "proc.run", "argv=sleep,30", "timeout_s=1");
        assertEquals(1, killed.exit(), killed.toString());
        assertTrue(killed.err().contains("the program was stopped (timeout)"), killed.err());
        assertEquals(0, llmsh("--yes", "do", "proc.run", "argv=true").exit());

        Path existing = Files.writeString(tmp.resolve("there"), "x");
        Run dry = llmsh("do", "fs.write", "path=" + existing, "content=y", "--dry-run");
        assertEquals(1, dry.exit(), dry.toString());
        assertTrue(dry.err().contains("fs.write: the preview reports an error: already exists"), dry.err());
        assertEquals(1, llmsh("--json", "do", "fs.write", "path=" + existing, "content=y", "--dry-run").exit());
        assertEquals(0, llmsh("do", "fs.write", "path=" + tmp.resolve("new"), "content=y", "--dry-run").exit());
    }

    @Test
    void emptyResultsSayWhyTheSystemHasNothingToSay() throws Exception {
        assumeFalse(Files.isDirectory(Path.of("/run/systemd/system")), "systemd runs here: the systemd tests cover it");
        boolean journal = false;
        for (Path journals : List.of(Path.of("/var/log/journal"), Path.of("/run/log/journal"))) {
            if (Files.isDirectory(journals)) {
                try (var files = Files.find(journals, 3, (p, a) -> p.toString().endsWith(".journal"))) {
                    journal |= files.findAny().isPresent();
                }
            }
        }
        if (!journal) {
            Run logs = llmsh("do", "logs.query", "priority=err");
            assertEquals(0, logs.exit(), logs.toString());
            assertTrue(logs.out().contains("note:") && logs.out().contains("there are no journal files on this machine"),
                    logs.out());
            assertTrue(logs.out().contains("entries:"), logs.out());
        }
        Run services = llmsh("do", "service.list");
        assertEquals(1, services.exit(), services.toString());
        assertTrue(services.err().contains("systemd is not running on this machine"), services.err());
        assumeTrue(System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null, "a graphical session here");
        Run display = llmsh("do", "display.info");
        assertEquals(1, display.exit(), display.toString());
        assertTrue(display.err().contains("no graphical session"), display.err());
    }

    @Test
    void aDenialNamesThePolicyFileAndARuleThatTheLoaderAcceptsAndThatAllowsExactlyThisRequest() throws Exception {
        assumeTrue(TestUsers.isRoot(), "a real unprivileged caller needs root to create");
        TestUsers.User user = TestUsers.ensure("llmoscli1");
        Run denied = daemon.llmsh(user, "do", "sys.set_hostname", "hostname=llmos-cli-test");
        assertEquals(3, denied.exit(), denied.toString());
        assertTrue(denied.err().contains("add this rule to " + policy), denied.err());
        assertTrue(denied.err().contains("users = [\"llmoscli1\"]") && denied.err().contains("[[rule.match]]"), denied.err());
        assertTrue(denied.err().contains("llmsh policy suggest sys.set_hostname"), denied.err());

        Run suggested = daemon.llmsh(user, "--json", "policy", "suggest", "sys.set_hostname", "hostname=llmos-cli-test");
        assertEquals(0, suggested.exit(), suggested.toString());
        assertEquals(policy.toString(), suggested.json().path("file").asText());
        Files.writeString(policy, suggested.json().path("rule").asText());
        Files.setPosixFilePermissions(policy, PosixFilePermissions.fromString("rw-r--r--"));
        Run.of(List.of("kill", "-HUP", Long.toString(daemon.process.pid())));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!daemon.logText().contains("policy reloaded") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(daemon.logText().contains("policy reloaded"), "the loader takes the rule: " + daemon.logText());
        Run asks = daemon.llmsh(user, "do", "sys.set_hostname", "hostname=llmos-cli-test");
        assertEquals(5, asks.exit(), "now it asks instead of denying: " + asks);
        Run other = daemon.llmsh(user, "do", "sys.set_hostname", "hostname=something-else");
        assertEquals(3, other.exit(), "and only this request: " + other);

        Run protectedPath = daemon.llmsh(user, "policy", "suggest", "fs.delete", "path=/etc/passwd");
        assertEquals(3, protectedPath.exit(), protectedPath.toString());
        assertTrue(protectedPath.out().contains("no rule can allow it: path /etc/passwd is a protected path"),
                protectedPath.out());
    }

    @Test
    void aScriptConfirmsWithTheTokenOfTheAnswerThatAskedForIt(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("confirmed.txt");
        Run asked = llmsh("--json", "do", "fs.write", "path=" + file, "content=hi");
        assertEquals(5, asked.exit(), asked.toString());
        String token = asked.json().at("/data/confirm").asText();
        assertTrue(token.length() > 8, asked.out());
        assertFalse(Files.exists(file));
        Run other = llmsh("--confirm", token, "do", "fs.write", "path=" + file, "content=something else");
        assertEquals(5, other.exit(), "a token covers only the request it was issued for: " + other);
        assertTrue(other.err().contains("the token given with --confirm was not accepted"), other.err());
        assertFalse(Files.exists(file));
        Run both = llmsh("--yes", "--confirm", token, "do", "fs.write", "path=" + file, "content=hi");
        assertEquals(2, both.exit(), both.toString());
        assertTrue(both.err().contains("give --yes or --confirm TOKEN, not both"), both.err());
        Run again = llmsh("--json", "do", "fs.write", "path=" + file, "content=hi");
        Run confirmed = llmsh("--confirm", again.json().at("/data/confirm").asText(), "do", "fs.write", "path=" + file,
                "content=hi");
        assertEquals(0, confirmed.exit(), confirmed.toString());
        assertEquals("hi", Files.readString(file));
    }

    @Test
    void manPagesListEveryCommandAndOptionOfTheirPrograms() throws Exception {
        Path man = Path.of(System.getProperty("user.dir")).resolve("../packaging/target/man").normalize();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/man")), "needs man");
        Run llmsh = Run.of(List.of("man", "-l", man.resolve("llmsh.1").toString()), Map.of("MANWIDTH", "200"));
        assertEquals(0, llmsh.exit(), llmsh.toString());
        for (List<String> command : COMMANDS) {
            assertTrue(llmsh.out().contains("llmsh " + String.join(" ", command) + " [OPTIONS]"), command + " in the man page");
        }
        for (String section : List.of("SYNOPSIS", "OPTIONS", "COMMANDS", "EXIT STATUS", "ENVIRONMENT", "FILES", "SEE ALSO",
                "--confirm TOKEN", "NO_COLOR", "a dry run's preview reports an error")) {
            assertTrue(llmsh.out().contains(section), section);
        }
        for (var program : Map.of("llm-osd.8", Distribution.daemon("--help"),
                "llm-modeld.8", Distribution.java("dev.llmos.modeld.ModeldMain", List.of("--help"))).entrySet()) {
            Run page = Run.of(List.of("man", "-l", man.resolve(program.getKey()).toString()), Map.of("MANWIDTH", "200"));
            assertEquals(0, page.exit(), page.toString());
            Run help = Run.of(program.getValue());
            List<String> options = new ArrayList<>();
            for (String word : help.out().split("[\\s,=\\[\\]]+")) {
                if (word.startsWith("--") && word.length() > 2) {
                    options.add(word);
                }
            }
            assertTrue(options.size() > 3, help.out());
            for (String option : options) {
                assertTrue(page.out().contains(option), option + " of " + program.getKey());
            }
        }
    }

    @Test
    void bashAndFishCompleteCommandsActionsParamsAndPaths(@TempDir Path bin) throws Exception {
        Distribution.llmshLauncher(bin, daemon.socket);
        Path script = bin.resolve("llmsh.bash");
        Files.writeString(script, llmsh("completion", "bash").out());
        String path = bin + ":" + System.getenv("PATH");
        String bash = """
                source "$1"
                complete_line() {
                    COMP_LINE=$1; COMP_POINT=${#COMP_LINE}; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 ))
                    _llmsh; printf '%s|' "${COMPREPLY[@]}"; echo
                }
                complete_line 'llmsh stat' llmsh stat
                complete_line 'llmsh do fs.li' llmsh do fs.li
                complete_line 'llmsh do fs.list pa' llmsh do fs.list pa
                complete_line 'llmsh do proc.list sort=m' llmsh do proc.list sort = m
                complete_line 'llmsh do fs.list path=/et' llmsh do fs.list path = /et
                """;
        Run completed = Run.of(List.of("bash", "-c", bash, "bash", script.toString()), Map.of("PATH", path));
        assertEquals(List.of("status|", "fs.list|", "path=|", "memory|", "/etc/|"), completed.out().lines().toList(),
                completed.toString());

        assumeTrue(Files.isExecutable(Path.of("/usr/bin/fish")), "needs fish");
        Path fish = bin.resolve("llmsh.fish");
        Files.writeString(fish, llmsh("completion", "fish").out());
        Run fished = Run.of(List.of("fish", "-c", "source " + fish + "; complete -C 'llmsh do fs.li'; complete -C 'llmsh au'"),
                Map.of("PATH", path));
        assertEquals(0, fished.exit(), fished.toString());
        assertTrue(fished.out().contains("fs.list\tlist"), fished.out());
        assertTrue(fished.out().contains("audit\tRead or verify"), fished.out());
    }
}
