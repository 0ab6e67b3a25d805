package dev.llmos.actions.packages;

import dev.llmos.action.ActionException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** what dpkg's database says about packages, through {@code dpkg-query}. */
final class Dpkg {
    /** dpkg states in which a package's files are on the system and configured. */
    private static final Set<String> INSTALLED = Set.of("installed", "triggers-awaiting", "triggers-pending");
    private static final String FORMAT =
            "${Package}\\t${Version}\\t${db:Status-Status}\\t${Installed-Size}\\t${Architecture}\\t${Section}\\n";

    private Dpkg() {
    }

    /**
     * one package in dpkg's database.
     *
     * @param status dpkg's state word: {@code installed}, {@code config-files}, {@code half-configured}, ...
     * @param installedKib the installed size in kib, 0 when unknown
     */
    record State(String name, String version, String status, long installedKib, String architecture, String section) {
        /** whether the package is installed and configured (possibly with triggers pending). */
        boolean installed() {
            return INSTALLED.contains(status);
        }
    }

    /** the state of one package, empty when dpkg has never heard of it. */
    static Optional<State> state(Apt apt, String name) throws ActionException {
        List<State> states = new ArrayList<>(states(apt, List.of(name)).values());
        return states.isEmpty() ? Optional.empty() : Optional.of(states.getFirst());
    }

    /**
     * the states of packages dpkg knows, by name; for a package installed for several
     * architectures, the installed instance (or else the first).
     */
    static Map<String, State> states(Apt apt, Collection<String> names) throws ActionException {
        Map<String, State> states = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return states;
        }
        List<String> args = new ArrayList<>(List.of("-W", "-f=" + FORMAT, "--"));
        args.addAll(names);
        Apt.Output output = Apt.run(apt.dpkgQuery(args));
        // exit 1 means some name is unknown: the known ones are still printed
        if (output.exit() > 1) {
            throw new ActionException("dpkg-query failed", output.exit(), output.stderrTail());
        }
        for (String line : output.stdout().split("\n")) {
            String[] fields = line.split("\t", -1);
            if (fields.length < 6 || fields[0].isEmpty()) {
                continue;
            }
            State state = new State(fields[0], fields[1], fields[2], parseLong(fields[3]), fields[4], fields[5]);
            State previous = states.get(state.name());
            if (previous == null || (!previous.installed() && state.installed())) {
                states.put(state.name(), state);
            }
        }
        return states;
    }

    /** whether apt marked the package as installed automatically (as a dependency); null when unknown. */
    static Boolean autoInstalled(Apt apt, String name) {
        try {
            String current = null;
            for (String line : Files.readAllLines(apt.extendedStates())) {
                if (line.startsWith("Package:")) {
                    current = line.substring(8).strip();
                } else if (line.startsWith("Auto-Installed:") && name.equals(current)
                        && line.substring(15).strip().equals("1")) {
                    return true;
                }
            }
            // a package apt has no record of was installed by hand (or by dpkg directly)
            return false;
        } catch (IOException e) {
            return null;
        }
    }

    static long parseLong(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
