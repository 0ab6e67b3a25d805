package dev.llmos.planner;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * what the planner may look up about the machine so that it never invents a name: the units, packages,
 * users, programs and time zones that exist. a name the request gives that the machine does not know is
 * asked about, not planned.
 */
interface Machine {
    /** every systemd unit the machine has a unit file for, by full name ({@code nginx.service}), sorted. */
    List<String> units();

    /** true when the package is installed. */
    boolean packageInstalled(String name);

    /** true when the package can be installed; empty when the machine cannot tell (no package cache). */
    Optional<Boolean> packageAvailable(String name);

    /** the home directory of a user of the user database; empty for an unknown user. */
    Optional<Path> home(String user);

    /** true when a bare program name runs something ({@code proc.run} would find it). */
    boolean program(String name);

    /** the tz database name {@code text} means, matched without regard to case; empty when none. */
    Optional<String> zone(String text);

    /** true when {@code path} is an existing directory. */
    boolean isDirectory(Path path);
}
