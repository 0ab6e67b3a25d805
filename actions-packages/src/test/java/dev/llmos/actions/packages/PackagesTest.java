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
import dev.llmos.action.ActionException;
import dev.llmos.action.Programs;
import dev.llmos.action.testkit.Harness;
import dev.llmos.action.testkit.Probe;
import dev.llmos.action.testkit.TestContext;
import dev.llmos.action.testkit.TestUsers;
import dev.llmos.protocol.Json;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * the package actions with the machine's real apt-get, apt-cache, dpkg and dpkg-query, as root,
 * against packages this test builds and serves itself ({@link PrivateApt}): nothing comes from a
 * mirror, nothing waits for another apt run, and the system's own package database is never
 * touched. skipped without root, apt or dpkg-deb.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PackagesTest {
    private static final String PACKAGE = "llmos-test-hello";
    private static final String VERSION = "1.0-1";
    private static final String MISSING = "llmos-no-such-package";

    @TempDir
    static Path work;
    private static PrivateApt apt;

    @BeforeAll
    static void repository() throws Exception {
        TestUsers.assumeRoot();
        assumeTrue(Programs.resolve("apt-get").isPresent() && Programs.resolve("dpkg-deb").isPresent(),
                "needs apt and dpkg");
        Files.setAttribute(work, "unix:mode", 0755);
        List<Map<String, String>> packages = new ArrayList<>(List.of(
                Map.of("Package", PACKAGE, "Version", VERSION,
                        "Description", "a greeting for the llm-os tests\nit installs one small file."),
                Map.of("Package", "llmos-test-lib", "Version", VERSION, "Section", "libs",
                        "Description", "a library of the llm-os tests"),
                Map.of("Package", "llmos-test-app", "Version", VERSION, "Depends", "llmos-test-lib",
                        "Description", "a program of the llm-os tests that needs their library"),
                Map.of("Package", "llmos-test-base", "Version", VERSION, "Essential", "yes", "Priority", "required",
                        "Description", "an essential package of the llm-os tests"),
                Map.of("Package", "llmos-test-mta", "Version", VERSION, "Provides", "llmos-test-mail-transport",
                        "Description", "a mail transport agent of the llm-os tests"),
                Map.of("Package", "llmos-test-mta2", "Version", VERSION, "Provides", "llmos-test-mail-transport",
                        "Description", "another mail transport agent of the llm-os tests"),
                Map.of("Package", "llmos-test-vi", "Version", VERSION, "Provides", "llmos-test-editor",
                        "Description", "the one editor of the llm-os tests"),
                Map.of("Package", "llmos-test-tool3", "Version", VERSION, "Breaks", "llmos-test-tool",
                        "Description", "the third version of a tool of the llm-os tests")));
        for (int i = 1; i <= 6; i++) {
            packages.add(Map.of("Package", "llmos-test-viewer" + i, "Version", VERSION,
                    "Description", "a pdf viewer of the llm-os tests"));
        }
        apt = PrivateApt.start(work.resolve("apt"), packages);
        apt.install("llmos-test-app", "llmos-test-base", "llmos-test-tool3");
    }

    @AfterAll
    static void stop() {
        if (apt != null) {
            apt.close();
        }
    }

    @Test
    void searchAndInfoReadTheRepository() throws Exception {
        PkgSearchAction.Results pdf = run(new PkgSearchAction(apt.options()), params("query", "pdf viewer", "limit", 5),
                TestContext.readOnly());
        assertEquals(5, pdf.packages().size(), pdf.toString());
        assertEquals(6, pdf.total(), pdf.toString());
        assertTrue(pdf.truncated());
        for (PkgSearchAction.Match match : pdf.packages()) {
            String text = (match.name() + " " + match.summary()).toLowerCase(Locale.ROOT);
            assertTrue(text.contains("pdf") && text.contains("viewer"), match.toString());
        }
        PkgSearchAction.Results named = run(new PkgSearchAction(apt.options()),
                params("query", PACKAGE, "names_only", true), TestContext.readOnly());
        assertEquals(PACKAGE, named.packages().getFirst().name(), "the exact name ranks first");
        assertFalse(named.packages().getFirst().installed());
        PkgSearchAction.Results lib = run(new PkgSearchAction(apt.options()),
                params("query", "llmos-test-lib", "names_only", true), TestContext.readOnly());
        assertTrue(lib.packages().getFirst().installed(), lib.toString());

        PkgInfoAction.Info installed = info("llmos-test-app");
        assertTrue(installed.installed());
        assertEquals("installed " + installed.installedVersion(), apt.dpkg("llmos-test-app"));
        assertEquals("misc", installed.section());
        assertEquals("a program of the llm-os tests that needs their library", installed.summary());
        assertEquals(List.of("llmos-test-lib"), installed.depends());
        assertTrue(installed.installedSizeBytes() > 0);
        assertTrue(installed.versions().stream().anyMatch(AptCache.Version::installed));
        assertFalse(installed.autoInstalled(), "asked for by name");
        assertTrue(info("llmos-test-lib").autoInstalled(), "pulled in as a dependency");

        PkgInfoAction.Info available = info(PACKAGE);
        assertFalse(available.installed());
        assertEquals("not-installed", available.status());
        assertNull(available.installedVersion());
        assertEquals(VERSION, available.candidateVersion());
        assertEquals("it installs one small file.", available.description());
        assertTrue(available.downloadBytes() > 0 && available.installedSizeBytes() > 0, available.toString());

        PkgInfoAction.Info virtual = info("llmos-test-mail-transport");
        assertEquals(List.of("llmos-test-mta", "llmos-test-mta2"), virtual.providedBy().stream().sorted().toList(),
                virtual.toString());
        assertNull(virtual.candidateVersion());

        PkgInfoAction.Info unversioned = info("llmos-test-tool");
        assertFalse(unversioned.installed());
        assertTrue(unversioned.notes().contains("did you mean llmos-test-tool3? it is installed, version " + VERSION),
                unversioned.notes().toString());

        ActionException unknown = assertThrows(ActionException.class, () -> info(MISSING));
        assertEquals("no package named " + MISSING + " is installed or in the configured apt sources",
                unknown.getMessage());
    }

    @Test
    void installAndRemoveWithProgressAndUndoBothWays() throws Exception {
        Changes preview = TestContext.readOnly().preview(install(), bind(PkgInstallAction.Params.class, "pkg.install",
                params("name", PACKAGE)));
        assertEquals(List.of(new Changes.Change(PACKAGE, VERSION, null)), preview.install(), preview.toString());
        assertTrue(preview.remove().isEmpty());
        assertTrue(preview.downloadBytes() > 0 && preview.diskChangeBytes() > 0, preview.toString());
        assertTrue(preview.summary().startsWith("install " + PACKAGE + " " + VERSION + "; download up to "),
                preview.summary());

        TestContext installing = mutating();
        PkgInstallAction.Installed installed = run(install(), params("name", PACKAGE), installing);
        assertEquals("installed", installed.status());
        assertEquals(VERSION, installed.version());
        assertEquals("installed " + VERSION, apt.dpkg(PACKAGE));
        assertRising(installing.reports());
        assertTrue(installing.reports().stream().anyMatch(report -> report.message().startsWith("Retrieving")
                && report.fraction() <= 0.5), "download progress: " + installing.reports());
        assertTrue(installing.reports().stream().anyMatch(report -> report.message().startsWith("Unpacking "
                + PACKAGE) && report.fraction() >= 0.5), "dpkg progress: " + installing.reports());
        assertEquals("pkg.remove", installing.inverse().action());
        assertEquals(new PkgRemoveAction.Params(PACKAGE, VERSION), installing.inverse().params());

        TestContext again = mutating();
        PkgInstallAction.Installed noop = run(install(), params("name", PACKAGE), again);
        assertEquals("already_installed", noop.status());
        assertNull(again.inverse(), "nothing changed, nothing to undo");
        assertTrue(again.reports().isEmpty());

        Changes removal = TestContext.readOnly().preview(remove(), bind(PkgRemoveAction.Params.class, "pkg.remove",
                params("name", PACKAGE)));
        assertEquals(List.of(new Changes.Change(PACKAGE, VERSION, null)), removal.remove(), removal.toString());
        assertTrue(removal.install().isEmpty() && removal.diskChangeBytes() < 0, removal.toString());

        // undo of the install: the inverse runs through its own schema, as undo.apply does
        TestContext undoing = mutating();
        PkgRemoveAction.Removed undone = undo(installing.inverse(), undoing);
        assertEquals("removed", undone.status());
        assertFalse(apt.dpkg(PACKAGE).startsWith("installed"), apt.dpkg(PACKAGE));
        assertRising(undoing.reports());
        assertEquals(new PkgInstallAction.Params(PACKAGE, VERSION), undoing.inverse().params());

        // undo of that removal reinstalls the exact version
        PkgInstallAction.Installed redone = undo(undoing.inverse(), mutating());
        assertEquals(VERSION, redone.version());
        assertEquals("installed " + VERSION, apt.dpkg(PACKAGE));

        // an inverse for another version refuses: the state is not what it was recorded against
        ActionException changed = assertThrows(ActionException.class, () -> run(remove(),
                params("name", PACKAGE, "version", "0.0-0"), mutating()));
        assertEquals(PACKAGE + " " + VERSION + " is installed, not 0.0-0 (it changed since); nothing was removed",
                changed.getMessage());
        assertEquals("installed " + VERSION, apt.dpkg(PACKAGE));

        TestContext removing = mutating();
        PkgRemoveAction.Removed removed = run(remove(), params("name", PACKAGE), removing);
        assertEquals("removed", removed.status());
        assertEquals(VERSION, removed.version());
        assertTrue(removed.undoAvailable());
        assertFalse(apt.dpkg(PACKAGE).startsWith("installed"));
        assertRising(removing.reports());
        assertTrue(removing.reports().stream().anyMatch(report -> report.message().startsWith("Removing " + PACKAGE)),
                removing.reports().toString());

        // the first install's inverse, now stale: nothing is installed, so there is nothing to do
        TestContext stale = mutating();
        PkgRemoveAction.Removed nothing = undo(installing.inverse(), stale);
        assertEquals("not_installed", nothing.status());
        assertNull(stale.inverse());
    }

    @Test
    void unknownOrUninstallablePackagesAreRefusedAndNothingChanges() throws Exception {
        TestContext context = mutating();
        ActionException unknown = assertThrows(ActionException.class, () -> run(install(), params("name", MISSING),
                context));
        assertEquals("no package named " + MISSING + " in the configured apt sources", unknown.getMessage());
        ActionException notInstalled = assertThrows(ActionException.class, () -> run(remove(),
                params("name", MISSING), context));
        assertEquals("no package named " + MISSING + " is installed, and none is in the configured apt sources",
                notInstalled.getMessage());
        ActionException virtual = assertThrows(ActionException.class, () -> run(install(),
                params("name", "llmos-test-mail-transport"), context));
        assertTrue(virtual.getMessage().startsWith("llmos-test-mail-transport is a virtual package provided by "),
                virtual.getMessage());
        assertTrue(virtual.getMessage().contains("llmos-test-mta2"), virtual.getMessage());
        ActionException single = assertThrows(ActionException.class, () -> run(install(),
                params("name", "llmos-test-editor"), context));
        assertEquals("llmos-test-editor is a virtual package: apt would install llmos-test-vi for it; ask for "
                + "llmos-test-vi by name", single.getMessage());
        ActionException version = assertThrows(ActionException.class, () -> run(install(),
                params("name", PACKAGE, "version", "9.9-9"), context));
        assertEquals("version 9.9-9 of " + PACKAGE + " is not in the configured apt sources", version.getMessage());
        ActionException dependents = assertThrows(ActionException.class, () -> run(remove(),
                params("name", "llmos-test-lib"), context));
        assertEquals("removing llmos-test-lib would also remove 1 package that depends on it (llmos-test-app); "
                + "pkg.remove removes one package only, so nothing was changed", dependents.getMessage());
        ActionException essential = assertThrows(ActionException.class, () -> run(remove(),
                params("name", "llmos-test-base"), context));
        assertTrue(essential.getMessage().startsWith("llmos-test-base is essential to the system"),
                essential.getMessage());
        Path noLists = Files.createDirectories(work.resolve("empty-lists"));
        ActionException empty = assertThrows(ActionException.class, () -> run(new PkgInstallAction(
                apt.options("Dir::State::Lists=" + noLists)), params("name", PACKAGE), context));
        assertEquals("package lists are empty: run apt-get update (or pkg.update) first", empty.getMessage());
        assertEquals("unknown", apt.dpkg(MISSING));
        assertFalse(apt.dpkg(PACKAGE).startsWith("installed"));
        assertTrue(apt.dpkg("llmos-test-lib").startsWith("installed"));
        assertTrue(apt.dpkg("llmos-test-base").startsWith("installed"));
        assertNull(context.inverse());
        assertTrue(context.reports().isEmpty(), "apt never started: " + context.reports());
    }

    @Test
    void aLockedPackageManagerIsRefusedNamingTheHolder() throws Exception {
        TestContext context = mutating();
        Path frontend = new Apt(apt.options()).dpkgLocks().getFirst();
        ActionException locked;
        try (FileChannel channel = FileChannel.open(frontend, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            assertTrue(lock.isValid());
            locked = assertThrows(ActionException.class, () -> run(install(), params("name", PACKAGE), context));
        }
        assertEquals("the package manager is locked: " + frontend + " is held by process "
                + ProcessHandle.current().pid() + " (java); another apt or dpkg is running, try again when it has "
                + "finished", locked.getMessage());
        assertFalse(apt.dpkg(PACKAGE).startsWith("installed"));
        assertNull(context.inverse());
        assertTrue(context.reports().isEmpty());
    }

    @Test
    void aCancelDuringTheDownloadStopsAptBeforeDpkgRuns() throws Exception {
        // the download stalls half-way until the test ends, so the cancel lands while apt is fetching
        apt.hold(PACKAGE + "_" + VERSION + "_all.deb");
        Path archives = PrivateApt.forApt(work.resolve("held-archives/partial"));
        PkgInstallAction held = new PkgInstallAction(apt.options("Dir::Cache::Archives=" + archives));
        TestContext context = mutating().cancelWhen(reports -> reports.stream()
                .anyMatch(report -> report.message().startsWith("Retrieving")));
        try {
            ActionException cancelled = assertThrows(ActionException.class, () -> run(held, params("name", PACKAGE),
                    context));
            assertTrue(cancelled.getMessage().startsWith("cancelled while apt was downloading: dpkg never ran, so "
                    + "nothing was changed (" + PACKAGE + " is not installed"), cancelled.getMessage());
            assertNotEquals(0, cancelled.exitCode());
        } finally {
            apt.release();
        }
        assertFalse(apt.dpkg(PACKAGE).startsWith("installed"));
        assertTrue(Locks.held(new Apt(apt.options()).dpkgLocks()).isEmpty(), "apt released its locks");
        assertNull(context.inverse());
    }

    @Test
    void withoutRootPreviewsWorkAndChangesAreRefused() throws Exception {
        List<String> args = new ArrayList<>(List.of(PACKAGE));
        args.addAll(apt.options());
        Probe.Outcome probe = Probe.runAs(65534, 65534, work, UnprivilegedProbe.class, args);
        assertEquals(0, probe.exit(), probe.output());
        assertEquals(6, probe.passed(), probe.output());
    }

    @Test
    void updateDownloadsTheListsOfTheConfiguredSources() throws Exception {
        Path lists = PrivateApt.forApt(work.resolve("update-lists/partial"));
        PkgUpdateAction update = new PkgUpdateAction(apt.options("Dir::State::Lists=" + lists));
        PkgUpdateAction.Sources preview = TestContext.readOnly().preview(update, new PkgUpdateAction.Params());
        assertEquals(List.of(apt.url() + " ./"), preview.sources());
        TestContext context = mutating();
        PkgUpdateAction.Updated updated = run(update, params(), context);
        assertTrue(updated.changed() >= 1, updated.toString());
        assertNotEquals("0 B", updated.fetched());
        assertRising(context.reports());
        assertNull(context.inverse());
        try (var files = Files.list(lists)) {
            List<String> names = files.map(file -> file.getFileName().toString()).toList();
            assertTrue(names.stream().anyMatch(name -> name.contains("_Packages")), names.toString());
        }
    }

    // ---- helpers

    private static PkgInstallAction install() {
        return new PkgInstallAction(apt.options());
    }

    private static PkgRemoveAction remove() {
        return new PkgRemoveAction(apt.options());
    }

    private static PkgInfoAction.Info info(String name) throws Exception {
        return run(new PkgInfoAction(apt.options()), params("name", name), TestContext.readOnly());
    }

    /** a context for a run that changes the system: it may register an inverse. */
    private static TestContext mutating() {
        return TestContext.withQuarantine(work.resolve("quarantine"));
    }

    static ObjectNode params(Object... namesAndValues) {
        return Harness.params(namesAndValues);
    }

    private static <P extends Record> P bind(Class<P> type, String action, ObjectNode params) throws Exception {
        return type.cast(Harness.bind(action, params).value());
    }

    /** validates params through the catalog as the daemon does, then runs {@code action} in {@code context}. */
    @SuppressWarnings("unchecked")
    private static <R> R run(Action<?> action, ObjectNode params, TestContext context) throws Exception {
        return context.execute((Action<Record>) action, Harness.bind(action.name(), params).value());
    }

    /** runs an inverse as {@code undo.apply} would: its params through json and its schema. */
    private static <R> R undo(TestContext.Inverse inverse, TestContext context) throws Exception {
        ObjectNode params = (ObjectNode) Json.toTree(inverse.params());
        params.properties().removeIf(field -> field.getValue().isNull());
        Action<?> action = switch (inverse.action()) {
            case "pkg.install" -> install();
            case "pkg.remove" -> remove();
            default -> throw new AssertionError("unexpected inverse " + inverse.action());
        };
        return run(action, params, context);
    }

    /** progress fractions are all present, never fall, and end at 1. */
    private static void assertRising(List<TestContext.Report> reports) {
        assertFalse(reports.isEmpty());
        double previous = 0;
        for (TestContext.Report report : reports) {
            assertTrue(report.fraction() != null && report.fraction() >= previous && report.fraction() <= 1.0,
                    reports.toString());
            previous = report.fraction();
        }
        assertEquals(1.0, previous, reports.toString());
    }
}
