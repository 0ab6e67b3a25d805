package dev.llmos.shell;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * the repl's history file: {@code $XDG_STATE_HOME/llmsh/history}, else
 * {@code $HOME/.local/state/llmsh/history}, mode 0600 in a directory of mode 0700 (both set again
 * when found wider). only command lines are kept, never the answers to prompts, and never a line
 * that carries a sensitive param's value; the repl decides which lines those are.
 */
final class History {
    static final int KEEP = 1000;
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

    private final Path file;

    History(Path file) {
        this.file = file;
    }

    /** where the history lives for this environment. */
    static Path location(Map<String, String> env) {
        String state = env.get("XDG_STATE_HOME");
        if (state != null && state.startsWith("/")) {
            return Path.of(state, "llmsh", "history");
        }
        String home = env.get("HOME");
        Path base = home != null && home.startsWith("/") ? Path.of(home) : Path.of(System.getProperty("user.home"));
        return base.resolve(".local/state/llmsh/history");
    }

    /** the kept lines, oldest first (at most {@link #KEEP}); the file is trimmed when it grew past twice that. */
    List<String> load() throws IOException {
        secure();
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> kept = new ArrayList<>(lines.subList(Math.max(0, lines.size() - KEEP), lines.size()));
        if (lines.size() > 2 * KEEP) {
            Path temp = Files.createTempFile(file.getParent(), ".history", ".tmp", PosixFilePermissions.asFileAttribute(FILE_MODE));
            Files.write(temp, kept, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return kept;
    }

    /** appends one command line. */
    void append(String line) throws IOException {
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            return;
        }
        secure();
        FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(FILE_MODE);
        try (SeekableByteChannel channel = Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND), mode);
             var out = Channels.newOutputStream(channel)) {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** creates the directory 0700 and narrows the directory and file to 0700 and 0600 when wider. */
    private void secure() throws IOException {
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
        }
        if (!Files.getPosixFilePermissions(dir).equals(DIR_MODE)) {
            Files.setPosixFilePermissions(dir, DIR_MODE);
        }
        if (Files.exists(file) && !Files.getPosixFilePermissions(file).equals(FILE_MODE)) {
            Files.setPosixFilePermissions(file, FILE_MODE);
        }
    }
}
