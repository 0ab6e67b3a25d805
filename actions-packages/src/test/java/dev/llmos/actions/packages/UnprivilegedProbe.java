package dev.llmos.actions.packages;

import dev.llmos.action.ActionException;
import dev.llmos.action.testkit.TestContext;
import java.util.Objects;

/**
 * runs as a user who is not root (started by {@link PackagesTest} through setpriv): previews and
 * read-only actions work, and every action that changes the system refuses with the message that
 * says what policy must grant. prints {@code ok NAME} or {@code FAIL NAME: why} per check; the exit
 * status says whether all passed.
 */
public final class UnprivilegedProbe {
    private static int failures;

    private UnprivilegedProbe() {
    }

    @FunctionalInterface
    private interface Check {
        void run() throws Exception;
    }

    public static void main(String[] args) {
        String name = args[0];
        check("the install preview simulates as any user", () -> {
            Changes preview = new PkgInstallAction().preview(new PkgInstallAction.Params(name, null),
                    TestContext.readOnly());
            expect(true, preview.install().stream().anyMatch(change -> change.name().equals(name)));
            expect(true, preview.downloadBytes() > 0);
        });
        check("install needs root", () -> expect("installing packages needs root: policy must grant run_as root "
                + "for pkg.install", failure(() -> new PkgInstallAction().execute(
                        new PkgInstallAction.Params(name, null), TestContext.readOnly()))));
        check("installing what is installed is a no-op that needs no root", () -> {
            PkgInstallAction.Installed noop = new PkgInstallAction().execute(new PkgInstallAction.Params("apt", null),
                    TestContext.readOnly());
            expect("already_installed", noop.status());
        });
        check("remove needs root", () -> expect("removing packages needs root: policy must grant run_as root "
                + "for pkg.remove", failure(() -> new PkgRemoveAction().execute(
                        new PkgRemoveAction.Params("apt", null), TestContext.readOnly()))));
        check("update needs root", () -> expect("updating the package lists needs root: policy must grant run_as "
                + "root for pkg.update", failure(() -> new PkgUpdateAction().execute(new PkgUpdateAction.Params(),
                        TestContext.readOnly()))));
        check("search works as any user", () -> {
            PkgSearchAction.Results results = new PkgSearchAction().execute(
                    new PkgSearchAction.Params(name, 5, true), TestContext.readOnly());
            expect(name, results.packages().getFirst().name());
        });
        System.exit(failures == 0 ? 0 : 1);
    }

    private static void check(String name, Check check) {
        try {
            check.run();
            System.out.println("ok " + name);
        } catch (Exception | AssertionError e) {
            failures++;
            System.out.println("FAIL " + name + ": " + e);
        }
    }

    private static void expect(Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            throw new AssertionError("expected " + expected + " but was " + actual);
        }
    }

    private static String failure(Check check) throws Exception {
        try {
            check.run();
        } catch (ActionException e) {
            return e.getMessage();
        }
        throw new AssertionError("no failure");
    }
}
