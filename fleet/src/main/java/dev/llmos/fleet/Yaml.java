package dev.llmos.fleet;

import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * writes the yaml of a playbook with snakeyaml (the yaml library jackson's yaml format is built
 * on). a string that came from a plan is written {@code !unsafe} and double-quoted, so ansible
 * never runs it through jinja: a plan saying <code>{{ lookup('pipe', 'id') }}</code> is text on the
 * host, not a command on the controller. every character outside printable ascii is escaped
 * ({@code allowUnicode} off), so nothing in the file can drive a terminal or hide from a reviewer
 * (controls, bidi overrides, zero-width characters): it reads as what it does. pure.
 */
final class Yaml {
    /** the tag ansible reads as "never template this". */
    private static final Tag UNSAFE = new Tag("!unsafe");

    /** a string from a plan: ansible takes it as it is, never as a template. */
    record Unsafe(String text) {
    }

    private Yaml() {
    }

    /**
     * a yaml document of the top-level list (the plays), after {@code comments} (fixed text).
     *
     * @throws IllegalArgumentException when a value has no yaml form (a lone surrogate)
     */
    static String document(List<?> plays, List<String> comments) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setAllowUnicode(false);
        options.setSplitLines(false);
        options.setExplicitStart(true);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        StringBuilder out = new StringBuilder();
        for (String comment : comments) {
            out.append("# ").append(comment).append('\n');
        }
        try {
            return out.append(new org.yaml.snakeyaml.Yaml(new PlaybookRepresenter(options), options).dump(plays)).toString();
        } catch (YAMLException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** snakeyaml's representer, with {@link Unsafe} as a tagged, double-quoted string. */
    private static final class PlaybookRepresenter extends Representer {
        PlaybookRepresenter(DumperOptions options) {
            super(options);
            representers.put(Unsafe.class, data -> new ScalarNode(UNSAFE, ((Unsafe) data).text(), null, null,
                    DumperOptions.ScalarStyle.DOUBLE_QUOTED));
        }
    }
}
