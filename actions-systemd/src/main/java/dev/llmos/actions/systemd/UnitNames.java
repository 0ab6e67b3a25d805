package dev.llmos.actions.systemd;

import dev.llmos.action.ActionException;
import java.util.Set;

/**
 * systemd's unit name grammar, checked before a name reaches systemctl or journalctl:
 * {@code prefix[@instance].type}, where the prefix uses letters, digits and {@code :_.\-}, the
 * instance may also use {@code @}, and the type is one of systemd's unit types. a name without a
 * known type gets {@code .service}, as systemctl itself assumes. a leading {@code -} is refused
 * (it could read as an option), and so is anything longer than systemd's 256 characters.
 */
public final class UnitNames {
    /** the longest unit name systemd accepts ({@code UNIT_NAME_MAX}). */
    public static final int MAX = 256;

    /**
     * the schema's bound on a unit param (the full check is {@link #normalize}): the characters of
     * a unit name, not starting with {@code -}.
     */
    public static final String PATTERN = "^[A-Za-z0-9:_.\\\\@][A-Za-z0-9:_.\\\\@-]{0,255}$";

    /** the unit types, i.e. the suffixes a unit name may end with. */
    public static final Set<String> TYPES = Set.of("service", "socket", "target", "device", "mount", "automount",
            "swap", "timer", "path", "slice", "scope");

    /** the characters of a unit name's prefix ({@code VALID_CHARS} in systemd). */
    private static final String PREFIX_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:-_.\\";

    private UnitNames() {
    }

    /** what a name is allowed to be. */
    public enum Template {
        /** only a concrete unit ({@code name.service} or {@code name@instance.service}). */
        REFUSE,
        /** a template without instance ({@code name@.service}) is allowed too (enable, disable). */
        ALLOW
    }

    /**
     * the full unit name for {@code text}: validated, with {@code .service} added when it names no
     * type. throws with a message that says what is wrong.
     */
    public static String normalize(String text, Template template) throws ActionException {
        if (text == null || text.isEmpty()) {
            throw new ActionException("invalid unit name: it is empty");
        }
        if (text.startsWith("-")) {
            throw new ActionException("invalid unit name '" + text + "': it must not start with '-'");
        }
        String name = hasType(text) ? text : text + ".service";
        if (name.length() > MAX) {
            throw new ActionException("invalid unit name: longer than " + MAX + " characters");
        }
        int dot = name.lastIndexOf('.');
        String stem = name.substring(0, dot);
        int at = stem.indexOf('@');
        String prefix = at < 0 ? stem : stem.substring(0, at);
        if (prefix.isEmpty()) {
            throw new ActionException("invalid unit name '" + text + "': nothing before the " + (at < 0 ? "type" : "'@'"));
        }
        if (!only(prefix, PREFIX_CHARS)) {
            throw new ActionException("invalid unit name '" + text + "': only letters, digits and : - _ . \\ may "
                    + "name a unit (and @ before an instance)");
        }
        if (at >= 0) {
            String instance = stem.substring(at + 1);
            if (instance.isEmpty() && template == Template.REFUSE) {
                throw new ActionException("invalid unit name '" + text + "': a template needs an instance, like "
                        + prefix + "@something." + name.substring(dot + 1));
            }
            if (!only(instance, PREFIX_CHARS + "@")) {
                throw new ActionException("invalid unit name '" + text + "': only letters, digits and : - _ . \\ @ "
                        + "may name an instance");
            }
        }
        return name;
    }

    /** true when {@code text} ends with a dot and a known unit type. */
    static boolean hasType(String text) {
        int dot = text.lastIndexOf('.');
        return dot > 0 && TYPES.contains(text.substring(dot + 1));
    }

    private static boolean only(String text, String allowed) {
        for (int i = 0; i < text.length(); i++) {
            if (allowed.indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
