package dev.llmos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * the .deb the build makes, through its whole life on a booted systemd (a container whose root is
 * this machine's under a throw-away overlay, so apt and dpkg work as on a real machine): installed
 * with apt-get (dependencies from the archive), the socket listening and no daemon until someone
 * asks, an unprivileged user's status, read, write that asks, and undo through the system socket,
 * the journal lines and the audit, reload, an upgrade that keeps a changed conffile, remove (state
 * kept), purge (nothing left), and a clean install on a machine with no jdk at all. the steps run
 * in order on one container.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebPackageTest {
    /** what the package may leave or change outside its own files: logs, apt's and dpkg's own records, caches of other tools. */
    private static final List<String> VOLATILE = List.of("/var/log/", "/var/lib/dpkg/", "/var/lib/apt/", "/var/cache/apt/",
            "/var/cache/man/", "/var/cache/debconf/", "/var/lib/systemd/", "/var/lib/ucf/", "/var/lib/PackageKit/", "/var/tmp/");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static SystemdContainer container;
    private static Path deb;
    private static SystemdContainer.User ann;
    private static Set<String> filesBefore;
    private static String writeTxid;

    @BeforeAll
    static void boot() throws Exception {
        assumeTrue(SystemdContainer.unavailable().isEmpty(), SystemdContainer.unavailable().orElse(""));
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg-deb")), "the .deb is built only where dpkg-deb is");
        deb = builtDeb();
        container = SystemdContainer.bootOverlay("llmos-deb", "6G", List.of(deb.getParent()));
        // an image's "start no services" stub (this machine's has one) is not part of a real machine
        container.check("rm", "-f", "/usr/sbin/policy-rc.d");
        // a dpkg database of the container's own: the overlay's lower layer is this machine's live
        // root, where other tests run apt meanwhile, and their half-done runs would show through
        // ("dpkg was interrupted"); copied again until the copy has no half-done run of its own
        container.check("sh", "-c", "for i in $(seq 300); do rm -rf /var/lib/dpkg.own; cp -a /var/lib/dpkg /var/lib/dpkg.own; "
                + "[ -n \"$(ls -A /var/lib/dpkg.own/updates)\" ] || break; sleep 0.1; done; "
                + "[ -z \"$(ls -A /var/lib/dpkg.own/updates)\" ] && rm -rf /var/lib/dpkg && mv /var/lib/dpkg.own /var/lib/dpkg");
        // whatever this machine's other runs left in the daemon's places is not the package's
        container.check("rm", "-rf", "/var/lib/llm-osd", "/var/cache/llm-os", "/etc/llm-os", "/var/lib/llm-os");
        ann = container.user("llmos-deb-ann");
        filesBefore = files();
    }

    @AfterAll
    static void stop() {
        if (container != null) {
            container.stop();
        }
    }

    /** the newest llm-os_*.deb the packaging module built. */
    private static Path builtDeb() throws IOException {
        try (Stream<Path> files = Files.list(SystemdContainer.PROJECT.resolve("packaging/target"))) {
            return files.filter(p -> p.getFileName().toString().matches("llm-os_.*\\.deb"))
                    .max((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified()))
                    .orElseThrow(() -> new IOException("no llm-os_*.deb in packaging/target: the packaging module builds it"));
        }
    }

    /**
     * every file and directory where a package may put something (the container's root is this
     * machine's, whose other directories change under it while the test runs), but for the
     * volatile places.
     */
    private static Set<String> files() throws Exception {
        Run find = container.check("find", "/etc", "/usr", "/var", "/opt", "/srv", "/root", "-xdev");
        return Arrays.stream(find.out().split("\n")).filter(p -> VOLATILE.stream().noneMatch(p::startsWith))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Run apt(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "-y", "-q"));
        argv.addAll(List.of(args));
        Run run = SystemdContainer.exec(container.inside(argv), null);
        assertEquals(0, run.exit(), "apt-get " + String.join(" ", args) + ": " + run);
        return run;
    }

    /** the installed llmsh as {@code user} (root when null), through the system socket. */
    private static Run llmsh(SystemdContainer.User user, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("llmsh", "--no-autostart"));
        command.addAll(List.of(args));
        return SystemdContainer.exec(user == null ? container.inside(command) : container.insideAs(user, command), null);
    }

    private static String journal(String... matches) throws Exception {
        List<String> argv = new ArrayList<>(List.of("journalctl", "--no-pager", "-q", "-u", "llm-osd.service", "-o", "json"));
        argv.addAll(List.of(matches));
        return SystemdContainer.exec(container.inside(argv), null).out();
    }

    private static boolean daemonRuns() throws Exception {
        return container.run("pgrep", "-f", "dev.llmos.daemon.Main").exit() == 0;
    }

    @Test
    @Order(0)
    void lintianFindsNoErrorOrWarningThatIsNotExplained() throws Exception {
        // the overrides the package ships (usr/share/lintian/overrides/llm-os) each say why
        Run lintian = SystemdContainer.exec(List.of("lintian", "--fail-on", "error,warning", deb.toString()), null);
        assertEquals(0, lintian.exit(), "lintian " + deb + ": " + lintian);
        assertFalse(lintian.out().lines().anyMatch(l -> l.startsWith("E: ") || l.startsWith("W: ")), lintian.out());
    }

    @Test
    @Order(1)
    void aptInstallsItAndOnlyTheSocketListens() throws Exception {
        Run install = apt("install", deb.toString());
        assertTrue(install.out().contains("Setting up llm-os"), install.toString());
        assertEquals("enabled", container.run("systemctl", "is-enabled", "llm-osd.socket").out().strip());
        assertEquals("active", container.property("llm-osd.socket", "ActiveState"));
        assertEquals("listening", container.property("llm-osd.socket", "SubState"));
        assertEquals("inactive", container.property("llm-osd.service", "ActiveState"));
        assertFalse(daemonRuns(), "no daemon runs before anyone asks");
        container.check("test", "-S", SystemdContainer.SOCKET);
        container.check("test", "-s", "/var/cache/llm-os/llmsh.aot");
        container.check("id", "llm-modeld");
        assertEquals("750 root llm-modeld", container.check("stat", "-c", "%a %U %G", "/var/lib/llm-os/models").out().strip());
        for (String path : List.of("/usr/lib/systemd/system/llm-osd.service", "/usr/lib/systemd/user/llm-osd.socket",
                "/usr/share/man/man1/llmsh.1.gz", "/usr/share/man/man8/llm-osd.8.gz",
                "/usr/share/bash-completion/completions/llmsh", "/usr/share/zsh/vendor-completions/_llmsh",
                "/usr/share/fish/vendor_completions.d/llmsh.fish", "/etc/llm-os/policy.toml", "/etc/llm-os/planner.toml")) {
            container.check("test", "-s", path);
        }
        String size = container.check("dpkg-query", "-W", "-f=${Installed-Size}", "llm-os").out().strip();
        System.err.printf("llm-os .deb: %.1f MiB package, %.1f MiB installed (dpkg Installed-Size)%n",
                Files.size(deb) / 1048576.0, Long.parseLong(size) / 1024.0);
    }

    @Test
    @Order(2)
    void aUserReadsWritesWithConfirmationAndUndoesThroughTheSystemSocket() throws Exception {
        Run status = llmsh(ann, "--json", "status");
        assertEquals(0, status.exit(), status.toString());
        JsonNode json = status.json();
        assertEquals(ann.uid(), json.at("/caller/uid").asInt());
        assertEquals(0, json.path("uid").asInt(), "the system daemon runs as root");
        assertEquals("listen-fds", json.path("activation").asText());
        long pid = json.path("pid").asLong();
        assertEquals("/usr/lib/llm-os/runtime/bin/java", container.check("readlink", "/proc/" + pid + "/exe").out().strip(),
                "the daemon runs on the package's own runtime");

        Run read = llmsh(ann, "--json", "do", "fs.list", "path=" + ann.home());
        assertEquals(0, read.exit(), read.toString());
        // the installed launcher gives llmsh the export that keeps its unix socket off the `SUN` provider
        Run info = SystemdContainer.exec(container.inside(List.of("env",
                "JAVA_TOOL_OPTIONS=-Xlog:class+init=info:file=/tmp/llmsh-init.log", "llmsh", "--no-autostart", "do", "sys.info")), null);
        assertEquals(0, info.exit(), info.toString());
        String inits = container.check("cat", "/tmp/llmsh-init.log").out();
        assertTrue(inits.contains("'sun/nio/ch/UnixDomainSockets'"), "the log covers the socket's set-up");
        assertFalse(inits.contains("'sun/security/provider/Sun'"), "the installed llmsh instantiated SUN");

        String file = ann.home() + "/note.txt";
        Run asks = llmsh(ann, "--json", "do", "fs.write", "path=" + file, "content=secret-contents-7c1f");
        assertEquals(5, asks.exit(), "a write asks, and no terminal answers: " + asks);
        container.check("test", "!", "-e", file);
        Run write = llmsh(ann, "--json", "--yes", "do", "fs.write", "path=" + file, "content=secret-contents-7c1f");
        assertEquals(0, write.exit(), write.toString());
        writeTxid = write.json().path("txid").asText();
        assertEquals("secret-contents-7c1f", container.check("cat", file).out());
        assertEquals(String.valueOf(ann.uid()), container.check("stat", "-c", "%u", file).out().strip(), "written as the caller");

        Run undo = llmsh(ann, "--yes", "undo", writeTxid);
        assertEquals(0, undo.exit(), undo.toString());
        assertNotEquals(0, container.run("test", "-e", file).exit(), "undo took the new file back");

        Run denied = llmsh(ann, "--json", "do", "fs.delete", "path=/etc/passwd");
        assertEquals(3, denied.exit(), denied.toString());

        Run run = llmsh(ann, "--json", "--yes", "do", "proc.run", "argv=id,-u");
        assertEquals(0, run.exit(), "proc.run under the hardened unit: " + run);
        assertEquals(String.valueOf(ann.uid()), run.json().at("/output/stdout").asText().strip());
    }

    @Test
    @Order(3)
    void eachDecisionIsOneJournalLineWithFieldsAndNoContents() throws Exception {
        String writes = journal("LLMOS_TXID=" + writeTxid);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : writes.strip().split("\n")) {
            lines.add(MAPPER.readTree(line));
        }
        assertEquals(1, lines.size(), "one line for the confirmed write: " + writes);
        JsonNode line = lines.get(0);
        assertEquals("fs.write", line.path("LLMOS_ACTION").asText());
        assertEquals("ask", line.path("LLMOS_DECISION").asText());
        assertEquals("ok", line.path("LLMOS_OUTCOME").asText());
        assertEquals(String.valueOf(ann.uid()), line.path("LLMOS_UID").asText());
        assertEquals("llm-osd.service", line.path("_SYSTEMD_UNIT").asText());
        assertTrue(line.path("MESSAGE").asText().contains("llmos-deb-ann") && line.path("MESSAGE").asText().contains(writeTxid),
                line.toString());

        String denials = journal("LLMOS_DECISION=deny");
        assertTrue(denials.contains("\"LLMOS_ACTION\":\"fs.delete\""), "journalctl -u llm-osd LLMOS_DECISION=deny: " + denials);
        String all = journal();
        assertFalse(all.contains("secret-contents-7c1f"), "the journal has no contents");
        assertFalse(all.contains("note.txt"), "nor paths");

        Run tail = llmsh(ann, "--json", "audit", "tail", "-n", "50");
        assertEquals(0, tail.exit(), tail.toString());
        assertTrue(tail.out().contains(writeTxid), "the audit log has the write too: " + tail);
        Run verify = llmsh(null, "audit", "verify");
        assertEquals(0, verify.exit(), verify.toString());
    }

    @Test
    @Order(4)
    void reloadReadsTheNewPolicy() throws Exception {
        assertEquals(0, llmsh(ann, "--json", "status").exit(), "the daemon runs");
        container.write("/etc/llm-os/policy.d/50-deb-test.toml", "[[rule]]\nid = \"deb-test-no-list\"\n"
                + "actions = [\"fs.list\"]\nusers = [\"llmos-deb-ann\"]\ndecision = \"deny\"\nreason = \"deb test\"\n");
        container.check("chmod", "0600", "/etc/llm-os/policy.d/50-deb-test.toml");
        container.check("systemctl", "reload", "llm-osd.service");
        Run denied = pollUntil(3, "fs.list", "path=" + ann.home());
        assertEquals(3, denied.exit(), "after systemctl reload: " + denied);
        container.check("rm", "/etc/llm-os/policy.d/50-deb-test.toml");
        container.check("systemctl", "reload", "llm-osd.service");
        assertEquals(0, pollUntil(0, "fs.list", "path=" + ann.home()).exit());
    }

    /** runs {@code llmsh do ARGS} as ann until it exits {@code exit} (a reload is asynchronous: sighup), for 30 s. */
    private static Run pollUntil(int exit, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("--json", "do"));
        command.addAll(List.of(args));
        long deadline = System.nanoTime() + 30_000_000_000L;
        Run run = llmsh(ann, command.toArray(String[]::new));
        while (run.exit() != exit && System.nanoTime() < deadline) {
            Thread.sleep(100);
            run = llmsh(ann, command.toArray(String[]::new));
        }
        return run;
    }

    @Test
    @Order(5)
    void theUnitIsHardened() throws Exception {
        String bounding = container.property("llm-osd.service", "CapabilityBoundingSet");
        assertFalse(bounding.contains("cap_sys_boot") || bounding.contains("cap_sys_module") || bounding.contains("cap_bpf"),
                bounding);
        assertTrue(bounding.contains("cap_setuid") && bounding.contains("cap_setpcap"), "executors change identity: " + bounding);
        assertEquals("yes", container.property("llm-osd.service", "ProtectControlGroups"));
        Run security = container.run("systemd-analyze", "security", "--no-pager", "llm-osd.service");
        String overall = security.out().lines().filter(l -> l.contains("Overall exposure level")).findFirst().orElse(security.out());
        System.err.println("systemd-analyze security llm-osd.service: " + overall.strip());
        double exposure = Double.parseDouble(overall.replaceAll(".*: ([0-9.]+) .*", "$1"));
        assertTrue(exposure < 7.0, "below the 7.2 of the unit before hardening: " + overall);
    }

    @Test
    @Order(6)
    void anUpgradeKeepsTheAdminsConffileAndTheSocket() throws Exception {
        container.check("sh", "-c", "echo '# deb-test: the admin was here' >> /etc/llm-os/policy.toml");
        // a rebuilt package: the same files, a higher version, and a changed shipped policy.toml
        container.check("rm", "-rf", "/root/rebuilt");
        container.check("dpkg-deb", "-R", deb.toString(), "/root/rebuilt");
        String version = container.check("dpkg-deb", "-f", deb.toString(), "Version").out().strip();
        container.check("sed", "-i", "s/^Version: .*/Version: " + version + "+rebuilt1/", "/root/rebuilt/DEBIAN/control");
        container.check("sh", "-c", "echo '# upstream: a new comment' >> /root/rebuilt/etc/llm-os/policy.toml");
        container.check("sh", "-c", "cd /root/rebuilt && find . -path ./DEBIAN -prune -o -type f -printf '%P\\0' | sort -z "
                + "| xargs -0 md5sum > DEBIAN/md5sums");
        container.check("dpkg-deb", "--root-owner-group", "-Zgzip", "-z1", "-b", "/root/rebuilt", "/root/llm-os-rebuilt.deb");
        apt("-o", "Dpkg::Options::=--force-confdef", "-o", "Dpkg::Options::=--force-confold", "install", "/root/llm-os-rebuilt.deb");
        assertEquals(version + "+rebuilt1", container.check("dpkg-query", "-W", "-f=${Version}", "llm-os").out().strip());
        String policy = container.check("cat", "/etc/llm-os/policy.toml").out();
        assertTrue(policy.contains("the admin was here") && !policy.contains("upstream: a new comment"), policy);
        container.check("test", "-f", "/etc/llm-os/policy.toml.dpkg-dist");
        assertEquals("enabled", container.run("systemctl", "is-enabled", "llm-osd.socket").out().strip());
        assertEquals("listening", container.property("llm-osd.socket", "SubState"));
        Run status = llmsh(ann, "--json", "status");
        assertEquals(0, status.exit(), "the upgraded daemon answers: " + status);
        assertTrue(llmsh(ann, "--json", "audit", "tail", "-n", "100").out().contains(writeTxid), "the audit log survived");
        container.check("rm", "-rf", "/root/rebuilt", "/root/llm-os-rebuilt.deb");
    }

    @Test
    @Order(7)
    void removeStopsEverythingAndKeepsTheState() throws Exception {
        apt("remove", "llm-os");
        assertNotEquals("active", container.property("llm-osd.socket", "ActiveState"));
        assertFalse(daemonRuns());
        container.check("test", "!", "-e", SystemdContainer.SOCKET);
        container.check("test", "!", "-e", "/usr/lib/llm-os");
        container.check("test", "!", "-e", "/usr/bin/llmsh");
        container.check("test", "-d", "/var/lib/llm-osd/audit");
        container.check("test", "-f", "/etc/llm-os/policy.toml");
    }

    @Test
    @Order(8)
    void purgeLeavesNothingBehind() throws Exception {
        apt("purge", "llm-os");
        Set<String> left = new TreeSet<>(files());
        left.removeAll(filesBefore);
        // only what the container itself wrote: others' tests make files on this machine's root meanwhile
        left.retainAll(container.written());
        assertEquals(Set.of(), left, "files the package left after purge");
        container.check("test", "!", "-e", "/etc/systemd/system/sockets.target.wants/llm-osd.socket");
    }

    @Test
    @Order(9)
    void itInstallsAndRunsOnAMachineWithNoJdk() throws Exception {
        container.check("sh", "-c", "rm -rf /usr/lib/jvm /etc/alternatives/java* /etc/alternatives/jar* /usr/bin/java* "
                + "/usr/bin/jar* /usr/bin/jlink /usr/bin/jpackage /opt/java /usr/local/bin/java " + javaHomeOutsideUsr());
        assertNotEquals(0, container.run("sh", "-c", "command -v java || ls /usr/lib/jvm").exit(), "no jdk is left");
        apt("install", deb.toString());
        Run status = llmsh(ann, "--json", "status");
        assertEquals(0, status.exit(), "llmsh and the daemon on the package's runtime alone: " + status);
        assertEquals(ann.uid(), status.json().at("/caller/uid").asInt());
        Run plain = llmsh(ann, "--json", "do", "sys.info");
        assertEquals(0, plain.exit(), plain.toString());
        // an optional part gone: status names it and what it disables
        container.check("rm", "-f", "/usr/bin/xclip");
        Run without = llmsh(ann, "--json", "status");
        assertTrue(without.json().path("missing").toString().contains("{\"part\":\"xclip\",\"package\":\"xclip\","
                + "\"disables\":\"clipboard.*\"}"), without.out());
        apt("purge", "llm-os");
    }

    /** the jdk running this test, when it lives outside /usr (the container sees this machine's root). */
    private static String javaHomeOutsideUsr() {
        String home = System.getProperty("java.home");
        return home.startsWith("/usr/") ? "" : "'" + home.replace("'", "") + "'";
    }
}
