package dev.llmos.actions.files;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * a mode as chmod(1) takes it: octal bits ({@code 644}, {@code 0755}, {@code 4755}), which replace the
 * old mode, or symbolic clauses ({@code +x}, {@code u+w}, {@code go-rwx}, {@code a+rX}, {@code u=rwx,go=r},
 * {@code o=g}), which change the old mode the way gnu chmod does. pure: {@link #apply} is a function of
 * the old mode, whether the entry is a directory, and the umask.
 */
public final class ModeSpec {
    /** one symbolic clause: who, then one or more operations. */
    private static final String CLAUSE = "[ugoa]*([-+=]([rwxXst]*|[ugo]))+";
    /** what the params schema accepts: octal, or comma-separated symbolic clauses. */
    public static final String PATTERN = "^([0-7]{3,4}|" + CLAUSE + "(," + CLAUSE + ")*)$";
    /** the umask symbolic modes without a who are applied with (the caller's own umask is not known). */
    public static final int UMASK = 022;

    private static final Pattern OCTAL = Pattern.compile("[0-7]{1,4}");
    private static final Pattern SYMBOLIC = Pattern.compile(CLAUSE + "(," + CLAUSE + ")*");
    private static final int USER = 04700;
    private static final int GROUP = 02070;
    private static final int OTHER = 01007;
    private static final int ALL = 07777;
    private static final int READ = 0444;
    private static final int WRITE = 0222;
    private static final int EXECUTE = 0111;
    private static final int SET_IDS = 06000;

    /** how a change takes its bits: as written, from a class of the mode as it stands, or x when fitting. */
    private enum Kind {
        ORDINARY, COPY, EXECUTE_IF_ANY
    }

    /**
     * one operation of a clause.
     *
     * @param affected the bits of the classes named before the operator, 0 when none was named
     * @param value the bits the permissions name (for a copy: the class to copy)
     * @param mentioned the bits the clause names, which a directory's set-id bits keep unless mentioned
     */
    private record Change(char op, Kind kind, int affected, int value, int mentioned) {
    }

    private final String text;
    private final Integer octal;
    private final List<Change> changes;

    private ModeSpec(String text, Integer octal, List<Change> changes) {
        this.text = text;
        this.octal = octal;
        this.changes = changes;
    }

    /** the mode in {@code text}; an {@link IllegalArgumentException} says what is wrong with it. */
    public static ModeSpec parse(String text) {
        if (OCTAL.matcher(text).matches()) {
            return new ModeSpec(text, Integer.parseInt(text, 8) & ALL, List.of());
        }
        if (!SYMBOLIC.matcher(text).matches()) {
            throw new IllegalArgumentException("not a mode: " + text + " (octal like 0644, or symbolic like u+x, "
                    + "go-w, a=rX)");
        }
        List<Change> changes = new ArrayList<>();
        for (String clause : text.split(",")) {
            int at = 0;
            int affected = 0;
            while (at < clause.length() && "ugoa".indexOf(clause.charAt(at)) >= 0) {
                affected |= who(clause.charAt(at++));
            }
            while (at < clause.length()) {
                char op = clause.charAt(at++);
                int value = 0;
                Kind kind = Kind.ORDINARY;
                while (at < clause.length() && "-+=".indexOf(clause.charAt(at)) < 0) {
                    char perm = clause.charAt(at++);
                    switch (perm) {
                        case 'r' -> value |= READ;
                        case 'w' -> value |= WRITE;
                        case 'x' -> value |= EXECUTE;
                        case 'X' -> kind = Kind.EXECUTE_IF_ANY;
                        case 's' -> value |= SET_IDS;
                        case 't' -> value |= 01000;
                        default -> {
                            // u, g or o: copy that class of the mode as it stands
                            value = who(perm) & 0777;
                            kind = Kind.COPY;
                        }
                    }
                }
                changes.add(new Change(op, kind, affected, value, affected != 0 ? affected & value : value));
            }
        }
        return new ModeSpec(text, null, List.copyOf(changes));
    }

    /** true when the mode is octal: it replaces the old mode whatever it was. */
    public boolean absolute() {
        return octal != null;
    }

    /** the mode an entry gets, from its old mode (permission and special bits), under {@link #UMASK}. */
    public int apply(int oldMode, boolean directory) {
        return apply(oldMode, directory, UMASK);
    }

    /** the mode an entry gets from {@code oldMode}, applying {@code umask} to clauses that name no class. */
    public int apply(int oldMode, boolean directory, int umask) {
        if (octal != null) {
            return octal;
        }
        int mode = oldMode & ALL;
        for (Change change : changes) {
            int omit = (directory ? SET_IDS : 0) & ~change.mentioned();
            int value = change.value();
            switch (change.kind()) {
                case COPY -> {
                    value &= mode;
                    value = ((value & READ) != 0 ? READ : 0) | ((value & WRITE) != 0 ? WRITE : 0)
                            | ((value & EXECUTE) != 0 ? EXECUTE : 0);
                }
                case EXECUTE_IF_ANY -> {
                    if ((mode & EXECUTE) != 0 || directory) {
                        value |= EXECUTE;
                    }
                }
                case ORDINARY -> {
                }
            }
            value &= (change.affected() != 0 ? change.affected() : ~umask) & ~omit;
            switch (change.op()) {
                case '=' -> {
                    int preserved = (change.affected() != 0 ? ~change.affected() : 0) | omit;
                    mode = (mode & preserved) | value;
                }
                case '+' -> mode |= value;
                default -> mode &= ~value;
            }
        }
        return mode & ALL;
    }

    @Override
    public String toString() {
        return text;
    }

    private static int who(char c) {
        return switch (c) {
            case 'u' -> USER;
            case 'g' -> GROUP;
            case 'o' -> OTHER;
            default -> ALL;
        };
    }
}
