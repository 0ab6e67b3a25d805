package dev.llmos.actions.proc;

import dev.llmos.action.ActionException;
import dev.llmos.action.Programs;
import java.nio.file.Path;

/** the system programs the sandboxes start, looked up like any program (never in the daemon's own {@code PATH}). */
final class Tools {
    private Tools() {
    }

    /** the real path of {@code name}, or a clear error naming the package that provides it. */
    static String require(String name, String debianPackage) throws ActionException {
        return Programs.resolve(name).map(Path::toString).orElseThrow(() -> new ActionException(
                name + " is not installed (install the " + debianPackage + " package); proc.run needs it to confine programs"));
    }

    static boolean present(String name) {
        return Programs.resolve(name).isPresent();
    }
}
