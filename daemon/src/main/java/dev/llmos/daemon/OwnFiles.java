package dev.llmos.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * the daemon's own files, wherever its command line put them, as policy sees paths (absolute,
 * symlinks resolved): its state directory (audit log, undo journal, quarantine), its
 * configuration, its policy and drop-ins, its audit anchor file. policy protects them like the
 * built-in trees, so no action (whoever asks) writes onto the audit log of a daemon started with
 * {@code --state-dir /srv/x} or the policy it was given with {@code --policy}.
 */
final class OwnFiles {
    private OwnFiles() {
    }

    static List<String> of(Path stateDir, Path config, Path policy, Path anchorFile) {
        Set<String> own = new LinkedHashSet<>();
        for (Path path : List.of(stateDir, config, policy, policy.resolveSibling("policy.d"), anchorFile)) {
            own.add(canonical(path));
        }
        return List.copyOf(own);
    }

    /** {@code path} with the symlinks of its deepest existing ancestor resolved, the rest appended. */
    static String canonical(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        List<Path> missing = new ArrayList<>();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            missing.addFirst(existing.getFileName());
            existing = existing.getParent();
        }
        Path resolved;
        try {
            resolved = existing == null ? Path.of("/") : existing.toRealPath();
        } catch (IOException e) {
            resolved = existing;
        }
        for (Path name : missing) {
            resolved = resolved.resolve(name);
        }
        return resolved.toString();
    }
}
