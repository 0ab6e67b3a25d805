package dev.llmos.policy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * a {@link PolicyInput} flattened once per evaluation for the matchers: the home and every path
 * param as text, in input order, so rules loop over arrays instead of maps of lists.
 */
final class Facts {
    final PolicyInput input;
    /** the home directory as text, or null. */
    final String home;
    /** the wire name of the param each path came from. */
    final String[] names;
    /** every path param value as text; {@code names[i]} is the param of {@code paths[i]}. */
    final String[] paths;

    Facts(PolicyInput input) {
        this.input = input;
        this.home = input.home() == null ? null : input.home().toString();
        int count = 0;
        for (List<Path> list : input.paths().values()) {
            count += list.size();
        }
        names = new String[count];
        paths = new String[count];
        int i = 0;
        for (Map.Entry<String, List<Path>> param : input.paths().entrySet()) {
            for (Path path : param.getValue()) {
                names[i] = param.getKey();
                paths[i++] = path.toString();
            }
        }
    }
}
