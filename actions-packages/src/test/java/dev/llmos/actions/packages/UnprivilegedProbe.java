package dev.llmos.actions.packages;

import static dev.llmos.action.testkit.Probe.expect;
import static dev.llmos.action.testkit.Probe.failure;

import dev.llmos.action.testkit.Probe;
import dev.llmos.action.testkit.TestContext;
import java.util.Arrays;
import java.util.List;

/**
 * runs as a user who is not root (started by {@link PackagesTest} through setpriv) against the
 * test's private apt root: previews and read-only actions work, and every action that changes the
 * system refuses with the message that says what policy must grant. arguments: the package to try,
 * then the apt options of the root.
 */
public final class UnprivilegedProbe {
    private UnprivilegedProbe() {
    }

    public static void main(String[] args) {
        String name = args[0];
        List<String> options = Arrays.asList(args).subList(1, args.length);
        Probe probe = new Probe();
        probe.check("the install preview simulates as any user", () -> {
            Changes preview = TestContext.readOnly().preview(new PkgInstallAction(options),
                    new PkgInstallAction.Params(name, null));
            expect(true, preview.install().stream().anyMatch(change -> change.name().equals(name)));
            expect(true, preview.downloadBytes() > 0);
        });
        probe.check("install needs root", () -> expect("installing packages needs root: policy must grant run_as root "
                + "for pkg.install", failure(() -> TestContext.readOnly().execute(new PkgInstallAction(options),
                        new PkgInstallAction.Params(name, null)))));
        probe.check("installing what is installed is a no-op that needs no root", () -> {
            PkgInstallAction.Installed noop = TestContext.readOnly().execute(new PkgInstallAction(options),
                    new PkgInstallAction.Params("llmos-test-lib", null));
            expect("already_installed", noop.status());
        });
        probe.check("remove needs root", () -> expect("removing packages needs root: policy must grant run_as root "
                + "for pkg.remove", failure(() -> TestContext.readOnly().execute(new PkgRemoveAction(options),
                        new PkgRemoveAction.Params("llmos-test-lib", null)))));
        probe.check("update needs root", () -> expect("updating the package lists needs root: policy must grant run_as "
                + "root for pkg.update", failure(() -> TestContext.readOnly().execute(new PkgUpdateAction(options),
                        new PkgUpdateAction.Params()))));
        probe.check("search works as any user", () -> {
            PkgSearchAction.Results results = TestContext.readOnly().execute(new PkgSearchAction(options),
                    new PkgSearchAction.Params(name, 5, true));
            expect(name, results.packages().getFirst().name());
        });
        probe.exit();
    }
}
