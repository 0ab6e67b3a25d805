package dev.llmos.policy;

import dev.llmos.action.PathParam;
import dev.llmos.action.Risk;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * the built-in protections, the one layer configuration cannot lift. any action that is not a
 * read (write, destructive, system) is denied, for every caller including root, on a path inside
 * a protected tree, on a protected path itself, and on any directory containing one (so deleting
 * {@code /etc} or {@code /} recursively is denied, while {@code /etc/hostname} is not protected).
 * path params the action only reads or runs are not checked; an output (a file even a read action
 * creates) always is ({@link PolicyInput#role}). the daemon adds its own files wherever they are
 * (its state directory, configuration, policy, socket), since a write there could rewrite its
 * audit log or policy.
 */
final class ProtectedPaths {
    static final String RULE = "builtin.protected";

    /** protected with everything beneath them. */
    static final List<String> TREES = List.of(
            "/etc/passwd", "/etc/shadow", "/etc/group", "/etc/gshadow", "/etc/sudoers", "/etc/sudoers.d",
            "/etc/pam.d", "/etc/fstab", "/etc/llm-os", "/boot", "/usr", "/bin", "/sbin", "/lib", "/lib32",
            "/lib64", "/libx32", "/proc", "/sys", "/dev", "/var/lib/llm-osd");

    /** protected themselves, like every directory containing a protected path; what they contain is not. */
    static final List<String> NODES = List.of(
            "/", "/etc", "/home", "/root", "/var", "/var/lib", "/var/log", "/tmp", "/run", "/opt", "/srv",
            "/mnt", "/media");

    /** every protected path and every directory containing one. */
    private final Set<String> exact = new HashSet<>();
    /** the built-in trees and the daemon's own. */
    private final List<String> trees;
    private final List<String> own;

    /** @param own the daemon's own files and directories, as canonical absolute paths, protected as trees */
    ProtectedPaths(List<String> own) {
        this.own = List.copyOf(own);
        this.trees = concat(TREES, this.own);
        for (String path : concat(trees, NODES)) {
            for (Path node = Path.of(path); node != null; node = node.getParent()) {
                exact.add(node.toString());
            }
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** the deny for the request, or null when no protection applies. */
    RuleMatch check(Facts facts) {
        Risk risk = facts.input.risk();
        for (int i = 0; i < facts.paths.length; i++) {
            PathParam.Role role = facts.input.role(facts.names[i]);
            boolean guarded = role == PathParam.Role.OUTPUT || (role == PathParam.Role.TARGET && risk != Risk.READ);
            if (!guarded) {
                continue;
            }
            String why = why(facts.paths[i]);
            if (why != null) {
                String verb = risk == Risk.WRITE || risk == Risk.READ ? "writes" : risk.wireName() + " actions";
                return new RuleMatch(RULE, Decision.DENY, facts.names[i] + " " + why + "; " + verb
                        + " there are denied for everyone, root included", RuleMatch.Layer.PROTECTED);
            }
        }
        return null;
    }

    private String why(String path) {
        if (exact.contains(path)) {
            return path + " is a protected path";
        }
        for (String tree : trees) {
            if (path.startsWith(tree) && path.length() > tree.length() && path.charAt(tree.length()) == '/') {
                return path + " is inside the protected tree " + tree;
            }
        }
        return null;
    }

    /** the protections as comment lines for {@link Policy#show()}. */
    String describe() {
        return "# built-in protections (layer protected; configuration cannot lift them): every action but a read\n"
                + "# is denied, for every caller including root, inside these trees, on them and on any directory\n"
                + "# containing them:\n"
                + "#   " + String.join(" ", TREES) + "\n"
                + (own.isEmpty() ? "" : "# and the daemon's own files:\n#   " + String.join(" ", own) + "\n")
                + "# and on these paths and any directory containing them (not on what they contain):\n"
                + "#   " + String.join(" ", NODES) + "\n";
    }
}
