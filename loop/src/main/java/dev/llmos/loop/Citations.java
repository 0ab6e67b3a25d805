package dev.llmos.loop;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** the steps an answer cites, as {@code [s2]} or {@code [s2, s5]}, in the order first cited. */
public final class Citations {
    private static final Pattern GROUP = Pattern.compile("\\[(s[1-9][0-9]{0,3}(?:\\s*,\\s*s[1-9][0-9]{0,3})*)]");
    private static final Pattern ID = Pattern.compile("s[1-9][0-9]{0,3}");

    private Citations() {
    }

    public static List<String> of(String answer) {
        Set<String> ids = new LinkedHashSet<>();
        Matcher group = GROUP.matcher(answer);
        while (group.find()) {
            Matcher id = ID.matcher(group.group(1));
            while (id.find()) {
                ids.add(id.group());
            }
        }
        return new ArrayList<>(ids);
    }
}
