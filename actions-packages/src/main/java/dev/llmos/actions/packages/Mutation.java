package dev.llmos.actions.packages;

import dev.llmos.action.ActionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** what {@code pkg.install} and {@code pkg.remove} share: the real apt-get command and its failures. */
final class Mutation {
    private Mutation() {
    }

    /**
     * {@code apt-get -y -q ... VERB -- TARGET}, non-interactive: conffiles keep the local version
     * ({@code --force-confdef --force-confold}), dpkg writes to a pipe, not a pty, and the status
     * lines go to stderr. with {@code noRemove}, apt aborts instead of removing anything.
     */
    static List<String> argv(Apt apt, String verb, boolean noRemove, String target) throws ActionException {
        List<String> args = new ArrayList<>(List.of("-y", "-q"));
        if (noRemove) {
            args.add("--no-remove");
        }
        for (String option : List.of("Dpkg::Options::=--force-confdef", "Dpkg::Options::=--force-confold",
                "Dpkg::Use-Pty=0", "APT::Status-Fd=2")) {
            args.add("-o");
            args.add(option);
        }
        args.addAll(List.of(verb, "--", target));
        return apt.aptGet(args);
    }

    /**
     * the error for a run that did not end with the wanted state: what apt said, and in what state
     * it left the package.
     *
     * @param doing e.g. {@code installing hello}
     * @param now the package's state after the run
     * @param wanted whether the run was to leave the package installed
     * @param action the action's name, for the policy hint
     */
    static ActionException failure(String doing, String name, StatusRun.Result run, Optional<Dpkg.State> now,
            boolean wanted, String action) {
        Apt.Output output = run.output();
        Optional<ActionException> locked = Locks.fromApt(output);
        if (locked.isPresent()) {
            return locked.get();
        }
        List<String> errors = Apt.errors(output.stderr());
        String state = describe(name, now);
        boolean untouched = run.phase() != StatusRun.Phase.CHANGING;
        if (run.interrupted() && untouched) {
            return new ActionException("cancelled while apt was " + (run.phase() == StatusRun.Phase.DOWNLOADING
                    ? "downloading" : "planning") + ": dpkg never ran, so nothing was changed (" + state
                    + "; partial downloads stay in apt's cache and are resumed next time)", output.exit(),
                    output.stderrTail());
        }
        for (String error : errors) {
            if (error.startsWith("Could not open lock file") || error.endsWith("are you root?")) {
                return new ActionException(doing + " needs root: policy must grant run_as root for " + action,
                        output.exit(), output.stderrTail());
            }
            if (error.startsWith("dpkg was interrupted")) {
                return new ActionException("dpkg was interrupted by an earlier run and must be repaired first: "
                        + "run dpkg --configure -a as root; nothing was changed", output.exit(), output.stderrTail());
            }
            if (error.startsWith("Packages need to be removed but remove is disabled")) {
                return new ActionException(doing + " would now remove other packages (the system changed since the "
                        + "plan was made); nothing was changed", output.exit(), output.stderrTail());
            }
        }
        List<String> reasons = new ArrayList<>(errors);
        reasons.addAll(run.dpkgErrors());
        String why = reasons.isEmpty() ? "apt-get exited with " + output.exit() : String.join("; ", reasons);
        String outcome;
        if (untouched) {
            outcome = "dpkg never ran, so nothing was changed (" + state + ")";
        } else if (now.isPresent() && now.get().installed() == wanted) {
            outcome = state + ", but apt reported errors";
        } else if (now.isPresent() && !now.get().installed() && !now.get().status().equals("config-files")
                && !now.get().status().equals("not-installed")) {
            outcome = state + ": run dpkg --configure -a (or apt-get -f install) as root to repair it";
        } else {
            outcome = state;
        }
        return new ActionException(doing + " failed: " + why + "; " + outcome, output.exit(),
                Apt.tail(output.stderr().isBlank() ? output.stdout() : output.stderr()));
    }

    /** "hello 2.10-3 is installed", "hello is not installed", "hello is half-configured". */
    static String describe(String name, Optional<Dpkg.State> state) {
        if (state.isEmpty() || state.get().status().equals("not-installed")) {
            return name + " is not installed";
        }
        Dpkg.State known = state.get();
        if (known.installed()) {
            return name + " " + known.version() + " is installed";
        }
        if (known.status().equals("config-files")) {
            return name + " is not installed (only its configuration files remain)";
        }
        return name + " " + known.version() + " is " + known.status();
    }
}
