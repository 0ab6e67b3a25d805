package dev.llmos.actions.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.Programs;
import dev.llmos.action.testkit.TestContext;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.posix.Posix;
import dev.llmos.protocol.Json;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * the package actions against this machine's real apt, dpkg and debian mirror, as root. the test
 * package is {@code hello}: 53 kilobytes, depends only on libc6, and nothing depends on it. downloads go
 * to a private archive directory (so there is always a download to report, and apt's own cache is
 * left alone); everything else is the system's. another apt run on the machine is waited for, not
 * failed on. skipped without root, apt, package lists or hello in the sources.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class PackagesTest {
    private static final String PACKAGE = "hello";
    private static final String MISSING = "llmos-no-such-package";
    /** how long another apt run on the machine is waited for. */
    private static final long LOCK_WAIT_MS = 600_000;

    @TempDir
    static Path work;
    private static List<String> aptOptions;
    private static String candidate;

    @BeforeAll
    static void machine() throws Exception {
        assumeTrue(Posix.getuid() == 0, "needs root");
        assumeTrue(Programs.resolve("apt-get").isPresent() && Programs.resolve("dpkg-query").isPresent(),
                "needs apt and dpkg");
        if (!Apt.listsPresent()) {
            awaitUnlocked();
            command("apt-get", "-q", "update");
        }
        assumeTrue(Apt.listsPresent(), "needs package lists");
        candidate = AptCache.policy(PACKAGE).map(AptCache.Policy::candidate).orElse(null);
        assumeTrue(candidate != null, "needs " + PACKAGE + " in the apt sources");
        if (dpkg(PACKAGE).startsWith("installed")) {
            // a leftover of an interrupted run of this test: hello is this test's own package
            awaitUnlocked();
            command("apt-get", "-y", "-q", "remove", "--", PACKAGE);
        }
        aptOptions = List.of("Dir::Cache::Archives=" + archives("archives"));
    }

    @Test
    void searchAndInfoReadTheRealCache() throws Exception {
        PkgSearchAction.Results pdf = (PkgSearchAction.Results) run(new PkgSearchAction(),
                params("query", "pdf viewer", "limit", 5), TestContext.readOnly());
        assertEquals(5, pdf.packages().size(), pdf.toString());
        assertTrue(pdf.total() > 5 && pdf.truncated(), pdf.toString());
        for (PkgSearchAction.Match match : pdf.packages()) {
            String text = (match.name() + " " + match.summary()).toLowerCase(Locale.ROOT);
            assertTrue(text.contains("pdf") && text.contains("viewer"), match.toString());
        }
        PkgSearchAction.Results named = (PkgSearchAction.Results) run(new PkgSearchAction(),
                params("query", PACKAGE, "names_only", true), TestContext.readOnly());
        assertEquals(PACKAGE, named.packages().getFirst().name(), "the exact name ranks first");
        assertFalse(named.packages().getFirst().installed());
        PkgSearchAction.Results apt = (PkgSearchAction.Results) run(new PkgSearchAction(),
                params("query", "apt", "names_only", true), TestContext.readOnly());
        assertTrue(apt.packages().getFirst().installed(), apt.toString());

        PkgInfoAction.Info installed = (PkgInfoAction.Info) run(new PkgInfoAction(), params("name", "apt"),
                TestContext.readOnly());
        assertTrue(installed.installed());
        assertEquals("installed " + installed.installedVersion(), dpkg("apt"));
        assertEquals("admin", installed.section());
        assertFalse(installed.summary().isBlank());
        assertTrue(installed.depends().stream().anyMatch(dependency -> dependency.startsWith("libapt-pkg")),
                installed.depends().toString());
        assertTrue(installed.installedSizeBytes() > 0);
        assertTrue(installed.versions().stream().anyMatch(AptCache.Version::installed));

        PkgInfoAction.Info available = (PkgInfoAction.Info) run(new PkgInfoAction(), params("name", PACKAGE),
                TestContext.readOnly());
        assertFalse(available.installed());
        assertEquals("not-installed", available.status());
        assertNull(available.installedVersion());
        assertEquals(candidate, available.candidateVersion());
        assertTrue(available.downloadBytes() > 0 && available.installedSizeBytes() > 0, available.toString());

        PkgInfoAction.Info virtual = (PkgInfoAction.Info) run(new PkgInfoAction(),
                params("name", "mail-transport-agent"), TestContext.readOnly());
        assertFalse(virtual.providedBy().isEmpty(), virtual.toString());
        assertNull(virtual.candidateVersion());

        if (dpkg("python3").startsWith("installed")) {
            PkgInfoAction.Info python = (PkgInfoAction.Info) run(new PkgInfoAction(), params("name", "python"),
                    TestContext.readOnly());
            assertFalse(python.installed());
            assertTrue(python.notes().contains("did you mean python3? it is installed, version "
                    + dpkg("python3").substring("installed ".length())), python.notes().toString());
        }

        ActionException unknown = assertThrows(ActionException.class, () -> run(new PkgInfoAction(),
                params("name", MISSING), TestContext.readOnly()));
        assertEquals("no package named " + MISSING + " is installed or in the configured apt sources",
                unknown.getMessage());
    }

    @Test
    void installAndRemoveWithProgressAndUndoBothWays() throws Exception {
        awaitUnlocked();
        Changes preview = install().preview(bind(PkgInstallAction.Params.class, "pkg.install",
                params("name", PACKAGE)), TestContext.readOnly());
        assertEquals(List.of(new Changes.Change(PACKAGE, candidate, null)), preview.install(), preview.toString());
        assertTrue(preview.remove().isEmpty());
        assertTrue(preview.downloadBytes() > 0 && preview.diskChangeBytes() > 0, preview.toString());
        assertTrue(preview.summary().startsWith("install " + PACKAGE + " " + candidate + "; download up to "),
                preview.summary());

        Recording installing = new Recording(work.resolve("quarantine"));
        PkgInstallAction.Installed installed = (PkgInstallAction.Installed) mutate(install(),
                params("name", PACKAGE), installing);
        assertEquals("installed", installed.status());
        assertEquals(candidate, installed.version());
        assertEquals("installed " + candidate, dpkg(PACKAGE));
        assertRising(installing.reports());
        assertTrue(installing.reports().stream().anyMatch(report -> report.message().startsWith("Retrieving")
                && report.fraction() <= 0.5), "download progress: " + installing.reports());
        assertTrue(installing.reports().stream().anyMatch(report -> report.message().startsWith("Unpacking "
                + PACKAGE) && report.fraction() >= 0.5), "dpkg progress: " + installing.reports());
        assertEquals("pkg.remove", installing.inverse().action());
        assertEquals(new PkgRemoveAction.Params(PACKAGE, candidate), installing.inverse().params());

        Recording again = new Recording(work.resolve("quarantine"));
        PkgInstallAction.Installed noop = (PkgInstallAction.Installed) run(install(), params("name", PACKAGE), again);
        assertEquals("already_installed", noop.status());
        assertNull(again.inverse(), "nothing changed, nothing to undo");
        assertTrue(again.reports().isEmpty());

        Changes removal = remove().preview(bind(PkgRemoveAction.Params.class, "pkg.remove",
                params("name", PACKAGE)), TestContext.readOnly());
        assertEquals(List.of(new Changes.Change(PACKAGE, candidate, null)), removal.remove(), removal.toString());
        assertTrue(removal.install().isEmpty() && removal.diskChangeBytes() < 0, removal.toString());

        // undo of the install: the inverse runs through its own schema, as undo.apply does
        Recording undoing = new Recording(work.resolve("quarantine"));
        PkgRemoveAction.Removed undone = (PkgRemoveAction.Removed) undo(installing.inverse(), undoing);
        assertEquals("removed", undone.status());
        assertFalse(dpkg(PACKAGE).startsWith("installed"), dpkg(PACKAGE));
        assertRising(undoing.reports());
        assertEquals(new PkgInstallAction.Params(PACKAGE, candidate), undoing.inverse().params());

        // undo of that removal reinstalls the exact version
        Recording redoing = new Recording(work.resolve("quarantine"));
        PkgInstallAction.Installed redone = (PkgInstallAction.Installed) undo(undoing.inverse(), redoing);
        assertEquals(candidate, redone.version());
        assertEquals("installed " + candidate, dpkg(PACKAGE));

        // an inverse for another version refuses: the state is not what it was recorded against
        ActionException changed = assertThrows(ActionException.class, () -> run(remove(),
                params("name", PACKAGE, "version", "0.0-0"), new Recording(work.resolve("quarantine"))));
        assertEquals(PACKAGE + " " + candidate + " is installed, not 0.0-0 (it changed since); nothing was removed",
                changed.getMessage());
        assertEquals("installed " + candidate, dpkg(PACKAGE));

        Recording removing = new Recording(work.resolve("quarantine"));
        PkgRemoveAction.Removed removed = (PkgRemoveAction.Removed) mutate(remove(), params("name", PACKAGE),
                removing);
        assertEquals("removed", removed.status());
        assertEquals(candidate, removed.version());
        assertTrue(removed.undoAvailable());
        assertFalse(dpkg(PACKAGE).startsWith("installed"));
        assertRising(removing.reports());
        assertTrue(removing.reports().stream().anyMatch(report -> report.message().startsWith("Removing " + PACKAGE)),
                removing.reports().toString());

        // the first install's inverse, now stale: nothing is installed, so there is nothing to do
        Recording stale = new Recording(work.resolve("quarantine"));
        PkgRemoveAction.Removed nothing = (PkgRemoveAction.Removed) undo(installing.inverse(), stale);
        assertEquals("not_installed", nothing.status());
        assertNull(stale.inverse());
    }

    @Test
    void unknownOrUninstallablePackagesAreRefusedAndNothingChanges() throws Exception {
        Recording context = new Recording(work.resolve("quarantine"));
        ActionException unknown = assertThrows(ActionException.class, () -> run(install(), params("name", MISSING),
                context));
        assertEquals("no package named " + MISSING + " in the configured apt sources", unknown.getMessage());
        ActionException notInstalled = assertThrows(ActionException.class, () -> run(remove(),
                params("name", MISSING), context));
        assertEquals("no package named " + MISSING + " is installed, and none is in the configured apt sources",
                notInstalled.getMessage());
        ActionException virtual = assertThrows(ActionException.class, () -> run(install(),
                params("name", "mail-transport-agent"), context));
        assertTrue(virtual.getMessage().startsWith("mail-transport-agent is a virtual package provided by "),
                virtual.getMessage());
        ActionException version = assertThrows(ActionException.class, () -> run(install(),
                params("name", PACKAGE, "version", "9.9-9"), context));
        assertEquals("version 9.9-9 of " + PACKAGE + " is not in the configured apt sources", version.getMessage());
        ActionException dependents = assertThrows(ActionException.class, () -> run(remove(),
                params("name", "libcurl4"), context));
        assertTrue(dependents.getMessage().startsWith("removing libcurl4 would also remove "),
                dependents.getMessage());
        assertTrue(dependents.getMessage().contains("curl"), dependents.getMessage());
        ActionException essential = assertThrows(ActionException.class, () -> run(remove(), params("name", "bash"),
                context));
        assertTrue(essential.getMessage().startsWith("bash is essential to the system"), essential.getMessage());
        Path noLists = Files.createDirectories(work.resolve("empty-lists"));
        ActionException empty = assertThrows(ActionException.class, () -> run(new PkgInstallAction(
                List.of("Dir::State::Lists=" + noLists)), params("name", PACKAGE), context));
        assertEquals("package lists are empty: run apt-get update (or pkg.update) first", empty.getMessage());
        assertEquals("unknown", dpkg(MISSING));
        assertFalse(dpkg(PACKAGE).startsWith("installed"));
        assertTrue(dpkg("libcurl4").startsWith("installed"));
        assertTrue(dpkg("bash").startsWith("installed"));
        assertNull(context.inverse());
        assertTrue(context.reports().isEmpty(), "apt never started: " + context.reports());
    }

    @Test
    void aLockedPackageManagerIsRefusedNamingTheHolder() throws Exception {
        awaitUnlocked();
        Recording context = new Recording(work.resolve("quarantine"));
        ActionException locked;
        try (FileChannel channel = FileChannel.open(Locks.DPKG.getFirst(), StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            assertTrue(lock.isValid());
            locked = assertThrows(ActionException.class, () -> run(install(), params("name", PACKAGE), context));
        }
        assertEquals("the package manager is locked: /var/lib/dpkg/lock-frontend is held by process "
                + ProcessHandle.current().pid() + " (java); another apt or dpkg is running, try again when it has "
                + "finished", locked.getMessage());
        assertFalse(dpkg(PACKAGE).startsWith("installed"));
        assertNull(context.inverse());
        assertTrue(context.reports().isEmpty());
    }

    @Test
    void aCancelDuringTheDownloadStopsAptBeforeDpkgRuns() throws Exception {
        awaitUnlocked();
        // a throttled download into an empty cache, so the cancel lands while apt is fetching
        List<String> slow = List.of("Dir::Cache::Archives=" + archives("slow-archives"),
                "Acquire::http::Dl-Limit=4");
        Recording context = new Recording(work.resolve("quarantine"),
                reports -> reports.stream().anyMatch(report -> report.message().startsWith("Retrieving")));
        long start = System.nanoTime();
        ActionException cancelled = assertThrows(ActionException.class, () -> mutate(new PkgInstallAction(slow),
                params("name", PACKAGE), context));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(cancelled.getMessage().startsWith("cancelled while apt was downloading: dpkg never ran, so "
                + "nothing was changed (" + PACKAGE + " is not installed"), cancelled.getMessage());
        assertNotEquals(0, cancelled.exitCode());
        assertFalse(dpkg(PACKAGE).startsWith("installed"));
        assertTrue(Locks.held(Locks.DPKG).isEmpty(), "apt released its locks");
        assertNull(context.inverse());
        assertTrue(ms < 60_000, "took " + ms + " ms");
    }

    @Test
    void withoutRootPreviewsWorkAndChangesAreRefused() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv");
        Path jars = Files.createDirectory(work.resolve("classpath"));
        Files.setAttribute(work, "unix:mode", 0755);
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isRegularFile(path)) {
                Path copy = jars.resolve(entries.size() + "-" + path.getFileName());
                Files.copy(path, copy);
                Files.setAttribute(copy, "unix:mode", 0644);
                entries.add(copy.toString());
            } else {
                entries.add(entry);
            }
        }
        List<String> command = List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData",
                "--enable-native-access=ALL-UNNAMED", "-cp", String.join(File.pathSeparator, entries),
                UnprivilegedProbe.class.getName(), PACKAGE);
        Process probe = new ProcessBuilder(command).directory(new File("/")).redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(probe.waitFor(120, TimeUnit.SECONDS), "the probe did not finish");
        assertEquals(0, probe.exitValue(), output);
        assertEquals(6, output.lines().filter(line -> line.startsWith("ok ")).count(), output);
    }

    @Test
    void updateDownloadsTheListsOfTheConfiguredSources() throws Exception {
        Path lists = Files.createDirectories(work.resolve("lists/partial")).getParent();
        Path parts = Files.createDirectories(work.resolve("sources.list.d"));
        Path sources = Files.writeString(work.resolve("sources.list"),
                "deb http://deb.debian.org/debian bookworm-updates main\n");
        PkgUpdateAction update = new PkgUpdateAction(List.of("Dir::State::Lists=" + lists,
                "Dir::Etc::SourceList=" + sources, "Dir::Etc::SourceParts=" + parts));
        PkgUpdateAction.Sources preview = update.preview(new PkgUpdateAction.Params(), TestContext.readOnly());
        assertEquals(List.of("http://deb.debian.org/debian/ bookworm-updates main"), preview.sources());
        Recording context = new Recording(work.resolve("quarantine"));
        PkgUpdateAction.Updated updated = (PkgUpdateAction.Updated) run(update, params(), context);
        assertTrue(updated.changed() >= 1, updated.toString());
        assertNotEquals("0 B", updated.fetched());
        assertRising(context.reports());
        assertNull(context.inverse());
        try (var files = Files.list(lists)) {
            assertTrue(files.anyMatch(file -> file.getFileName().toString().contains("bookworm-updates_main")
                    && file.getFileName().toString().contains("_Packages")));
        }
    }

    // ---- helpers

    private static PkgInstallAction install() {
        return new PkgInstallAction(aptOptions);
    }

    private static PkgRemoveAction remove() {
        return new PkgRemoveAction(aptOptions);
    }

    /** a private archive directory with the {@code partial} directory apt downloads into. */
    private static Path archives(String name) throws IOException {
        Path partial = Files.createDirectories(work.resolve(name).resolve("partial"));
        try {
            Files.setOwner(partial, FileSystems.getDefault().getUserPrincipalLookupService()
                    .lookupPrincipalByName("_apt"));
        } catch (IOException e) {
            // no _apt user: apt downloads as root and says so
        }
        return partial.getParent();
    }

    /** params from alternating names and values. */
    static ObjectNode params(Object... namesAndValues) {
        ObjectNode params = Json.MAPPER.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.set((String) namesAndValues[i], Json.MAPPER.valueToTree(namesAndValues[i + 1]));
        }
        return params;
    }

    private static <P extends Record> P bind(Class<P> type, String action, ObjectNode params) throws Exception {
        return type.cast(CatalogTest.CATALOG.find(action).bind(params, "/params").value());
    }

    /** validates params through the catalog as the daemon does, then runs {@code action}. */
    @SuppressWarnings("unchecked")
    static Object run(Action<?> action, ObjectNode params, ActionContext context) throws Exception {
        CatalogEntry.Bound bound = CatalogTest.CATALOG.find(action.name()).bind(params, "/params");
        return ((Action<Record>) action).execute(bound.value(), context);
    }

    /** runs a mutating action, waiting out another apt run on the machine (not one this test holds). */
    private static Object mutate(Action<?> action, ObjectNode params, ActionContext context) throws Exception {
        for (int attempt = 1;; attempt++) {
            try {
                return run(action, params, context);
            } catch (ActionException e) {
                if (attempt >= 3 || !e.getMessage().startsWith("the package manager is locked")) {
                    throw e;
                }
                awaitUnlocked();
            }
        }
    }

    /** runs an inverse as {@code undo.apply} would: its params through json and its schema. */
    private static Object undo(TestContext.Inverse inverse, ActionContext context) throws Exception {
        ObjectNode params = (ObjectNode) Json.toTree(inverse.params());
        Action<?> action = switch (inverse.action()) {
            case "pkg.install" -> install();
            case "pkg.remove" -> remove();
            default -> throw new AssertionError("unexpected inverse " + inverse.action());
        };
        return mutate(action, params, context);
    }

    /** progress fractions are all present, never fall, and end at 1. */
    private static void assertRising(List<Recording.Report> reports) {
        assertFalse(reports.isEmpty());
        double previous = 0;
        for (Recording.Report report : reports) {
            assertTrue(report.fraction() != null && report.fraction() >= previous && report.fraction() <= 1.0,
                    reports.toString());
            previous = report.fraction();
        }
        assertEquals(1.0, previous, reports.toString());
    }

    /** waits until no apt or dpkg on the machine holds the package manager's locks. */
    private static void awaitUnlocked() throws InterruptedException {
        long deadline = System.currentTimeMillis() + LOCK_WAIT_MS;
        List<Path> all = new ArrayList<>(Locks.DPKG);
        all.addAll(Locks.ARCHIVES);
        all.addAll(Locks.LISTS);
        while (Locks.held(all).isPresent() && System.currentTimeMillis() < deadline) {
            Thread.sleep(1000);
        }
    }

    /** dpkg's own word on a package: {@code installed 2.10-3}, {@code config-files 2.10-3} or {@code unknown}. */
    static String dpkg(String name) throws Exception {
        Process query = new ProcessBuilder("dpkg-query", "-W", "-f=${db:Status-Status} ${Version}", "--", name)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(query.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return query.waitFor() == 0 && !out.isEmpty() ? out : "unknown";
    }

    private static void command(String... argv) throws Exception {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", argv) + ": " + output);
    }
}
